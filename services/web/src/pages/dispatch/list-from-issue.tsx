import { useState } from 'react';
import { App, Button } from 'antd';
import { api } from '../../api/endpoints.ts';
import type { IssueDetail, ListingItem } from '../../api/types.ts';
import { problemText } from '../../components/problem-alert.tsx';
import { useT } from '../../i18n/locale.tsx';
import { ListModal } from './list-modal.tsx';

/**
 * 列单派单 from the issue page: the same dialog as the queue's, with the defaults the queue gives
 * (found among the enterprise's waiting issues, which are few).
 */
export function ListFromIssue({ issue, disabled, onDone }: { issue: IssueDetail; disabled: boolean; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [item, setItem] = useState<ListingItem | null>(null);
  const open = async () => {
    try {
      const page = await api.listingQueue({ limit: 500, enterpriseId: issue.enterpriseId });
      const found = page.items.find((x) => x.id === issue.id);
      if (found) setItem(found);
      else message.warning(t('该诉求已不在待列单队列中', 'This issue is no longer waiting to be listed'));
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => void open()} disabled={disabled} data-testid="issue-list-dispatch">
        {t('列单派单', 'List and dispatch')}
      </Button>
      {item ? <ListModal item={item} onClose={() => setItem(null)} onDone={() => (setItem(null), onDone())} /> : null}
    </>
  );
}
