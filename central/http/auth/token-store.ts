// Script tokens in the `pronto-tokens` database. A token document's `_id` is `token:<sha256 hex>`,
// so checking a bearer token is one GET by id and the token itself is never stored; the public
// `id` (random, shown in lists) names it for revocation. Admin tokens are few, so revoking scans
// `_all_docs` rather than keeping a view.
import type Nano from 'nano';
import { ProntoError } from '../../../validators/index.js';
import { couchError, isStatus } from '../../couch/errors.js';
import { CENTRAL_DATABASES } from '../../setup/central-databases.js';
import { newToken, tokenHash, type Scope } from './token-format.js';

/** What lists and the audit trail may show of a token: never its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface TokenDoc extends TokenInfo {
  _id: string;
  _rev?: string;
  type: 'api-token';
  revokedBy?: string;
}

export interface TokenStore {
  create(input: { name: string; scopes: Scope[]; expiresInDays?: number; createdBy: string }): Promise<{ info: TokenInfo; token: string }>;
  list(): Promise<TokenInfo[]>;
  revoke(id: string, by: string): Promise<TokenInfo>;
  /** The live token's info, or undefined when unknown, revoked or expired. */
  verify(token: string): Promise<TokenInfo | undefined>;
}

const DAY_MS = 86_400_000;

export function createTokenStore(nano: Nano.ServerScope, now: () => number = Date.now): TokenStore {
  const db = nano.use<TokenDoc>(CENTRAL_DATABASES.tokens);
  const all = async (): Promise<TokenDoc[]> => {
    try {
      const r = await db.list({ startkey: 'token:', endkey: 'token:\ufff0', include_docs: true });
      return r.rows.map((row) => row.doc as TokenDoc);
    } catch (err) {
      throw couchError(err, 'listing API tokens');
    }
  };
  return {
    async create({ name, scopes, expiresInDays, createdBy }) {
      const { id, token } = newToken();
      const at = now();
      const doc: TokenDoc = {
        _id: `token:${tokenHash(token)!}`, type: 'api-token', id, name, scopes, createdBy,
        createdAt: new Date(at).toISOString(),
        expiresAt: expiresInDays === undefined ? null : new Date(at + expiresInDays * DAY_MS).toISOString(),
        revokedAt: null,
      };
      try {
        await db.insert(doc);
      } catch (err) {
        throw couchError(err, 'storing an API token');
      }
      return { info: publicInfo(doc), token };
    },
    async list() {
      return (await all()).map(publicInfo).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async revoke(id, by) {
      const doc = (await all()).find((d) => d.id === id);
      if (doc === undefined) throw new ProntoError('NOT_FOUND', `no API token ${id}`, { id });
      if (doc.revokedAt !== null) return publicInfo(doc);
      const revoked: TokenDoc = { ...doc, revokedAt: new Date(now()).toISOString(), revokedBy: by };
      try {
        await db.insert(revoked);
      } catch (err) {
        throw couchError(err, `revoking API token ${id}`);
      }
      return publicInfo(revoked);
    },
    async verify(token) {
      const hash = tokenHash(token);
      if (hash === undefined) return undefined;
      let doc: TokenDoc;
      try {
        doc = await db.get(`token:${hash}`);
      } catch (err) {
        if (isStatus(err, 404)) return undefined;
        throw couchError(err, 'checking an API token');
      }
      if (doc.revokedAt !== null) return undefined;
      if (doc.expiresAt !== null && Date.parse(doc.expiresAt) <= now()) return undefined;
      return publicInfo(doc);
    },
  };
}

function publicInfo(doc: TokenDoc): TokenInfo {
  const { id, name, scopes, createdBy, createdAt, expiresAt, revokedAt } = doc;
  return { id, name, scopes, createdBy, createdAt, expiresAt, revokedAt };
}
