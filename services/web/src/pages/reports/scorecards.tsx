import { Card, Empty } from 'antd';
import { useT } from '../../i18n/locale.tsx';

/** 考核评价: the 三率 per unit and leader with their trends (from the bulletins). */
export default function Scorecards() {
  const t = useT();
  return (
    <Card title={t('考核评价', 'Scorecards')}>
      <Empty description={t('考核数据来自半月通报，通报接口尚未提供。', 'Scores come from the bulletins; the bulletin endpoints are not there yet.')} />
    </Card>
  );
}
