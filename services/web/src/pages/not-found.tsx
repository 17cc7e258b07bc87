import { Button, Result } from 'antd';
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n/locale.tsx';
import { homeOf, useSession } from '../session.tsx';

/**
 * A console address that is no page (a mistyped or outdated link): said as such, with the way
 * back, rather than a silent jump to the home page or the API's JSON.
 */
export function NotFound() {
  const t = useT();
  const { me } = useSession();
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 'inherit', margin: 0 }}>{t('没有这个页面', 'No such page')}</h1>}
      subTitle={
        <span style={{ overflowWrap: 'anywhere' }}>
          {t(`地址 ${pathname} 不是控制台的页面：链接可能有误，或页面已改名。`, `${pathname} is not a page of the console: the link may be wrong or the page renamed.`)}
        </span>
      }
      extra={
        <Link to={me ? homeOf(me) : '/login'}>
          <Button type="primary" data-testid="not-found-home">
            {t('返回首页', 'Back to the home page')}
          </Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}
