import { Collapse, Typography } from 'antd';
import { useT } from '../../i18n/locale.tsx';

/** The reading order of the formulas; PostgreSQL's jsonb stores object keys in an order of its own. */
const ORDER = ['response', 'resolution', 'satisfaction', 'returnRate', 'redoRate', 'firstContactRate', 'score', 'ranking', 'appeals'];
const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
const ordered = (f: Record<string, string>) => Object.entries(f).sort(([a], [b]) => rank(a) - rank(b));

/** The published formulas of the 三率, word for word as the bulletin stores them. */
export function Formulas({ formulas, version }: { formulas: Record<string, string>; version: number }) {
  const t = useT();
  return (
    <Collapse
      size="small"
      defaultActiveKey={['f']}
      items={[
        {
          key: 'f',
          label: `${t('计算公式', 'Formulas')}（v${version}）`,
          children: ordered(formulas).map(([k, v]) => (
            <Typography.Paragraph key={k} style={{ marginBottom: 4 }}>
              {v}
            </Typography.Paragraph>
          )),
        },
      ]}
    />
  );
}
