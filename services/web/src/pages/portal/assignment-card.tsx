import { Card, Descriptions } from 'antd';
import { api } from '../../api/endpoints.ts';
import { useLoad } from '../../components/use-load.ts';
import { useT } from '../../i18n/locale.tsx';

/** 分包制: the leader, unit and unit head the district assigned to this enterprise. */
export function AssignmentCard({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const e = useLoad(() => api.enterprise(enterpriseId), [enterpriseId]);
  if (!e.data) return null;
  const none = t('未分包', 'not assigned');
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="assignment">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} title={e.data.name}>
        <Descriptions.Item label={t('分包领导', 'Leader')}>{e.data.leaderName ? `${e.data.leaderName}（${e.data.leaderTitle ?? ''}）` : none}</Descriptions.Item>
        <Descriptions.Item label={t('联系单位', 'Liaison unit')}>{e.data.unitName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('单位负责人', 'Unit head')}>{e.data.unitHeadName ?? none}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
