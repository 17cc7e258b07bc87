import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy a drill controls: `cut()` is a real connection loss for whoever talks through it. */
export type TcpProxy = {
  port: number;
  /** Resets every open connection and refuses new ones (ECONNREFUSED) until `restore()`. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Forwards <host>:<port> (loopback unless given) to `target`. Used to take PostgreSQL away from
 * one API process without restarting the shared server that other test runs use, and to offer a
 * server that listens on loopback only to another network namespace.
 */
export async function startTcpProxy(target: { host: string; port: number }, port = 0, host = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let server: Server | undefined;
  let boundPort = port;

  const listen = async () => {
    const s = createServer((client) => {
      const upstream = connect(target.port, target.host);
      open.add(client);
      open.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(boundPort, host, () => resolve());
    });
    boundPort = (s.address() as { port: number }).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    // resetAndDestroy sends RST, as a crashed server's host would; pg sees ECONNRESET.
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    if (s) await new Promise((resolve) => s.close(resolve));
  };

  await listen();
  return {
    port: boundPort,
    cut: stop,
    async restore() {
      if (!server) await listen();
    },
    close: stop,
  };
}
