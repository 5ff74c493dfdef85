// `pronto-sync status`: gather the facts (I/O), judge them (pure), show them (pure).
export { gatherFacts, centralUrl, type StatusSettings } from './gather-facts.js';
export { judgeStatus, followerLag, DEFAULT_THRESHOLDS, type Problem, type StatusReport, type Thresholds, type Verdict } from './judge-status.js';
export { formatStatus, wantsColour } from './format-status.js';
export type * from './status-facts.js';
