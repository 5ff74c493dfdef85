// The CouchDB server admin password for the embedded server: ADMIN_PASSWORD when given, else
// the one generated on the first start and kept in DATA_DIR/admin-password (mode 0600), so the
// server is never an "admin party" and the password survives restarts.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface AdminPassword {
  password: string;
  /** True when this call generated it: print it once, then never again. */
  generated: boolean;
  file: string;
}

export async function resolveAdminPassword(dataDir: string, fromEnv: string | undefined): Promise<AdminPassword> {
  const file = path.join(dataDir, 'admin-password');
  if (fromEnv !== undefined) return { password: fromEnv, generated: false, file };
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored !== '') return { password: stored, generated: false, file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const password = randomBytes(18).toString('base64url');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, password + '\n', { mode: 0o600, flag: 'wx' });
  return { password, generated: true, file };
}
