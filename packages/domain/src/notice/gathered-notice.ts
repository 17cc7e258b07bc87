import type { Notice, NoticeKind } from './notice.ts';

/**
 * How many notices with one label (【红牌超期】, 【黄牌预警】, …) one person gets from one batch of
 * track steps before they are gathered into one (docs/domain.md#gathered-notices). Below it each
 * step's notice goes alone.
 */
export const GATHER_AT = 5;

/** The lines a gathered notice lists; the rest are counted and left to the 未办结 list. */
const LISTED = 20;

/** Only the track's warnings are gathered: a 督办单 and anything else each stand alone. */
export function isGathered(kind: NoticeKind | undefined): boolean {
  return kind === 'reminder' || kind === 'yellow' || kind === 'red' || kind === 'escalation';
}

/** The 【…】 a step notice's subject starts with, which names the step ('' when none). */
export function noticeLabel(subject: string): string {
  return /^【[^】]+】/.exec(subject)?.[0] ?? '';
}

/**
 * One notice standing for several with one label to one person: the label and how many issues
 * in the subject, a line per notice (its issue and what it asks: an issue with two clocks at the
 * step has two) up to twenty, pointing to the 未办结 list where all of them are.
 */
export function gatheredNotice(members: readonly Notice[], issues: number): Pick<Notice, 'subject' | 'text' | 'kind' | 'link'> {
  const first = members[0];
  if (!first) throw new Error('a gathered notice needs at least one notice');
  const label = noticeLabel(first.subject);
  const lines = members.slice(0, LISTED).map((n) => `· ${n.subject.slice(noticeLabel(n.subject).length)}：${n.text}`);
  const rest = members.length - LISTED;
  const head = issues === members.length ? `${issues} 件事项同时${label}：` : `${issues} 件事项的 ${members.length} 项时限同时${label}：`;
  return {
    subject: `${label}${issues} 件事项`,
    text: [head, ...lines, ...(rest > 0 ? [`……另有 ${rest} 项，见未办结清单。`] : [])].join('\n'),
    kind: first.kind,
    link: '/open-list',
  };
}
