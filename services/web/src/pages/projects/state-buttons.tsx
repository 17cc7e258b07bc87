import { useState } from 'react';
import { Alert, Button, Input, Modal, Space } from 'antd';
import { projects, type ProjectDetail, type ProjectTransition } from '../../api/projects.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { ProjectRights } from './project-roles.ts';

const NAMES: Record<ProjectTransition, [string, string]> = { start: ['开工', 'Start'], suspend: ['暂停', 'Suspend'], resume: ['恢复', 'Resume'], complete: ['竣工', 'Complete'] };

/** 开工 / 暂停 / 恢复 / 竣工, each where the user's role and the project's state allow it; a suspension needs its reason. */
export function StateButtons({ project, rights, onDone }: { project: ProjectDetail; rights: ProjectRights; onDone: () => void }) {
  const t = useT();
  const [acting, setActing] = useState<ProjectTransition | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const allowed = (['start', 'suspend', 'resume', 'complete'] as const).filter((x) => rights[x]);
  const close = () => {
    setActing(null);
    setReason('');
    setError(null);
  };
  const run = async () => {
    if (!acting) return;
    if (acting === 'suspend' && !reason.trim()) {
      setError(t('请写明暂停理由', 'give the reason'));
      return;
    }
    setBusy(true);
    try {
      await projects.transition(project.id, acting, { expectedVersion: project.version, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      close();
      onDone();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  if (!allowed.length) return null;
  return (
    <Space>
      {allowed.map((x) => (
        <Button key={x} danger={x === 'suspend'} onClick={() => setActing(x)} data-project-action={x}>
          {t(...NAMES[x])}
        </Button>
      ))}
      <Modal
        open={acting !== null}
        title={acting ? `${t(...NAMES[acting])} · ${project.name}` : ''}
        onCancel={close}
        onOk={() => void run()}
        okButtonProps={{ loading: busy, id: 'transition-ok' }}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={acting === 'suspend' ? t('暂停理由（必填）', 'Reason (required)') : t('说明（可选）', 'Note (optional)')}
          status={error && acting === 'suspend' && !reason.trim() ? 'error' : ''}
        />
      </Modal>
    </Space>
  );
}
