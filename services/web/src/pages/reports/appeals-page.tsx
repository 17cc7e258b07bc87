import { Card } from 'antd';
import { useT } from '../../i18n/locale.tsx';
import AppealsPanel from './appeals.tsx';

/** `/appeals`: where an appeal's notification leads (the same list as the bulletins page's tab). */
export default function AppealsPage() {
  const t = useT();
  return (
    <Card title={t('申诉', 'Appeals')}>
      <AppealsPanel />
    </Card>
  );
}
