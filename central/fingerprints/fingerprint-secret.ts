// A secret's fingerprint: HMAC-SHA256 keyed by the secret itself over a fixed, per-name label,
// truncated to 128 bits. Without the secret it reveals nothing about it (HMAC is a PRF), yet two
// centrals holding the same secret compute the same value, so they can compare secrets by
// publishing only this. Pure: no I/O, and nothing here ever returns or prints the secret.
import { createHmac } from 'node:crypto';

/** The secrets every central on one CouchDB must share, by the variable that sets each. */
export const SHARED_SECRETS = ['CUSTOMER_DATA_KEY', 'CUSTOMER_INDEX_KEY', 'AUDIT_KEY', 'SESSION_SECRET'] as const;
export type SecretName = (typeof SHARED_SECRETS)[number];

/** Fingerprints by secret name; a process publishes those of the secrets it holds. */
export type Fingerprints = Partial<Record<SecretName, string>>;

/** `secret` as the bytes the process uses: the 32 raw bytes of a key, the UTF-8 of the session secret. */
export function fingerprintSecret(name: SecretName, secret: Buffer): string {
  if (secret.length === 0) throw new Error(`${name} is empty: nothing to fingerprint`);
  return createHmac('sha256', new Uint8Array(secret)).update(`pronto-fingerprint:${name}`).digest('hex').slice(0, 32);
}

/** The fingerprints of the secrets given (a process passes those it holds). */
export function fingerprintsOf(secrets: Partial<Record<SecretName, Buffer>>): Fingerprints {
  const out: Fingerprints = {};
  for (const name of SHARED_SECRETS) {
    const secret = secrets[name];
    if (secret !== undefined) out[name] = fingerprintSecret(name, secret);
  }
  return out;
}
