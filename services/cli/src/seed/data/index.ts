import { buildAssignments } from './assignments.ts';
import { DEMO_CATEGORIES } from './categories.ts';
import { DISTRICT_NAME } from './district.ts';
import { buildEnterprises } from './enterprises.ts';
import { buildIssues } from './issues.ts';
import { buildLeaders, governmentLeaderKeys } from './leaders.ts';
import { createNamer } from './names.ts';
import { buildOfficials } from './officials.ts';
import { createPhoneBook } from './phones.ts';
import { rngFor } from './prng.ts';
import type { DemoDistrict } from './types.ts';
import { buildUnits, handlingUnitKeys } from './units.ts';

export type { DemoDistrict, DemoIssueDraft, IssueTarget } from './types.ts';

/** Every demo account's password, officials' and enterprises' alike. */
export const DEMO_PASSWORD = 'huiyin-demo-2026';

/** 2021-04-14, the date of the district's figures the demo follows (docs/domain.md#demo-data). */
const DEFAULT_SEED = 20210414;
const DEFAULT_ISSUE_COUNT = 300;

/**
 * The demo district's master data and issue drafts, shaped as docs/domain.md#demo-data describes: 15 leaders,
 * 25 units, 85 key enterprises under 分包制 and 15 others. Pure and deterministic: the same
 * options give the same data set, and each part draws from its own stream, so `issueCount`
 * changes only the issues.
 *
 * @param options.seed - any safe integer; @defaultValue 20210414
 * @param options.issueCount - number of issue drafts; each target gets at least 5 when it is
 *   55 or more. @defaultValue 300
 * @throws RangeError when `seed` is not a safe integer or `issueCount` not a non-negative one.
 */
export function buildDemoDistrict(options: { seed?: number; issueCount?: number } = {}): DemoDistrict {
  const seed = options.seed ?? DEFAULT_SEED;
  const issueCount = options.issueCount ?? DEFAULT_ISSUE_COUNT;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!Number.isSafeInteger(issueCount) || issueCount < 0) {
    throw new RangeError(`issueCount must be a non-negative integer, got ${issueCount}`);
  }
  const people = { namer: createNamer(rngFor(seed, 'people')), phones: createPhoneBook(rngFor(seed, 'phones')) };
  const leaders = buildLeaders(people.namer);
  const units = buildUnits();
  const officials = buildOfficials(leaders, units, people);
  const enterprises = buildEnterprises({ rng: rngFor(seed, 'enterprises'), ...people });
  const assignments = buildAssignments(rngFor(seed, 'assignments'), enterprises, leaders, handlingUnitKeys());
  const categories = DEMO_CATEGORIES.map((c) => structuredClone(c));
  const issues = buildIssues(rngFor(seed, 'issues'), issueCount, {
    enterprises,
    assignments,
    units,
    categories,
    fallbackLeaderKeys: governmentLeaderKeys(leaders),
  });
  return { name: DISTRICT_NAME, leaders, units, officials, enterprises, assignments, categories, issues };
}
