// Who a request through /db says it is, read without asking CouchDB: the name in a Basic header,
// or the name inside CouchDB's AuthSession cookie (base64url of `name:hexTime:hmac`, the format
// of CouchDB's couch_httpd_auth and of pouchdb-auth). Only a claim: it is trusted only once
// CouchDB has answered the request with anything but 401 (CouchDB checked the password or the
// cookie's HMAC).
import { basicName } from '../auth/login-throttle.js';

export interface CallerClaim {
  name: string | undefined;
  /** How the claim came: `basic` carries a password (throttled), `cookie` does not. */
  via: 'basic' | 'cookie' | 'none';
}

export function callerClaim(headers: { authorization?: string; cookie?: string }): CallerClaim {
  if (headers.authorization !== undefined) return { name: basicName(headers.authorization), via: 'basic' };
  const cookie = /(?:^|;\s*)AuthSession=([A-Za-z0-9_-]+)/.exec(headers.cookie ?? '');
  if (!cookie) return { name: undefined, via: 'none' };
  const decoded = Buffer.from(cookie[1]!, 'base64url').toString('utf8');
  const parts = decoded.split(':');
  return { name: parts.length >= 3 ? parts.slice(0, -2).join(':').slice(0, 100) : undefined, via: 'cookie' };
}
