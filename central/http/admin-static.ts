// /admin/: the admin console, built by Vite into admin-ui/dist (`npm start` builds it first).
// Static files, index.html for every other path, no-cache on index.html; /admin/console.json
// tells the console where ops find Fauxton. Without a build: 503 with what to run.
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN_DIST = fileURLToPath(new URL('../../admin-ui/dist', import.meta.url));

export interface AdminStaticOptions {
  /** Fauxton's address for ops (CouchDB's `/_utils/`), without credentials. */
  fauxtonUrl: string;
  dist?: string;
}

export function adminStatic(options: AdminStaticOptions): express.Router {
  const dist = options.dist ?? ADMIN_DIST;
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.get('/console.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ fauxtonUrl: options.fauxtonUrl });
  });
  router.use((req, res, next) => {
    if (existsSync(index)) return next();
    const message = 'The admin console is not built: run `npm run build:admin` (npm start does it), then reload.';
    res.status(503).format({
      html: () => res.send(`<!doctype html><meta charset="utf-8"><title>Console not built</title><p>${message}</p>`),
      default: () => res.json({ code: 'ADMIN_NOT_BUILT', message, details: {} }),
    });
  });
  router.use(express.static(dist, {
    index: 'index.html',
    setHeaders: (res, file) => {
      if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
    },
  }));
  router.get(/.*/, (req, res, next) => {
    if (path.extname(req.path) !== '') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/** CouchDB's Fauxton (`/_utils/`) at `couchUrl`, with any credentials in that URL taken out. */
export function fauxtonUrlOf(couchUrl: string): string {
  const url = new URL(couchUrl);
  url.username = '';
  url.password = '';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/_utils/`;
  return url.toString();
}
