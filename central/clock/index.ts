// Central's clock at its edges: the allowed skew read from settings:pos, and the report of
// stamps too far ahead to adopt. The clock itself is central/central-clock.ts (pure state).
export { createSkewSetting, type SkewSetting } from './skew-setting.js';
export { createAheadReport } from './report-ahead.js';
