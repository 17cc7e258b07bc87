export { startMailSink, type MailSink, type MailSinkOptions } from './mail-sink.ts';
export type { SinkMessage } from './sink-message.ts';
