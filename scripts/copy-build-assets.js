// After `tsc -p tsconfig.build.json`: copies the files compiled central reads next to its own
// modules at run time (import.meta.url-relative), which tsc does not emit: the CommonJS check and
// ajv helper that design docs ship, and the design-doc sources (src/<kind>/…).
import { cpSync } from 'node:fs';

const ASSETS = ['validators/check.cjs', 'validators/runtime', 'design-docs/src'];

for (const asset of ASSETS) cpSync(asset, `dist/${asset}`, { recursive: true });
console.log(`copied ${ASSETS.join(', ')} into dist/`);
