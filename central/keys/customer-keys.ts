// Central's customer keys: the AES-256 data key (personal fields) and the HMAC index key (blind
// indexes), from CUSTOMER_DATA_KEY / CUSTOMER_INDEX_KEY when set, else from DATA_DIR
// (`customer-data-key`, `customer-index-key`, mode 0600, generated on the first start). Every
// POS of the chain must use these same keys, so losing the files makes stored customer data
// unreadable: back them up with DATA_DIR. Neither key ever reaches a log or an error message.
import path from 'node:path';
import {
  importCustomerKeys, type CustomerKeyMaterial, type CustomerKeys,
} from '../../store-client/crypto/index.js';
import { ProntoError } from '../../validators/errors.js';
import { secretFromFile } from '../audit/secret-file.js';
import { isKey32, KEY_BYTES } from './key-bytes.js';

export const CUSTOMER_KEY_FILES = { dataKey: 'customer-data-key', indexKey: 'customer-index-key' } as const;
const ENV_NAMES = { dataKey: 'CUSTOMER_DATA_KEY', indexKey: 'CUSTOMER_INDEX_KEY' } as const;

export interface CentralCustomerKeys {
  /** Raw keys as base64url: what GET /api/keys/customers hands to a logged-in POS. */
  material: CustomerKeyMaterial;
  /** The same keys imported for WebCrypto (non-extractable): what central itself encrypts with. */
  keys: CustomerKeys;
}

/** Values from the environment (already checked by config.ts); undefined = use DATA_DIR. */
export interface CustomerKeysFromEnv {
  dataKey?: string | undefined;
  indexKey?: string | undefined;
}

export async function loadCustomerKeys(dataDir: string, fromEnv: CustomerKeysFromEnv = {}): Promise<CentralCustomerKeys> {
  const material: CustomerKeyMaterial = {
    dataKey: await loadOne(dataDir, 'dataKey', fromEnv.dataKey),
    indexKey: await loadOne(dataDir, 'indexKey', fromEnv.indexKey),
  };
  return { material, keys: await importCustomerKeys(material) };
}

async function loadOne(dataDir: string, which: keyof CustomerKeyMaterial, fromEnv: string | undefined): Promise<string> {
  const env = fromEnv === undefined || fromEnv.trim() === '' ? undefined : fromEnv.trim();
  // Checked here again (not only in config.ts): Node's base64url decoder skips stray characters.
  if (env !== undefined && !isKey32(env)) throw invalid(ENV_NAMES[which], which);
  const bytes = await secretFromFile(dataDir, CUSTOMER_KEY_FILES[which], env, KEY_BYTES);
  if (bytes.length !== KEY_BYTES) throw invalid(path.join(dataDir, CUSTOMER_KEY_FILES[which]), which);
  return bytes.toString('base64url');
}

// Names where the key came from, never the key.
function invalid(source: string, which: keyof CustomerKeyMaterial): ProntoError {
  return new ProntoError(
    'CONFIG_INVALID',
    `${source} must hold exactly ${KEY_BYTES} bytes in base64url; restore it from a backup (a new key cannot read customers already stored)`,
    { name: source, key: which },
  );
}
