import { useState } from 'react';
import { Alert, Button, Card, Collapse, Space, Spin, Tag, Typography } from 'antd';
import type { IssueDetail } from '../api/types.ts';
import { explainClock, type ClockExplainStep, type ClockExplanation, type ExplainedDay } from '../api/clock-explain.ts';
import { type Lang, useLocale } from '../i18n/locale.tsx';
import { eventLabel, limitLabel } from '../i18n/labels.ts';
import { useLoad } from './use-load.ts';
import { LimitInput } from './limit-input.tsx';
import { useSession } from '../session.tsx';
import type { TimeLimit } from '../api/types.ts';
import { When, formatTime } from './when.tsx';

type Kind = ClockExplanation['kind'];
type Due = { key: string; kind: Kind; subject?: string; zh: string; en: string; dueAt: string | null | undefined };

/** Every due time the issue shows: its own clocks', each assisting unit's, the documents still owed. */
function duesOf(i: IssueDetail): Due[] {
  const owed = i.pendingDocuments.filter((d) => !d.suppliedAt).map((d) => d.dueAt);
  return [
    { key: 'listing', kind: 'listing' as const, zh: '列单派单时限', en: 'Listing', dueAt: i.listingDueAt },
    { key: 'claim', kind: 'claim' as const, zh: '签收时限', en: 'Claim', dueAt: i.claimDueAt },
    { key: 'handling', kind: 'handling' as const, zh: '办理时限', en: 'Handling', dueAt: i.handlingDueAt },
    ...i.assists.map((a) => ({ key: `assist-${a.unitId}`, kind: 'assist' as const, subject: a.unitId, zh: `协办时限（${a.unitName}）`, en: `Assist (${a.unitName})`, dueAt: a.dueAt })),
    { key: 'supplement', kind: 'supplement' as const, zh: '补交时限', en: 'Documents', dueAt: owed.sort()[0] },
    { key: 'rating', kind: 'rating' as const, zh: '评价时限', en: 'Rating', dueAt: i.ratingDueAt },
  ].filter((d) => d.dueAt);
}

/** 时限怎么算的: under each due time of the issue, how it was counted, loaded when opened. */
export function DueExplanations({ issue }: { issue: IssueDetail }) {
  const { t } = useLocale();
  const items = duesOf(issue).map((k) => ({
    key: k.key,
    label: (
      <span>
        {t(k.zh, k.en)} {t('截至', 'due')} <When at={k.dueAt} /> · <Typography.Link>{t('时限怎么算的', 'how it was counted')}</Typography.Link>
      </span>
    ),
    children: <Explanation issueId={issue.id} kind={k.kind} subject={k.subject} />,
  }));
  if (items.length === 0) return null;
  return (
    <Card title={t('时限怎么算的', 'How the due times were counted')} size="small" data-testid="due-explanations">
      <Collapse size="small" ghost items={items} />
    </Card>
  );
}

function Explanation({ issueId, kind, subject }: { issueId: string; kind: Kind; subject?: string | undefined }) {
  const { lang, t } = useLocale();
  const { data: e, error } = useLoad(() => explainClock(issueId, kind, subject ? { subject } : {}), [issueId, kind, subject]);
  if (error) return <Alert type="warning" title={error.message} />;
  if (!e) return <Spin size="small" />;
  const source = {
    category: t('类别规定', 'the category’s'),
    dispatcher: t(`列单时由${e.rule.setBy ?? '派单员'}设定`, `set by ${e.rule.setBy ?? 'the dispatcher'}`),
    green_channel: t('绿色通道', 'green channel'),
    chosen: t(`派单时由${e.rule.setBy ?? '派单员'}指定`, `chosen by ${e.rule.setBy ?? 'the dispatcher'}`),
    planned: t('节点计划', 'planned milestone'),
  }[e.rule.source];
  return (
    <div data-testid={`explain-${kind}${subject ? `-${subject}` : ''}`} style={{ lineHeight: 1.8 }}>
      <div>
        <b>{t('规则', 'Rule')}</b>：{t(`「${e.rule.categoryName}」`, `${e.rule.categoryName}: `)}
        {e.rule.limit ? limitLabel(e.rule.limit, lang) : ''}（{source}）{e.rule.greenChannel ? <Tag color="green">{t('绿色通道', 'green channel')}</Tag> : null}
      </div>
      {e.start ? (
        <div>
          <b>{t('起算', 'Start')}</b>：<When at={e.start.at} /> {eventLabel(e.start.event, lang)}
          {e.rule.limit?.unit === 'workingDays' ? t('（当日不计）', ' (that day does not count)') : ''}
        </div>
      ) : null}
      <ol style={{ paddingLeft: 20, margin: '4px 0' }}>
        {e.steps.map((s, i) => (
          <li key={i} data-testid="explain-step">
            <StepText step={s} />
          </li>
        ))}
      </ol>
      <div>
        <b>{t('结果', 'Result')}</b>：<When at={e.dueAt} />{' '}
        {e.agrees ? (
          <Tag color="green">{t('与记录一致', 'as recorded')}</Tag>
        ) : (
          <Tag color="orange">{t(`记录为 ${formatTime(e.storedDueAt)}（规则已变）`, `recorded ${formatTime(e.storedDueAt)} (rules changed)`)}</Tag>
        )}
        {e.provisional ? <Tag color="orange">{t(`暂定：${e.undeclaredYears.join('、')} 年节假日尚未公布`, `provisional: ${e.undeclaredYears.join(', ')} not declared`)}</Tag> : null}
      </div>
      {kind === 'handling' && e.status === 'running' ? <WhatIf issueId={issueId} /> : null}
    </div>
  );
}

