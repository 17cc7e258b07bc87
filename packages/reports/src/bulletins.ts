import { sql } from 'kysely';
import { DomainError } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { buildBulletin, type BulletinContent, type BulletinSection } from './build-bulletin.ts';
import { bulletinMail } from './bulletin-mail.ts';
import { DEFAULT_MIN_ISSUES } from './formulas.ts';
import type { Period } from './period.ts';

export type BulletinKind = 'scheduled' | 'on_demand';
export type BulletinSummary = {
  id: string;
  periodId: string;
  label: string;
  kind: BulletinKind;
  /** 0 for the period's first bulletin; 1, 2, … for each revision (修订版) generated after it. */
  revision: number;
  generatedAt: Date;
  totals: BulletinContent['totals'];
};
export type Bulletin = BulletinSummary & { generatedBy: string | null; content: BulletinContent };

export type GenerateBulletinOptions = {
  period: Period;
  kind: BulletinKind;
  /** The official who asked for it; null for the scheduler. */
  generatedBy: string | null;
  /** @defaultValue DEFAULT_MIN_ISSUES */
  minIssues?: number | undefined;
  /** Mail it to leaders, unit heads and supervision. @defaultValue true for scheduled, false on demand */
  mail?: boolean | undefined;
  sections?: Record<string, BulletinSection> | undefined;
  /**
   * Generate it although the period has one: stored as the period's next revision (修订版). Without
   * it, an on-demand bulletin of a period that has one is refused (`bulletin.period_taken`).
   * @defaultValue false
   */
  revision?: boolean | undefined;
};

/**
 * Generates a bulletin and stores it as a frozen snapshot, with its mails, in one transaction.
 * One bulletin per period: an on-demand one for a period that has one is `bulletin.period_taken`
 * unless `revision` asks for a revision on purpose, stored as the period's next revision number.
 * The scheduler's bulletin of a period is made once: a second run returns the first, unchanged
 * and not mailed again (`created: false`); made after an on-demand one, it is a revision of it.
 */
export async function generateBulletin(deps: { db: Db; clock: () => Date }, options: GenerateBulletinOptions): Promise<{ bulletin: Bulletin; created: boolean; mailed: number }> {
  const asOf = deps.clock();
  const minIssues = options.minIssues ?? DEFAULT_MIN_ISSUES;
  const { db } = deps;
  const onPurpose = options.kind === 'on_demand' && options.revision === true;
  if (options.kind === 'scheduled') {
    const existing = await findScheduled(db, options.period.id);
    if (existing) return { bulletin: existing, created: false, mailed: 0 };
  } else if (!onPurpose) refuseTaken(options.period, await latestRevision(db, options.period.id));
  const content = await buildBulletin(db, options.period, asOf, { minIssues, sections: options.sections });
  return db.transaction().execute(async (trx) => {
    // One writer per period at a time: the rule and the next revision number hold under this lock.
    await sql`select pg_advisory_xact_lock(hashtext(${`bulletin:${options.period.id}`}))`.execute(trx);
    if (options.kind === 'scheduled') {
      const first = await findScheduled(trx, options.period.id);
      if (first) return { bulletin: first, created: false, mailed: 0 };
    }
    const latest = await latestRevision(trx, options.period.id);
    if (options.kind === 'on_demand' && !onPurpose) refuseTaken(options.period, latest);
    const row = await trx
      .insertInto('bulletins')
      .values({
        period_id: options.period.id,
        period_start: options.period.start,
        period_end: options.period.end,
        kind: options.kind,
        generated_at: asOf,
        generated_by: options.generatedBy,
        content: JSON.stringify(content),
        revision: latest === null ? 0 : latest + 1,
      })
      .onConflict((oc) => oc.column('period_id').where(sql<boolean>`kind = 'scheduled'`).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      // Another run of the scheduler stored it first.
      const first = await findScheduled(trx, options.period.id);
      if (!first) throw new Error('scheduled bulletin vanished');
      return { bulletin: first, created: false, mailed: 0 };
    }
    const bulletin = toBulletin(row);
    const mailed = (options.mail ?? options.kind === 'scheduled') ? await enqueueBulletinMail(trx, bulletin) : 0;
    return { bulletin, created: true, mailed };
  });
}

