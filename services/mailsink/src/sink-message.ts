/** One mail as the sink received and parsed it. */
export type SinkMessage = Readonly<{
  /** The `From` header's first address as `Name <address>` (unquoted), or the envelope sender without one. */
  from: string;
  /** Envelope recipients (RCPT TO), bare addresses: what the SMTP client delivered to, Bcc included. */
  to: string[];
  subject: string;
  /** The plain-text body, or the text mailparser derived from the HTML part when there is none. */
  text: string;
  html?: string;
  receivedAt: Date;
  /** The whole message as received, headers included. */
  raw: string;
}>;

/** A message together with the id the web page links to; ids keep counting across `clear()`. */
export type StoredMessage = Readonly<{ id: number; message: SinkMessage }>;
