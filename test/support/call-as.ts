import { expect } from 'vitest';
import type { TestApi } from './api.ts';

/** A call as the person signed in under `who` in `tokens`, expecting `status` (200 unless told), returning the JSON body. */
export type CallAs = (who: string, method: 'GET' | 'POST', url: string, body?: object, status?: number) => Promise<Record<string, unknown>>;

/** Binds {@link CallAs} to an API and the tokens a test file fills in its beforeAll. */
export function callAs(api: () => TestApi, tokens: Record<string, string>): CallAs {
  return async (who, method, url, body, status = 200) => {
    const res = await api().call(tokens[who] ?? '', method, url, body);
    expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBe(status);
    return res.json() as Record<string, unknown>;
  };
}
