import { sql, type RawBuilder } from 'kysely';

/**
 * An open issue's most pressing due time: its running claim or handling clock's, as the issue's
 * columns carry it (a claim is due in awaitingClaim and reopened, the answer while it is handled;
 * paused while waiting on the enterprise; none while it is being listed or rated). Null when no
 * such clock runs. Overdue means this is past; the supervision board's filter says the same.
 *
 * The text must stay exactly that of the T13 migration's indexes (issues_open_by_leader,
 * issues_open_by_unit): the planner matches an expression index by its text, and literals, not
 * parameters, so that it can.
 */
export const PRESSING_DUE: RawBuilder<Date | null> = sql.raw(`(case
  when state = 'inProgress.waitingOnEnterprise' then null
  when stage in ('awaitingClaim', 'reopened') then least(claim_due_at, handling_due_at)
  when stage in ('returned', 'inProgress', 'answerReview', 'answerSignOff') then handling_due_at
end)`);
