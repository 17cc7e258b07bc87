import type { Answer, ApiKeyList, IssuedApiKey } from '@huiyin/contract';
import { get, post, request } from './client.ts';

export type ApiKeys = Answer<typeof ApiKeyList>;
export type ApiKey = ApiKeys['items'][number];
export type Issued = Answer<typeof IssuedApiKey>;

/** An enterprise's keys for its own systems (Open311, docs/api.md#open311). */
export const apiKeys = {
  list: (enterpriseId: string) => get<ApiKeys>(`/api/v1/enterprises/${enterpriseId}/api-keys`),
  issue: (enterpriseId: string, name: string) => post<Issued>(`/api/v1/enterprises/${enterpriseId}/api-keys`, { name }),
  revoke: (enterpriseId: string, keyId: string) => request<void>('DELETE', `/api/v1/enterprises/${enterpriseId}/api-keys/${keyId}`),
};
