// Every scenario `npm run bench` runs, in this order. One line each; a scenario lives in its own
// file beside this one and exports a `Scenario` (bench/lib/scenario.ts).
import type { Scenario } from '../lib/scenario.js';
import { resolverScenario } from './resolver.js';

export const scenarios: Scenario[] = [
  resolverScenario,
];
