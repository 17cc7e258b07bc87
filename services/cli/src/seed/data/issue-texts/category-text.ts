import type { UnitAlias } from '../units.ts';

/**
 * One kind of problem, with the unit's answer to it. Texts may use the slots `{project}`,
 * `{side}`, `{road}`, `{park}`, `{n}` (2–6), `{months}` (2–8), `{amount}` (万元),
 * `{workers}`, `{meters}`, `{year}` and, in answers, `{unit}` (the lead unit's short name).
 */
type IssueTemplate = {
  title: string;
  description: string;
  /** The answer when the problem is solved as asked. */
  answer: string;
  /** The negative answer: why not as asked, and the way forward (不说"不能办"，只说"怎么办"). */
  wayForward: string;
  /** The lead unit when it is not the category's. */
  unit?: UnitAlias;
  /** Likely assisting units when not the category's. */
  assisting?: readonly UnitAlias[];
  /** Milestone titles, in order, when not the category's. */
  milestones?: readonly string[];
};

/** What enterprises write under one category, who leads on it, and its usual steps. */
export type CategoryText = {
  code: string;
  unit: UnitAlias;
  assisting: readonly UnitAlias[];
  templates: readonly IssueTemplate[];
  /** Milestone titles in the order they happen. */
  milestones: readonly string[];
};
