export { createMailer, type Mail, type Mailer } from './mailer.ts';
export { relayOutbox, retryDelayMs, type RelayResult } from './outbox-relay.ts';
