import { urlOf } from './client.ts';
import type { IssueFilter, IssueSort } from './endpoints.ts';

/** A filter as query parameters, booleans as the API's `true`/`false`. */
const asQuery = (f: IssueFilter) => ({ ...f, open: f.open === undefined ? undefined : String(f.open) });

/** Where the lists' XLSX files are downloaded (opened by the browser with the session cookie). */
export const exports = {
  /** 诉求查询 with its filters and order: every issue, not the page on screen. */
  issues: (f: IssueFilter, order: { sort?: IssueSort | undefined; order?: 'asc' | 'desc' | undefined }) => urlOf('/api/v1/issues.xlsx', { ...asQuery(f), ...order }),
  inbox: () => '/api/v1/inbox.xlsx',
  overdue: (f: IssueFilter) => urlOf('/api/v1/supervision/overdue.xlsx', asQuery(f)),
  scorecards: (by: 'unit' | 'leader', periods: number) => urlOf('/api/v1/reports/scorecards.xlsx', { by, periods }),
};
