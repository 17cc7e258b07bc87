import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/huiyin'),
  /** The most connections each of a process's PostgreSQL pools opens; unset: 20 in an API, 10 in a worker. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Where BullMQ keeps timers and the notice channels' queue: a Redis server, or its own tables in PostgreSQL (no Redis needed). */
  TIMERS_BACKEND: z.enum(['redis', 'postgres']).default('redis'),
  /** Names this run's queues apart from other runs' (a Redis key prefix; on PostgreSQL, the start of each queue's name). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('huiyin'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL used in mails and printed at start-up. */
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('Huiyin 回音 <noreply@huiyin.local>'),
  ATTACHMENTS_DIR: z.string().default('.data/attachments'),
  /** Largest accepted attachment, in bytes. @defaultValue 20 MiB */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** What one account may upload in a day (Asia/Shanghai), in bytes; beyond it 429. @defaultValue 500 MiB */
  ATTACHMENT_DAILY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(500 * 1024 * 1024),
  /** How many files one account may upload in a day (Asia/Shanghai); beyond it 429. @defaultValue 200 */
  ATTACHMENT_DAILY_COUNT: z.coerce.number().int().positive().default(200),
  /** Session lifetime in seconds. @defaultValue 12 hours */
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  /** How long an API process may answer a session from memory (it forgets it at once when the database announces a change); 0: look up every request. */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** How long the API answers the public figures (GET /api/v1/public/figures) from memory before rebuilding them; 0: every request. */
  PUBLIC_FIGURES_CACHE_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Login attempts per IP per minute before 429. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  // Behind a TLS-terminating proxy: believe its X-Forwarded-Proto/-For (Secure cookies, HSTS, client IP for the login rate).
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Where the worker serves its own GET /metrics (0: not at all); on HOST. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Addresses that may read GET /metrics without signing in (a Prometheus scraper); admins always may. */
  METRICS_ALLOW: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TZ_NAME: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  /** Working periods of a working day, Shanghai time, e.g. `09:00-12:00,13:30-17:30`. */
  WORKING_PERIODS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$/, 'like 09:00-12:00,13:30-17:30')
    .default('09:00-12:00,13:30-17:30'),
  /** The Ed25519 key that signs ledger checkpoints: a PKCS#8 PEM, or the base64 of its 32-byte seed. Unset: LEDGER_KEY_FILE. */
  LEDGER_SIGNING_KEY: z.string().optional(),
  /** Where the key is read from when LEDGER_SIGNING_KEY is unset, and made on first use (the demo's). */
  LEDGER_KEY_FILE: z.string().default('.data/ledger-signing-key.pem'),
  /** The SMS vendor (README.md#notice-channels): `aliyun`, `tencent`, or `none` (no SMS is sent). */
  SMS_PROVIDER: z.enum(['none', 'aliyun', 'tencent']).default('none'),
  /** The vendor's API endpoint. @defaultValue `https://dysmsapi.aliyuncs.com/` or `https://sms.tencentcloudapi.com/` */
  SMS_ENDPOINT: z.string().url().optional(),
  /** AccessKey ID (Aliyun) or SecretId (Tencent). */
  SMS_ACCESS_KEY_ID: z.string().optional(),
  /** AccessKey secret (Aliyun) or SecretKey (Tencent). */
  SMS_ACCESS_KEY_SECRET: z.string().optional(),
  /** The approved signature (签名) every message carries. */
  SMS_SIGN_NAME: z.string().optional(),
  /** Tencent's SmsSdkAppId. */
  SMS_SDK_APP_ID: z.string().optional(),
  /** Region: `cn-hangzhou` (Aliyun), `ap-guangzhou` (Tencent) unless set. */
  SMS_REGION: z.string().optional(),
  /** Template id per notice kind: `red=SMS_1,escalation=SMS_2,…` (kinds: reminder yellow red escalation supervisionOrder digest general). */
  SMS_TEMPLATES: z
    .string()
    .regex(/^$|^[A-Za-z]+=[^,=]+(,[A-Za-z]+=[^,=]+)*$/, 'like red=SMS_1,escalation=SMS_2')
    .default(''),
});

/** The SMS vendor as configured (null: `SMS_PROVIDER=none`). */
export type SmsConfig = Readonly<{
  provider: 'aliyun' | 'tencent';
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  sdkAppId: string | null;
  region: string;
  /** Template id by notice kind; a kind without one sends no SMS. */
  templates: Readonly<Record<string, string>>;
}>;

