// `pronto-sync seed [--stores N --skus M]`: the options checked first (seed-options.ts), then the
// chain seeded into the CouchDB central uses (command-couch.ts), progress on stderr.
import type { Logger } from 'pino';
import type { CentralConfig } from '../config.js';
import { runSeed, seedPlan } from '../seed/index.js';
import { commandCouch } from './command-couch.js';

export async function seedCommand(config: CentralConfig, log: Logger, options: { stores?: string; skus?: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const plan = seedPlan(options);
  const couch = await commandCouch(config, log);
  try {
    const lines = await runSeed(couch.nano, plan, config, log, (line) => err.write(`seed: ${line}\n`));
    out.write(lines.join('\n') + '\n');
  } finally {
    await couch.close();
  }
  return 0;
}
