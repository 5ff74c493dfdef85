// The CouchDB a one-shot command (setup, seed, audit verify) works on: COUCHDB_URL; else the
// embedded server of a central that is running (couch/running-couch.ts: loopback COUCH_PORT, the
// admin password in DATA_DIR); else, with central stopped, an embedded server started for the
// command and stopped after it (LevelDB lets one process open the data at a time).
import type Nano from 'nano';
import type { Logger } from 'pino';
import type { CentralConfig } from '../config.js';
import { connectCouch } from '../couch/connect.js';
import { askCouch, runningCouch } from '../couch/running-couch.js';
import { isProntoError, ProntoError } from '../../validators/errors.js';

export interface CommandCouch { nano: Nano.ServerScope; close(): Promise<void> }

export async function commandCouch(config: CentralConfig, log: Logger): Promise<CommandCouch> {
  if (config.couchdbUrl !== undefined) return connectCouch(config, log);
  let target: Awaited<ReturnType<typeof runningCouch>>;
  try {
    target = await runningCouch(config);
  } catch (err) {
    // No password file: central never started on this DATA_DIR, so no embedded server runs either.
    if (isProntoError(err, 'CONFIG_INVALID')) return connectCouch(config, log);
    throw err;
  }
  const answer = await askCouch(target);
  if (answer.reachable) {
    log.info({ couch: target.url }, 'using the embedded server of the central that is running');
    return { nano: target.nano, close: async () => undefined };
  }
  if (answer.refused) return connectCouch(config, log);
  throw new ProntoError('COUCH_UNREACHABLE', `the embedded server at ${target.url} did not answer as expected: ${answer.error}`, { url: target.url });
}