const SMS_KINDS = ['reminder', 'yellow', 'red', 'escalation', 'supervisionOrder', 'digest', 'general'];

function smsConfig(e: z.infer<typeof Env>): SmsConfig | null {
  if (e.SMS_PROVIDER === 'none') return null;
  const needed: Array<'SMS_ACCESS_KEY_ID' | 'SMS_ACCESS_KEY_SECRET' | 'SMS_SIGN_NAME' | 'SMS_SDK_APP_ID'> = ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME'];
  if (e.SMS_PROVIDER === 'tencent') needed.push('SMS_SDK_APP_ID');
  const missing = needed.filter((k) => !e[k]);
  if (missing.length) throw new Error(`invalid configuration:\n${missing.map((k) => `  ${k}: required with SMS_PROVIDER=${e.SMS_PROVIDER}`).join('\n')}`);
  const templates = Object.fromEntries(
    e.SMS_TEMPLATES.split(',')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  const unknown = Object.keys(templates).filter((k) => !SMS_KINDS.includes(k));
  if (unknown.length) throw new Error(`invalid configuration:\n  SMS_TEMPLATES: unknown kind ${unknown.join(', ')} (kinds: ${SMS_KINDS.join(' ')})`);
  const aliyun = e.SMS_PROVIDER === 'aliyun';
  return Object.freeze({
    provider: e.SMS_PROVIDER,
    endpoint: e.SMS_ENDPOINT ?? (aliyun ? 'https://dysmsapi.aliyuncs.com/' : 'https://sms.tencentcloudapi.com/'),
    accessKeyId: e.SMS_ACCESS_KEY_ID ?? '',
    accessKeySecret: e.SMS_ACCESS_KEY_SECRET ?? '',
    signName: e.SMS_SIGN_NAME ?? '',
    sdkAppId: e.SMS_SDK_APP_ID ?? null,
    region: e.SMS_REGION ?? (aliyun ? 'cn-hangzhou' : 'ap-guangzhou'),
    templates: Object.freeze(templates),
  });
}

export type Config = Readonly<{
  databaseUrl: string;
  /** DATABASE_POOL_MAX; undefined: each process's own default. */
  databasePoolMax: number | undefined;
  redisUrl: string;
  redisPrefix: string;
  timersBackend: 'redis' | 'postgres';
  host: string;
  port: number;
  publicUrl: string;
  smtpUrl: string;
  mailFrom: string;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  /** The daily upload quota per account (bytes, files), days in Asia/Shanghai. */
  attachmentDailyBytes: number;
  attachmentDailyCount: number;
  sessionTtlSeconds: number;
  sessionCacheSeconds: number;
  publicFiguresCacheSeconds: number;
  loginRatePerMinute: number;
  cookieSecure: 'auto' | 'true' | 'false';
  /** Trust X-Forwarded-* from the proxy in front (TLS termination). */
  trustProxy: boolean;
  /** The worker's metrics port (0: none). */
  workerMetricsPort: number;
  /** Client addresses that may read /metrics without a session. */
  metricsAllow: readonly string[];
  logLevel: string;
  timeZone: 'Asia/Shanghai';
  workingPeriods: ReadonlyArray<readonly [string, string]>;
  /** The ledger's signing key as configured (PEM or base64 seed), or null: `ledgerKeyFile`. */
  ledgerSigningKey: string | null;
  ledgerKeyFile: string;
  /** The SMS vendor of the notice channels, or null: none. */
  sms: SmsConfig | null;
}>;

/**
 * Parses the environment once into a frozen config. Nothing else reads `process.env`.
 * A bad value throws an error naming the variable, which stops start-up.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    timersBackend: e.TIMERS_BACKEND,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    attachmentsDir: e.ATTACHMENTS_DIR,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    attachmentDailyBytes: e.ATTACHMENT_DAILY_BYTES,
    attachmentDailyCount: e.ATTACHMENT_DAILY_COUNT,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
    publicFiguresCacheSeconds: e.PUBLIC_FIGURES_CACHE_SECONDS,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'true',
    workerMetricsPort: e.WORKER_METRICS_PORT,
    metricsAllow: e.METRICS_ALLOW.split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    timeZone: e.TZ_NAME,
    workingPeriods: e.WORKING_PERIODS.split(',').map((p) => p.split('-') as [string, string]),
    ledgerSigningKey: e.LEDGER_SIGNING_KEY?.trim() || null,
    ledgerKeyFile: e.LEDGER_KEY_FILE,
    sms: smsConfig(e),
  });
}
