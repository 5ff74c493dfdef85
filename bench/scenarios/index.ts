// Every scenario `npm run bench` runs, in this order. One line each; a scenario lives in its own
// file beside this one and exports a `Scenario` (bench/lib/scenario.ts).
import type { Scenario } from '../lib/scenario.js';
import { reconnect } from './reconnect.js';
import { fleet } from './fleet.js';
import { latency } from './latency.js';
import { firstStart } from './first-start.js';
import { yearOld } from './year-old.js';
import { resolverScenario } from './resolver.js';
import { validatedWrites } from './validated-writes.js';
import { views } from './views.js';
import { memory } from './memory.js';
import { admin } from './admin.js';
import { pos } from './pos.js';
import { bundles } from './bundles.js';
import { peerRxdb } from './peer-rxdb.js';

export const scenarios: Scenario[] = [
  reconnect,
  fleet,
  latency,
  firstStart,
  yearOld,
  resolverScenario,
  validatedWrites,
  views,
  memory,
  admin,
  pos,
  bundles,
  peerRxdb,
];
