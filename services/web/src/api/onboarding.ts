import type { Answer, CategoryPolicyPreview as PreviewAnswer, DistrictImportReport as ReportAnswer, Official as OfficialAnswer, PasswordResetRequested } from '@huiyin/contract';
import { get, post, request, urlOf } from './client.ts';
import type { Page, Role } from './types.ts';

export type DistrictImportReport = Answer<typeof ReportAnswer>;
export type Official = Answer<typeof OfficialAnswer>;
export type CategoryPolicyPreview = Answer<typeof PreviewAnswer>;
export type OfficialFields = { name?: string; email?: string; phone?: string | null; roles?: Role[]; unitId?: string | null; leaderId?: string | null; active?: boolean };

/** Onboarding a district, its officials, and passwords reset by mail (issue 19). */
export const onboarding = {
  templateUrl: () => urlOf('/api/v1/district-import/template'),
  importDistrict: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return request<DistrictImportReport>('POST', '/api/v1/district-import', { query: { dryRun }, form });
  },
  officials: (query: { q?: string; unitId?: string; role?: Role; active?: 'true' | 'false'; limit?: number; cursor?: string | null }) => get<Page<Official>>('/api/v1/officials', query),
  createOfficial: (body: OfficialFields & { login: string; name: string; email: string; roles: Role[]; password: string }) => post<Official>('/api/v1/officials', body),
  updateOfficial: (id: string, body: OfficialFields) => request<Official>('PATCH', `/api/v1/officials/${id}`, { body }),
  resetPassword: (accountId: string, password: string) => post<void>(`/api/v1/accounts/${accountId}/password`, { password }),
  requestPasswordReset: (login: string) => post<Answer<typeof PasswordResetRequested>>('/api/v1/auth/password-reset/request', { login }),
  previewCategory: (id: string, change: Record<string, unknown>) => post<CategoryPolicyPreview>(`/api/v1/categories/${id}/preview`, change),
  resetWithToken: (token: string, newPassword: string) => post<void>('/api/v1/auth/password-reset', { token, newPassword }),
};
