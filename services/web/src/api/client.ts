/** An RFC 9457 problem as the API sends it (services/api/src/problem.ts). */
export type Problem = { type?: string; title?: string; status: number; detail?: string; code?: string; field?: string; errors?: Array<{ field?: string; message?: string }> };

/** A refused or failed call: carries the problem+json the API answered with. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Called on every 401 so the shell can send the user back to the sign-in page. */
let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/**
 * One call to the public API with the session cookie (same origin, so the API's Origin check for
 * cookie-borne writes passes). JSON in, JSON out; a non-2xx answer throws an ApiError.
 */
export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: { query?: Query; body?: unknown; form?: FormData } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined || method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
  }
  const res = await fetch(withQuery(path, options.query), { method, headers, body: body ?? null, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/v1/auth/login') onUnauthenticated();
    const problem = (data && typeof data === 'object' ? data : { title: text || res.statusText }) as Partial<Problem>;
    // An admin-set password must be changed first: whatever page asked, go where it is changed.
    if (problem.code === 'auth.password_change_required' && window.location.pathname !== '/change-password') window.location.assign('/change-password');
    throw new ApiError({ ...problem, status: res.status });
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {});
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body });

/** The URL of a GET endpoint (for downloads opened by the browser with the cookie). */
export const urlOf = withQuery;
