export { createMailer, mailBody, outboxMessageId, type Mail, type Mailer, type MailerOptions } from './mailer.ts';
export { drainDueMail, errorText, retryDelayMs, MAIL_BATCH, type DrainedMail, type DrainOptions, type MailFailure } from './mail-drain.ts';
export { startMailDrain, type MailDrain, type MailDrainOptions } from './start-mail-drain.ts';
export { createChannelQueue, createChannelWorker, enqueueDueChannelMessages, CHANNEL_QUEUE, type ChannelJob } from './channel-queue.ts';
export { CHANNEL_ATTEMPTS_BEFORE_GIVING_UP, deliverChannelMessage, workingInstant, type ChannelDelivery, type ChannelDeps, type WorkingTime } from './deliver-channel.ts';
export { createChannelSender, type ChannelSender, type SmsSettings } from './channels/channel-sender.ts';
export { FAILURES_TO_REPORT } from './channel-health.ts';
