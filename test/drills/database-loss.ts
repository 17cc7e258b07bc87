import { verifyLedger } from '../../services/cli/src/ledger-command.ts';
import { failures, type Drill } from './support/drill.ts';
import { openRig, request, type Answer } from './support/rig.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Timing of a drill run: how long clients file, and when the database goes away and returns. */
const PLANS = {
  short: { clients: 8, seconds: 7, outages: [{ at: 1.5, for: 3 }] },
  full: { clients: 32, seconds: 60, outages: [5, 17, 29, 41].map((at) => ({ at, for: 5 })) },
};

/**
 * Drill 3: PostgreSQL lost under filing load. The API process reaches PostgreSQL through a TCP
 * proxy the drill cuts (connections reset, new ones refused) and restores. Clients file without
 * pause, each filing with its own Idempotency-Key and retrying it after Retry-After whatever
 * happens; the API must answer 503 with Retry-After, never another 5xx, and each key must end
 * as exactly one issue.
 */
export const databaseLossDrill: Drill = {
  name: 'database-loss',
  promise: 'PostgreSQL lost under filing load: 503 with Retry-After (never 500); retries with the same Idempotency-Key end with exactly one issue per key',
  async run(scale) {
    const plan = PLANS[scale];
    const f = failures();
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres').port || 5432) });
    const rig = await openRig({
      name: 'dbloss',
      apiEnv: ({ databaseUrl }) => ({ DATABASE_URL: Object.assign(new URL(databaseUrl), { port: String(proxy.port) }).toString() }),
    }).catch(async (err: unknown) => {
      await proxy.close();
      throw err;
    });
    try {
      const token = rig.as('entA');
      const statuses = new Map<number, number>();
      const bad: string[] = [];
      const filed = new Map<string, string>();
      const started = Date.now();
      const elapsed = () => (Date.now() - started) / 1000;

      const fileWithKey = async (key: string) => {
        for (let attempt = 1; ; attempt++) {
          const res: Answer = await request(rig.base, 'POST', '/api/v1/issues', {
            token,
            body: { categoryId: rig.d.categoryId, title: `演练三 ${key}`, description: '数据库中断期间提交，重试直至成功。' },
            headers: { 'idempotency-key': key },
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201 || res.status === 200) {
            filed.set(key, (res.body as { id: string }).id);
            return;
          }
          if (res.status === 503) {
            const retryAfter = Number(res.headers.get('retry-after'));
            const problem = res.body as { code?: string };
            if (!(retryAfter > 0) || !res.headers.get('content-type')?.startsWith('application/problem+json') || problem.code !== 'service.unavailable') {
              bad.push(`503 without Retry-After or problem+json: ${res.headers.get('retry-after')} ${res.text.slice(0, 200)}`);
            }
            await sleep(Math.min(retryAfter > 0 ? retryAfter * 1000 : 1000, 2000));
          } else {
            bad.push(`${key} attempt ${attempt}: ${res.status} ${res.text.slice(0, 300)}`);
            await sleep(500);
          }
          if (attempt > 200) throw new Error(`${key} never filed`);
        }
      };

      const outages = (async () => {
        for (const o of plan.outages) {
          await sleep(Math.max(0, o.at - elapsed()) * 1000);
          await proxy.cut();
          await sleep(o.for * 1000);
          await proxy.restore();
        }
      })();
      let serial = 0;
      await Promise.all(
        Array.from({ length: plan.clients }, async (_, c) => {
          while (elapsed() < plan.seconds) await fileWithKey(`drill3-${rig.prefix}-${c}-${++serial}`);
        }),
      );
      await outages;

      const counts = [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      f.check((statuses.get(503) ?? 0) > 0, `the outage was never seen (statuses ${counts}): the drill proved nothing`);
      f.check(bad.length === 0, () => `${bad.length} wrong answers, e.g. ${bad.slice(0, 3).join(' | ')}`);
      const others = [...statuses.keys()].filter((s) => ![200, 201, 503].includes(s));
      f.check(others.length === 0, `answers other than 201/503: ${counts}`);

      // Exactly one issue per key, the one its client was given.
      const rows = await rig.db.selectFrom('issues').select(['id', 'title']).where('title', 'like', '演练三 %').execute();
      const byKey = new Map<string, string[]>();
      for (const r of rows) byKey.set(r.title.slice('演练三 '.length), [...(byKey.get(r.title.slice('演练三 '.length)) ?? []), r.id]);
      const doubled = [...byKey].filter(([, ids]) => ids.length !== 1);
      f.check(doubled.length === 0, () => `keys with more than one issue: ${JSON.stringify(doubled.slice(0, 3))}`);
      const mismatched = [...filed].filter(([key, id]) => byKey.get(key)?.[0] !== id);
      f.check(mismatched.length === 0, () => `keys whose client holds another issue than the database: ${JSON.stringify(mismatched.slice(0, 3))}`);
      f.check(rows.length === filed.size, `${filed.size} keys filed, ${rows.length} issues in the database`);
      const keys = await rig.db
        .selectFrom('idempotency_keys')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      f.check(Number(keys.n) === filed.size, `${keys.n} idempotency keys for ${filed.size} filings`);
      // No half-written filing: each issue has its one 'file' event, and every chain holds.
      const events = await rig.db
        .selectFrom('issue_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('type', '=', 'file')
        .executeTakeFirstOrThrow();
      f.check(Number(events.n) === rows.length, `${events.n} file events for ${rows.length} issues`);
      const broken = await verifyLedger(rig.db);
      f.check(broken.length === 0, () => `ledger broken: ${JSON.stringify(broken.slice(0, 3))}`);
      const crashes = rig.api.logs.filter((l) => l.msg === 'unhandled error');
      f.check(crashes.length === 0, () => `the API logged ${crashes.length} unhandled errors, e.g. ${JSON.stringify(crashes[0])}`);
      const health = await request(rig.base, 'GET', '/health');
      f.check(health.status === 200, `after the outage /health answers ${health.status}`);
      return {
        summary: `${plan.clients} clients for ${plan.seconds} s, ${plan.outages.length} outage(s) of ${plan.outages[0]?.for} s: answers ${counts}; ${filed.size} keys → ${rows.length} issues, ${doubled.length} doubled; ${crashes.length} unhandled errors`,
        failures: f.list,
      };
    } finally {
      await rig.close();
      await proxy.close();
    }
  },
};
