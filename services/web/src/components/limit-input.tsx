import { InputNumber, Select, Space } from 'antd';
import type { TimeLimit } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { unitName } from '../i18n/labels.ts';

type Unit = TimeLimit['unit'];

/**
 * A time limit as a form field (Form.Item injects `value` and `onChange`): an amount and a unit
 * among `units`; `fallback` is shown until the form has a value.
 */
export function LimitInput({ value, onChange, units, fallback }: { value?: TimeLimit | undefined; onChange?: (v: TimeLimit) => void; units: readonly Unit[]; fallback: TimeLimit }) {
  const { lang } = useLocale();
  const v = value ?? fallback;
  return (
    <Space.Compact>
      <InputNumber min={1} max={10000} value={v.amount} onChange={(n) => onChange?.({ ...v, amount: n ?? 1 })} />
      <Select style={{ width: 140 }} value={v.unit} onChange={(u) => onChange?.({ ...v, unit: u })} options={units.map((u) => ({ value: u, label: unitName(u, lang) }))} />
    </Space.Compact>
  );
}
