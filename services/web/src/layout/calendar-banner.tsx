import { Alert, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/endpoints.ts';
import { useLoad } from '../components/use-load.ts';
import { useT } from '../i18n/locale.tsx';
import { hasAnyRole, useSession } from '../session.tsx';

/** The CLI's command that declares a year's days from a file (services/cli/src/calendar-command.ts). */
const IMPORT_COMMAND = 'huiyin calendar import <文件.json>';
/** The same from a source checkout, where `huiyin` is not on the PATH (README). */
const IMPORT_FROM_SOURCE = 'node scripts/huiyin.mjs calendar import <文件.json>';

/**
 * For admins, from 1 November: next year's holidays are not imported, so due times into it are
 * provisional. It says what to do: the CLI's import command, or the console's calendar page.
 */
export function CalendarBanner() {
  const t = useT();
  const { me } = useSession();
  const admin = hasAnyRole(me, 'admin');
  const { data } = useLoad(() => api.calendarStatus(), []);
  if (!data?.warn) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="calendar-banner"
      message={t(`${data.nextYear} 年节假日安排尚未导入`, `${data.nextYear} holidays not imported yet`)}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t(
              `跨入 ${data.nextYear} 年的时限暂按周一至周五计算，标为"暂定"。国务院办公厅通知发布后请导入，在办事项的时限将自动重算。`,
              `Due times into ${data.nextYear} count Monday to Friday only and are marked provisional. Import the State Council's notice once it is out; open clocks are recomputed.`,
            )}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: admin ? 4 : 0 }}>
            {t('在服务器上运行 ', 'On the server run ')}
            <Typography.Text code copyable data-testid="calendar-import-command">
              {IMPORT_COMMAND}
            </Typography.Text>
            {t('（源码部署：', ' (from source: ')}
            <Typography.Text code>{IMPORT_FROM_SOURCE}</Typography.Text>
            {t('；文件格式见 services/cli/calendar/2027.example.json）', '; the file format: services/cli/calendar/2027.example.json)')}
          </Typography.Paragraph>
          {admin ? (
            <Link to="/admin/calendar" data-testid="calendar-banner-link">
              {t('或在节假日设置页面逐日声明', 'Or declare the days on the calendar page')}
            </Link>
          ) : null}
        </>
      }
    />
  );
}
