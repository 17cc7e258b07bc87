import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '@huiyin/config';
import { createWorkingCalendar } from '@huiyin/calendar';
import { createDb, type Db } from '@huiyin/store';
import { createCalendarFromDb, type TimerPort } from '@huiyin/engine';
import { buildApp, type AppDeps } from '@huiyin/api/app';
import { PASSWORD } from './district.ts';
import { sharedDatabaseUrl } from './run-scope.ts';

export type TestApi = {
  app: FastifyInstance;
  db: Db;
  login(login: string): Promise<string>;
  call(token: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/**
 * The real app on the file's shared database (run-scope.ts), driven through inject (no port needed). The calendar is
 * the package's alone unless `calendarFromDb`: then it reads `calendar_days` and refreshes after a
 * declaration, as in production (the table is shared with the files run before and after). `now` is the
 * engine's clock (default: the wall clock).
 */
export async function startApi(
  overrides: Record<string, string> = {},
  options: {
    calendarFromDb?: boolean;
    timers?: TimerPort;
    clock?: () => Date;
    readiness?: Record<string, () => Promise<unknown>>;
    queueCounts?: () => Promise<Record<string, Record<string, number>>>;
    boardQueues?: AppDeps['boardQueues'];
  } = {},
): Promise<TestApi> {
  const databaseUrl = overrides['DATABASE_URL'] ?? sharedDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    ATTACHMENTS_DIR: `.data/test-attachments/${process.pid}`,
    LOGIN_RATE_PER_MINUTE: '1000',
    ...overrides,
  });
  const db = createDb(databaseUrl, { max: config.databasePoolMax ?? 10 });
  const calendar = options.calendarFromDb ? await createCalendarFromDb(db) : null;
  const timers = options.timers;
  const now = options.clock ?? (() => new Date());
  const readiness = {
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(options.queueCounts ? { queueCounts: options.queueCounts } : {}),
    ...(options.boardQueues ? { boardQueues: options.boardQueues } : {}),
  };
  const app = calendar
    ? await buildApp({ config, db, calendar, refreshCalendar: () => calendar.refresh(), timers, clock: now, ...readiness })
    : await buildApp({ config, db, calendar: createWorkingCalendar(), timers, clock: now, ...readiness });
  const call: TestApi['call'] = (token, method, url, body, headers = {}) =>
    app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    app,
    db,
    call,
    async login(login) {
      const res = await call(null, 'POST', '/api/v1/auth/login', { login, password: PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
