// The conflict strategies by name; all share one signature (../types.ts `Strategy`).
import type { Strategy, StrategyName } from '../types.js';
import { centralWins } from './central-wins.js';
import { fieldMerge } from './field-merge.js';
import { lww } from './lww.js';
import { manual } from './manual.js';

export const strategies: Readonly<Record<StrategyName, Strategy>> = Object.freeze({
  lww,
  'central-wins': centralWins,
  'field-merge': fieldMerge,
  manual,
});
