import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '@huiyin/store';
import { loadExtraDays } from '@huiyin/engine';
import { calendarCommand, parseCalendarFile } from './calendar-command.ts';
import { sharedDatabaseUrl } from '../../../test/support/run-scope.ts';

const EXAMPLE = new URL('../calendar/2027.example.json', import.meta.url);

describe('parseCalendarFile', () => {
  it('reads the 2027 example, whose source says it is an example and not official', async () => {
    const parsed = parseCalendarFile(await readFile(EXAMPLE, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.source).toMatch(/示例/);
    expect(parsed.value.source).toMatch(/not official/);
    expect(parsed.value.days.every((d) => d.date.startsWith('2027-'))).toBe(true);
    // Make-up workdays are weekends; a weekday one would change nothing.
    for (const d of parsed.value.days.filter((x) => x.kind === 'makeup_workday')) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });

  it('names the bad entry by index and content', () => {
    const parsed = parseCalendarFile(
      JSON.stringify({
        source: 'x',
        days: [
          { date: '2027-01-01', kind: 'holiday' },
          { date: '2027-02-30', kind: 'holiday' },
        ],
      }),
    );
    expect(parsed).toEqual({ ok: false, errors: ['days[1] {"date":"2027-02-30","kind":"holiday"}: date: a real date as YYYY-MM-DD'] });
  });

  it('names a date listed twice, a wrong kind and a missing source', () => {
    const twice = parseCalendarFile(
      JSON.stringify({
        source: 'x',
        days: [
          { date: '2027-01-01', kind: 'holiday' },
          { date: '2027-01-01', kind: 'holiday' },
        ],
      }),
    );
    expect(twice.ok || twice.errors).toEqual(['days[1] {"date":"2027-01-01","kind":"holiday"}: date: 2027-01-01 is listed twice']);
    const kind = parseCalendarFile(JSON.stringify({ source: 'x', days: [{ date: '2027-01-01', kind: 'weekend' }] }));
    expect(kind.ok || kind.errors[0]).toMatch(/^days\[0\] .*: kind: /);
    const source = parseCalendarFile(JSON.stringify({ days: [{ date: '2027-01-01', kind: 'holiday' }] }));
    expect(source.ok || source.errors[0]).toMatch(/^source: /);
  });

  it('says when the file is not JSON', () => {
    const parsed = parseCalendarFile('{ "source": ');
    expect(parsed.ok || parsed.errors[0]).toMatch(/^not JSON: /);
  });
});

// The database is shared with the test files run before and after this one: these tests own the dates of 2044.
describe('huiyin calendar import', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = createDb(sharedDatabaseUrl(), { max: 2 });
    dir = await mkdtemp(join(tmpdir(), 'huiyin-calendar-'));
  });
  afterAll(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, content: unknown) => {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const quietly = async (run: () => Promise<number>) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      return { code: await run(), out: log.mock.calls.flat().join('\n'), err: error.mock.calls.flat().join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  it('declares the days of a valid file with its source', async () => {
    const path = await file('ok.json', {
      source: 'test-2044',
      days: [
        { date: '2044-01-04', kind: 'holiday', name: '测试' },
        { date: '2044-01-09', kind: 'makeup_workday' },
      ],
    });
    const { code, out } = await quietly(() => calendarCommand(['import', path], db));
    expect(code).toBe(0);
    expect(out).toContain('declared 2 days');
    expect(await loadExtraDays(db)).toEqual(
      expect.arrayContaining([
        { date: '2044-01-04', kind: 'holiday', name: '测试' },
        { date: '2044-01-09', kind: 'makeup_workday' },
      ]),
    );
    const rows = await db.selectFrom('calendar_days').select(['source', 'created_by']).where('date', '=', '2044-01-04').execute();
    expect(rows).toEqual([{ source: 'test-2044', created_by: null }]);
  });

  it('imports nothing and exits 1 naming the bad entry', async () => {
    const path = await file('bad.json', {
      source: 'test-2044',
      days: [
        { date: '2044-02-01', kind: 'holiday' },
        { date: '2044-02-31', kind: 'holiday' },
      ],
    });
    const { code, err } = await quietly(() => calendarCommand(['import', path], db));
    expect(code).toBe(1);
    expect(err).toContain('days[1] {"date":"2044-02-31","kind":"holiday"}: date:');
    expect(await db.selectFrom('calendar_days').select('date').where('date', '=', '2044-02-01').execute()).toEqual([]);
  });

  it('exits 1 for a missing file and 2 for a wrong usage', async () => {
    expect((await quietly(() => calendarCommand(['import', join(dir, 'missing.json')], db))).code).toBe(1);
    expect((await quietly(() => calendarCommand(['import'], db))).code).toBe(2);
    expect((await quietly(() => calendarCommand(['frobnicate'], db))).code).toBe(2);
  });

  it('shows each date with its kind, marking the declared ones', async () => {
    const path = await file('show.json', { source: 'test-2044-show', days: [{ date: '2044-03-07', kind: 'holiday', name: '测试' }] });
    await quietly(() => calendarCommand(['import', path], db));
    const { code, out } = await quietly(() => calendarCommand(['show', '2044-03-05', '2044-03-07'], db));
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual(['2044-03-05 周六   weekend', '2044-03-06 周日   weekend', '2044-03-07 周一 * holiday        测试', '* declared by operators, source: test-2044-show']);
    expect((await quietly(() => calendarCommand(['show', '2044-01-01', '2045-06-01'], db))).code).toBe(1);
  });
});
