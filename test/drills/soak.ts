import { readFile } from 'node:fs/promises';
import { verifyLedger } from '../../services/cli/src/ledger-command.ts';
import { cpuBetween, sampleCpu, type CpuSample } from '../../bench/support/cpu-sample.ts';
import { standInForAutovacuum } from './support/autovacuum.ts';
import { failures, type Drill } from './support/drill.ts';
import { quantile } from './support/quantile.ts';
import { openRig, resent, type Answer } from './support/rig.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Seconds of traffic, requests per second, and how much the API's memory may grow from the first
 * third to the last. `SOAK_SECONDS` and `SOAK_RATE` change the full plan's, to find the rate a
 * machine holds in a shorter try (bench/README.md).
 */
const fromEnv = (name: string, otherwise: number) => {
  const value = Number(process.env[name] ?? otherwise);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
  return value;
};
const PLANS = {
  short: { seconds: 12, rate: 20, growth: null },
  full: { seconds: fromEnv('SOAK_SECONDS', 600), rate: fromEnv('SOAK_RATE', 300), growth: 0.25 },
};

/** Each kind of request's answer times, p50 / p99 / max in ms, for the summary. */
function latencies(times: Map<string, number[]>): string {
  const at = (xs: number[], p: number) => (quantile(xs, p) ?? 0).toFixed(0);
  return [...times]
    .map(([what, xs]) => {
      xs.sort((a, b) => a - b);
      return `${what} ${at(xs, 0.5)}/${at(xs, 0.99)}/${at(xs, 1)}`;
    })
    .join(', ');
}

/**
 * Cores each part used in each third of the traffic, from /proc: where 300/s goes on a machine.
 * PostgreSQL and Redis are every such process on the machine (others' too, on a shared server).
 */
function coresByThird(samples: readonly CpuSample[], groups: Parameters<typeof cpuBetween>[2]): string {
  const shares = samples.slice(1).map((b, i) => cpuBetween(samples[i]!, b, groups));
  const names = [...Object.keys(groups), 'other'];
  const row = (name: string) => `${name} ${shares.map((s) => (s.cores[name] ?? 0).toFixed(2)).join(' / ')}`;
  return `machine ${shares.map((s) => s.machineCores.toFixed(2)).join(' / ')}; ${names.map(row).join(', ')}`;
}

/** A process's resident memory in bytes, from /proc (Linux). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Drill 9: a soak. Mixed traffic at a fixed rate against the API process with a worker running —
 * filings, dispatches, claims, first contacts, reads of issues, lists, the inbox and
 * notifications — for ten minutes (seconds in the suite). Every answer must be the expected one
 * (no error at all), and the API's resident memory must stay flat: the last third's median within
 * 25 % of the first third's.
 */