const REFUSALS: Record<string, [string, string]> = {
  'issue.extension_too_long': ['超过单次延期上限', 'longer than the category allows'],
  'issue.extensions_exhausted': ['延期次数已用完', 'no extensions left'],
  'issue.extension_after_due': ['已过办理时限', 'the due time has passed'],
  'issue.pause_after_due': ['已过办理时限，不能暂停', 'the due time has passed: no pause'],
  'issue.wrong_state': ['当前状态不可', 'not in this state'],
};

/** 试算: what an extension, or a pause from now, would do to the handling due time; nothing is changed. Officials only. */
function WhatIf({ issueId }: { issueId: string }) {
  const { me } = useSession();
  const { lang, t } = useLocale();
  const [amount, setAmount] = useState<TimeLimit>({ amount: 1, unit: 'workingDays' });
  const [answer, setAnswer] = useState<ClockExplanation['whatIf']>(null);
  const [failed, setFailed] = useState<string | null>(null);
  if (me?.kind !== 'official') return null;
  const refusal = (code: string | null) => (code ? <Tag color="red">{t(...(REFUSALS[code] ?? [code, code]))}</Tag> : null);
  const ask = () =>
    explainClock(issueId, 'handling', { extendBy: `${amount.amount}${amount.unit}`, pauseFrom: 'now' })
      .then((e) => (setAnswer(e.whatIf), setFailed(null)))
      .catch((err: unknown) => setFailed((err as Error).message));
  return (
    <div style={{ marginTop: 8 }} data-testid="what-if">
      <Space wrap>
        <b>{t('试算', 'What if')}</b>
        {t('延期', 'extend by')}
        <LimitInput value={amount} onChange={setAmount} units={['workingDays', 'workingHours']} fallback={amount} />
        <Button size="small" onClick={ask} data-testid="what-if-ask">
          {t('试算（不会改变时限）', 'compute (changes nothing)')}
        </Button>
      </Space>
      {failed ? <Alert type="warning" title={failed} /> : null}
      {answer?.extension ? (
        <div data-testid="what-if-extension">
          {t(`延期 ${limitLabel(answer.extension.amount, lang)}：截至`, `Extended by ${limitLabel(answer.extension.amount, lang)}: due`)} <When at={answer.extension.dueAt} />{' '}
          {refusal(answer.extension.refusal)}
        </div>
      ) : null}
      {answer?.pause ? (
        <div data-testid="what-if-pause">
          {t('现在暂停：剩余工作时间', 'Paused now: left')} {duration(answer.pause.leftMs, lang)}
          {t('；企业未补充时最晚', '; resumes by itself at')} <When at={answer.pause.resumesBy} /> {t('自动恢复，时限最晚顺延至', ', the due time moving at most to')}{' '}
          <When at={answer.pause.dueAtIfResumedBy} /> {refusal(answer.pause.refusal)}
        </div>
      ) : null}
    </div>
  );
}

