import { sql } from 'kysely';
import type { MailSink } from '@huiyin/mailsink';
import type { Db } from '@huiyin/store';
import { verifyLedger } from '../../../services/cli/src/ledger-command.ts';
import { matchOutboxMail } from '../../support/outbox-mail.ts';
import { until } from '../../support/until.ts';
import { quantile } from './quantile.ts';

/**
 * Seconds-long limits for drills on the track: the claim clock reminds 3 s after dispatch, warns
 * (yellow) at 8 s, goes red at 10 s, to the leader at 11 s and to supervision (督办单) at 12 s.
 */
export const CLAIM_SECONDS = 10;
const TRACK_POLICY = {
  reminderBeforeSeconds: 7,
  yellowBeforeSeconds: 2,
  leaderAfterSeconds: 1,
  supervisionAfterSeconds: 2,
  supervisionOrderLimit: { amount: 60, unit: 'seconds' },
  firstContactLimit: { amount: 30, unit: 'seconds' },
};
export const TRACK = ['reminded', 'yellow', 'red', 'leader', 'supervision'];

/** Gives the category the seconds-long claim track above (handling long enough to stay out of the way). */
export async function useSecondsTrack(db: Db, categoryId: string): Promise<void> {
  const seconds = (amount: number) => JSON.stringify({ amount, unit: 'seconds' });
  await db
    .updateTable('categories')
    .set({ track_policy: JSON.stringify(TRACK_POLICY), claim_limit: seconds(CLAIM_SECONDS), handling_limit: seconds(600) })
    .where('id', '=', categoryId)
    .execute();
}

type Step = { issue_id: string; step: string; late_ms: number };

/** Each issue's claim-clock steps on the ledger, in order. */
export async function claimSteps(db: Db, issueIds: string[]): Promise<Map<string, Step[]>> {
  const { rows } = await sql<Step>`
    select issue_id, payload->>'step' as step, (payload->>'lateMs')::int as late_ms from issue_events
    where issue_id = any(${issueIds}::uuid[]) and type = 'trackStep' and payload->>'clock' = 'claim' order by seq`.execute(db);
  const out = new Map<string, Step[]>(issueIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.issue_id)?.push({ issue_id: r.issue_id, step: String(r.step), late_ms: Number(r.late_ms) });
  return out;
}

/**
 * Waits until every issue's claim clock has walked the whole track, then checks that each step is
 * on the ledger exactly once and in order, that every mail of the outbox arrived as its row says
 * (a copy sent again after a kill carries the row's Message-ID and counts as `resent`, not as a
 * second mail), and that every chain verifies. Returns what it found wrong, and the lateness seen.
 */
export async function checkTrackAndMail(db: Db, sink: MailSink, issueIds: string[], timeoutMs: number, mailTimeoutMs = timeoutMs) {
  const problems: string[] = [];
  const steps = await until(
    () => claimSteps(db, issueIds),
    (m) => [...m.values()].every((s) => s.length >= TRACK.length),
    timeoutMs,
    250,
  );
  for (const [id, s] of steps) {
    const names = s.map((x) => x.step);
    if (names.join() !== TRACK.join()) problems.push(`issue ${id}: steps ${names.join(' → ') || 'none'} (expected each of ${TRACK.join(' → ')} once)`);
  }
  const lateness = [...steps.values()]
    .flat()
    .map((s) => s.late_ms)
    .sort((a, b) => a - b);
  const mailsFrom = Date.now();
  const mails = await until(
    () => db.selectFrom('outbox').select(['id', 'payload', 'processed_at']).where('topic', '=', 'mail').execute(),
    (rows) => rows.every((r) => r.processed_at !== null),
    mailTimeoutMs,
    250,
  );
  const mailsDoneAfterMs = Date.now() - mailsFrom;
  const pending = mails.filter((r) => r.processed_at === null).length;
  if (pending > 0) problems.push(`${pending} of ${mails.length} mails still unsent`);
  // A late duplicate would land after its row is marked sent: let it arrive before counting.
  await new Promise((r) => setTimeout(r, 1500));
  // A worker killed between the SMTP server's acceptance and its commit sends that mail again
  // under the row's own Message-ID: one message, its copy recognisable as such (`resent`).
  const { wrong, resent, received } = await matchOutboxMail(db, sink, mails);
  if (wrong.length > 0) problems.push(`mails not delivered as their outbox rows say: ${wrong.slice(0, 3).join(' | ')}`);
  const broken = await verifyLedger(db);
  if (broken.length > 0) problems.push(`ledger broken: ${JSON.stringify(broken.slice(0, 3))}`);
  const q = (p: number) => quantile(lateness, p) ?? NaN;
  return { problems, mailsDoneAfterMs, steps: lateness.length, mails: mails.length, received, resent, lateMs: { p50: q(0.5), p99: q(0.99), max: lateness.at(-1) ?? NaN } };
}
