import { ApiProblem, type ProblemBody } from './problem.ts';

/**
 * The one way the app talks to the server: same-origin fetch with the session cookie, the UI
 * language as Accept-Language (so problems arrive in the words the user reads), problem+json
 * turned into ApiProblem. A 401 tells the session layer to show the login page.
 */
let language = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

export function setApiLanguage(lang: string): void {
  language = lang;
}

export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

async function problemOf(response: Response): Promise<ProblemBody> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as ProblemBody;
    } catch {
      /* fall through */
    }
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status, code: 'http.error' };
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': language, accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    credentials: 'same-origin',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !path.startsWith('/api/auth/login')) onUnauthenticated?.();
    throw new ApiProblem(problem);
  }
  return response;
}

/** JSON request; resolves to the parsed body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file the server renders (CSV, Excel) through the same session, and saves it. */
export async function download(path: string, filename: string, options: RequestOptions = {}): Promise<void> {
  const response = await send(path, options);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the defined values of an object. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

/** An idempotency key for one submission attempt (a retry of the same form reuses it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

export interface ListAnswer<T> {
  items: T[];
  total: number;
}
