import { DomainError, type Actor } from '@huiyin/domain';
import type { IssueStage } from '@huiyin/contract';
import { appendIssueEvents, type Db, type Tx, visibleTo } from '@huiyin/store';
import type { EngineDeps } from '../deps.ts';
import { ISSUE_REF_COLUMNS } from './issue-ref.ts';

/**
 * 关联诉求: two issues about the same problem, linked by a dispatcher (or anyone in the district
 * who may read both) so that who handles one sees the other, whatever enterprise filed it. Unlike
 * 标记重复 a link ends neither issue. The pair is one row whatever the order it is named in.
 */
type Pair = { issueId: string; relatedId: string };
/** The other issue as a link names it: its id, or its number (工单号) as people type it. */
type LinkTo = { issueId: string } & ({ relatedId: string } | { relatedNumber: string });

/**
 * Who may link: an official (dispatchers and supervisors read every issue; others need both).
 * Asked after the issues are found, so that an enterprise is told nothing of another's issue but 404.
 */
function linkerOf(actor: Actor): string {
  if (actor.kind !== 'official') throw new DomainError('auth.forbidden', 'only the district’s officials link issues');
  return actor.accountId;
}

const canonical = (p: Pair) => (p.issueId < p.relatedId ? { issue_a: p.issueId, issue_b: p.relatedId } : { issue_a: p.relatedId, issue_b: p.issueId });

/** Both issues, locked in id order (no deadlock with a link named the other way), each as the actor may see it. */
async function lockBoth(trx: Tx, actor: Actor, p: Pair) {
  if (p.issueId === p.relatedId) throw new DomainError('validation.invalid', 'an issue is not related to itself', { field: 'issueId' });
  const rows = await trx.selectFrom('issues').select(['id', 'number', 'version', 'state']).where('id', 'in', [p.issueId, p.relatedId]).where(visibleTo(actor)).orderBy('id').forUpdate().execute();
  const me = rows.find((r) => r.id === p.issueId);
  const other = rows.find((r) => r.id === p.relatedId);
  if (!me) throw new DomainError('issue.not_found', 'no such issue', { field: 'id' });
  if (!other) throw new DomainError('issue.not_found', 'no such issue to link', { field: 'issueId' });
  return { me, other };
}

/** The link on both issues' ledgers (not shown to the enterprises: the other side may be another's). */
async function recordOnBoth(trx: Tx, actor: Actor, type: 'linkRelated' | 'unlinkRelated', both: Awaited<ReturnType<typeof lockBoth>>, now: Date) {
  const event = (of: typeof both.me, to: typeof both.me) => ({
    issueId: of.id,
    version: of.version,
    events: [{ type, actor, payload: { relatedIssueId: to.id, relatedNumber: to.number }, stateAfter: of.state, at: now, visibleToEnterprise: false }],
  });
  await appendIssueEvents(trx, [event(both.me, both.other), event(both.other, both.me)], now);
}

/** The other issue's id; a number nobody may see here is `404` naming `issueNumber`, as an unknown one. */
async function relatedIdOf(trx: Tx, actor: Actor, to: LinkTo): Promise<string> {
  if ('relatedId' in to) return to.relatedId;
  const row = await trx.selectFrom('issues').select('id').where('number', '=', to.relatedNumber).where(visibleTo(actor)).executeTakeFirst();
  if (!row) throw new DomainError('issue.not_found', `no issue ${to.relatedNumber} to link`, { field: 'issueNumber' });
  if (row.id === to.issueId) throw new DomainError('validation.invalid', 'an issue is not related to itself', { field: 'issueNumber' });
  return row.id;
}

/** Links two issues; linking them again is the same link (`created: false`). */
export async function linkIssues(deps: EngineDeps, actor: Actor, to: LinkTo) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const p: Pair = { issueId: to.issueId, relatedId: await relatedIdOf(trx, actor, to) };
    const both = await lockBoth(trx, actor, p);
    const linkedBy = linkerOf(actor);
    const inserted = await trx
      .insertInto('issue_links')
      .values({ ...canonical(p), linked_by: linkedBy, linked_at: now })
      .onConflict((c) => c.constraint('issue_links_pair').doNothing())
      .returning(['linked_by', 'linked_at'])
      .executeTakeFirst();
    if (inserted) await recordOnBoth(trx, actor, 'linkRelated', both, now);
    const link =
      inserted ??
      (await trx.selectFrom('issue_links').select(['linked_by', 'linked_at']).where('issue_a', '=', canonical(p).issue_a).where('issue_b', '=', canonical(p).issue_b).executeTakeFirstOrThrow());
    return { issueId: p.issueId, relatedIssueId: p.relatedId, linkedBy: link.linked_by, linkedAt: link.linked_at, created: inserted !== undefined };
  });
}

/** Removes a link; removing one that is not there changes nothing. Whether it was there comes back. */
export async function unlinkIssues(deps: EngineDeps, actor: Actor, p: Pair): Promise<boolean> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const both = await lockBoth(trx, actor, p);
    linkerOf(actor);
    const { issue_a, issue_b } = canonical(p);
    const gone = await trx.deleteFrom('issue_links').where('issue_a', '=', issue_a).where('issue_b', '=', issue_b).executeTakeFirst();
    if (gone.numDeletedRows === 0n) return false;
    await recordOnBoth(trx, actor, 'unlinkRelated', both, now);
    return true;
  });
}

/**
 * The issues linked to this one that the actor may see, newest link first: an enterprise sees only
 * links to its own issues. `canLink`: whether the actor may link and unlink here.
 */
export async function relatedIssues(db: Db, actor: Actor, issueId: string) {
  const me = await db.selectFrom('issues').select(['id', 'enterprise_id']).where('id', '=', issueId).where(visibleTo(actor)).executeTakeFirst();
  if (!me) throw new DomainError('issue.not_found', 'no such issue');
  const links = db
    .selectFrom('issue_links')
    .select(['issue_b as other', 'linked_at', 'linked_by'])
    .where('issue_a', '=', me.id)
    .unionAll(db.selectFrom('issue_links').select(['issue_a as other', 'linked_at', 'linked_by']).where('issue_b', '=', me.id));
  const rows = await db
    .selectFrom(links.as('l'))
    .innerJoin('issues', 'issues.id', 'l.other')
    .innerJoin('enterprises', 'enterprises.id', 'issues.enterprise_id')
    .select([...ISSUE_REF_COLUMNS, 'l.linked_at as linkedAt', 'l.linked_by as linkedBy'])
    .$narrowType<{ stage: IssueStage }>()
    .where(visibleTo(actor))
    .orderBy('l.linked_at', 'desc')
    .orderBy('issues.id')
    .execute();
  return { canLink: actor.kind === 'official', items: rows.map((r) => ({ ...r, sameEnterprise: r.enterpriseId === me.enterprise_id })) };
}
