import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { DaysQuery, SaveCalendarDaysInput } from '@huiyin/contract';
import { isDomainError } from '@huiyin/domain';
import type { Db } from '@huiyin/store';
import { createCalendarFromDb, declareCalendarDays, saveExtraDays } from '@huiyin/engine';
import { withEngine, type OpenEngine } from './open-engine.ts';

export const CALENDAR_USAGE = `  calendar import <file.json>   declare holidays and make-up workdays: { "source": "...", "days": [{ "date", "kind", "name" }] }
  calendar show <from> <to>     the kind of each date (YYYY-MM-DD, at most 366 days), declared ones marked *`;

type Parsed = { ok: true; value: SaveCalendarDaysInput } | { ok: false; errors: string[] };

/**
 * Reads a calendar file's text. Each error names the entry it is about
 * (`days[3] {"date":"2027-02-30",…}: date: a real date as YYYY-MM-DD`).
 */
export function parseCalendarFile(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not JSON: ${(e as Error).message}`] };
  }
  const result = SaveCalendarDaysInput.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const days = (json as { days?: unknown }).days;
  return {
    ok: false,
    errors: result.error.issues.map(({ path, message }) => {
      const [top, index, ...rest] = path;
      if (top === 'days' && typeof index === 'number' && Array.isArray(days)) {
        return `days[${index}] ${JSON.stringify(days[index])}: ${rest.join('.') || 'entry'}: ${message}`;
      }
      return `${path.join('.') || 'file'}: ${message}`;
    }),
  };
}

/**
 * `huiyin calendar import|show …`; returns the exit code. With `engine`, an import is the admin
 * API's declaration (`declareCalendarDays`: due times of open issues moved, their timers set);
 * without, it only saves the days. Running services reload the days on commit either way.
 */
export async function calendarCommand(args: string[], db: Db, engine?: OpenEngine): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import' && rest.length === 1) return importDays(db, rest[0] ?? '', engine);
  if (sub === 'show' && rest.length === 2) return showDays(db, rest[0] ?? '', rest[1] ?? '');
  console.error(`usage:\n${CALENDAR_USAGE}`);
  return 2;
}

async function importDays(db: Db, file: string, engine: OpenEngine | undefined): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  const parsed = parseCalendarFile(text);
  if (!parsed.ok) {
    console.error(`${file}: nothing imported`);
    for (const error of parsed.errors) console.error(`  ${error}`);
    return 1;
  }
  const { source, days } = parsed.value;
  try {
    const declaration = { days, source: { source, accountId: null } };
    const { count, recompute: r } = engine ? await withEngine(engine, (deps) => declareCalendarDays(deps, declaration)) : { count: await saveExtraDays(db, days, declaration.source), recompute: null };
    console.log(`declared ${count} days from ${file} (source: ${source}); running services reload them now`);
    if (r) console.log(`open issues: ${r.recomputed} due times moved, ${r.unchanged} unchanged, ${r.skipped} skipped (changed meanwhile; their next step uses the new days)`);
    return 0;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    console.error(`${file}: nothing imported: ${e.field ?? ''} ${e.message}`);
    return 1;
  }
}

async function showDays(db: Db, from: string, to: string): Promise<number> {
  const query = DaysQuery.safeParse({ from, to });
  if (!query.success) {
    for (const { path, message } of query.error.issues) console.error(`${path.join('.')}: ${message}`);
    return 1;
  }
  const calendar = await createCalendarFromDb(db);
  const declared = new Map(
    (
      await db
        .selectFrom('calendar_days')
        .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'source'])
        .where('date', '>=', query.data.from)
        .where('date', '<=', query.data.to)
        .execute()
    ).map((r) => [r.date, r.source]),
  );
  const weekdays = ['日', '一', '二', '三', '四', '五', '六'];
  for (const { date, kind, name } of calendar.days(query.data.from, query.data.to)) {
    const weekday = weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
    const mark = declared.has(date) ? '*' : ' ';
    console.log(`${date} 周${weekday} ${mark} ${kind.padEnd(14)} ${name ?? ''}`.trimEnd());
  }
  for (const source of new Set(declared.values())) console.log(`* declared by operators, source: ${source}`);
  return 0;
}
