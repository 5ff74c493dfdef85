// A secret kept in a file under DATA_DIR (mode 0600), generated on first use: central's audit
// key, the customer data keys. A value from the environment, when given, wins; secrets never
// reach logs or error messages.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function secretFromFile(dataDir: string, name: string, fromEnv?: string, bytes = 32): Promise<Buffer> {
  if (fromEnv !== undefined && fromEnv !== '') return Buffer.from(fromEnv, 'base64url');
  const file = path.join(dataDir, name);
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (text !== '') return Buffer.from(text, 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(bytes);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, secret.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    throw err;
  }
}
