import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, resent } from './rig.ts';

/**
 * A server that answers the first request on each connection and resets the connection when a
 * second one comes on it: a kept-alive connection found closed as a request goes out.
 */
let base = '';
const sockets = new Set<Socket>();
const server = createServer((socket: Socket) => {
  sockets.add(socket);
  let served = 0;
  socket.on('data', () => {
    if (served++ === 0) socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
    else socket.resetAndDestroy();
  });
  socket.on('error', () => {});
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

describe("the drills' requests over kept-alive connections", () => {
  it('sends a read again once when its reused connection is reset, and never a write', async () => {
    expect((await request(base, 'GET', '/a')).status).toBe(200);
    const before = resent.reads;
    // Reuses the kept-alive connection, which the server resets: answered on a new one.
    const read = await request(base, 'GET', '/b');
    expect(read.status).toBe(200);
    expect(resent.reads).toBe(before + 1);
    // A write on a reused connection that is reset is reported as such, not sent twice.
    const write = await request(base, 'POST', '/c', { body: { x: 1 } });
    expect(write.status).toBe(0);
    expect(write.text).toContain('ECONNRESET');
    expect(resent.reads).toBe(before + 1);
  });
});
