import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const WRITER = 'packages/store/src/ledger.ts';

/** The engine's own source: every .ts file of packages, services and workflows but tests and frozen migrations. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'migrations'].includes(entry.name)) walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
    }
  };
  for (const top of ['packages', 'services', 'workflows', 'bench']) walk(top);
  return out;
}

// Writing a ledger row, or raising the version its seq follows, in kysely or in SQL.
const LEDGER_WRITES = [
  /insertInto\(\s*['"](issue|project)_events['"]/,
  /insert\s+into\s+"?(issue|project)_events\b/i,
  /updateTable\(\s*['"](issues|projects)['"]\s*\)(?:(?!execute)[\s\S]){0,400}?\.set\(\s*(?:\([^)]*\)\s*=>\s*\(?)?\{[^}]*\bversion\b\s*[:,}]/,
  /update\s+"?(issues|projects)"?(\s|$)[^;`]*\bset\b[^;`]*\bversion\s*=/i,
];

/**
 * Benchmark fixtures that bulk-load a million-issue district with insert … select: they build a
 * dataset for reads to measure, with seq and version computed in the same statement, and are
 * not the engine's code. Nothing else may write a ledger.
 */
const BULK_LOADERS = ['bench/support/open-issues.ts', 'bench/support/read-dataset.ts'];

describe('one ledger writer', () => {
  const files = sources();

  it('finds the source it polices, the writer among it, and each way of writing a ledger', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(WRITER);
    const samples = [
      ["trx.insertInto('project_events').values(row)"],
      ['insert into issue_events (issue_id, seq) values ($1, $2)', 'INSERT INTO "project_events" (seq) VALUES (1)'],
      [
        "trx.updateTable('issues')\n  .set({ state, version: issue.version + 1 })",
        "trx.updateTable('issues').set({ version, updated_at: now })",
        "db.updateTable('projects').set((eb) => ({ version: eb('version', '+', 1) }))",
      ],
      ['update projects set state = $1, version = version + 1 where id = $2', 'update "issues" i set version = v.version from unnest($1)'],
    ];
    LEDGER_WRITES.forEach((re, n) => {
      for (const sample of samples[n] ?? []) expect(re.test(sample), `${re.source} on ${sample}`).toBe(true);
    });
    expect(LEDGER_WRITES.some((re) => re.test("trx.updateTable('issues').set({ track }).where('version', '=', 3)"))).toBe(false);
  });

  it('has no other file append to issue_events or project_events, or raise their version', () => {
    const offenders = files
      .filter((f) => f !== WRITER && !BULK_LOADERS.includes(f))
      .flatMap((f) => {
        const text = readFileSync(path.join(root, f), 'utf8');
        return LEDGER_WRITES.filter((re) => re.test(text)).map((re) => `${f}: ${re.source}`);
      });
    expect(offenders).toEqual([]);
  });
});
