// Central's HTTP API as the console uses it: same-origin fetch with the session cookie, the CSRF
// token (from POST/GET /api/session) on every change, and errors as ApiError {status, code}.
// A 401 on anything but /session itself means the session expired: onExpired is called.
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface SessionUser { name: string; roles: string[] }

export class Api {
  private csrfToken = '';

  constructor(private readonly onExpired: () => void) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, 'NETWORK', (err as Error).message);
    }
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    if (!res.ok) {
      if (res.status === 401 && path !== '/session') this.onExpired();
      throw new ApiError(res.status, json.code ?? 'ERROR', json.message ?? res.statusText);
    }
    return json as T;
  }

  async logIn(name: string, password: string): Promise<SessionUser> {
    const r = await this.request<SessionUser & { csrfToken: string }>('POST', '/session', { name, password });
    this.csrfToken = r.csrfToken;
    return { name: r.name, roles: r.roles };
  }

  /** The current session's user, or null when there is none. */
  async current(): Promise<SessionUser | null> {
    try {
      const r = await this.request<SessionUser & { csrfToken: string }>('GET', '/session');
      this.csrfToken = r.csrfToken;
      return { name: r.name, roles: r.roles };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  }

  async logOut(): Promise<void> {
    await this.request<void>('DELETE', '/session');
    this.csrfToken = '';
  }
}
