import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { startMailSink, type MailSink } from '@huiyin/mailsink';
import { createDb, dropDatabase, prepareDatabase, type Db } from '@huiyin/store';
import { createRedis } from '@huiyin/queues';
import { createDistrict, PASSWORD, type SmallDistrict } from '../../support/district.ts';
import { spawnService, type ServiceProcess } from '../../support/service-process.ts';
import { loseQueueData, REDIS_URL, TIMERS_BACKEND } from '../../support/queue-backend.ts';

/** A port nothing listens on right now, for a process to bind next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An HTTP answer with its body parsed when it is JSON, and how long it took (ms, a timeout's included). */
export type Answer = { status: number; headers: Headers; body: unknown; text: string; ms: number };

/**
 * Keep-alive connections shared by every drill's requests. Through `node:http` rather than
 * `fetch`: the soak's generator shares the machine with what it measures, and fetch cost about
 * twice the CPU per request.
 */
const agent = new Agent({ keepAlive: true });
const TIMEOUT_MS = 15_000;

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  return headers;
}

/** Reads `request` sent again after their kept-alive connection was found closed (the soak reports them). */
export const resent = { reads: 0 };

/**
 * One HTTP request to `base`; a connection failure or a timeout (15 s) is an answer with status 0,
 * not a throw. A GET or HEAD whose kept-alive connection turns out closed is sent once more.
 */
