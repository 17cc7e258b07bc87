// Development entry point: `scripts/start.mjs` runs this when the user has not set SMTP_URL, so
// the engine's mail has somewhere to go. Its two ports are the sink's own, not engine config.
import { startMailSink } from './mail-sink.ts';

function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid configuration:\n  ${name}: expected a port number, got ${JSON.stringify(value)}`);
    process.exit(1);
  }
  return port;
}

const host = '127.0.0.1';
const smtpPort = portFrom('MAILSINK_SMTP_PORT', 1025);
const httpPort = portFrom('MAILSINK_HTTP_PORT', 1080);
const sink = await startMailSink({
  smtpPort,
  httpPort,
  host,
  onMessage: (m) => console.log(`received ${JSON.stringify(m.subject)} for ${m.to.join(', ')}`),
}).catch((err: NodeJS.ErrnoException) => {
  const hint = err.code === 'EADDRINUSE' ? ` (port ${smtpPort} or ${httpPort} is taken: set MAILSINK_SMTP_PORT/MAILSINK_HTTP_PORT, or SMTP_URL to use your own server)` : '';
  console.error(`mail sink failed to start: ${err.message}${hint}`);
  process.exit(1);
});
console.log(`SMTP on ${host}:${sink.port}; mail at http://${host}:${sink.httpPort}/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sink.close().then(() => process.exit(0));
  });
}
