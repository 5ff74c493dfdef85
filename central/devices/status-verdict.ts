// Whether a till's status (`store-status:<store>:<device>`) is trustworthy enough to show admins:
// signed like a sale (store-client/crypto signDoc) by a key registered for the very device and
// store it names (key-verdict.ts). Null when it verifies, else the reason. No I/O besides
// WebCrypto's verify.
import type { Device } from '../../validators/index.js';
import { keyVerdict } from './key-verdict.js';
import type { SignedDoc } from './signature-verdict.js';

export async function statusVerdict(doc: SignedDoc & { type?: unknown }, dbStore: string, device: Device | null): Promise<string | null> {
  if (doc.type !== 'store-status') return 'not a store-status document';
  return keyVerdict(doc, dbStore, device);
}
