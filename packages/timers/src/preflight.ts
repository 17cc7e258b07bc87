import { maskUrl, unreachableLine } from '@huiyin/config';
import { pingDatabase } from '@huiyin/store';
import { pingRedis } from '@huiyin/queues';

/**
 * Whether the configured PostgreSQL and Redis (when timers run there) answer, before a process builds anything on them:
 * null when both do, else the one line to print (which variable, which server with its password
 * masked, what to do) before exiting with code 1. Each check gives up within 10 s.
 */
export async function serversProblem(config: { databaseUrl: string; redisUrl: string; timersBackend: 'redis' | 'postgres' }, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const all = [
    { what: 'PostgreSQL', variable: 'DATABASE_URL', url: config.databaseUrl, ping: pingDatabase, hint: 'Start PostgreSQL there or set DATABASE_URL to a server that runs.' },
    { what: 'Redis', variable: 'REDIS_URL', url: config.redisUrl, ping: pingRedis, hint: 'Start Redis there or set REDIS_URL to a server that runs.' },
  ];
  // With timers on BullMQ's PostgreSQL backend, Redis is not used at all.
  const checks = config.timersBackend === 'redis' ? all : all.filter((c) => c.what !== 'Redis');
  for (const c of checks) {
    try {
      await c.ping(c.url);
    } catch (err) {
      const variable = env[c.variable] ? c.variable : `${c.variable} unset: the default`;
      return unreachableLine(err, { ...c, variable }) ?? `${c.what} at ${maskUrl(c.url)} (${variable}) did not answer as one: ${err instanceof Error ? err.message : String(err)}. ${c.hint}`;
    }
  }
  return null;
}
