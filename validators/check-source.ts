// The text of check.cjs, which design docs ship verbatim as `lib/check`.
import { readFileSync } from 'node:fs';

export function checkSource(): string {
  return readFileSync(new URL('./check.cjs', import.meta.url), 'utf8');
}
