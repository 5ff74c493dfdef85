// `pronto-sync secrets publish`: replaces the secret fingerprints every central compares at start
// (central/fingerprints) with those of this process's secrets — the one deliberate way to change a
// shared secret (docs/OPERATIONS.md, "Secrets and their rotation"). It reads the secrets as
// `start` would (the environment first, then DATA_DIR) but never generates one: publishing a
// secret no central holds would lock every central out. Only SESSION_SECRET may change without
// --force; the others protect data already stored (customers, the audit chain).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CentralConfig } from '../config.js';
import { ProntoError } from '../../validators/errors.js';
import { changedSecrets, fingerprintsOf, publishFingerprints, readFingerprints, type SecretName } from '../fingerprints/index.js';
import { createAuditWriter } from '../audit/append-audit.js';
import { createCentralClock } from '../central-clock.js';
import { commandCouch } from './command-couch.js';
import type { Outcome } from './server-commands.js';

/** Secrets that may be re-published without --force: changing them loses no stored data. */
const ROTATABLE: ReadonlySet<SecretName> = new Set(['SESSION_SECRET']);

export async function secretsPublishCommand(config: CentralConfig, log: Logger, options: { force?: boolean }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<Outcome> {
  const secrets = await readLocalSecrets(config);
  const mine = fingerprintsOf(secrets);
  const couch = await commandCouch(config, log);
  try {
    const changed = changedSecrets(await readFingerprints(couch.nano), mine);
    if (changed.length === 0) {
      out.write('Secrets: the published fingerprints already match this central\'s secrets; nothing to publish.\n');
      return 0;
    }
    const guarded = changed.filter((n) => !ROTATABLE.has(n));
    if (guarded.length > 0 && options.force !== true) {
      err.write(`Secrets: ${guarded.join(', ')} would change. Data stored under the old ${guarded.length === 1 ? 'key' : 'keys'} `
        + '(customers, the audit chain) cannot be read or verified with a new one, and no re-encryption tool exists. '
        + 'If this central holds the wrong secret, copy the right one from a running central instead. '
        + 'Pass --force only to publish on purpose (docs/OPERATIONS.md, "Secrets and their rotation"). Nothing published.\n');
      return 1;
    }
    // Recorded first: a publish that fails after its entry leaves a trace, never the reverse.
    await createAuditWriter(couch.nano, createCentralClock().next, Buffer.from(secrets.AUDIT_KEY))
      .append({ actor: 'central', action: 'secrets.published', details: { changed } });
    const published = await publishFingerprints(couch.nano, mine);
    out.write(`Secrets: published new fingerprints for ${published.join(', ') || changed.join(', ')}. `
      + 'Restart every central with the same secrets; a central still holding the old ones will refuse to start.\n');
    return 0;
  } finally {
    await couch.close();
  }
}

type Secrets = Record<SecretName, Buffer>;

async function readLocalSecrets(config: CentralConfig): Promise<Secrets> {
  return {
    CUSTOMER_DATA_KEY: Buffer.from(await readSecret(config, 'CUSTOMER_DATA_KEY', config.customerDataKey, 'customer-data-key'), 'base64url'),
    CUSTOMER_INDEX_KEY: Buffer.from(await readSecret(config, 'CUSTOMER_INDEX_KEY', config.customerIndexKey, 'customer-index-key'), 'base64url'),
    AUDIT_KEY: Buffer.from(await readSecret(config, 'AUDIT_KEY', config.auditKey, 'audit-key'), 'base64url'),
    // Used as text, as central/http/auth uses it (the file holds base64url text).
    SESSION_SECRET: Buffer.from(await readSecret(config, 'SESSION_SECRET', config.sessionSecret, 'session-secret'), 'utf8'),
  };
}

async function readSecret(config: CentralConfig, name: SecretName, fromEnv: string | undefined, file: string): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  const where = path.join(config.dataDir, file);
  try {
    const text = (await readFile(where, 'utf8')).trim();
    if (text !== '') return text;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  throw new ProntoError('CONFIG_INVALID', `${name} is not set and ${where} holds none: run this with the environment and DATA_DIR of a central that holds the secrets`, { name });
}
