// Polls a condition until it holds, bounded in time and in count: tests wait for effects, never
// sleep a fixed time, and never assert on speed.
export interface WaitOptions { timeoutMs?: number; intervalMs?: number; what?: string }

export async function waitFor(condition: () => boolean | Promise<boolean>, options: WaitOptions = {}): Promise<void> {
  const { timeoutMs = 20_000, intervalMs = 50, what = 'a condition' } = options;
  const deadline = Date.now() + timeoutMs;
  const maxTries = Math.ceil(timeoutMs / intervalMs) + 1;
  for (let i = 0; i < maxTries && Date.now() <= deadline; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Checks that a condition holds for the whole of a bounded window (the absence of an effect); throws at its first failure. */
export async function holdsFor(condition: () => boolean | Promise<boolean>, options: { windowMs: number; intervalMs?: number; what?: string }): Promise<void> {
  const { windowMs, intervalMs = 50, what = 'a condition' } = options;
  const end = Date.now() + windowMs;
  const maxTries = Math.ceil(windowMs / intervalMs) + 1;
  for (let i = 0; i < maxTries; i++) {
    if (!(await condition())) throw new Error(`${what} stopped holding after ${windowMs - Math.max(end - Date.now(), 0)} ms`);
    if (Date.now() >= end) return;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(end - Date.now(), 0))));
  }
}
