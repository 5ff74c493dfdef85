// Builds the admin console into admin-ui/dist, served by central at /admin/ (central/http/spa-static.ts).
// A plain Lit build: no eval, no inline script or style, so it runs under central's strict CSP.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/admin/',
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
  },
});
