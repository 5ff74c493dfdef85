// Every scenario `npm run bench` runs, in this order. One line each; a scenario lives in its own
// file beside this one and exports a `Scenario` (bench/lib/scenario.ts).
import type { Scenario } from '../lib/scenario.js';
import { validatedWrites } from './validated-writes.js';
import { views } from './views.js';
import { memory } from './memory.js';
import { admin } from './admin.js';
import { pos } from './pos.js';
import { bundles } from './bundles.js';

export const scenarios: Scenario[] = [
  validatedWrites,
  views,
  memory,
  admin,
  pos,
  bundles,
];
