// What the login, session, CSRF and token code needs from the configuration, plus who a request
// turned out to be (kept in res.locals for the handlers and the audit trail).

export interface AuthSettings {
  /** Mark cookies `Secure` (HTTPS only). */
  readonly cookieSecure: boolean;
  readonly sessionTtlMin: number;
  readonly loginRateLimit: number;
  readonly loginRateWindowMin: number;
  /** Signs session cookies and CSRF tokens; kept across restarts so sessions survive them. */
  readonly secret: string;
  /** Express's "trust proxy": which proxies' X-Forwarded-For names the client (config TRUST_PROXY). */
  readonly trustProxy: false | number | readonly string[];
}

/** How a caller proved who they are. */
export type AuthVia = 'session' | 'token' | 'couch';

/** Set on res.locals by `authenticate`. `actor` is what the audit trail records. */
export interface AuthLocals {
  actor: string;
  roles: string[];
  via: AuthVia;
  /** Only for bearer tokens: what the token may do (`admin`, `read`). */
  scopes?: string[];
}

/** Roles that make an account a chain admin: CouchDB's server admin, or our `admin` role. */
export const isAdmin = (roles: readonly string[]): boolean => roles.includes('_admin') || roles.includes('admin');
