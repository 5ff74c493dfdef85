// Records CouchDB's permission refusals (401/403) seen through the /db proxy in the audit trail:
// who (the Basic user name, when there is one — never the password), what (method, database
// path without the query) and CouchDB's reason. At most one entry per caller, path and status a
// minute, so a client retrying in a loop cannot flood the trail. Refusals of single documents
// inside a 201 `_bulk_docs` answer are the store's to report (SyncManager's `denied` count).
import type { IncomingMessage } from 'node:http';
import type { AuditWriter } from '../audit/append-audit.js';

const WINDOW_MS = 60_000;
const MAX_KEYS = 10_000;

export function auditDbRefusals(audit: AuditWriter, now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return (proxyRes: IncomingMessage, req: IncomingMessage): void => {
    const status = proxyRes.statusCode ?? 0;
    if (status !== 401 && status !== 403) return;
    const user = basicUser(req.headers.authorization) ?? (req.headers.cookie?.includes('AuthSession=') ? '(couch session)' : '(anonymous)');
    const path = (req.url ?? '/').split('?')[0]!.slice(0, 200);
    const key = `${user}|${req.method}|${path}|${status}`;
    const last = seen.get(key);
    if (last !== undefined && now() - last < WINDOW_MS) return;
    if (seen.size >= MAX_KEYS) seen.clear();
    seen.set(key, now());
    void audit.append({ actor: user, action: 'db.denied', target: path, details: { method: req.method, status } }).catch(() => undefined);
  };
}

function basicUser(header: string | undefined): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const name = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
  return name === '' ? undefined : name.slice(0, 100);
}
