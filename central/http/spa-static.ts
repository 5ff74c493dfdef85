// /pos/ and /admin/: a single-page app built by Vite (`npm start` builds both first). Static
// files, index.html for every other page path, and no-cache on the files that name everything
// else (index.html, the POS's sw.js) so a new build reaches the browsers at once. Without a
// build: 503 saying what to run, as HTML for a browser and JSON for anything else.
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.js';

// From the package root, so compiled central (dist/central/http/) finds the same builds.
export const POS_DIST = path.join(packageRoot(), 'store-client/pos/dist');
export const ADMIN_DIST = path.join(packageRoot(), 'admin-ui/dist');

/** What each app is called when it is not built, and what builds it. */
const APPS = {
  pos: { title: 'The POS', code: 'POS_NOT_BUILT', build: 'npm run build:pos' },
  admin: { title: 'The admin console', code: 'ADMIN_NOT_BUILT', build: 'npm run build:admin' },
} as const;

export type SpaName = keyof typeof APPS;

const NO_CACHE = new Set(['index.html', 'sw.js']);

export function spaStatic(dist: string, name: SpaName): express.Router {
  const app = APPS[name];
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.use((req, res, next) => {
    if (existsSync(index)) return next();
    const message = `${app.title} is not built: run \`${app.build}\` (npm start does it), then reload.`;
    res.status(503).format({
      html: () => res.send(`<!doctype html><meta charset="utf-8"><title>${app.title} is not built</title><p>${message}</p>`),
      default: () => res.json({ code: app.code, message, details: {} }),
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
