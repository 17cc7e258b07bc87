import { Tag } from 'antd';
import { useT } from '../../i18n/locale.tsx';

/** 修订版 N for a bulletin generated again for its period on purpose; nothing for the first. */
export function RevisionTag({ revision }: { revision: number | undefined }) {
  const t = useT();
  if (!revision) return null;
  return (
    <Tag color="orange" data-testid="bulletin-revision">
      {t(`修订版 ${revision}`, `Revision ${revision}`)}
    </Tag>
  );
}
