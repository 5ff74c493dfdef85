// `pronto-sync status`: gathers, judges and prints (central/status); the exit code is the verdict's.
import type { CentralConfig } from '../config.js';
import { DEFAULT_THRESHOLDS, formatStatus, gatherFacts, judgeStatus, wantsColour } from '../status/index.js';
import { ProntoError } from '../../validators/errors.js';

export interface StatusOptions { json?: boolean; maxLag?: string; maxConflicts?: string }

export async function statusCommand(config: CentralConfig, options: StatusOptions, out: NodeJS.WriteStream, env: Record<string, string | undefined>): Promise<number> {
  const thresholds = {
    maxLag: limit('--max-lag', options.maxLag, DEFAULT_THRESHOLDS.maxLag),
    maxConflicts: limit('--max-conflicts', options.maxConflicts, DEFAULT_THRESHOLDS.maxConflicts),
  };
  const report = judgeStatus(await gatherFacts(config), thresholds);
  out.write(options.json ? JSON.stringify(report, null, 2) + '\n' : formatStatus(report, wantsColour(out.isTTY, env)));
  return report.exitCode;
}

function limit(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw.trim())) throw new ProntoError('BAD_REQUEST', `${name} must be a whole number of 0 or more, got "${raw}"`, { option: name });
  return Number(raw.trim());
}
