// The one way the UI talks to the server: same origin, session cookie, CSRF header on writes,
// the API's errors as ApiError (code + Chinese message), and an expired session back to /login.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

export function setCsrf(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Where the login page sends the user back to. */
export function loginUrl(): string {
  const here = window.location.pathname + window.location.search;
  return here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status alone says what happened.
  }
  const code = body.code ?? (res.status >= 500 ? 'SERVER' : `HTTP_${res.status}`);
  return new ApiError(res.status, code, body.message ?? res.statusText, body.details);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Do not send the user to /login on 401 (the login form and the session probe). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, o.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: o.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (res.status === 401 && !o.quiet401) {
    window.location.assign(loginUrl());
    throw new ApiError(401, 'UNAUTHENTICATED', '登录已过期');
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
