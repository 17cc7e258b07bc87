import { Collapse, Typography } from 'antd';
import { useT } from '../../i18n/locale.tsx';

/** The published formulas of the 三率, word for word as the bulletin stores them. */
export function Formulas({ formulas, version }: { formulas: Record<string, string>; version: number }) {
  const t = useT();
  return (
    <Collapse
      size="small"
      defaultActiveKey={['f']}
      items={[{
        key: 'f',
        label: `${t('计算公式', 'Formulas')}（v${version}）`,
        children: Object.entries(formulas).map(([k, v]) => <Typography.Paragraph key={k} style={{ marginBottom: 4 }}>{v}</Typography.Paragraph>),
      }]}
    />
  );
}
