import { verifyLedger } from '../../services/cli/src/ledger-command.ts';
import { failures, type Drill } from './support/drill.ts';
import { openRig, type Answer } from './support/rig.ts';

const ROUNDS = { short: 12, full: 200 };

const codeOf = (a: Answer) => (a.body as { code?: string } | null)?.code;

/**
 * Drill 5: simultaneous claims over real HTTP against the API process. Each round dispatches an
 * issue to unit A, then fires at the same instant: the unit's handler claiming, its head
 * claiming, unit B's handler claiming (another unit), and — every other round — the unit's head
 * returning it (退单) instead. Exactly one of unit A's requests wins; the others get 409
 * issue.wrong_state, unit B always 403; the ledger holds exactly one claim-or-return per round.
 */
export const claimRaceDrill: Drill = {
  name: 'claim-race',
  promise: 'two handlers (and two units) claiming the same issue at the same instant: exactly one wins, the other gets 409',
  async run(scale) {
    const rounds = ROUNDS[scale];
    const f = failures();
    const rig = await openRig({ name: 'claimrace' });
    try {
      const issues = [];
      // Dispatched a few at a time, so the races below are the only contention.
      for (let i = 0; i < rounds; i += 6) issues.push(...(await Promise.all(Array.from({ length: Math.min(6, rounds - i) }, () => rig.dispatched()))));
      let wins = 0;
      let conflicts = 0;
      for (const [round, issue] of issues.entries()) {
        const withReturn = round % 2 === 1;
        const path = (action: string) => `/api/v1/issues/${issue.id}/${action}`;
        const [handler, head, other] = await Promise.all([
          rig.call('handlerA', 'POST', path('claim'), {}),
          withReturn ? rig.call('headA', 'POST', path('return'), { reason: '不属于本单位职责' }) : rig.call('headA', 'POST', path('claim'), {}),
          rig.call('handlerB', 'POST', path('claim'), {}),
        ]);
        const unitA = [handler, head];
        const won = unitA.filter((a) => a.status === 200);
        const lost = unitA.filter((a) => a.status !== 200);
        wins += won.length;
        conflicts += lost.filter((a) => a.status === 409).length;
        f.check(won.length === 1, `round ${round}: ${won.length} of unit A's requests won (${handler.status} ${head.status})`);
        for (const a of lost) f.check(a.status === 409 && codeOf(a) === 'issue.wrong_state', `round ${round}: the loser got ${a.status} ${a.text.slice(0, 200)}`);
        f.check(other.status === 403, `round ${round}: unit B's claim got ${other.status} ${other.text.slice(0, 200)}`);
      }
      // The ledger: one claim or return per issue, each issue's seq without gaps, every chain intact.
      const rows = await rig.db
        .selectFrom('issue_events')
        .select(['issue_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.max('seq').as('last')])
        .where(
          'issue_id',
          'in',
          issues.map((i) => i.id),
        )
        .where('type', 'in', ['claim', 'return'])
        .groupBy('issue_id')
        .execute();
      const off = rows.filter((r) => Number(r.n) !== 1);
      f.check(rows.length === rounds && off.length === 0, () => `claims/returns on record: ${rows.length} issues, ${off.length} with more than one`);
      const versions = await rig.db
        .selectFrom('issues')
        .select(['version'])
        .where(
          'id',
          'in',
          issues.map((i) => i.id),
        )
        .execute();
      f.check(
        versions.every((v) => v.version === 4),
        () => `versions after the race: ${[...new Set(versions.map((v) => v.version))].join(', ')} (4 expected)`,
      );
      const broken = await verifyLedger(rig.db);
      f.check(broken.length === 0, () => `ledger broken: ${JSON.stringify(broken.slice(0, 3))}`);
      return { summary: `${rounds} rounds of 3 simultaneous requests: ${wins} won, ${conflicts} got 409, unit B refused each time; ledger verified`, failures: f.list };
    } finally {
      await rig.close();
    }
  },
};
