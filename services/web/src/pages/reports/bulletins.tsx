import { Card, Empty } from 'antd';
import { useT } from '../../i18n/locale.tsx';

/** 每半月汇总通报: the list of bulletins and one bulletin's content. */
export default function Bulletins() {
  const t = useT();
  return (
    <Card title={t('通报', 'Bulletins')}>
      <Empty description={t('通报接口尚未提供。', 'The bulletin endpoints are not there yet.')} />
    </Card>
  );
}
