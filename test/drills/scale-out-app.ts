/**
 * The application side of the scale-out drill (scale-out.ts), run inside its "app host" network
 * namespace: two API and two worker processes against the PostgreSQL and Redis of the "database
 * host", reached only through the veth pair (TEST_DATABASE_URL, REDIS_URL). It files issues at a
 * steady pace through both APIs while a burst of dispatched issues walks the claim track, kills
 * one API and one worker with SIGKILL mid-run, and prints its report as the last line of stdout.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openRig, request, type Answer } from './support/rig.ts';
import { checkTrackAndMail, useSecondsTrack } from './support/track-checks.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Filings per second and for how long; issues dispatched at once (their steps fall due together); when the kills come (s after the burst). */
const PLANS = {
  short: { filingsPerSecond: 8, seconds: 16, burst: 30, killAfter: 4 },
  full: { filingsPerSecond: 25, seconds: 120, burst: 600, killAfter: 5 },
};

const scale = process.argv[2] === 'full' ? 'full' : 'short';
const plan = PLANS[scale];
const redisUrl = process.env['REDIS_URL'];
if (!redisUrl) throw new Error('REDIS_URL: the database host’s Redis');
const f: string[] = [];
const rig = await openRig({ name: 'scaleout', sink: true, redisUrl });
try {
  const sink = rig.sink;
  if (!sink) throw new Error('the drill needs its mail sink');
  await useSecondsTrack(rig.db, rig.d.categoryId);
  const second = await rig.startApi();
  const bases = [rig.base, second.base];
  const workers = await Promise.all([rig.startWorker(), rig.startWorker()]);

  // Filings at a steady pace, each through the next API with an Idempotency-Key of its own. One
  // whose answer is lost (the API died under it) is sent again through the other with the same
  // key: it must then be filed once, never twice and never lost.
  const answers: Record<string, number> = {};
  const keys: string[] = [];
  let retried = 0;
  const fileOnce = async (n: number) => {
    const key = randomUUID();
    keys.push(key);
    const body = { categoryId: rig.d.categoryId, title: `扩容演练 ${n}`, description: '演练：两台主机、两个接口进程。' };
    let res: Answer | undefined;
    let attempt = 0;
    for (; attempt < 4; attempt++) {
      const base = bases[(n + attempt) % bases.length] ?? rig.base;
      res = await request(base, 'POST', '/api/v1/issues', { token: rig.as('entA'), body, headers: { 'idempotency-key': key } });
      answers[res.status] = (answers[res.status] ?? 0) + 1;
      if (res.status !== 0) break;
      retried++;
    }
    // 201 filed; 200 after a lost answer is the replay of a filing the dead API had committed.
    if (!(res?.status === 201 || (res?.status === 200 && attempt > 0))) f.push(`filing ${n}: ${res?.status} ${res?.text.slice(0, 200)}`);
  };
  const loadStarted = Date.now();
  const load = (async () => {
    const total = plan.filingsPerSecond * plan.seconds;
    const inFlight: Array<Promise<void>> = [];
    for (let n = 0; n < total; n++) {
      await sleep(loadStarted + (n * 1000) / plan.filingsPerSecond - Date.now());
      inFlight.push(fileOnce(n));
    }
    await Promise.all(inFlight);
  })();

  // The burst: issues dispatched together, so each step of their claim tracks falls due at about one instant.
  const burst: string[] = [];
  for (let i = 0; i < plan.burst; i += 10) burst.push(...(await Promise.all(Array.from({ length: Math.min(10, plan.burst - i) }, () => rig.dispatched()))).map((x) => x.id));
  const burstAt = Date.now();
  await sleep(burstAt + plan.killAfter * 1000 - Date.now());
  // One API and one worker die without a word, mid-track and mid-load.
  second.api.kill('SIGKILL');
  workers[0]?.kill('SIGKILL');
  await Promise.all([second.api.exited, workers[0]?.exited]);
  const killedAt = Date.now();
  await load;

  const result = await checkTrackAndMail(rig.db, sink, burst, 180_000, 180_000);
  f.push(...result.problems);
  // Every accepted key is one issue, and no issue came without a key.
  const filed = await sql<{ n: string; keys: string }>`select count(*) as n, count(distinct key) as keys from idempotency_keys where key = any(${keys}::text[])`.execute(rig.db);
  const titled = await sql<{ n: string }>`select count(*) as n from issues where title like '扩容演练 %'`.execute(rig.db);
  const row = filed.rows[0];
  if (Number(row?.keys) !== keys.length) f.push(`${keys.length} filings sent, ${row?.keys} keys recorded`);
  if (Number(titled.rows[0]?.n) !== keys.length) f.push(`${keys.length} filings sent, ${titled.rows[0]?.n} issues filed`);
  const fiveHundreds = Object.entries(answers).filter(([s]) => Number(s) >= 500);
  if (fiveHundreds.length > 0) f.push(`answers ≥ 500: ${JSON.stringify(Object.fromEntries(fiveHundreds))}`);
  const summary = `${keys.length} filings through 2 APIs (answers ${Object.entries(answers)
    .map(([s, n]) => `${s}×${n}`)
    .join(
      ' ',
    )}; ${retried} sent again after their API died, ${titled.rows[0]?.n} issues); a burst of ${burst.length} dispatched issues: ${result.steps} claim steps (lateness p50 ${result.lateMs.p50} ms, p99 ${result.lateMs.p99} ms, max ${result.lateMs.max} ms), ${result.mails} mails, ${result.received} received (${result.resent} again under their Message-ID); one API and one worker killed ${((killedAt - burstAt) / 1000).toFixed(1)} s after the burst`;
  console.log(JSON.stringify({ summary, failures: f }));
} finally {
  await rig.close();
}
process.exit(0);
