// Makes a folder tree private to its owner: directories 0700, files 0600. New files get those
// modes from the umask (the embedded server sets 0077); this fixes trees written before that —
// LevelDB files and config.json (the admin's password hash) used to be world-readable.
// Symbolic links are neither followed nor changed. Bounded: a tree this large is not ours.
import { chmod, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

const MAX_ENTRIES = 200_000;

/** Returns how many entries had their mode changed. */
export async function tightenModes(root: string): Promise<number> {
  let seen = 0;
  let changed = 0;
  const visit = async (p: string): Promise<void> => {
    if (++seen > MAX_ENTRIES) throw new Error(`more than ${MAX_ENTRIES} entries under ${root}`);
    const stat = await lstat(p);
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== wanted) {
      await chmod(p, wanted);
      changed++;
    }
    if (stat.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name)).catch(ignoreVanished);
  };
  await visit(root).catch(ignoreVanished);
  return changed;
}

// An entry removed while we walk (or a root not created yet) needs no tightening.
function ignoreVanished(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
