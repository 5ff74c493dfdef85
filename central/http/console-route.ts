// GET /api/console (chain admins only): what the console needs to know about this central that
// is not for everyone — Fauxton's address for ops. It was public at /admin/console.json; CouchDB's
// address is no business of a cashier or an anonymous caller.
import type { RequestHandler } from 'express';

export interface ConsoleInfo { fauxtonUrl: string }

export function consoleRoute(info: ConsoleInfo): RequestHandler {
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(info);
  };
}

/** CouchDB's Fauxton (`/_utils/`) at `couchUrl`, with any credentials in that URL taken out. */
export function fauxtonUrlOf(couchUrl: string): string {
  const url = new URL(couchUrl);
  url.username = '';
  url.password = '';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/_utils/`;
  return url.toString();
}
