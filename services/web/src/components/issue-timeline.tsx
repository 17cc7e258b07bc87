import { Timeline, Typography } from 'antd';
import type { TimelineEvent } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { clockLabel, eventLabel, roleLabel, trackLabel } from '../i18n/labels.ts';
import { formatTime } from './when.tsx';

/** The words of an event worth showing beside its name: a note, a reason, a body. */
function detailOf(e: TimelineEvent, lang: 'zh' | 'en'): string {
  const p = e.payload ?? {};
  if (e.type === 'trackStep' && typeof p['step'] === 'string') return `${clockLabel(String(p['clock'] ?? ''), lang)} → ${trackLabel(p['step'], lang)}`;
  for (const key of ['body', 'note', 'reason', 'reply', 'comment', 'title']) {
    const v = p[key];
    if (typeof v === 'string' && v) return v;
  }
  return '';
}

/** The issue's ledger, oldest first: each event with its time, its actor's role and its words. */
export function IssueTimeline({ events }: { events: TimelineEvent[] }) {
  const { lang, t } = useLocale();
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: e.type === 'trackStep' ? 'red' : e.type === 'rate' ? 'green' : 'blue',
        children: (
          <div>
            <Typography.Text strong>{eventLabel(e.type, lang)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {formatTime(e.at)}
              {e.actor?.kind === 'enterprise'
                ? ` · ${t('企业', 'enterprise')}`
                : e.actor?.roles?.length
                  ? ` · ${e.actor.roles.map((r) => roleLabel(r, lang)).join('/')}`
                  : e.actor?.kind === 'system'
                    ? ` · ${t('系统', 'system')}`
                    : ''}
            </Typography.Text>
            {detailOf(e, lang) ? <div>{detailOf(e, lang)}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
