import type { UnitAlias } from '../units.ts';

/**
 * One kind of problem. Texts may use the slots `{project}`, `{side}`, `{road}`, `{park}`,
 * `{n}` (2–6), `{months}` (2–8), `{amount}` (万元), `{workers}`, `{meters}`, `{year}` and,
 * in answers, `{unit}` (the lead unit's short name).
 */
export type IssueTemplate = {
  title: string;
  description: string;
  /** The lead unit when it is not the category's. */
  unit?: UnitAlias;
  /** Likely assisting units when not the category's. */
  assisting?: readonly UnitAlias[];
};

/** What enterprises write under one category, and what units answer. */
export type CategoryText = {
  code: string;
  unit: UnitAlias;
  assisting: readonly UnitAlias[];
  templates: readonly IssueTemplate[];
  /** Milestone titles in the order they happen. */
  milestones: readonly string[];
  answers: readonly string[];
  /** Negative answers: why not as asked, and the way forward (不说"不能办"，只说"怎么办"). */
  wayForward: readonly string[];
};
