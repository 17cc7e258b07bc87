import { Select } from 'antd';
import type { IssueSort } from '../api/endpoints.ts';
import { useT } from '../i18n/locale.tsx';

/** A list's server-side order: the sort key and its direction. */
export type IssueOrder = { sort: IssueSort; order: 'asc' | 'desc' };

/**
 * The issue table's server-side sorts as one select, for phones: there the rows are cards and the
 * column headers that sort them are hidden. Each choice is a sort key and its direction.
 */
export function IssueSortSelect({ order, onOrder }: { order: IssueOrder | undefined; onOrder(o: IssueOrder): void }) {
  const t = useT();
  const choices: Array<[IssueSort, 'asc' | 'desc', string]> = [
    ['filedAt', 'desc', t('最新提交在前', 'Newest first')],
    ['number', 'asc', t('编号 升序', 'Number, ascending')],
    ['number', 'desc', t('编号 降序', 'Number, descending')],
    ['stage', 'asc', t('状态 升序', 'Stage, ascending')],
    ['stage', 'desc', t('状态 降序', 'Stage, descending')],
    ['dueAt', 'asc', t('办结期限 最早在前', 'Due, soonest first')],
    ['dueAt', 'desc', t('办结期限 最晚在前', 'Due, latest first')],
  ];
  return (
    <Select
      aria-label={t('排序', 'Sort')}
      prefix={t('排序：', 'Sort: ')}
      style={{ width: '100%', marginBottom: 12 }}
      value={`${order?.sort ?? 'filedAt'}:${order?.order ?? 'desc'}`}
      onChange={(v: string) => {
        const [sort, dir] = v.split(':') as [IssueSort, 'asc' | 'desc'];
        onOrder({ sort, order: dir });
      }}
      options={choices.map(([sort, dir, label]) => ({ value: `${sort}:${dir}`, label }))}
      id="issue-sort"
      data-testid="issue-sort"
    />
  );
}
