import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { api } from '../../api/endpoints.ts';
import { onboarding, type Official } from '../../api/onboarding.ts';
import { Pager } from '../../components/pager.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { roleLabel } from '../../i18n/labels.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { OfficialDialog, ResetPasswordDialog } from './official-dialog.tsx';

const PAGE = 30;

/** 干部管理 (admin): the district's officials by name; create, change roles and unit, deactivate, reset a password. */
export default function OfficialsPage() {
  const { lang, t } = useLocale();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  // Cursors of the pages before this one, for "previous".
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [refresh, setRefresh] = useState(0);
  const [editing, setEditing] = useState<Official | 'new' | null>(null);
  const [resetting, setResetting] = useState<Official | null>(null);
  const cursor = cursors.at(-1) ?? null;
  const page = useLoad(() => onboarding.officials({ q, limit: PAGE, cursor }), [q, cursor, refresh]);
  const units = useLoad(() => api.units(), []);
  const leaders = useLoad(() => api.leaders(), []);
  const reload = () => setRefresh((n) => n + 1);
  const setActive = async (o: Official, active: boolean) => {
    try {
      await onboarding.updateOfficial(o.id, { active });
      message.success(active ? t('已启用', 'Reactivated') : t('已停用：该干部已退出登录且不能再登录', 'Deactivated: signed out and cannot sign in'));
      reload();
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <Card
      title={t('干部管理', 'Officials')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="official-new">
          {t('新增干部', 'New official')}
        </Button>
      }
    >
      <Input.Search
        allowClear
        placeholder={t('姓名或登录名', 'Name or login')}
        onSearch={(v) => (setQ(v.trim()), setCursors([null]))}
        style={{ maxWidth: 320, marginBottom: 12 }}
        data-testid="official-search"
      />
      {page.error ? <ProblemAlert error={page.error} /> : null}
      <Table<Official>
        rowKey="id"
        size="small"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="officials"
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'name' },
          { title: t('登录名', 'Login'), dataIndex: 'login' },
          { title: t('角色', 'Roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r, lang)}</Tag>) },
          { title: t('单位', 'Unit'), render: (_: unknown, o: Official) => o.unitName ?? o.leaderName ?? '—' },
          { title: t('邮箱', 'E-mail'), dataIndex: 'email' },
          { title: t('状态', 'Status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('在用', 'Active')}</Tag> : <Tag>{t('已停用', 'Deactivated')}</Tag>) },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, o: Official) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(o)}>
                  {t('修改', 'Change')}
                </Button>
                <Button size="small" onClick={() => setResetting(o)} disabled={!o.accountId}>
                  {t('重置密码', 'Reset password')}
                </Button>
                {o.active ? (
                  <Popconfirm title={t('停用后该干部立即退出登录且不能再登录。确定停用？', 'They are signed out at once and cannot sign in. Deactivate?')} onConfirm={() => setActive(o, false)}>
                    <Button size="small" danger data-deactivate={o.login ?? o.id}>
                      {t('停用', 'Deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(o, true)}>
                    {t('启用', 'Reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager
        pageNumber={cursors.length}
        hasPrev={cursors.length > 1}
        hasNext={Boolean(page.data?.nextCursor)}
        prev={() => setCursors((c) => c.slice(0, -1))}
        next={() => setCursors((c) => [...c, page.data?.nextCursor ?? null])}
      />
      {editing ? (
        <OfficialDialog
          official={editing === 'new' ? null : editing}
          units={units.data?.items ?? []}
          leaders={leaders.data?.items ?? []}
          onClose={() => setEditing(null)}
          onDone={() => (setEditing(null), reload())}
        />
      ) : null}
      {resetting ? <ResetPasswordDialog official={resetting} onClose={() => setResetting(null)} /> : null}
    </Card>
  );
}
