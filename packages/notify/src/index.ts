export { createMailer, mailBody, outboxMessageId, type Mail, type Mailer, type MailerOptions } from './mailer.ts';
export { deliverOutboxMail, type Delivery } from './deliver-mail.ts';
export { createMailQueue, createMailWorker, enqueueDueMail, MAIL_QUEUE, type MailJob } from './mail-queue.ts';
