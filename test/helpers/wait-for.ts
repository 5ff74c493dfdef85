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
