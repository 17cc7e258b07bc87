import { useState, type ReactNode } from 'react';
import { App, Button, Space, Typography } from 'antd';
import type { TableRowSelection } from 'antd/es/table/interface';
import { batches, type BatchResult } from '../api/batches.ts';
import type { Task } from '../api/types.ts';
import { BatchResultModal } from '../components/batch-result.tsx';
import { problemText } from '../components/problem-alert.tsx';
import { useT } from '../i18n/locale.tsx';

const keyOf = (r: Task) => `${r.issueId ?? r.projectId}-${r.task}-${r.dueAt ?? ''}`;

/**
 * 批量签收 in the inbox: checkboxes on the claim tasks, a bar to claim the ticked ones at once, and
 * what became of each. Returns the table's row selection, the bar and the result dialog.
 */
export function useBatchClaim(tasks: Task[], reload: () => void): { rowSelection: TableRowSelection<Task> | undefined; bar: ReactNode } {
  const t = useT();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchResult | null>(null);
  const chosen = tasks.filter((r) => r.task === 'claim' && r.issueId && picked.includes(keyOf(r)));
  const claim = async () => {
    setBusy(true);
    try {
      setResult(await batches.claim(chosen.map((r) => r.issueId ?? '')));
      setPicked([]);
      reload();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const claimable = tasks.some((r) => r.task === 'claim');
  const bar = claimable ? (
    <Space wrap style={{ marginBottom: 12 }} data-testid="batch-claim-bar">
      <Button type="primary" disabled={chosen.length === 0} loading={busy} onClick={() => void claim()} data-testid="batch-claim">
        {t(`批量签收（${chosen.length}）`, `Claim selected (${chosen.length})`)}
      </Button>
      <Typography.Text type="secondary">{t('勾选待签收事项后一次签收', 'Tick the issues to claim, then claim them at once')}</Typography.Text>
      {result ? <BatchResultModal result={result} numbers={new Map(tasks.map((r) => [r.issueId ?? '', r.number]))} title={t('批量签收结果', 'Batch claim')} onClose={() => setResult(null)} /> : null}
    </Space>
  ) : null;
  return {
    // Without a claim among the tasks (a leader's desk) there is nothing to tick: no column of dead checkboxes.
    rowSelection: claimable
      ? {
          selectedRowKeys: picked,
          onChange: (keys) => setPicked(keys.map(String)),
          // Only a claim is done in a batch; everything else needs the issue's page.
          getCheckboxProps: (r) => ({ disabled: r.task !== 'claim', 'aria-label': r.number }),
        }
      : undefined,
    bar,
  };
}
