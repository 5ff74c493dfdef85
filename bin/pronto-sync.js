#!/usr/bin/env node
// The `pronto-sync` command: runs central's compiled CLI (dist/, built by `npm run build:central`;
// `npm start` builds it first). No TypeScript loader at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const url = new URL('../dist/central/cli.js', import.meta.url);
const cli = fileURLToPath(url);
if (!existsSync(cli)) {
  process.stderr.write(`pronto-sync: central is not built (${cli} is missing): run \`npm run build:central\` first.\n`);
  process.exit(1);
}
await import(url.href);
