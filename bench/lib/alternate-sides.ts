// Taking samples of more than two sides (a peer beside ours and the raw baseline): one warm-up of
// each that is not counted, then `repeats` rounds in which every side runs once, the side that
// goes first rotating round by round, so drift on a shared machine hits every side alike.
import type { BenchContext } from './scenario.js';

/** The order of the sides in round `round`: a rotation of 0…n-1 that starts at `round mod n`. */
export function roundOrder(round: number, sides: number): number[] {
  return Array.from({ length: sides }, (_, i) => (round + i) % sides);
}

/**
 * Runs every side once per round, round 0 the warm-up, then `ctx.repeats` counted rounds; each
 * side returns its figure (in `unit`, for the progress line); `warmUp` says it is the uncounted
 * first run. Samples per side, in round order.
 */
export async function alternateSides<K extends string>(
  ctx: Pick<BenchContext, 'repeats' | 'progress'>, label: string, unit: string, sides: Record<K, (warmUp: boolean) => Promise<number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round <= ctx.repeats; round++) {
    for (const i of roundOrder(round, names.length)) {
      const name = names[i]!;
      const v = await sides[name](round === 0);
      ctx.progress(`${label}: ${round === 0 ? 'warm-up' : `round ${round}/${ctx.repeats}`} ${name} ${v.toFixed(0)} ${unit}`);
      if (round > 0) out[name].push(v);
    }
  }
  return out;
}
