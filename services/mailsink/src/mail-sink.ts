import type { AddressInfo } from 'node:net';
import { simpleParser, type EmailAddress } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { startMailPage, type MailPage } from './mail-page.ts';
import type { SinkMessage, StoredMessage } from './sink-message.ts';

export type MailSinkOptions = {
  /** SMTP port; 0 picks a free one, reported as `MailSink.port`. */
  smtpPort: number;
  /** Interface to bind both servers to. @defaultValue '127.0.0.1' */
  host?: string;
  /** Port of the web page and `/api/messages`; left out, no HTTP server starts. 0 picks a free one. */
  httpPort?: number;
  /** Messages kept before the oldest are dropped (a drill that counts every mail keeps them all). @defaultValue 1000 */
  maxKept?: number;
  /** Called after each message is parsed and stored (the dev entry point logs them). */
  onMessage?: (message: SinkMessage) => void;
  /**
   * false: each mail is accepted and counted, neither parsed nor kept (a load test's sink, whose
   * parsing would take the CPU it measures). @defaultValue true
   */
  parse?: boolean;
};

export type MailSink = {
  /** The bound SMTP port. */
  port: number;
  /** The bound HTTP port, when `httpPort` was given. */
  httpPort?: number;
  /** Received messages, oldest first. */
  messages(): ReadonlyArray<SinkMessage>;
  /** How many messages were accepted since the start, parsed or not. */
  received(): number;
  /**
   * Resolves with the first message, already received or still to come, that matches.
   * Rejects after `timeoutMs` (@defaultValue 10 000) naming the subjects it did see.
   */
  waitFor(predicate: (m: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  clear(): void;
  /** Stops both servers; pending `waitFor` calls reject. */
  close(): Promise<void>;
};

/** Oldest messages are dropped past this (unless told otherwise), so a sink left running for days stays small. */
const MAX_KEPT = 1000;
/** Bytes accepted per message; well above the 20 MiB attachment limit once base64-encoded. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

type Waiter = {
  predicate: (m: SinkMessage) => boolean;
  resolve: (m: SinkMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
};

/**
 * Starts an SMTP server that accepts every mail without auth or TLS, parses it, and keeps it in
 * memory for tests and for a developer to read on the optional web page.
 */
export async function startMailSink(opts: MailSinkOptions): Promise<MailSink> {
  const host = opts.host ?? '127.0.0.1';
  const maxKept = opts.maxKept ?? MAX_KEPT;
  const stored: StoredMessage[] = [];
  const waiters = new Set<Waiter>();
  let nextId = 1;
  let received = 0;

  const settle = (w: Waiter, done: () => void): void => {
    waiters.delete(w);
    clearTimeout(w.timer);
    done();
  };

  const receive = (message: SinkMessage): void => {
    stored.push({ id: nextId++, message });
    if (stored.length > maxKept) stored.splice(0, stored.length - maxKept);
    for (const w of waiters) {
      let matched: boolean;
      try {
        matched = w.predicate(message);
      } catch (err) {
        // A test's broken predicate fails that test, not the SMTP delivery of the mail.
        settle(w, () => w.reject(err instanceof Error ? err : new Error(String(err))));
        continue;
      }
      if (matched) settle(w, () => w.resolve(message));
    }
    opts.onMessage?.(message);
  };

  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    size: MAX_MESSAGE_BYTES,
    // Pooled clients keep connections open; don't let close() wait the default 30 s for them.
    closeTimeout: 1000,
    // A reverse DNS lookup of each client can stall for seconds where DNS is unreachable.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      readRaw(stream).then(
        async (raw) => {
          received++;
          if (opts.parse !== false) receive(await parseMessage(raw, session));
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  // SMTPServer re-emits socket errors (a client resetting mid-session) as 'error'; unhandled, that
  // would crash the process, and a sink has nothing better to do than drop the connection.
  smtp.on('error', () => {});
  await listen(smtp, opts.smtpPort, host);
  const port = (smtp.server.address() as AddressInfo).port;

  let page: MailPage | undefined;
  if (opts.httpPort !== undefined) {
    try {
      page = await startMailPage({ port: opts.httpPort, host, messages: () => stored, clear: () => (stored.length = 0) });
    } catch (err) {
      await closeSmtp(smtp);
      throw err;
    }
  }

  return {
    port,
    ...(page ? { httpPort: page.port } : {}),
    messages: () => stored.map((s) => s.message),
    received: () => received,
    async waitFor(predicate, timeoutMs = 10_000) {
      const found = stored.find((s) => predicate(s.message));
      if (found) return found.message;
      return new Promise<SinkMessage>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const seen = stored.map((s) => JSON.stringify(s.message.subject)).join(', ') || 'none';
            reject(new Error(`mail sink: no matching message within ${timeoutMs} ms (received: ${seen})`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    clear() {
      stored.length = 0;
    },
    async close() {
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.reject(new Error('mail sink closed'));
      }
      waiters.clear();
      await Promise.all([closeSmtp(smtp), page?.close()]);
    },
  };
}

async function readRaw(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  // smtp-server sets this after reading past `size`; the client gets a 552 instead of a silent cut.
  if (stream.sizeExceeded) {
    throw Object.assign(new Error(`message exceeds ${MAX_MESSAGE_BYTES} bytes`), { responseCode: 552 });
  }
  return Buffer.concat(chunks);
}

async function parseMessage(raw: Buffer, session: SMTPServerSession): Promise<SinkMessage> {
  const parsed = await simpleParser(raw);
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return {
    from: displayAddress(parsed.from?.value[0]) ?? envelopeFrom,
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    ...(parsed.html ? { html: parsed.html } : {}),
    receivedAt: new Date(),
    raw: raw.toString('utf8'),
  };
}

/** `Name <address>` without RFC 5322 quoting, as a person reads it; mailparser's `.text` quotes. */
function displayAddress(a: EmailAddress | undefined): string | undefined {
  if (!a?.address) return a?.name || undefined;
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

function listen(smtp: SMTPServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A bind failure (EADDRINUSE) arrives as 'error', not through the callback.
    smtp.once('error', reject);
    smtp.listen(port, host, () => {
      smtp.off('error', reject);
      resolve();
    });
  });
}

function closeSmtp(smtp: SMTPServer): Promise<void> {
  return new Promise((resolve) => smtp.close(() => resolve()));
}
