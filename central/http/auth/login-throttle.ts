// One lockout for every way a CouchDB password reaches central: console login (POST
// /api/session), CouchDB's own login through the proxy (POST /db/_session), and a Basic header on
// /db or /api. Failures are counted per client IP and account name (guessing one account's
// password) and per IP alone (one password over many names); once either count reaches its limit
// inside the window, that IP and name get 429 until the oldest failure leaves the window. Only
// failures count, so staff who log in often are never locked out; a success clears its own
// IP-and-name count. Counters live in this process's memory: several central processes each
// lock on their own (CouchDB 3.4+ keeps its own lockout too: [chttpd_auth_lockout]).
// Behind a reverse proxy every client shares the proxy's IP unless Express's "trust proxy" is set.
import { ipKeyGenerator } from 'express-rate-limit';

export interface ThrottleSettings {
  /** Failed logins allowed per IP and name in one window. */
  readonly perName: number;
  /** Failed logins allowed per IP, whatever the name. */
  readonly perIp: number;
  readonly windowMs: number;
}

export interface LoginThrottle {
  /** Milliseconds until this IP and name may try a password again; 0 when they may now. */
  blockedFor(ip: string, name: string): number;
  failed(ip: string, name: string): void;
  succeeded(ip: string, name: string): void;
}

/** How many distinct keys are kept at most; the oldest are forgotten first. */
const MAX_KEYS = 50_000;

export function createLoginThrottle(settings: ThrottleSettings, now: () => number = Date.now): LoginThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const t = now();
    const list = (failures.get(key) ?? []).filter((at) => t - at < settings.windowMs);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };
  const wait = (key: string, limit: number): number => {
    const list = recent(key);
    return list.length < limit ? 0 : Math.max(1, list[list.length - limit]! + settings.windowMs - now());
  };
  const add = (key: string): void => {
    const list = recent(key);
    failures.delete(key);
    failures.set(key, [...list, now()].slice(-Math.max(settings.perIp, settings.perName)));
    if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
  };
  const named = (ip: string, name: string) => `${ip}|${name.slice(0, 100)}`;
  return {
    blockedFor: (ip, name) => Math.max(wait(named(ip, name), settings.perName), wait(ip, settings.perIp)),
    failed(ip, name) {
      add(named(ip, name));
      add(ip);
    },
    succeeded(ip, name) {
      failures.delete(named(ip, name));
    },
  };
}

/** The IP as a throttle key: an IPv6 address stands for its /56, as one client can hold a whole subnet. */
export function clientKey(ip: string | undefined): string {
  return ipKeyGenerator(ip ?? 'unknown');
}

/** The user name in a Basic Authorization header (unverified), or undefined. */
export function basicName(header: string | undefined): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(0, colon).slice(0, 100);
}
