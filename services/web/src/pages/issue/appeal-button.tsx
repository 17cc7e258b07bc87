import { useState } from 'react';
import { App, Button, Input, Modal, Radio, Space } from 'antd';
import { reports } from '../../api/reports.ts';
import type { IssueDetail } from '../../api/types.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { APPEAL_REASON_OPTIONS } from '../reports/appeals.tsx';
import type { AppealReason } from '../../api/report-types.ts';

/** 申诉: the lead unit's head asks supervision to leave this issue out of the unit's scores. */
export function AppealButton({ issue }: { issue: IssueDetail }) {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<AppealReason>('unreasonable');
  // Kept when the dialog closes unsent (an outside click), cleared once the appeal is filed.
  const [text, setText] = useState('');
  const submit = async () => {
    try {
      await reports.fileAppeal({ issueId: issue.id, reason, text });
      message.success(t('申诉已提交督查室裁定', 'Appeal sent to supervision'));
      setOpen(false);
      setText('');
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-action="appeal">
        {t('申诉', 'Appeal')}
      </Button>
      <Modal open={open} title={t('申诉：不计入本单位得分', 'Appeal: leave out of our scores')} onCancel={() => setOpen(false)} onOk={() => void submit()} okButtonProps={{ disabled: !text.trim() }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={reason}
            onChange={(e) => setReason(e.target.value as AppealReason)}
            options={APPEAL_REASON_OPTIONS.map((o) => ({ value: o.value, label: lang === 'zh' ? o.zh : o.en }))}
          />
          <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('申诉理由', 'Why')} aria-label={t('申诉理由', 'Why')} />
        </Space>
      </Modal>
    </>
  );
}
