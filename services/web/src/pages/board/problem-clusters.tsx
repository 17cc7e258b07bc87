import { useState } from 'react';
import { Button, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { HotSpots } from '../../api/report-types.ts';
import { Lines } from '../../components/lines.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasAnyRole, useSession } from '../../session.tsx';
import { GovernanceTaskModal } from './governance-task-modal.tsx';

type Cluster = HotSpots['byProblem'][number];

function Trend({ c }: { c: Cluster }) {
  const t = useT();
  if (c.previous === 0) return <Tag color="red">{t('新出现', 'New')}</Tag>;
  const rate = Math.round((c.changeRate ?? 0) * 100);
  return <Tag color={rate > 0 ? 'red' : rate < 0 ? 'green' : 'default'}>{`${t('上期', 'Before')} ${c.previous} · ${rate > 0 ? '+' : ''}${rate}%`}</Tag>;
}

/** 主动治理: the cluster's governance task and whether its unit replied. */
function TaskTag({ task }: { task: NonNullable<Cluster['governanceTask']> }) {
  const t = useT();
  return (
    <Link to="/orders" data-testid="cluster-governance-task">
      <Tag color={task.repliedAt ? 'green' : task.escalatedAt ? 'red' : 'blue'}>
        {t('已立治理任务', 'Governance task')} · {task.repliedAt ? t('已回复', 'replied') : task.escalatedAt ? t('超期未复', 'overdue') : t('待回复', 'awaiting reply')}
        {task.unitName ? ` · ${task.unitName}` : ''}
      </Tag>
    </Link>
  );
}

/** 同类问题: each problem several enterprises filed, with its trend, the issues, and the unit to take it on as one task (立为治理任务). */
export function ProblemClusters({ data, onChanged }: { data: HotSpots; onChanged(): void }) {
  const t = useT();
  const { me } = useSession();
  const mayGovern = hasAnyRole(me, 'supervisor', 'dispatcher');
  const [governing, setGoverning] = useState<Cluster | null>(null);
  if (!data.byProblem.length) return <Empty description={t(`近${data.window.days}天没有多家企业反映的同类问题`, `No problem filed by several enterprises in ${data.window.days} days`)} />;
  return (
    <div data-testid="problem-clusters" style={{ maxHeight: 420, overflowY: 'auto' }}>
      <Lines
        items={data.byProblem}
        render={(c) => (
          <div data-testid="problem-cluster" style={{ padding: '6px 0' }}>
            <Space wrap size={4}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Typography.Text>
              <Tag color="volcano">{t(`${c.enterprises}家企业`, `${c.enterprises} enterprises`)}</Tag>
              <Tag>{t(`${c.count}件`, `${c.count} issues`)}</Tag>
              {c.open ? <Tag color="orange">{t(`未办结${c.open}`, `${c.open} open`)}</Tag> : null}
              <Trend c={c} />
              {c.governanceTask ? <TaskTag task={c.governanceTask} /> : null}
              {mayGovern && (!c.governanceTask || c.governanceTask.repliedAt) ? (
                <Button size="small" onClick={() => setGoverning(c)} data-testid="cluster-govern">
                  {t('立为治理任务', 'Make a governance task')}
                </Button>
              ) : null}
            </Space>
            <div style={{ fontSize: 12, marginTop: 4 }}>
              {c.leadUnitName ? (
                <Typography.Text type="secondary">
                  {t('主办单位：', 'Lead unit: ')}
                  {c.leadUnitName}
                  {c.governanceTask && !c.governanceTask.repliedAt ? ' ' : t('（可作为一项治理任务统一推进）', ' (one task for the unit) ')}
                </Typography.Text>
              ) : null}
              <Space wrap size={6}>
                {c.issues.slice(0, 6).map((i) => (
                  <Link key={i.id} to={`/issues/${i.id}`} title={`${i.enterpriseName} · ${i.title}`}>
                    {i.number}
                  </Link>
                ))}
                {c.issues.length > 6 ? <Typography.Text type="secondary">…</Typography.Text> : null}
              </Space>
            </div>
          </div>
        )}
      />
      {governing ? (
        <GovernanceTaskModal
          cluster={governing}
          onClose={() => setGoverning(null)}
          onDone={() => {
            setGoverning(null);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}
