import { Alert } from 'antd';
import { api } from '../api/endpoints.ts';
import { useLoad } from '../components/use-load.ts';
import { useT } from '../i18n/locale.tsx';

/** For admins, from 1 November: next year's holidays are not imported, so due times into it are provisional. */
export function CalendarBanner() {
  const t = useT();
  const { data } = useLoad(() => api.calendarStatus(), []);
  if (!data?.warn) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="calendar-banner"
      message={t(`${data.nextYear} 年节假日安排尚未导入`, `${data.nextYear} holidays not imported yet`)}
      description={t(
        `跨入 ${data.nextYear} 年的时限暂按周一至周五计算，标为"暂定"。国务院办公厅通知发布后请用 huiyin calendar import 导入，在办事项的时限将自动重算。`,
        `Due times into ${data.nextYear} count Monday to Friday only and are marked provisional. Import the State Council's notice with huiyin calendar import; open clocks are recomputed.`,
      )}
    />
  );
}
