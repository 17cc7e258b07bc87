import { InputNumber, Select, Space } from 'antd';
import type { TimeLimit } from '../api/types.ts';
import { useT } from '../i18n/locale.tsx';

type Unit = TimeLimit['unit'];
const UNIT_NAMES: Record<string, [string, string]> = {
  workingDays: ['工作日', 'working days'],
  workingHours: ['工作小时', 'working hours'],
  hours: ['小时', 'hours'],
  minutes: ['分钟', 'minutes'],
};

/**
 * A time limit as a form field (Form.Item injects `value` and `onChange`): an amount and a unit
 * among `units`; `fallback` is shown until the form has a value.
 */
export function LimitInput({ value, onChange, units, fallback }: { value?: TimeLimit | undefined; onChange?: (v: TimeLimit) => void; units: readonly Unit[]; fallback: TimeLimit }) {
  const t = useT();
  const v = value ?? fallback;
  return (
    <Space.Compact>
      <InputNumber min={1} max={10000} value={v.amount} onChange={(n) => onChange?.({ ...v, amount: n ?? 1 })} />
      <Select style={{ width: 140 }} value={v.unit} onChange={(u) => onChange?.({ ...v, unit: u })} options={units.map((u) => ({ value: u, label: t(...(UNIT_NAMES[u] ?? [u, u])) }))} />
    </Space.Compact>
  );
}