export async function request(base: string, method: string, path: string, opts: { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  let payload: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  const sent = performance.now();
  const failed = (why: unknown): Answer => ({ status: 0, headers: new Headers(), body: null, text: String(why), ms: performance.now() - sent });
  const attempt = (again: boolean) =>
    new Promise<Answer>((resolve) => {
      const req = httpRequest(`${base}${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => {
          clearTimeout(timer);
          resolve(failed(err));
        });
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, headers: headersOf(res.headers), body, text, ms: performance.now() - sent });
        });
      });
      const timer = setTimeout(() => req.destroy(new Error(`TimeoutError: no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      req.on('error', (err) => {
        clearTimeout(timer);
        // A kept-alive connection the server closed as this request went out on it (node:http's
        // `reusedSocket` case): a read is sent again once, as browsers do; a write is not.
        const stale = req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET';
        const resend = stale && again && (method === 'GET' || method === 'HEAD');
        if (resend) resent.reads += 1;
        resolve(resend ? attempt(false) : failed(err));
      });
      req.end(payload);
    });
  return attempt(true);
}

/** What a drill runs against: its own database and key prefix, an API process, optionally workers and a sink. */
export type Rig = Awaited<ReturnType<typeof openRig>>;

export type RigOptions = {
  /** Names the database (`huiyin_drill_<name>_<run>`), key prefix and processes. */
  name: string;
  /** Variables for the API process over the rig's own (e.g. a DATABASE_URL through a proxy). */
  apiEnv?: (rig: { databaseUrl: string }) => Record<string, string>;
  /**
   * Start a mail sink and pass its SMTP URL to the processes; `'count'`: one that only counts what
   * it accepts (the soak's, which reads no mail). @defaultValue false
   */
  sink?: boolean | 'count';
  /** A Redis of the drill's own (one it may flush or restart): timers run on it whatever TIMERS_BACKEND says. @defaultValue the suite's backend (TIMERS_BACKEND) */
  redisUrl?: string;
  /**
   * Workers run compiled (`scripts/huiyin.mjs worker`, built by the drill beforehand), as in
   * production: they start in a fraction of the time a worker under tsx takes, which a drill
   * restarting a worker every 1.5 s needs. @defaultValue false
   */
  compiledWorkers?: boolean;
};

/**
 * A database of the drill's own (on TEST_DATABASE_URL's server, dropped on close), a small
 * district in it, a mail sink when asked, and the API as a real process on a free port; workers
 * are started on demand. Everything started is stopped by `close()`, last started first.
 */
export async function openRig(options: RigOptions) {
  const run = `${options.name}_${Date.now().toString(36)}_${process.pid}`.toLowerCase();
  const server = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const databaseUrl = Object.assign(new URL(server), { pathname: `/huiyin_drill_${run}` }).toString();
  const prefix = `huiyin_drill_${run}`;
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error(`drill ${options.name}: cleanup failed`, err));
  };
  try {
    await prepareDatabase(databaseUrl);
    cleanups.push(() => dropDatabase(databaseUrl));
    const db: Db = createDb(databaseUrl, { max: 8 });
    cleanups.push(() => db.destroy());
    const redisUrl = options.redisUrl ?? REDIS_URL;
    const timersBackend = options.redisUrl ? 'redis' : TIMERS_BACKEND;
    // The drill's own Redis, to take away on purpose; the client reconnects by itself.
    const redis = options.redisUrl ? createRedis(options.redisUrl) : null;
    redis?.on('error', () => {});
    cleanups.push(async () => {
      await loseQueueData(prefix, databaseUrl, options.redisUrl ? { redisUrl: options.redisUrl } : {});
      redis?.disconnect();
    });
    let sink: MailSink | undefined;
    if (options.sink) {
      // Every mail kept (the drills compare the whole outbox with what arrived), or only counted.
      sink = await startMailSink({ smtpPort: 0, maxKept: 1_000_000, parse: options.sink !== 'count' });
      const s = sink;
      cleanups.push(() => s.close());
    }
    const d: SmallDistrict = await createDistrict(db);
    const processes: ServiceProcess[] = [];
    cleanups.push(() => Promise.all(processes.map((p) => p.stop(5_000))));
    const env = (extra: Record<string, string>) => ({
      DATABASE_URL: databaseUrl,
      TIMERS_BACKEND: timersBackend,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${sink?.port ?? 9}`,
      LOG_LEVEL: 'info',
      LOGIN_RATE_PER_MINUTE: '100000',
      ATTACHMENTS_DIR: `.data/drill-attachments/${run}`,
      ...extra,
    });

    let apis = 0;
    /** Starts an API process on a free port and waits until it listens; returns it and its base URL. */
    const startApi = async () => {
      const port = await freePort();
      const api = spawnService('services/api/src/main.ts', `${options.name}-api${++apis > 1 ? apis : ''}`, env({ PORT: String(port), HOST: '127.0.0.1', ...options.apiEnv?.({ databaseUrl }) }));
      processes.push(api);
      await api.waitForLog(`Server listening at http://127.0.0.1:${port}`, 60_000);
      return { api, base: `http://127.0.0.1:${port}` };
    };
    const { api, base } = await startApi();

    const people = { ...d.people, entA: d.entA, entB: d.entB };
    type Who = keyof typeof people;
    const tokens = new Map<Who, string>();
    for (const [who, p] of Object.entries(people)) {
      const res = await request(base, 'POST', '/api/v1/auth/login', { body: { login: p.login, password: PASSWORD } });
      if (res.status !== 200) throw new Error(`login ${p.login}: ${res.status} ${res.text}`);
      tokens.set(who as Who, (res.body as { token: string }).token);
    }
    const as = (who: Who) => tokens.get(who) ?? '';
    const call = (who: Who | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      request(base, method, path, { token: who ? as(who) : null, ...(body === undefined ? {} : { body }), headers });
    const must = async (who: Who, method: string, path: string, body: unknown, status: number) => {
      const res = await call(who, method, path, body);
      if (res.status !== status) throw new Error(`${who} ${method} ${path}: ${res.status} ${res.text}`);
      return res.body as { id: string; number: string; state: string; version: number };
    };
    const file = (who: Who = 'entA', body: object = {}) =>
      must(who, 'POST', '/api/v1/issues', { categoryId: d.categoryId, title: `演练诉求 ${options.name}`, description: '演练：厂区道路照明未接通。', ...body }, 201);
    const dispatched = async () => {
      const issue = await file();
      await must('dispatcher', 'POST', `/api/v1/issues/${issue.id}/list`, {}, 200);
      await must('dispatcher', 'POST', `/api/v1/issues/${issue.id}/dispatch`, {}, 200);
      return issue;
    };
    let workers = 0;
    /** Starts a worker process and waits until it has reconciled the timers. */
    const startWorker = async (extra: Record<string, string> = {}) => {
      const name = `${options.name}-w${++workers}`;
      const w = options.compiledWorkers ? spawnService('scripts/huiyin.mjs', name, env(extra), { args: ['worker'], tsx: false }) : spawnService('services/worker/src/main.ts', name, env(extra));
      processes.push(w);
      await w.waitForLog('timers reconciled at start-up', 60_000);
      return w;
    };
    return { name: options.name, databaseUrl, prefix, db, redis, sink, d, api, base, people, as, call, must, file, dispatched, startWorker, startApi, close };
  } catch (err) {
    await close();
    throw err;
  }
}
