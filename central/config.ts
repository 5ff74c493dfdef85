// Central's configuration: the environment read once, validated, defaulted and frozen.
// Nothing else in central reads process.env (see DESIGN.md "Contract: Environment").
import path from 'node:path';
import { ProntoError } from '../validators/errors.js';
import { isKey32, KEY_HINT } from './keys/index.js';
import { DEFAULT_READ_CONCURRENCY } from './feed/read-concurrency.js';

export interface CentralConfig {
  /** Port of central's HTTP server (/api, /db, /pos, /admin). Default 8080. */
  readonly port: number;
  /** Interface central listens on. Default 127.0.0.1. */
  readonly host: string;
  /** Where the embedded server's data, the generated admin password and demo accounts live. Default ./data. */
  readonly dataDir: string;
  /** A real CouchDB (credentials may be in the URL); undefined = start the embedded server. */
  readonly couchdbUrl: string | undefined;
  /** Port of the embedded CouchDB-compatible server (loopback only). Default 5984. */
  readonly couchPort: number;
  /** CouchDB server admin name. Default "admin". */
  readonly adminUser: string;
  /** CouchDB server admin password; undefined = generated on first start and kept in dataDir. */
  readonly adminPassword: string | undefined;
  /** Seed the demo chain on first start. Default on with the embedded server, off otherwise. */
  readonly demo: boolean;
  /** Largest request body central's /db accepts, in MiB (CouchDB's own max_document_size is 8 MB). Default 8. */
  readonly dbMaxBodyMb: number;
  /** How long a till may be silent before the console shows it stale, in seconds (a till that reports
   * less often gets one interval and a grace: central/devices/till-liveness). Default 45. */
  readonly tillSilentAfterS: number;
  /** Store databases the change follower reads at once (FEED_READ_CONCURRENCY). */
  readonly feedReadConcurrency: number;
  /** pino log level. Default info. */
  readonly logLevel: string;
  // --- Login and tokens (central/http/auth) ---
  /** Mark the console's cookies `Secure` (HTTPS only). Default off when HOST is loopback, on otherwise. */
  readonly cookieSecure: boolean;
  /** Lifetime of a console login session in minutes, counted from login. Default 480 (a shift). */
  readonly sessionTtlMin: number;
  /** Failed logins allowed per client IP and account name in one window. Default 10. */
  readonly loginRateLimit: number;
  /** Length of the login rate-limit window in minutes. Default 15. */
  readonly loginRateWindowMin: number;
  /** Which proxies in front of central to believe about the client's address (X-Forwarded-For):
   *  false (default: none), a number of hops, or addresses / subnets / Express's names. */
  readonly trustProxy: TrustProxy;
  /** Secret that signs session cookies and CSRF tokens; undefined = generated once and kept in dataDir. */
  readonly sessionSecret: string | undefined;
  // --- Customer keys (central/keys) ---
  /** AES-256 key for customers' personal fields, base64url of exactly 32 bytes; undefined = DATA_DIR/customer-data-key. */
  readonly customerDataKey: string | undefined;
  /** HMAC key for customers' blind indexes, base64url of exactly 32 bytes; undefined = DATA_DIR/customer-index-key. */
  readonly customerIndexKey: string | undefined;
  /** HMAC key of the audit chain, base64url of exactly 32 bytes; undefined = DATA_DIR/audit-key.
   * Every central process (and `pronto-sync resolve`) writing one audit trail needs the same key. */
  readonly auditKey: string | undefined;
  // --- Observability (central/metrics) ---
  /** Bearer token a Prometheus scraper presents at /api/metrics (at least 32 characters); undefined = admins only. */
  readonly metricsToken: string | undefined;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, overrides: Partial<CentralConfig> = {}): CentralConfig {
  const couchdbUrl = nonEmpty(env.COUCHDB_URL);
  if (couchdbUrl !== undefined) checkUrl(couchdbUrl);
  const config: CentralConfig = {
    port: port(env.PORT, 'PORT', 8080),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    dataDir: path.resolve(nonEmpty(env.DATA_DIR) ?? './data'),
    couchdbUrl,
    couchPort: port(env.COUCH_PORT, 'COUCH_PORT', 5984),
    adminUser: nonEmpty(env.ADMIN_USER) ?? 'admin',
    adminPassword: nonEmpty(env.ADMIN_PASSWORD),
    demo: flag(env.DEMO, 'DEMO', couchdbUrl === undefined),
    dbMaxBodyMb: positive(env.DB_MAX_BODY_MB, 'DB_MAX_BODY_MB', 8),
    tillSilentAfterS: positive(env.TILL_SILENT_AFTER_S, 'TILL_SILENT_AFTER_S', 45),
    feedReadConcurrency: positive(env.FEED_READ_CONCURRENCY, 'FEED_READ_CONCURRENCY', DEFAULT_READ_CONCURRENCY),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    ...authSettings(env, nonEmpty(env.HOST) ?? '127.0.0.1'),
    customerDataKey: key32(env.CUSTOMER_DATA_KEY, 'CUSTOMER_DATA_KEY'),
    customerIndexKey: key32(env.CUSTOMER_INDEX_KEY, 'CUSTOMER_INDEX_KEY'),
    auditKey: key32(env.AUDIT_KEY, 'AUDIT_KEY'),
    metricsToken: secret(env.METRICS_TOKEN, 'METRICS_TOKEN'),
    ...overrides,
  };
  return Object.freeze(config);
}

