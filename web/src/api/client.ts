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
  type Body = { code?: string; message?: string; details?: unknown };
  let body: Body = {};
  try {
    const json = (await res.json()) as Body & { error?: Body };
    // The API answers `{code, message, details}`; a body nesting them under `error` reads the same.
    body = json.error ?? json;
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

/** Sends the request; answers the response if it is a success, else throws its ApiError. */
async function send(path: string, o: RequestOptions, accept: string): Promise<Response> {
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { accept };
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
  return res;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const res = await send(path, o, 'application/json');
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file the API answers as an attachment, with the name its Content-Disposition gives. */
export interface FileAnswer {
  blob: Blob;
  fileName: string | null;
}

export async function apiFile(path: string, o: RequestOptions = {}): Promise<FileAnswer> {
  const res = await send(path, o, '*/*');
  return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition')) };
}

/** The file name of a Content-Disposition header: the UTF-8 `filename*` first, else `filename`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*utf-8'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name : null;
}
