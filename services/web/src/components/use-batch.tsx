import { useState, type ReactNode } from 'react';
import { App, Button, Space } from 'antd';
import type { BatchResult } from '../api/batches.ts';
import { useT } from '../i18n/locale.tsx';
import { BatchResultModal } from './batch-result.tsx';
import { problemText } from './problem-alert.tsx';

/**
 * Checkbox selection on a list of issues and one button that runs a batch action over the ticked
 * ones, then shows what became of each. `run` may ask for more first (a dialog) and return null to stop.
 */
export function useBatch<R extends { id: string; number: string }>(opts: { rows: R[]; label: string; title: string; testId: string; run(ids: string[]): Promise<BatchResult | null>; done(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchResult | null>(null);
  const chosen = opts.rows.filter((r) => picked.includes(r.id)).map((r) => r.id);
  const go = async () => {
    setBusy(true);
    try {
      const r = await opts.run(chosen);
      if (r) {
        setResult(r);
        setPicked([]);
        opts.done();
      }
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const bar: ReactNode = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Button disabled={chosen.length === 0} loading={busy} onClick={() => void go()} data-testid={opts.testId}>
        {`${opts.label}（${chosen.length}）`}
      </Button>
      {result ? <BatchResultModal result={result} numbers={new Map(opts.rows.map((r) => [r.id, r.number]))} title={opts.title} onClose={() => setResult(null)} /> : null}
    </Space>
  );
  return {
    rowSelection: {
      selectedRowKeys: picked,
      onChange: (keys: React.Key[]) => setPicked(keys.map(String)),
      getCheckboxProps: (r: R) => ({ 'aria-label': t(`选择 ${r.number}`, `Select ${r.number}`) }),
    },
    bar,
  };
}
