// The error a process refuses to start with when a secret differs from the one the first central
// published: it names each secret, says what would go wrong, and how to fix it. Pure; it names
// secrets and files, never a value.
import { ProntoError } from '../../validators/errors.js';
import type { SecretName } from './fingerprint-secret.js';

const SECRET_FACTS: Record<SecretName, { file: string; harm: string }> = {
  CUSTOMER_DATA_KEY: { file: 'customer-data-key', harm: 'customers would be encrypted under another key and become unreadable to the other centrals and to tills' },
  CUSTOMER_INDEX_KEY: { file: 'customer-index-key', harm: 'customers would be indexed under another key: searches and duplicate detection would miss them' },
  AUDIT_KEY: { file: 'audit-key', harm: 'audit entries would carry MACs that `pronto-sync audit verify` calls broken' },
  SESSION_SECRET: { file: 'session-secret', harm: 'console sessions made by one central would be refused by the other' },
};

/** `against`: what the secret was compared with, when not the published fingerprints. */
export function mismatchError(names: readonly SecretName[], database: string, against?: string): ProntoError {
  const lines = names.map((n) => `${n} (${SECRET_FACTS[n].harm})`);
  return new ProntoError(
    'SECRET_MISMATCH',
    `${names.join(', ')} ${names.length === 1 ? 'differs' : 'differ'} from ${against ?? 'what the first central on this CouchDB published'} `
      + `(database ${database}): ${lines.join('; ')}. Refusing to start, nothing written. `
      + `Fix: give this central the same ${names.length === 1 ? 'secret' : 'secrets'} as the others — copy `
      + `${names.map((n) => `DATA_DIR/${SECRET_FACTS[n].file}`).join(', ')} from a running central's DATA_DIR into this one's, `
      + `or set ${names.join(', ')} to the same value on every central. If you are rotating a secret on purpose, run `
      + '`pronto-sync secrets publish` with the new one first (docs/OPERATIONS.md, "Secrets and their rotation").',
    { secrets: [...names], database },
  );
}
