export { createMailer, mailBody, outboxMessageId, type Mail, type Mailer, type MailerOptions } from './mailer.ts';
export { relayOutbox, type RelayResult } from './outbox-relay.ts';
export { deliverOutboxMail, retryDelayMs, type Delivery } from './deliver-mail.ts';
export { createMailQueue, createMailWorker, enqueueDueMail, MAIL_QUEUE, type MailJob } from './mail-queue.ts';
