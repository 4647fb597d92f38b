import { expect } from 'vitest';
import type { OrgRef } from './forms.ts';
import { DEMO_PASSWORD } from './pages.ts';

/**
 * The demo users over the API, next to the browser: a file checks what a page stored, or sets up
 * what its test needs, as that user. `baseUrl` is read on each call (the server starts in beforeAll).
 */
export function demoApi(baseUrl: () => string) {
  /** Logs a demo user in (no browser) and returns the session cookie. */
  async function apiSession(username: string): Promise<string> {
    const res = await fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async function getJson<T>(path: string, cookie: string): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  /** A demo user's own organisation, as that user sees it (names are generated with the demo world). */
  async function ownOrganization(username: string): Promise<OrgRef> {
    const cookie = await apiSession(username);
    const { actor } = await getJson<{ actor: { organizationId: number | null } }>('/api/auth/me', cookie);
    expect(actor.organizationId).not.toBeNull();
    const org = await getJson<{ id: number; name: string }>(`/api/organizations/${actor.organizationId}`, cookie);
    return { id: org.id, name: org.name };
  }

  return { apiSession, getJson, ownOrganization };
}
