// A real central on free loopback ports for the auth tests, with its demo accounts and a tiny
// cookie jar for fetch (Node's fetch keeps no cookies).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type CentralConfig } from '../../../central/config.js';
import { createLogger } from '../../../central/logger.js';
import { startCentral, type Central } from '../../../central/server.js';

export interface DemoAccount { name: string; password: string; roles: string[]; store: string | null }

export interface AuthCentral {
  central: Central;
  config: CentralConfig;
  dataDir: string;
  account(name: string): DemoAccount;
  stop(): Promise<void>;
}

export async function startAuthCentral(env: Record<string, string> = {}): Promise<AuthCentral> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pronto-auth-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', COUCH_PORT: '0', LOG_LEVEL: 'silent', ...env });
  const central = await startCentral(config, createLogger('silent'));
  const accounts = JSON.parse(await readFile(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  const handle: AuthCentral = {
    central, config, dataDir,
    account: (name) => accounts.find((a) => a.name === name) ?? assertNever(name),
    async stop() {
      await handle.central.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

function assertNever(name: string): never {
  throw new Error(`no demo account ${name}`);
}

export const basic = (name: string, password: string) => ({ Authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') });

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
