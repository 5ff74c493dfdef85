// A guard in front of express-pouchdb: pouchdb-server 4.2 crashes the whole process on an
// anonymous `PUT /<new-db>` once an admin exists (TypeError: db.info is not a function, in
// express-pouchdb lib/routes/db.js). Creating and deleting databases is for server admins
// only on CouchDB too, so we answer non-admins the way CouchDB does before the request
// reaches the buggy route.
import type { IncomingMessage, ServerResponse } from 'node:http';

const DATABASE_PATH = /^\/[^/?]+\/?(\?.*)?$/;

export function guardDatabaseWrites(base: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if ((req.method !== 'PUT' && req.method !== 'DELETE') || !DATABASE_PATH.test(req.url ?? '/')) return next();
    isServerAdmin(base, req).then(
      (admin) => {
        if (admin) return next();
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'unauthorized', reason: 'You are not a server admin.' }));
      },
      () => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal', reason: 'could not check the session' }));
      },
    );
  };
}

async function isServerAdmin(base: string, req: IncomingMessage): Promise<boolean> {
  const headers: Record<string, string> = {};
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  if (req.headers.cookie) headers.cookie = req.headers.cookie;
  const res = await fetch(`${base}/_session`, { headers });
  if (!res.ok) return false;
  const body = (await res.json()) as { userCtx?: { roles?: string[] } };
  return body.userCtx?.roles?.includes('_admin') ?? false;
}
