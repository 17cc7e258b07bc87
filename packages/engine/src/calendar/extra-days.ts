import { sql } from 'kysely';
import type { ExtraDay } from '@huiyin/calendar';
import { DomainError } from '@huiyin/domain';
import type { Db, Tx } from '@huiyin/store';
import { recordPolicyChanges } from '../audit/policy-changes.ts';
import { CALENDAR_CHANNEL } from './calendar-changes.ts';

/** A day to declare; `name` may be left out or undefined. */
export type ExtraDayToSave = { date: string; kind: ExtraDay['kind']; name?: string | undefined };

/** Where a declaration comes from: a notice such as 国办发明电〔2026〕X号, or 'admin'; and who made it (null from the CLI). */
export type DeclarationSource = { source: string; accountId: string | null };

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Every operator-declared day, oldest date first, ready for `createWorkingCalendar({ extraDays })`. */
export async function loadExtraDays(db: Db): Promise<ExtraDay[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'name'])
    .orderBy('calendar_days.date')
    .execute();
  return rows.map(({ date, kind, name }) => (name === null ? { date, kind } : { date, kind, name }));
}

/**
 * Declares holidays and make-up workdays in one transaction. A date declared before is
 * overwritten (kind, name, source, author, and `created_at` becomes the time of this declaration).
 * The change is announced on commit (`followCalendarChanges`), so running services reload it.
 * @returns how many days were written
 * @throws DomainError `validation.invalid` naming `days.N.date` for a malformed or repeated date,
 *   or `source` when it is blank
 */
export async function saveExtraDays(db: Db, days: ReadonlyArray<ExtraDayToSave>, { source, accountId }: DeclarationSource): Promise<number> {
  const trimmedSource = source.trim();
  if (trimmedSource === '') throw new DomainError('validation.invalid', 'say where the days come from', { field: 'source' });
  const seen = new Set<string>();
  days.forEach(({ date, kind }, i) => {
    if (!isCalendarDate(date)) throw new DomainError('validation.invalid', `${date} is not a YYYY-MM-DD date`, { field: `days.${i}.date` });
    if (seen.has(date)) throw new DomainError('validation.invalid', `${date} is listed twice`, { field: `days.${i}.date` });
    if (kind !== 'holiday' && kind !== 'makeup_workday') throw new DomainError('validation.invalid', `kind must be holiday or makeup_workday`, { field: `days.${i}.kind` });
    seen.add(date);
  });
  if (days.length === 0) return 0;
  const rows = days.map(({ date, kind, name }) => ({ date, kind, name: name?.trim() || null, source: trimmedSource, created_by: accountId }));
  return db.transaction().execute(async (trx) => {
    const was = await declaredDays(
      trx,
      rows.map((r) => r.date),
    );
    const written = await trx
      .insertInto('calendar_days')
      .values(rows)
      .onConflict((oc) =>
        oc.column('date').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          name: eb.ref('excluded.name'),
          source: eb.ref('excluded.source'),
          created_by: eb.ref('excluded.created_by'),
          created_at: sql<Date>`now()`,
        })),
      )
      .executeTakeFirst();
    // Delivered on commit: every API and worker listening reloads its calendar.
    await sql`select pg_notify(${CALENDAR_CHANNEL}, '')`.execute(trx);
    // Each day with what it was (null: as the built-in calendar had it) and who declared it.
    await recordPolicyChanges(
      trx,
      rows.map((r) => ({ accountId, subject: 'calendar_day', subjectId: r.date, before: was.get(r.date) ?? null, after: { kind: r.kind, name: r.name, source: r.source } })),
    );
    return Number(written.numInsertedOrUpdatedRows ?? 0);
  });
}

/** The declared days among `dates`, as the audit records them. */
async function declaredDays(trx: Tx, dates: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await trx
    .selectFrom('calendar_days')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'name', 'source'])
    .where(sql<boolean>`date = any(${dates}::date[])`)
    .execute();
  return new Map(rows.map(({ date, ...day }) => [date, day]));
}

/**
 * Withdraws a declared day: the date is again as the built-in calendar has it. Recorded with who
 * withdrew it and what it was; announced on commit as a declaration is.
 * @throws DomainError `calendar.day_not_declared` when the date has no declaration
 */
export async function deleteExtraDay(db: Db, date: string, accountId: string | null): Promise<void> {
  if (!isCalendarDate(date)) throw new DomainError('validation.invalid', `${date} is not a YYYY-MM-DD date`, { field: 'date' });
  await db.transaction().execute(async (trx) => {
    const was = (await declaredDays(trx, [date])).get(date);
    if (!was) throw new DomainError('calendar.day_not_declared', `${date} has no declaration to withdraw`, { field: 'date' });
    await trx.deleteFrom('calendar_days').where(sql<boolean>`date = ${date}::date`).execute();
    await sql`select pg_notify(${CALENDAR_CHANNEL}, '')`.execute(trx);
    await recordPolicyChanges(trx, [{ accountId, subject: 'calendar_day', subjectId: date, before: was, after: null }]);
  });
}

/** A real date from 0001 to 9999 (PostgreSQL has no year 0). */
function isCalendarDate(date: string): boolean {
  if (!DATE_PATTERN.test(date) || date.startsWith('0000')) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
