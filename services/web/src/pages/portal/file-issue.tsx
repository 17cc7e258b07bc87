import { useState } from 'react';
import { App, Button, Card, Form, Input, Result, Select } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/endpoints.ts';
import type { Filed } from '../../api/types.ts';
import { AttachmentUpload } from '../../components/attachment-upload.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { formatTime } from '../../components/when.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { limitLabel } from '../../i18n/labels.ts';

type Values = { categoryId: string; title: string; description: string };

/** File an issue: category, title, description and attachments; answered at once with the number and the expected due time. */
export default function FileIssue() {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const categories = useLoad(() => api.categories(), []);
  const [form] = Form.useForm<Values>();
  const categoryId = Form.useWatch('categoryId', form);
  const category = categories.data?.items.find((c) => c.id === categoryId);
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Filed | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      setFiled(await api.file({ ...v, attachmentIds }));
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  if (filed) {
    return (
      <Result
        status="success"
        title={
          <>
            {t('诉求已提交，编号 ', 'Filed as ')}
            {/* The number is read and copied whole: a phone's narrow line never breaks it at the hyphen. */}
            <span style={{ whiteSpace: 'nowrap' }}>{filed.number}</span>
          </>
        }
        subTitle={`${filed.statusNote} ${t('预计办结', 'Expected by')} ${formatTime(filed.expectedDueAt)}`}
        extra={[
          <Button type="primary" key="view" onClick={() => navigate(`/issues/${filed.id}`)} data-testid="view-filed">
            {t('查看诉求', 'View the issue')}
          </Button>,
          <Button key="list" onClick={() => navigate('/portal')}>
            {t('我的诉求', 'My issues')}
          </Button>,
        ]}
      />
    );
  }
  return (
    <Card title={t('提交诉求', 'File an issue')} style={{ maxWidth: 760 }}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="categoryId"
          label={t('诉求类别', 'Category')}
          rules={[{ required: true, message: t('请选择类别', 'Choose a category') }]}
          extra={
            category
              ? t(
                  `签收时限 ${limitLabel(category.claimLimit, lang)}，办理时限 ${limitLabel(category.handlingLimit, lang)}`,
                  `claimed within ${limitLabel(category.claimLimit, lang)}, answered within ${limitLabel(category.handlingLimit, lang)}`,
                )
              : null
          }
        >
          <Select
            id="categoryId"
            loading={categories.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.greenChannel ? `${c.name}（${t('绿色通道', 'green channel')}）` : c.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, max: 200 }]}>
          <Input id="title" maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('问题描述', 'Description')} rules={[{ required: true, max: 10000 }]}>
          <Input.TextArea id="description" rows={6} maxLength={10000} showCount />
        </Form.Item>
        <Form.Item label={t('附件', 'Attachments')}>
          <AttachmentUpload onChange={setAttachmentIds} testId="upload" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="file-submit">
          {t('提交', 'Submit')}
        </Button>
      </Form>
    </Card>
  );
}
