/**
 * `node --import tsx forward.ts <host> <port> <target port>`: offers the loopback server on
 * <target port> at <host>:<port>, for the scale-out drill's database host (its embedded
 * PostgreSQL listens on loopback only). Runs until killed.
 */
import { startTcpProxy } from './tcp-proxy.ts';

const [host = '', port = '', target = ''] = process.argv.slice(2);
await startTcpProxy({ host: '127.0.0.1', port: Number(target) }, Number(port), host);
console.log(`forwarding ${host}:${port} to 127.0.0.1:${target}`);
