import { Timeline, Typography } from 'antd';
import type { ProjectEvent } from '../../api/projects.ts';
import { When } from '../../components/when.tsx';
import { roleLabel, trackLabel } from '../../i18n/labels.ts';
import { useLocale } from '../../i18n/locale.tsx';

const EVENT_NAMES: Record<string, [string, string]> = {
  create: ['登记', 'registered'],
  update: ['修改', 'changed'],
  planMilestones: ['制定节点计划', 'milestones planned'],
  replan: ['调整节点', 'milestone replanned'],
  start: ['开工', 'started'],
  suspend: ['暂停', 'suspended'],
  resume: ['恢复', 'resumed'],
  complete: ['竣工', 'completed'],
  reassign: ['调整领导或单位', 'reassigned'],
  fileReport: ['报送进度', 'progress reported'],
  reportProgress: ['节点进度', 'milestone progress'],
  reportProblem: ['问题交办', 'problem handed over'],
  trackStep: ['时限提醒', 'timeliness step'],
  'milestone.replan': ['调整节点', 'milestone replanned'],
  'milestone.dueSoon': ['节点临近', 'milestone due soon'],
  'milestone.overdue': ['节点滞后', 'milestone late'],
  'milestone.done': ['节点完成', 'milestone done'],
};

function nameOf(type: string, t: (zh: string, en: string) => string): string {
  const name = EVENT_NAMES[type];
  return name ? t(name[0], name[1]) : type;
}

/** A few words on what the event carried, for the ledger line. */
function gist(e: ProjectEvent, lang: 'zh' | 'en'): string {
  const p = e.payload;
  const step = typeof p['step'] === 'string' ? trackLabel(p['step'], lang) : null;
  // A plan names its milestones; a replan its move; a report its period and investment.
  const planned =
    Array.isArray(p['milestones']) && e.type === 'planMilestones'
      ? (p['milestones'] as Array<{ name?: string; dueOn?: string }>).map((m) => `${m.name ?? ''} ${m.dueOn ?? ''}`.trim()).join('；')
      : null;
  const moved = typeof p['from'] === 'string' && typeof p['to'] === 'string' ? `${p['from'].slice(0, 10)} → ${p['to']}` : null;
  const invested = e.type === 'fileReport' && typeof p['investmentCompleted'] === 'number' ? `${p['investmentCompleted'].toLocaleString('zh-CN')} 万元` : null;
  const parts = [p['number'], p['title'], p['name'], planned, moved, p['reason'], step, p['dueOn'], p['periodEnd'], invested].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.join(' · ');
}

/** The project's ledger (台账), oldest first, as the API keeps it. */
export function ProjectLedger({ events }: { events: ProjectEvent[] }) {
  const { lang, t } = useLocale();
  return (
    <Timeline
      data-testid="project-ledger"
      items={events.map((e) => ({
        key: e.seq,
        color: e.type === 'trackStep' || e.type === 'overdue' ? 'red' : e.type === 'reportProblem' ? 'orange' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{nameOf(e.type, t)}</Typography.Text>
            {e.actor.kind === 'official' && e.actor.roles.length ? (
              <Typography.Text type="secondary"> · {e.actor.roles.map((r) => roleLabel(r, lang)).join('/')}</Typography.Text>
            ) : e.actor.kind === 'system' ? (
              <Typography.Text type="secondary"> · {t('系统', 'system')}</Typography.Text>
            ) : null}
            {gist(e, lang) ? <div>{gist(e, lang)}</div> : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <When at={e.at} />
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
