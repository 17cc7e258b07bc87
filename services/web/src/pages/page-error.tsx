import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../i18n/locale.tsx';

/**
 * A page that failed while drawing (a console bug, or an answer it did not expect), with a way to
 * try again: inside the console's frame for its pages (the menu, the search and sign-out stay),
 * alone for the pages outside it (sign-in, 政务公开, the print sheet) or when the frame itself failed.
 */
export function PageError() {
  const t = useT();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={<h1 style={{ fontSize: 'inherit', margin: 0 }}>{t('页面出错了', 'This page failed')}</h1>}
      subTitle={<span style={{ overflowWrap: 'anywhere' }}>{t(`请刷新重试；如仍出错，请联系管理员并告知：${detail}`, `Reload to try again; if it fails again, tell an admin: ${detail}`)}</span>}
      extra={
        <Button type="primary" onClick={() => window.location.reload()} data-testid="page-error-reload">
          {t('刷新', 'Reload')}
        </Button>
      }
      data-testid="page-error"
    />
  );
}
