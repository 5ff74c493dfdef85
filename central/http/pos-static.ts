// /pos/: the web POS, built by Vite into store-client/pos/dist (`npm start` builds it first).
// Static files, with index.html for every other path (a single-page app), and no-cache on the
// two files that name everything else (index.html, sw.js) so a new build reaches the tills.
// Without a build: 503 with what to run, as HTML for a browser and JSON for anything else.
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const POS_DIST = fileURLToPath(new URL('../../store-client/pos/dist', import.meta.url));

const NO_CACHE = new Set(['index.html', 'sw.js']);

export function posStatic(dist = POS_DIST): express.Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.use((req, res, next) => {
    if (existsSync(index)) return next();
    const message = 'The POS is not built: run `npm run build:pos` (npm start does it), then reload.';
    res.status(503).format({
      html: () => res.send(`<!doctype html><meta charset="utf-8"><title>POS not built</title><p>${message}</p>`),
      default: () => res.json({ code: 'POS_NOT_BUILT', message, details: {} }),
    });
  });
  router.use(express.static(dist, {
    index: 'index.html',
    setHeaders: (res, file) => {
      if (NO_CACHE.has(path.basename(file))) res.setHeader('Cache-Control', 'no-cache');
    },
  }));
  router.get(/.*/, (req, res, next) => {
    if (path.extname(req.path) !== '') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
