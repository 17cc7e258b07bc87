import { describe, expect, it } from 'vitest';
import type { Task } from '../issues/work-queues.ts';
import { digestMail } from './daily-digest.ts';

const official = { id: '00000000-0000-4000-8000-000000000001', name: '张三', email: 'zhang@test.local' };
// Thursday 2026-11-26 10:00 Shanghai; the next working day closes Friday 17:30.
const now = new Date('2026-11-26T02:00:00Z');
const dueBy = new Date('2026-11-27T09:30:00Z');

let serial = 0;
const task = (t: Task['task'], dueAt: string | null, state = 'inProgress.working'): Task => ({
  issueId: `issue-${++serial}`,
  number: `2026-${String(serial).padStart(6, '0')}`,
  title: `诉求${serial}`,
  enterpriseName: '企业',
  task: t,
  dueAt: dueAt ? new Date(dueAt) : null,
  state,
  version: 1,
  track: 'on_time',
});
const sectionOf = (text: string, number: string) => {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(number));
  return lines
    .slice(0, at)
    .reverse()
    .find((l) => l.endsWith('：'));
};

describe('digestMail', () => {
  it('is null for an official with nothing to do', () => {
    expect(digestMail(official, [], now, dueBy)).toBeNull();
  });

  it('sorts tasks into overdue, due by the close of the next working day, and the rest', () => {
    const late = task('handle', '2026-11-25T09:00:00Z');
    const soon = task('claim', '2026-11-27T08:00:00Z');
    const later = task('handle', '2026-12-03T09:30:00Z');
    const mail = digestMail(official, [late, soon, later], now, dueBy);
    expect(mail).toMatchObject({ to: ['zhang@test.local'], dedupeKey: `digest-${official.id}-2026-11-26` });
    expect(mail?.subject).toBe('【每日待办】2026-11-26 共 3 项，1 项已超期，1 项下一个工作日内到期');
    expect(sectionOf(mail?.text ?? '', late.number)).toBe('已超期（1 项）：');
    expect(sectionOf(mail?.text ?? '', soon.number)).toBe('2026-11-27 17:30 前到期（1 项）：');
    expect(sectionOf(mail?.text ?? '', later.number)).toBe('其他待办（1 项）：');
    expect(mail?.text).toContain(`${soon.number} ${soon.title}（企业）· 签收 · 2026-11-27 16:00 前`);
  });

  it('never calls a return ruling, a paused clock or a listing filed before the listing clock overdue', () => {
    // inbox() gives a ruling the time of the last change as dueAt, which is always in the past.
    const ruling = task('ruleReturn', '2026-11-20T02:00:00Z', 'returned');
    const paused = task('handle', '2026-11-20T02:00:00Z', 'inProgress.waitingOnEnterprise');
    const unclocked = task('list', null, 'submitted');
    const mail = digestMail(official, [ruling, paused, unclocked], now, dueBy);
    expect(mail?.subject).toBe('【每日待办】2026-11-26 共 3 项');
    for (const t of [ruling, paused, unclocked]) expect(sectionOf(mail?.text ?? '', t.number)).toBe('其他待办（3 项）：');
  });

  it('calls a listing past its listing clock overdue (docs/domain.md#clocks)', () => {
    const late = task('list', '2026-11-25T09:30:00Z', 'submitted');
    const mail = digestMail(official, [late], now, dueBy);
    expect(sectionOf(mail?.text ?? '', late.number)).toBe('已超期（1 项）：');
  });

  it('lists at most fifty tasks a section and counts the rest', () => {
    const many = Array.from({ length: 53 }, () => task('claim', '2026-12-10T02:00:00Z'));
    const text = digestMail(official, many, now, dueBy)?.text ?? '';
    expect(text.split('\n').filter((l) => l.startsWith('- 2026-'))).toHaveLength(50);
    expect(text).toContain('……另有 3 项');
  });
});
