import { useState } from 'react';
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/endpoints.ts';
import { noticeChannels, type Channels, type Webhook, type WebhookInput } from '../../api/notice-channels.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useLocale } from '../../i18n/locale.tsx';

/** A vendor's name in the page's language. */
const vendorName = (v: 'wecom' | 'dingtalk', t: (zh: string, en: string) => string) => (v === 'wecom' ? t('企业微信', 'WeCom') : t('钉钉', 'DingTalk'));
type Failure = Channels['failures'][number];

/**
 * 通知渠道 (admin): the WeCom and DingTalk group robots of units and leaders with their health, a
 * form to set one, and the channel messages that failed or could not be sent.
 */
export default function NoticeChannelsPage() {
  const { t } = useLocale();
  const [refresh, setRefresh] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const channels = useLoad(() => noticeChannels.list(), [refresh]);
  const units = useLoad(() => api.units(), []);
  const leaders = useLoad(() => api.leaders(), []);
  const [form] = Form.useForm<WebhookInput & { secret?: string }>();
  const ownerKind = Form.useWatch('ownerKind', form) ?? 'unit';
  const owners = ownerKind === 'unit' ? (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.shortName })) : (leaders.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }));
  const done = () => (setError(null), setRefresh((n) => n + 1));
  const save = async (v: WebhookInput & { secret?: string }) => {
    try {
      await noticeChannels.setWebhook({ ...v, secret: v.secret?.trim() ? v.secret.trim() : null });
      form.resetFields(['url', 'secret']);
      done();
    } catch (e) {
      setError(e as Error);
    }
  };
  const health = (w: Webhook) =>
    !w.health || w.health.consecutiveFailures === 0 ? (
      <Tag color="green">{t('正常', 'OK')}</Tag>
    ) : (
      <Space orientation="vertical" size={0}>
        <Tag color="red">{t(`连续失败 ${w.health.consecutiveFailures} 次`, `${w.health.consecutiveFailures} failures in a row`)}</Tag>
        <Typography.Text type="secondary">{w.health.lastError}</Typography.Text>
      </Space>
    );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('通知渠道：工作群机器人', 'Notice channels: group robots')}>
        {channels.error ? <ProblemAlert error={channels.error} /> : null}
        <Table<Webhook>
          rowKey="id"
          size="small"
          loading={channels.loading}
          dataSource={channels.data?.webhooks ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="notice-webhooks"
          columns={[
            { title: t('工作群', 'Group'), dataIndex: 'ownerName' },
            { title: t('平台', 'Vendor'), dataIndex: 'vendor', render: (v: Webhook['vendor']) => vendorName(v, t) },
            { title: 'Webhook', dataIndex: 'url', render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
            { title: t('加签', 'Signed'), dataIndex: 'signed', render: (s: boolean) => (s ? t('是', 'yes') : t('否', 'no')) },
            { title: t('状态', 'Health'), key: 'health', render: (_: unknown, w) => health(w) },
            {
              title: '',
              key: 'remove',
              render: (_: unknown, w) => (
                <Popconfirm title={t('删除该群机器人？', 'Remove this robot?')} onConfirm={() => noticeChannels.removeWebhook(w.id).then(done, setError)}>
                  <Button size="small" danger>
                    {t('删除', 'Remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('设置工作群机器人', 'Set a group robot')}>
        {error ? <ProblemAlert error={error} /> : null}
        <Form form={form} layout="vertical" initialValues={{ ownerKind: 'unit', vendor: 'wecom' }} onFinish={save} style={{ maxWidth: 640 }}>
          <Form.Item name="ownerKind" label={t('所属', 'Owner')}>
            <Select
              options={[
                { value: 'unit', label: t('单位', 'Unit') },
                { value: 'leader', label: t('领导', 'Leader') },
              ]}
            />
          </Form.Item>
          <Form.Item name="ownerId" label={t('单位或领导', 'Unit or leader')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={owners} />
          </Form.Item>
          <Form.Item name="vendor" label={t('平台', 'Vendor')}>
            <Select options={(['wecom', 'dingtalk'] as const).map((v) => ({ value: v, label: vendorName(v, t) }))} />
          </Form.Item>
          <Form.Item name="url" label="Webhook URL" rules={[{ required: true }]}>
            <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
          </Form.Item>
          <Form.Item name="secret" label={t('加签密钥（钉钉，可选）', 'Signing secret (DingTalk, optional)')}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('保存', 'Save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('发送失败的通知', 'Failed channel messages')}>
        <Table<Failure>
          rowKey="outboxId"
          size="small"
          dataSource={channels.data?.failures ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="notice-failures"
          columns={[
            { title: t('渠道', 'Channel'), dataIndex: 'channel', render: (c: Failure['channel']) => (c === 'sms' ? t('短信', 'SMS') : vendorName(c, t)) },
            { title: t('通知', 'Notice'), dataIndex: 'subject' },
            { title: t('尝试次数', 'Attempts'), dataIndex: 'attempts' },
            { title: t('原因', 'Error'), dataIndex: 'lastError' },
            {
              title: t('状态', 'State'),
              dataIndex: 'closedAt',
              render: (c: string | null) => (c ? <Tag>{t('未发送，已关闭', 'closed unsent')}</Tag> : <Tag color="orange">{t('重试中', 'retrying')}</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