export const soakDrill: Drill = {
  name: 'soak',
  promise: 'ten minutes of mixed traffic at a fixed rate: zero errors, memory flat',
  async run(scale) {
    const plan = PLANS[scale];
    const f = failures();
    // The sink counts mail without parsing it: the generator shares the machine it measures.
    const rig = await openRig({ name: 'soak', sink: 'count' });
    try {
      const worker = await rig.startWorker();
      const open: string[] = [];
      const claimable: string[] = [];
      const contactable: string[] = [];
      const take = (list: string[]) => list.splice(Math.floor(Math.random() * list.length), 1)[0];
      const statuses = new Map<number, number>();
      const times = new Map<string, number[]>();
      const expect = (what: string, res: Answer, status: number) => {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        let mine = times.get(what);
        if (!mine) times.set(what, (mine = []));
        mine.push(res.ms);
        return f.check(res.status === status, () => `${what}: ${res.status} ${res.text.slice(0, 200)}`);
      };
      // Each tick sends one of these, in proportion; writes move issues along so reads see real data.
      const actions: Array<[number, () => Promise<void>]> = [
        [
          3,
          async () => {
            const res = await rig.call('entA', 'POST', '/api/v1/issues', { categoryId: rig.d.categoryId, title: '浸泡测试诉求', description: '持续混合流量' });
            if (expect('file', res, 201)) open.push((res.body as { id: string }).id);
          },
        ],
        [
          2,
          async () => {
            const id = take(open);
            if (!id) return;
            expect('list', await rig.call('dispatcher', 'POST', `/api/v1/issues/${id}/list`, {}), 200);
            if (expect('dispatch', await rig.call('dispatcher', 'POST', `/api/v1/issues/${id}/dispatch`, {}), 200)) claimable.push(id);
          },
        ],
        [
          2,
          async () => {
            const id = take(claimable);
            if (id && expect('claim', await rig.call('handlerA', 'POST', `/api/v1/issues/${id}/claim`, {}), 200)) contactable.push(id);
          },
        ],
        [
          1,
          async () => {
            const id = take(contactable);
            if (id) expect('first contact', await rig.call('handlerA', 'POST', `/api/v1/issues/${id}/first-contact`, { channel: 'phone', note: '已联系' }), 200);
          },
        ],
        [4, async () => void expect('my issues', await rig.call('entA', 'GET', '/api/v1/issues?limit=20'), 200)],
        [3, async () => void expect('inbox', await rig.call('handlerA', 'GET', '/api/v1/inbox?limit=20'), 200)],
        [2, async () => void expect('listing queue', await rig.call('dispatcher', 'GET', '/api/v1/listing-queue?limit=20'), 200)],
        [2, async () => void expect('notifications', await rig.call('headA', 'GET', '/api/v1/notifications?limit=20'), 200)],
        [
          2,
          async () => {
            const id = claimable[0] ?? contactable[0] ?? open[0];
            if (id) expect('issue', await rig.call('leaderA', 'GET', `/api/v1/issues/${id}`), 200);
          },
        ],
      ];
      const total = actions.reduce((n, [w]) => n + w, 0);
      const pick = () => {
        let r = Math.random() * total;
        for (const [w, a] of actions) if ((r -= w) < 0) return a;
        return actions[0]![1];
      };
      const resentBefore = resent.reads;
      const started = Date.now();
      const samples: Array<{ at: number; rss: number }> = [];
      const sampler = setInterval(() => void rssOf(rig.api.pid).then((rss) => samples.push({ at: Date.now() - started, rss })), 1000);
      const inFlight = new Set<Promise<void>>();
      let sent = 0;
      let lateTicks = 0;
      const vacuum = await standInForAutovacuum(rig.db);
      let stood: Awaited<ReturnType<typeof vacuum.stop>> = null;
      const ticks = plan.seconds * plan.rate;
      const cpu = [sampleCpu()];
      try {
        for (let tick = 0; tick < ticks; tick++) {
          if (ticks >= 3 && (tick === Math.floor(ticks / 3) || tick === Math.floor((2 * ticks) / 3))) cpu.push(sampleCpu());
          const due = started + (tick * 1000) / plan.rate;
          if (Date.now() > due + 1000) lateTicks++;
          await sleep(due - Date.now());
          const p = pick()().catch((err: unknown) => void f.check(false, `request threw: ${String(err)}`));
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
          sent++;
        }
        // The last third ends with the last request sent, not with the wait for the answers still out.
        cpu.push(sampleCpu());
        await Promise.all(inFlight);
      } finally {
        clearInterval(sampler);
        stood = await vacuum.stop();
      }
      const crashes = rig.api.logs.filter((l) => l.level >= 50);
      f.check(crashes.length === 0, () => `the API logged ${crashes.length} errors, e.g. ${JSON.stringify(crashes[0]).slice(0, 300)}`);
      // The shared server may be short of connections after ten minutes of others' work too: say so, don't lose the report.
      const broken = await verifyLedger(rig.db).catch((err: unknown) => [{ error: String(err) }]);
      f.check(broken.length === 0, () => `ledger broken or unverifiable: ${JSON.stringify(broken.slice(0, 3))}`);
      const median = (xs: number[]) =>
        quantile(
          [...xs].sort((a, b) => a - b),
          0.5,
        ) ?? 0;
      const third = Math.floor(samples.length / 3);
      const first = median(samples.slice(0, third).map((s) => s.rss));
      const last = median(samples.slice(-third).map((s) => s.rss));
      if (plan.growth !== null)
        f.check(last <= first * (1 + plan.growth), `API memory grew from ${(first / 2 ** 20).toFixed(0)} MiB to ${(last / 2 ** 20).toFixed(0)} MiB (more than ${plan.growth * 100} %)`);
      const cores =
        cpu.length === 4
          ? coresByThird(cpu, { API: [rig.api.pid], worker: [worker.pid], PostgreSQL: /^postgres$/, Redis: /^redis-server/, 'the drill (load and mail sink)': [process.pid] })
          : 'not sampled';
      f.check(lateTicks < sent * 0.05, `the load generator fell more than a second behind on ${lateTicks} of ${sent} requests: the rate was not held`);
      return {
        summary: `${sent} requests in ${((Date.now() - started) / 1000).toFixed(0)} s at ${plan.rate}/s, answers ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([k, n]) => `${k}×${n}`)
          .join(
            ' ',
          )} (${open.length + claimable.length + contactable.length} issues left open, ${rig.sink?.received() ?? 0} mails received, ${resent.reads - resentBefore} reads sent again on a closed kept-alive connection): ${f.list.length} errors (the first: ${f.list[0]?.slice(0, 200) ?? 'none'}); API RSS median ${(first / 2 ** 20).toFixed(0)} MiB in the first third, ${(last / 2 ** 20).toFixed(0)} MiB in the last; answer times p50/p99/max ms: ${latencies(times)}; cores in each third of the traffic: ${cores}${
          stood
            ? `; autovacuum is off on this server: the drill stood in for it (${stood.vacuumed} vacuums, ${stood.analyzed} analyzes in ${stood.rounds} rounds, ${(stood.ms / 1000).toFixed(1)} s)`
            : ''
        }`,
        failures: f.list,
      };
    } finally {
      await rig.close();
    }
  },
};