type Row = { id: string; period_id: string; kind: BulletinKind; revision: number; generated_at: Date; generated_by: string | null; content: unknown };

function toBulletin(row: Row): Bulletin {
  const content = row.content as BulletinContent;
  return {
    id: row.id,
    periodId: row.period_id,
    label: content.period.label,
    kind: row.kind,
    revision: row.revision,
    generatedAt: row.generated_at,
    generatedBy: row.generated_by,
    totals: content.totals,
    content,
  };
}

/** The highest revision stored for a period; null when it has no bulletin. */
async function latestRevision(db: Db, periodId: string): Promise<number | null> {
  const row = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.max('revision').as('latest'))
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return row?.latest ?? null;
}

/** `bulletin.period_taken` naming the period when it has a bulletin already. */
function refuseTaken(period: Period, latest: number | null): void {
  if (latest === null) return;
  throw new DomainError('bulletin.period_taken', `${period.label}（${period.id}）已有通报；如需重新生成，请以修订版（revision: true）生成`, {
    field: 'period',
    details: { period: period.id, revisions: latest + 1 },
  });
}

async function findScheduled(db: Db, periodId: string): Promise<Bulletin | null> {
  const row = await db.selectFrom('bulletins').selectAll().where('period_id', '=', periodId).where('kind', '=', 'scheduled').executeTakeFirst();
  return row ? toBulletin(row) : null;
}

/** A stored bulletin; `bulletin.not_found` when there is none. */
export async function getBulletin(db: Db, id: string): Promise<Bulletin> {
  const row = await db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('bulletin.not_found', 'no such bulletin');
  return toBulletin(row);
}

/** Stored bulletins, newest period first (and the latest revision of a period first), by offset pages. */
export async function listBulletins(db: Db, options: { periodId?: string | undefined; limit: number; offset: number }): Promise<{ items: BulletinSummary[]; total: number }> {
  let q = db.selectFrom('bulletins');
  if (options.periodId) q = q.where('period_id', '=', options.periodId);
  const [rows, total] = await Promise.all([
    q
      .select(['id', 'period_id', 'kind', 'revision', 'generated_at', sql<string>`content->'period'->>'label'`.as('label'), sql<BulletinContent['totals']>`content->'totals'`.as('totals')])
      .orderBy('period_start', 'desc')
      .orderBy('revision', 'desc')
      .orderBy('generated_at', 'desc')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, periodId: r.period_id, label: r.label, kind: r.kind, revision: r.revision, generatedAt: r.generated_at, totals: r.totals })),
    total: Number(total.n),
  };
}

/**
 * One mail per leader, unit head and supervisor with an address (their own figures in it, the
 * link to the page) and one inbox row per account; keyed so each is sent once.
 */
async function enqueueBulletinMail(trx: Db, bulletin: Bulletin): Promise<number> {
  const officials = await trx
    .selectFrom('officials')
    .leftJoin('accounts', 'accounts.official_id', 'officials.id')
    .select(['officials.id', 'officials.name', 'officials.email', 'officials.roles', 'officials.unit_id as unitId', 'officials.leader_id as leaderId', 'accounts.id as accountId'])
    .where(sql<boolean>`officials.roles && array['leader','unit_head','supervisor']::text[]`)
    .orderBy('officials.id')
    .execute();
  const seen = new Set<string>();
  const mails = [];
  const inbox = [];
  const link = `/bulletins/${bulletin.id}`;
  for (const o of officials) {
    const mail = bulletinMail(bulletin.content, o);
    const dedupeKey = `bulletin-${bulletin.id}-${o.id}`;
    if (!seen.has(o.id) && o.email) mails.push({ topic: 'mail', issue_id: null, payload: JSON.stringify({ to: [o.email], subject: mail.subject, text: mail.text, link }), dedupe_key: dedupeKey });
    seen.add(o.id);
    if (o.accountId) inbox.push({ account_id: o.accountId, issue_id: null, subject: mail.subject, body: mail.text, link, dedupe_key: dedupeKey });
  }
  if (mails.length)
    await trx
      .insertInto('outbox')
      .values(mails)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  if (inbox.length)
    await trx
      .insertInto('notifications')
      .values(inbox)
      .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
      .execute();
  return mails.length;
}
