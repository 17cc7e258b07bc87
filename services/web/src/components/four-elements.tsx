import { Descriptions, Tag, Typography } from 'antd';
import type { IssueDetail } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { limitLabel } from '../i18n/labels.ts';
import { Countdown } from './countdown.tsx';
import { StageTag } from './stage-tag.tsx';
import { TrackTag } from './track-tag.tsx';
import { When } from './when.tsx';
import { Lines } from './lines.tsx';

/** 四明确: who leads, which unit, due when, which milestones. */
export function FourElements({ issue }: { issue: IssueDetail }) {
  const { lang, t } = useLocale();
  // The most pressing running clock (the listing, the claim, or the handling), as the API says; none
  // runs once the answer is approved (awaiting the enterprise's rating) or while the enterprise is
  // asked for information, and then the page says where the issue is rather than counting down.
  const due = issue.pressingDueAt;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('四明确', 'The four elements')} styles={{ label: { whiteSpace: 'nowrap', width: 96 } }} data-testid="four-elements">
      <Descriptions.Item label={t('分包领导', 'Leader')}>{issue.leaderName ?? t('待列单', 'not yet listed')}</Descriptions.Item>
      <Descriptions.Item label={t('责任单位', 'Lead unit')}>
        {issue.leadUnitName ?? t('待列单', 'not yet listed')}
        {issue.assists.map((a) => (
          <Tag key={a.unitId} style={{ marginLeft: 8 }}>
            {t('协办', 'assist')} {a.unitName}
          </Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('办理时限', 'Time limit')}>
        {limitLabel(issue.timeLimit, lang)} · {t('办结期限', 'due')} <When at={issue.handlingDueAt ?? issue.expectedDueAt} />
        {issue.provisional ? (
          <Tag
            color="orange"
            style={{ marginLeft: 8 }}
            data-testid="provisional-due"
            title={t(`${issue.undeclaredYears?.join('、')} 年节假日尚未公布`, `no declared holidays for ${issue.undeclaredYears?.join(', ')}`)}
          >
            {t('暂定', 'provisional')}
          </Tag>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('时限状态', 'Track')}>
        {issue.closedAt ? (
          t('已办结', 'finished')
        ) : (
          <>
            <TrackTag track={issue.track} />{' '}
            {due ? (
              <Countdown dueAt={due} />
            ) : (
              <span data-testid="no-clock">
                <StageTag stage={issue.stage} />
                <Typography.Text type="secondary">
                  {issue.state === 'inProgress.waitingOnEnterprise' ? t('等待企业补充，时限暂停', 'waiting for the enterprise, clock paused') : t('不再计时', 'no clock running')}
                </Typography.Text>
              </span>
            )}
          </>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('节点计划', 'Milestones')} span={2}>
        {issue.milestones.length === 0 ? (
          <Typography.Text type="secondary">{t('无节点计划', 'no milestones planned')}</Typography.Text>
        ) : (
          <Lines
            items={issue.milestones}
            render={(m) => (
              <div>
                {m.seq}. {m.title} · {t('计划', 'due')} <When at={m.dueAt} /> {/* A milestone walks its own track: past its due time it shows as overdue, as the reminders say. */}
                {m.doneAt ? (
                  <Tag color={m.doneAt > m.dueAt ? 'orange' : 'green'}>
                    {m.doneAt > m.dueAt ? t('逾期完成', 'done late') : t('已完成', 'done')} <When at={m.doneAt} />
                  </Tag>
                ) : Date.parse(m.dueAt) < Date.now() ? (
                  <Tag color="red">{t('已超期', 'overdue')}</Tag>
                ) : (
                  <Tag>{t('未完成', 'open')}</Tag>
                )}
                {m.note ? <Typography.Text type="secondary"> {m.note}</Typography.Text> : null}
              </div>
            )}
          />
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
