// A tiny cookie jar and browser-like client for the auth tests (Node's fetch keeps no cookies).
/** Cookies by name, as a browser would keep them for /api (expiry and paths ignored). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie lines of the last response, for checking flags. */
  lastSetCookie: string[] = [];

  take(res: Response): Response {
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [k, v] of this.cookies) jar.cookies.set(k, v);
    return jar;
  }
}

/** A browser-like client: JSON bodies, cookies kept, optional CSRF header. */
export function client(baseUrl: string, jar = new CookieJar()) {
  return {
    jar,
    async call(method: string, url: string, opts: { body?: unknown; csrf?: string; headers?: Record<string, string> } = {}): Promise<Response> {
      const headers: Record<string, string> = { ...jar.header(), ...opts.headers };
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      if (opts.csrf !== undefined) headers['x-csrf-token'] = opts.csrf;
      const res = await fetch(`${baseUrl}${url}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      return jar.take(res);
    },
  };
}
