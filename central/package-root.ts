// The package's root folder (the one holding package.json), found by walking up from a module's
// own URL. Central runs from TypeScript (central/…, tests through tsx) and compiled
// (dist/central/…), so paths to files outside the compiled tree (the POS and console builds,
// the working directory of the embedded server) start here rather than at a fixed `../../`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `fromUrl`'s folder that holds a package.json. */
export function packageRoot(fromUrl: string = import.meta.url): string {
  const start = path.dirname(fileURLToPath(fromUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}
