import { useState, type KeyboardEvent } from 'react';
import { Alert, Button, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { workCalendar, type Declared } from '../../api/calendar.ts';
import { showProblem } from '../projects/field-errors.ts';

type T = (zh: string, en: string) => string;
type Values = { from: Dayjs; to?: Dayjs | null; kind: 'holiday' | 'makeup_workday'; name?: string; source?: string };

/** The API takes at most this many days at once. */
const MAX_DAYS = 400;
const FIELDS: Array<keyof Values> = ['from', 'to', 'kind', 'name', 'source'];

/** Enter accepts a typed date and nothing more: it must not declare the half-filled form. */
const keepTyping = (e: KeyboardEvent<HTMLElement>) => {
  if (e.key === 'Enter') e.preventDefault();
};

/** Every date from `from` to `to` inclusive, as `YYYY-MM-DD`. */
function datesBetween(from: Dayjs, to: Dayjs): string[] {
  const out: string[] = [];
  for (let d = from; !d.isAfter(to, 'day') && out.length <= MAX_DAYS; d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
  return out;
}

/**
 * The API's fields for a batch of `n` days, as this form names them: the first day's date is
 * 开始日期, a later one's (past the range of dates, say) 结束日期.
 */
function aliasFor(n: number): Record<string, string> {
  const alias: Record<string, string> = { days: 'from' };
  for (let i = 0; i < n; i++) Object.assign(alias, { [`days.${i}.date`]: i === 0 ? 'from' : 'to', [`days.${i}.kind`]: 'kind', [`days.${i}.name`]: 'name' });
  return alias;
}

/** What a declaration did to the open issues' due times, in words. */
export function recomputeText(answer: Pick<Declared, 'recompute'>, t: T): string {
  const r = answer.recompute;
  if (!r) return t('日历将在服务重新载入后生效。', 'The calendar applies once the services reload it.');
  return t(
    `${r.recomputed} 件在办事项的时限已重算，${r.unchanged} 件不受影响，${r.skipped} 件在下次办理时按新日历计算。`,
    `${r.recomputed} open issues had their due times recomputed, ${r.unchanged} unchanged, ${r.skipped} follow the new calendar at their next step.`,
  );
}

/**
 * Declares one day or a range of days a holiday or a make-up workday (admin). Shows how many open
 * issues' due times moved; a refused field is marked in place. `declared` gets the first date.
 */
export function DeclareDaysForm({ t, declared }: { t: T; declared(first: string): void }) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    const dates = datesBetween(v.from, v.to ?? v.from);
    const name = v.name?.trim();
    setBusy(true);
    setProblem(null);
    setResult(null);
    // The last refusal's marks go: this answer puts back the ones that still hold.
    form.setFields(FIELDS.map((field) => ({ name: field, errors: [] })));
    try {
      const answer = await workCalendar.declare({
        source: v.source?.trim() || 'admin',
        days: dates.map((date) => (name ? { date, kind: v.kind, name } : { date, kind: v.kind })),
      });
      setResult(`${t(`已声明 ${answer.count} 天。`, `${answer.count} days declared. `)}${recomputeText(answer, t)}`);
      declared(dates[0] ?? '');
    } catch (e) {
      setProblem(showProblem(form, e, FIELDS, aliasFor(dates.length)));
    } finally {
      setBusy(false);
    }
  };
  const toAfterFrom = ({ getFieldValue }: { getFieldValue(name: string): unknown }) => ({
    validator(_: unknown, to: Dayjs | null | undefined) {
      const from = getFieldValue('from') as Dayjs | undefined;
      if (!to || !from) return Promise.resolve();
      if (to.isBefore(from, 'day')) return Promise.reject(new Error(t('结束日期不能早于开始日期', 'must not be before the first day')));
      if (to.diff(from, 'day') >= MAX_DAYS) return Promise.reject(new Error(t(`一次最多声明 ${MAX_DAYS} 天`, `at most ${MAX_DAYS} days at once`)));
      return Promise.resolve();
    },
  });
  return (
    <>
      {result ? <Alert type="success" showIcon title={result} style={{ marginBottom: 12 }} data-testid="declare-result" /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="declare-problem" /> : null}
      <Form<Values>
        form={form}
        name="declare"
        layout="vertical"
        initialValues={{ kind: 'holiday' }}
        onFinish={(v) => void submit(v)}
        // A refused field's mark goes once it is changed (the API's marks have no rule to re-check).
        onValuesChange={(changed: Partial<Values>) => form.setFields((Object.keys(changed) as Array<keyof Values>).map((field) => ({ name: field, errors: [] })))}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="from" label={t('开始日期', 'First day')} rules={[{ required: true, message: t('请选择日期', 'pick a day') }]}>
          <DatePicker style={{ width: '100%' }} onKeyDown={keepTyping} />
        </Form.Item>
        <Form.Item name="to" label={t('结束日期（可选，声明一段日期时填写）', 'Last day (optional, for a range)')} dependencies={['from']} rules={[toAfterFrom]}>
          <DatePicker style={{ width: '100%' }} onKeyDown={keepTyping} />
        </Form.Item>
        <Form.Item name="kind" label={t('声明为', 'Declare as')}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('法定节假日（放假）', 'Holiday (day off)') },
              { value: 'makeup_workday', label: t('调休上班', 'Make-up workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('名称（可选，如 国庆节）', 'Name (optional, e.g. National Day)')}>
          <Input />
        </Form.Item>
        <Form.Item name="source" label={t('依据（可选，如 国办发明电〔2026〕X号）', 'Source (optional, e.g. the State Council notice)')}>
          <Input placeholder="admin" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="declare-submit">
          {t('声明', 'Declare')}
        </Button>
      </Form>
    </>
  );
}
