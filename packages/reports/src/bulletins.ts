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
};

/**
 * Generates a bulletin and stores it as a frozen snapshot, with its mails, in one transaction.
 * The scheduler's bulletin of a period is made once: a second run returns the first, unchanged
 * and not mailed again (`created: false`).
 */
export async function generateBulletin(deps: { db: Db; clock: () => Date }, options: GenerateBulletinOptions): Promise<{ bulletin: Bulletin; created: boolean; mailed: number }> {
  const asOf = deps.clock();
  const minIssues = options.minIssues ?? DEFAULT_MIN_ISSUES;
  const { db } = deps;
  if (options.kind === 'scheduled') {
    const existing = await findScheduled(db, options.period.id);
    if (existing) return { bulletin: existing, created: false, mailed: 0 };
  }
  const content = await buildBulletin(db, options.period, asOf, { minIssues, sections: options.sections });
  return db.transaction().execute(async (trx) => {
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

type Row = { id: string; period_id: string; kind: BulletinKind; generated_at: Date; generated_by: string | null; content: unknown };

function toBulletin(row: Row): Bulletin {
  const content = row.content as BulletinContent;
  return { id: row.id, periodId: row.period_id, label: content.period.label, kind: row.kind, generatedAt: row.generated_at, generatedBy: row.generated_by, totals: content.totals, content };
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

/** Stored bulletins, newest period first (and the newest of a period first), by offset pages. */
export async function listBulletins(db: Db, options: { periodId?: string | undefined; limit: number; offset: number }): Promise<{ items: BulletinSummary[]; total: number }> {
  let q = db.selectFrom('bulletins');
  if (options.periodId) q = q.where('period_id', '=', options.periodId);
  const [rows, total] = await Promise.all([
    q
      .select(['id', 'period_id', 'kind', 'generated_at', sql<string>`content->'period'->>'label'`.as('label'), sql<BulletinContent['totals']>`content->'totals'`.as('totals')])
      .orderBy('period_start', 'desc')
      .orderBy('generated_at', 'desc')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, periodId: r.period_id, label: r.label, kind: r.kind, generatedAt: r.generated_at, totals: r.totals })),
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