function authSettings(env: Env, host: string) {
  // A Secure cookie is never sent back over plain HTTP, so on loopback (no TLS) it would break login.
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  return {
    cookieSecure: flag(env.COOKIE_SECURE, 'COOKIE_SECURE', !loopback),
    sessionTtlMin: positive(env.SESSION_TTL_MIN, 'SESSION_TTL_MIN', 480),
    loginRateLimit: positive(env.LOGIN_RATE_LIMIT, 'LOGIN_RATE_LIMIT', 10),
    loginRateWindowMin: positive(env.LOGIN_RATE_WINDOW_MIN, 'LOGIN_RATE_WINDOW_MIN', 15),
    trustProxy: trustProxy(env.TRUST_PROXY),
    sessionSecret: secret(env.SESSION_SECRET, 'SESSION_SECRET'),
  };
}

export type TrustProxy = false | number | readonly string[];

const PROXY_NAME = /^(loopback|linklocal|uniquelocal)$/;
const PROXY_ADDRESS = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** TRUST_PROXY: off, a hop count (1-10), or a comma list of proxy addresses, subnets or Express's
 *  names. "true" (believe any X-Forwarded-For) is refused: a client reaching central directly could
 *  then pick its own address and slip past the login lockout. */
function trustProxy(value: string | undefined): TrustProxy {
  const v = nonEmpty(value)?.toLowerCase();
  if (v === undefined || ['0', 'off', 'false', 'no'].includes(v)) return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops < 1 || hops > 10) throw new ProntoError('CONFIG_INVALID', `TRUST_PROXY as a hop count must be 1 to 10, got "${value}"`, { name: 'TRUST_PROXY' });
    return hops;
  }
  const parts = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const bad = parts.find((p) => !PROXY_NAME.test(p) && !PROXY_ADDRESS.test(p));
  if (parts.length === 0 || bad !== undefined) {
    throw new ProntoError('CONFIG_INVALID', `TRUST_PROXY must be off, a hop count (1-10), or proxy addresses, subnets or loopback/linklocal/uniquelocal separated by commas; "${bad ?? value}" is none of these (true is refused: any client could then name its own address)`, { name: 'TRUST_PROXY' });
  }
  return parts;
}

function secret(value: string | undefined, name: string): string | undefined {
  const v = nonEmpty(value);
  // Never echo the value: it is a secret.
  if (v !== undefined && v.length < 32) throw new ProntoError('CONFIG_INVALID', `${name} must be at least 32 characters long`, { name });
  return v;
}

// --- Customer keys (central/keys) ---
function key32(value: string | undefined, name: string): string | undefined {
  const v = nonEmpty(value);
  // Never echo the value: it is a key.
  if (v !== undefined && !isKey32(v)) {
    throw new ProntoError('CONFIG_INVALID', `${name} must be exactly 32 bytes in unpadded base64url (43 characters of A-Z a-z 0-9 - _), e.g. from: ${KEY_HINT}`, { name });
  }
  return v;
}

function positive(value: string | undefined, name: string, fallback: number): number {
  if (nonEmpty(value) === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ProntoError('CONFIG_INVALID', `${name} must be a whole number of 1 or more, got "${value}"`, { name });
  return n;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function port(value: string | undefined, name: string, fallback: number): number {
  if (nonEmpty(value) === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ProntoError('CONFIG_INVALID', `${name} must be a port number (0-65535), got "${value}"`, { name });
  }
  return n;
}

function flag(value: string | undefined, name: string, fallback: boolean): boolean {
  const v = nonEmpty(value)?.toLowerCase();
  if (v === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ProntoError('CONFIG_INVALID', `${name} must be on/off (1/0, true/false), got "${value}"`, { name });
}

function checkUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProntoError('CONFIG_INVALID', 'COUCHDB_URL is not a valid URL', { name: 'COUCHDB_URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProntoError('CONFIG_INVALID', 'COUCHDB_URL must be an http(s) URL', { name: 'COUCHDB_URL' });
  }
}
