// The text of check.cjs, which design docs ship verbatim as `lib/check`.
import { readFileSync } from 'node:fs';

export function checkSource(): string {
  // Not a browser asset: the POS never builds design docs (@vite-ignore keeps it out of the bundle).
  return readFileSync(new URL(/* @vite-ignore */ './check.cjs', import.meta.url), 'utf8');
}
