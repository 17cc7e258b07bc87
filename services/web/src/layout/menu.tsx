import type { ReactNode } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FieldTimeOutlined,
  MessageOutlined,
  CloudUploadOutlined,
  IdcardOutlined,
  FileAddOutlined,
  FileTextOutlined,
  InboxOutlined,
  KeyOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProjectOutlined,
  SendOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Me } from '../api/types.ts';

export type MenuEntry = { key: string; label: string; icon: ReactNode };

/** The pages a user's roles open, in the order they use them. */
export function menuOf(me: Me, t: (zh: string, en: string) => string): MenuEntry[] {
  if (me.kind === 'enterprise') {
    return [
      { key: '/portal', label: t('我的诉求', 'My issues'), icon: <UnorderedListOutlined /> },
      { key: '/portal/new', label: t('提交诉求', 'File an issue'), icon: <FileAddOutlined /> },
      { key: '/portal/api-keys', label: t('系统对接', 'System access'), icon: <KeyOutlined /> },
    ];
  }
  const r = new Set(me.roles);
  const entries: MenuEntry[] = [];
  const add = (when: boolean, entry: MenuEntry) => when && entries.push(entry);
  add(r.has('handler') || r.has('unit_head'), { key: '/inbox', label: t('待办事项', 'Inbox'), icon: <InboxOutlined /> });
  add(r.has('dispatcher'), { key: '/dispatch', label: t('列单派单', 'Dispatch'), icon: <SendOutlined /> });
  add(r.has('leader'), { key: '/leader', label: t('领导工作台', 'Leader desk'), icon: <TeamOutlined /> });
  add(r.has('supervisor') || r.has('admin'), { key: '/board', label: t('督查看板', 'Supervision board'), icon: <AlertOutlined /> });
  add(r.has('supervisor') || r.has('admin') || r.has('unit_head') || r.has('leader') || r.has('dispatcher'), { key: '/orders', label: t('督办单', 'Supervision orders'), icon: <AuditOutlined /> });
  entries.push({ key: '/issues', label: t('诉求查询', 'Issues'), icon: <FileTextOutlined /> });
  entries.push({ key: '/projects', label: t('重点项目', 'Key projects'), icon: <ProjectOutlined /> });
  entries.push({ key: '/open-list', label: t('未办结事项清单', 'Open list'), icon: <OrderedListOutlined /> });
  entries.push({ key: '/scorecards', label: t('考核评价', 'Scorecards'), icon: <BarChartOutlined /> });
  entries.push({ key: '/bulletins', label: t('通报', 'Bulletins'), icon: <NotificationOutlined /> });
  add(r.has('admin'), { key: '/admin/time-rules', label: t('时限规则', 'Time-limit rules'), icon: <FieldTimeOutlined /> });
  add(r.has('admin'), { key: '/admin/notice-channels', label: t('通知渠道', 'Notice channels'), icon: <MessageOutlined /> });
  add(r.has('admin'), { key: '/admin/calendar', label: t('工作日历', 'Working calendar'), icon: <CalendarOutlined /> });
  add(r.has('admin'), { key: '/admin/officials', label: t('干部管理', 'Officials'), icon: <IdcardOutlined /> });
  add(r.has('admin'), { key: '/admin/import', label: t('数据导入', 'District import'), icon: <CloudUploadOutlined /> });
  return entries;
}
