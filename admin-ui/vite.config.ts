// Builds the admin console into admin-ui/dist, served by central at /admin/ (central/http/spa-static.ts).
// A plain Lit build: no eval, no inline script or style, so it runs under central's strict CSP. The
// merge builder validates with the document schemas compiled here, ahead of time, as the POS does
// (validators/browser-build.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { nodeModuleShim, precompiledValidators } from '../validators/browser-build.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/admin/',
  plugins: [precompiledValidators()],
  resolve: { alias: [nodeModuleShim] },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
  },
});
