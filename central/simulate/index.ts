// The simulator's public API: `pronto-sync simulate` and `npm run simulate` both call runSimulation.
export { simulateCommand } from './simulate-command.js';
export { runSimulation, replayOf, type SimulationHooks, type SimulationIo } from './run-simulation.js';
export { parseSimulateArgs, USAGE, type SimulationOptions } from './options.js';
export { findViolations, type Evidence } from './find-violations.js';
export type { SimulationSummary } from './progress.js';
