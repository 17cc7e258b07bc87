import nodemailer, { type SendMailOptions } from 'nodemailer';

/** SMTP connections the mailer keeps open: the sends of the drains' batches share them. */
const MAIL_CONNECTIONS = 8;

/**
 * One outgoing mail as the outbox keeps it; `link` is a console path such as `/issues/<id>`.
 * `messageId` names the message for good: a mail sent again after a crash between the SMTP
 * server's acceptance and our commit carries the same Message-ID, so it reads as one message.
 */
export type Mail = {
  to: string[];
  subject: string;
  text: string;
  link?: string | undefined;
  messageId?: string | undefined;
  /** The link is a secret (a password reset): once sent it is dropped from the outbox row. */
  secretLink?: boolean | undefined;
};

/** The Message-ID of an outbox row's mail: stable across every attempt to send it. */
export const outboxMessageId = (outboxId: string): string => `<${outboxId}@outbox.huiyin>`;
/** `signal` cuts a send off: dropped while queued for a connection, or its connection closed. */
export type Mailer = { send(mail: Mail, signal?: AbortSignal): Promise<void>; close(): void };

export type MailerOptions = {
  /** Where the console is reached (config `PUBLIC_URL`); a mail's link is made absolute with it. */
  publicUrl?: string | undefined;
};

/** The body as sent: the text, then the page to open, so every mail leads to its item. */
export function mailBody(mail: Mail, publicUrl: string | undefined): string {
  if (!mail.link || !publicUrl) return mail.text;
  return `${mail.text}\n\n在回音中查看 / Open in Huiyin: ${publicUrl.replace(/\/+$/, '')}${mail.link}`;
}

/**
 * SMTP through nodemailer; the URL carries host, port and (optionally) credentials. Pooled: a
 * connection (and its TLS handshake) per mail cost more than the mail (`?pool=false` or
 * `?maxConnections=2` in the URL set otherwise). A drain holds its batch's row locks while it
 * sends, so a server that stops answering fails a send within seconds, not nodemailer's minutes.
 */
export function createMailer(smtpUrl: string, from: string, options: MailerOptions = {}): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: MAIL_CONNECTIONS,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail, signal) {
      const message: SendMailOptions = { from, to: mail.to, subject: mail.subject, text: mailBody(mail, options.publicUrl), ...(mail.messageId ? { messageId: mail.messageId } : {}) };
      // nodemailer 10.6 takes `signal` (its README); the DefinitelyTyped types predate it.
      await transport.sendMail(signal ? ({ ...message, signal } as SendMailOptions) : message);
    },
    close: () => transport.close(),
  };
}
