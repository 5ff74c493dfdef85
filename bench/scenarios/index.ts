// Every scenario `npm run bench` runs, in this order. One line each; a scenario lives in its own
// file beside this one and exports a `Scenario` (bench/lib/scenario.ts).
import type { Scenario } from '../lib/scenario.js';
import { firstStart } from './first-start.js';

export const scenarios: Scenario[] = [
  firstStart,
];
