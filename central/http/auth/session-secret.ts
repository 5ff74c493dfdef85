// The secret that signs console session cookies and CSRF tokens: SESSION_SECRET when given, else
// one generated on the first start and kept in DATA_DIR/session-secret (mode 0600). It must
// outlive a restart, or every console session (kept in CouchDB) would be thrown away with it.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function resolveSessionSecret(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  const file = path.join(dataDir, 'session-secret');
  const stored = await readIfThere(file);
  if (stored) return stored;
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another central process on the same DATA_DIR wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return (await readIfThere(file))!;
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
