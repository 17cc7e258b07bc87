import { useState } from 'react';
import { App, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import { batches } from '../api/batches.ts';
import { useT } from '../i18n/locale.tsx';
import { problemText } from './problem-alert.tsx';

/** 催办 on an overdue issue (its enterprise, a leader): once a day, the lead unit is told. */
export function PressReminderButton({ issueId, onDone, size }: { issueId: string; onDone?(): void; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const press = async () => {
    setBusy(true);
    try {
      const r = await batches.pressReminder(issueId);
      message.success(t(`已催办（第 ${r.count} 次），已通知责任单位`, `Reminder sent (#${r.count}); the unit has been told`));
      onDone?.();
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) message.warning(t('今天已催办过该事项，请明天再催', 'Already pressed today: again tomorrow'));
      else if (e instanceof ApiError && e.problem.code === 'issue.not_overdue') message.warning(t('该事项尚未超期，暂不能催办', 'Not overdue yet'));
      else message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    // No size of its own unless asked: on phones the console makes every control touch-sized.
    <Button danger {...(size ? { size } : {})} loading={busy} onClick={() => void press()} data-testid="press-reminder">
      {t('催办', 'Press for an answer')}
    </Button>
  );
}
