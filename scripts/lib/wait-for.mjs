import net from 'node:net';

/** Whether something accepts a TCP connection at host:port within `timeoutMs`. */
export function tcpAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until a child's recent output (`tail`, as the supervisor keeps it) has a line matching
 * `pattern`: how a process that has no port of its own (the worker) says it is ready.
 * @returns {Promise<{ ok: true } | { ok: false, reason: string }>}
 */
export async function waitForLine(tail, pattern, { timeoutMs, signal, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  while (!signal?.aborted) {
    if (tail.some((line) => pattern.test(line))) return { ok: true };
    if (Date.now() > deadline) return { ok: false, reason: `not ready within ${timeoutMs / 1000} s` };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { ok: false, reason: 'aborted' };
}
