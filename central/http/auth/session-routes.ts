// /api/session: console login (credentials checked by CouchDB, then our own session), the current
// user with a fresh CSRF token, and logout. A wrong name and a wrong password get the same answer.
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ProntoError } from '../../../validators/index.js';
import type { AuthAudit } from './audit-auth.js';
import { couchLogin } from './couch-login.js';
import { clientKey, type LoginThrottle } from './login-throttle.js';
import type { Csrf } from './csrf.js';
import './session-data.js';

export interface SessionRoutesDeps {
  couchUrl: string;
  csrf: Csrf;
  audit: AuthAudit;
  /** The lockout shared with /db and Basic logins on /api. */
  throttle: LoginThrottle;
  /** Clears the session cookie (same options it was set with). */
  clearSessionCookie(res: Response): void;
}

const wrap = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res, next) => { fn(req, res).catch(next); };

export function sessionRoutes(deps: SessionRoutesDeps): express.Router {
  const router = express.Router();

  router.post('/', wrap(async (req, res) => {
    const { name, password } = credentials(req.body);
    const ip = clientKey(req.ip);
    const wait = deps.throttle.blockedFor(ip, name);
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      throw new ProntoError('RATE_LIMITED', `too many failed logins; try again in ${Math.ceil(wait / 60_000)} minute(s)`, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    let user: Awaited<ReturnType<typeof couchLogin>>;
    try {
      user = await couchLogin(deps.couchUrl, name, password, req.socket.remoteAddress);
    } catch (err) {
      if (err instanceof ProntoError && err.code === 'RATE_LIMITED') deps.throttle.failed(ip, name);
      throw err;
    }
    if (user === undefined) {
      deps.throttle.failed(ip, name);
      // Not authenticated: the name is only what was typed, so it is a detail, not the actor.
      await deps.audit.record({ actor: '(anonymous)', action: 'auth.login-failed', details: { ip: req.ip, claimed: name } });
      throw new ProntoError('UNAUTHORIZED', 'wrong name or password');
    }
    deps.throttle.succeeded(ip, name);
    // A new session id at login, so an id planted before it (session fixation) is worth nothing.
    await promisify((cb) => req.session.regenerate(cb));
    req.session.user = user;
    await promisify((cb) => req.session.save(cb));
    const csrfToken = deps.csrf.issue(req, res);
    await deps.audit.record({ actor: user.name, action: 'auth.login', details: { ip: req.ip, roles: user.roles } });
    res.json({ name: user.name, roles: user.roles, csrfToken });
  }));

  router.get('/', (req, res, next) => {
    const user = req.session?.user;
    if (user === undefined) return next(new ProntoError('UNAUTHORIZED', 'not logged in (or the session has expired)'));
    res.json({ name: user.name, roles: user.roles, csrfToken: deps.csrf.issue(req, res) });
  });

  // Idempotent: logging out twice, or without a session, is not an error.
  router.delete('/', wrap(async (req, res) => {
    const user = req.session?.user;
    if (req.session) await promisify((cb) => req.session.destroy(cb));
    deps.clearSessionCookie(res);
    deps.csrf.clear(res);
    if (user !== undefined) await deps.audit.record({ actor: user.name, action: 'auth.logout', details: { ip: req.ip } });
    res.status(204).end();
  }));
  return router;
}

/** A UTF-16 surrogate without its pair: JSON.stringify writes it as a `\\ud800` escape, which
 * Apache CouchDB's parser refuses (400), so such a name or password can never be an account's. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function credentials(body: unknown): { name: string; password: string } {
  const { name, password } = (body ?? {}) as { name?: unknown; password?: unknown };
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) throw new ProntoError('BAD_REQUEST', 'name must be a string of 1 to 100 characters');
  if (typeof password !== 'string' || password.length === 0 || password.length > 1024) throw new ProntoError('BAD_REQUEST', 'password must be a string of 1 to 1024 characters');
  // Found by the bad-input property test on CouchDB 3.5.2: the login check answered 400 and the
  // caller got a 500.
  if (LONE_SURROGATE.test(name)) throw new ProntoError('BAD_REQUEST', 'name must be valid Unicode text (it holds half of a surrogate pair)');
  if (LONE_SURROGATE.test(password)) throw new ProntoError('BAD_REQUEST', 'password must be valid Unicode text (it holds half of a surrogate pair)');
  return { name, password };
}

function promisify(start: (cb: (err: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => start((err) => (err ? reject(err) : resolve())));
}
