// Central's own signing key, for the documents central writes into store databases (opening
// stock, the demo chain's sales): an ECDSA P-256 key pair kept as a private JWK in
// DATA_DIR/central-signing-key.json (mode 0600), registered like any till's key as device
// `central` of each store it writes to, so the same verifier checks everything.
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keyIdOf, type DeviceKey } from '../../store-client/crypto/index.js';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const CENTRAL_DEVICE = 'central';

export async function loadCentralKey(dataDir: string): Promise<DeviceKey> {
  const file = path.join(dataDir, 'central-signing-key.json');
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JsonWebKey;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const pair = await webcrypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
    jwk = (await webcrypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(jwk) + '\n', { mode: 0o600, flag: 'wx' });
  }
  const privateKey = await webcrypto.subtle.importKey('jwk', jwk, ECDSA, false, ['sign']);
  const publicJwk: JsonWebKey = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  return { privateKey: privateKey as unknown as CryptoKey, publicJwk, keyId: await keyIdOf(publicJwk) };
}