function StepText({ step: s }: { step: ClockExplainStep }) {
  const { lang, t } = useLocale();
  const to = (
    <>
      {' '}
      → <When at={s.dueAfter} />
    </>
  );
  const days = <DaysText step={s} />;
  switch (s.type) {
    case 'limit':
      return (
        <span>
          {s.amount ? t(`按 ${limitLabel(s.amount, lang)} 计`, `${limitLabel(s.amount, lang)}`) : null}
          {days}
          {to}
        </span>
      );
    case 'pause':
      return (
        <span>
          <When at={s.pause?.from} /> {t('暂停', 'paused')}
          {s.pause?.reason ? t(`（${s.pause.reason}）`, ` (${s.pause.reason})`) : ''}，
          {s.pause?.to ? (
            <>
              <When at={s.pause.to} /> {t('恢复，加回', 'resumed, adding back')} {duration(s.pause.creditMs, lang)}
              {s.pause.creditMs < s.pause.spanMs ? t('（暂停额度已用尽）', ' (pause allowance spent)') : ''}
              {days}
              {to}
            </>
          ) : (
            t('仍在暂停：恢复时加回暂停的工作时间', 'still paused: the working time paused is added back on resuming')
          )}
        </span>
      );
    case 'extension':
      return (
        <span>
          <When at={s.at} /> {s.by ?? t('区级领导', 'the leader')} {t('批准延期', 'approved an extension of')} {limitLabel(s.amount, lang)}
          {days}
          {to}
        </span>
      );
    case 'assistMargin':
      return (
        <span>
          {t('牵头单位时限', 'the lead unit’s due time')} <When at={s.dueBefore} /> {t(`之前留出 ${limitLabel(s.amount, lang)}`, `less ${limitLabel(s.amount, lang)}`)}
          {to}
        </span>
      );
    case 'chosen':
      return (
        <span>
          {s.by ?? t('派单员', 'the dispatcher')} {t('派单时指定', 'chose it at dispatch')}
          {to}
        </span>
      );
    default:
      return (
        <span>
          {t('节点计划', 'as planned')}
          {to}
        </span>
      );
  }
}

/** The days counted, and those skipped with why, grouped into runs: 10月1日至10月7日 国庆节. */
function DaysText({ step }: { step: ClockExplainStep }) {
  const { lang, t } = useLocale();
  if (!step.measure) return null;
  if (step.measure === 'elapsed') return t(`，连续计时 ${duration(step.counted, lang)}`, `, ${duration(step.counted, lang)} elapsed`);
  const working = step.measure === 'workingTime';
  // A working-days count never counts its start day: that is said once, at the start.
  const shown = working || step.type !== 'limit' ? step.days : step.days.slice(1);
  const counted = shown.filter((d) => d.counted);
  const skipped = runs(shown.filter((d) => !d.counted && d.kind !== 'workday' && d.kind !== 'makeup_workday'));
  return (
    <>
      {step.type === 'pause' ? t('，顺延计入 ', ', carried into ') : t('：计入 ', ': counting ')}
      {counted.map((d, i) => (
        <span key={d.date} data-testid="counted-day">
          {i > 0 ? '、' : ''}
          {dayText(d.date, lang)}
          {working ? ` ${duration(d.workingMs, lang)}` : ''}
          {d.kind === 'makeup_workday' ? t('（调休上班）', ' (make-up workday)') : ''}
          {d.declared ? t('（公告）', ' (declared)') : ''}
        </span>
      ))}
      {skipped.length ? (
        <>
          {t('；跳过 ', '; skipping ')}
          {skipped.map((r, i) => (
            <span key={r.from} data-testid="skipped-days">
              {i > 0 ? '，' : ''}
              {r.from === r.to ? dayText(r.from, lang) : `${dayText(r.from, lang)}${t('至', '–')}${dayText(r.to, lang)}`} {reason(r.day, lang)}
            </span>
          ))}
        </>
      ) : null}
    </>
  );
}

/** Runs of consecutive skipped days with the same reason. */
function runs(days: ExplainedDay[]): Array<{ from: string; to: string; day: ExplainedDay }> {
  const out: Array<{ from: string; to: string; day: ExplainedDay }> = [];
  for (const d of days) {
    const last = out.at(-1);
    const next = last ? new Date(Date.parse(`${last.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : '';
    if (last && next === d.date && last.day.kind === d.kind && last.day.name === d.name) last.to = d.date;
    else out.push({ from: d.date, to: d.date, day: d });
  }
  return out;
}

const reason = (d: ExplainedDay, lang: Lang) => {
  if (d.kind === 'weekend') return lang === 'zh' ? '周末' : 'weekend';
  const name = d.name ?? (lang === 'zh' ? '法定节假日' : 'public holiday');
  return d.declared ? `${name}${lang === 'zh' ? '（公告）' : ' (declared)'}` : name;
};

const dayText = (date: string, lang: Lang) => (lang === 'zh' ? `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : date.slice(5));

function duration(ms: number, lang: Lang): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'en') return `${h ? `${h} h` : ''}${h && m ? ' ' : ''}${m || !h ? `${m} min` : ''}`;
  return `${h ? `${h}小时` : ''}${m || !h ? `${m}分钟` : ''}`;
}
