import { Modal, Table, Tag, Typography } from 'antd';
import type { BatchResult } from '../api/batches.ts';
import { useT } from '../i18n/locale.tsx';

/** Why an issue of a batch was refused, in words (the code is shown beside it). */
const REASONS: Record<string, [string, string]> = {
  'issue.wrong_state': ['当前状态不允许此操作', 'not in a state that allows this'],
  'issue.forbidden': ['不属于本人或本单位办理', 'not yours to do'],
  'issue.not_found': ['无此诉求或无权查看', 'no such issue'],
  'issue.not_overdue': ['未超期', 'not overdue'],
  'issue.supervision_order_open': ['已有未回复的督办单', 'an order is still open'],
  'issue.stale_version': ['诉求刚被他人更新', 'changed meanwhile'],
  'validation.required': ['缺少默认分包领导或责任单位，请逐件列单', 'no default leader or unit: list it yourself'],
  'issue.milestones_required': ['时限较长须列明节点计划，请逐件列单', 'needs a milestone plan: list it yourself'],
};

/**
 * What a batch action did to each issue: done, or refused with the reason. `numbers` names the
 * issues the page had (a refused one's number is not in the answer).
 */
export function BatchResultModal({ result, numbers, title, onClose }: { result: BatchResult; numbers: Map<string, string>; title: string; onClose(): void }) {
  const t = useT();
  return (
    <Modal open title={title} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('知道了', 'OK')}>
      <Typography.Paragraph data-testid="batch-summary">{t(`成功 ${result.ok} 件，未办理 ${result.refused} 件`, `${result.ok} done, ${result.refused} refused`)}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={result.items}
        data-testid="batch-result"
        columns={[
          { title: t('编号', 'Number'), render: (_: unknown, r) => r.number ?? numbers.get(r.id) ?? '—' },
          {
            title: t('结果', 'Result'),
            render: (_: unknown, r) =>
              r.outcome === 'ok' ? (
                <Tag color="green" data-outcome="ok">
                  {t('成功', 'Done')}
                </Tag>
              ) : (
                <span data-outcome="refused">
                  <Tag color="red">{t('未办理', 'Refused')}</Tag>
                  {(() => {
                    const words = r.code ? REASONS[r.code] : undefined;
                    return words ? t(words[0], words[1]) : (r.detail ?? r.code);
                  })()}
                </span>
              ),
          },
        ]}
      />
    </Modal>
  );
}
