// Taking samples: ours and the baseline alternately, after one warm-up of each that is not
// counted, so drift on a shared machine hits both sides alike and the ratio stays fair.

/** Runs `ours` and `baseline` alternately `repeats` times after one warm-up each; one sample per run. */
export async function paired(repeats: number, ours: () => Promise<number>, baseline: () => Promise<number>): Promise<{ ours: number[]; baseline: number[] }> {
  await ours();
  await baseline();
  const out = { ours: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < repeats; i++) {
    out.ours.push(await ours());
    out.baseline.push(await baseline());
  }
  return out;
}

/** Wall time of `fn`, ms. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
