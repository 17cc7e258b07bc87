import { get, post, urlOf } from './client.ts';
import type { Appeal, AppealList, AppealReason, AppealStatus, Bulletin, BulletinGenerated, BulletinList, HotSpots, MonthlyPack, Scorecards } from './report-types.ts';

/** The reports endpoints: bulletins, scorecards, hot spots, appeals (offset pages with totals). */
export const reports = {
  bulletins: (q: { limit: number; offset: number }) => get<BulletinList>('/api/v1/bulletins', q),
  bulletin: (id: string) => get<Bulletin>(`/api/v1/bulletins/${id}`),
  bulletinXlsxUrl: (id: string) => `/api/v1/bulletins/${id}.xlsx`,
  bulletinPrintUrl: (id: string) => `/api/v1/bulletins/${id}/print`,
  /** On demand for a period `YYYY-MM-H1|H2` (supervision); `revision` for a period that has one already (修订版). */
  generate: (period: string, revision = false) => post<BulletinGenerated>('/api/v1/bulletins', { period, revision }),
  scorecards: (q: { by: 'unit' | 'leader'; periods: number }) => get<Scorecards>('/api/v1/reports/scorecards', q),
  hotSpots: (q: { days: number; limit: number }) => get<HotSpots>('/api/v1/reports/hot-spots', q),
  openListXlsxUrl: () => '/api/v1/reports/open-list.xlsx',
  monthlyPack: (month: string) => get<MonthlyPack>('/api/v1/reports/monthly-pack', { month }),
  monthlyPackXlsxUrl: (month: string) => urlOf('/api/v1/reports/monthly-pack.xlsx', { month }),
  /** The whole pack, every section, as the API's print view. */
  monthlyPackPrintUrl: (month: string) => urlOf('/api/v1/reports/monthly-pack/print', { month }),
  appeals: (q: { status?: AppealStatus | undefined; limit: number; offset: number }) => get<AppealList>('/api/v1/appeals', q),
  fileAppeal: (body: { issueId: string; reason: AppealReason; text: string }) => post<Appeal>('/api/v1/appeals', body),
  decideAppeal: (id: string, body: { accept: boolean; note: string }) => post<Appeal>(`/api/v1/appeals/${id}/decision`, body),
};
