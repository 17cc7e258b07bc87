import { App, Alert, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { apiKeys, type ApiKey, type Issued } from '../../api/api-keys.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When } from '../../components/when.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useSession } from '../../session.tsx';
import { validValues } from '../../components/valid-values.ts';

/**
 * 系统对接: the enterprise's API keys for its own systems, which file and follow issues through
 * Open311. A new key is shown once, here; the engine keeps only its hash.
 */
export default function ApiKeys() {
  const t = useT();
  const { message } = App.useApp();
  const { me } = useSession();
  const enterpriseId = me?.kind === 'enterprise' ? me.enterpriseId : '';
  const keys = useLoad(() => apiKeys.list(enterpriseId), [enterpriseId]);
  const [naming, setNaming] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  async function issue() {
    const v = await validValues(form);
    if (!v) return;
    const { name } = v;
    try {
      setIssued(await apiKeys.issue(enterpriseId, name));
      setNaming(false);
      form.resetFields();
      keys.reload();
    } catch (e) {
      message.error(problemText(e));
    }
  }
  async function revoke(key: ApiKey) {
    try {
      await apiKeys.revoke(enterpriseId, key.id);
      message.success(t('已停用', 'Revoked'));
      keys.reload();
    } catch (e) {
      message.error(problemText(e));
    }
  }

  return (
    <Card
      title={t('系统对接（API 密钥）', 'System access (API keys)')}
      extra={
        <Button type="primary" icon={<KeyOutlined />} onClick={() => setNaming(true)} data-testid="new-api-key">
          {t('新建密钥', 'New key')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('贵企业的信息系统可通过 Open311 接口提交和查询诉求：', 'Your own systems can file and follow issues through Open311: ')}
        <Typography.Text code copyable>{`${window.location.origin}/open311/v2`}</Typography.Text>
        {t('，请求时以 api_key 参数携带密钥。', ', sending the key as the api_key parameter.')}
      </Typography.Paragraph>
      <ProblemAlert error={keys.error} />
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        loading={keys.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={keys.data?.items ?? []}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('密钥开头', 'Starts with'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{`${p}…`}</Typography.Text> },
          { title: t('创建时间', 'Created'), dataIndex: 'createdAt', render: (at: string) => <When at={at} /> },
          { title: t('最近使用', 'Last used'), dataIndex: 'lastUsedAt', render: (at: string | null) => <When at={at} /> },
          {
            title: t('状态', 'Status'),
            key: 'status',
            render: (_: unknown, k) => (k.revokedAt ? <Tag>{t('已停用', 'Revoked')}</Tag> : <Tag color="green">{t('有效', 'Active')}</Tag>),
          },
          {
            title: '',
            key: 'revoke',
            render: (_: unknown, k) =>
              k.revokedAt ? null : (
                <Popconfirm title={t('停用后使用此密钥的系统将无法访问，确定停用？', 'Systems using this key lose access. Revoke it?')} onConfirm={() => void revoke(k)}>
                  <Button danger size="small">
                    {t('停用', 'Revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={naming} title={t('新建密钥', 'New key')} onCancel={() => setNaming(false)} onOk={() => void issue()} okText={t('创建', 'Create')} destroyOnHidden={false}>
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('用途（如：企业 ERP）', 'What it is for (e.g. our ERP)')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('请填写用途', 'Say what it is for') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issued !== null}
        title={t('密钥已创建', 'Key created')}
        onCancel={() => setIssued(null)}
        footer={<Button onClick={() => setIssued(null)}>{t('我已保存', 'I have saved it')}</Button>}
      >
        <Alert type="warning" showIcon title={t('密钥只显示这一次，请立即复制保存。', 'The key is shown this once: copy it now.')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: issued?.key ?? '' }} code data-testid="issued-key" style={{ wordBreak: 'break-all' }}>
          {issued?.key}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
