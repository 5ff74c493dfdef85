// Stops central's parts one after another, each within a bound. A part that does not finish in
// time is not waited for: the steps after it still run (the embedded server must let go of its
// LevelDB lock whatever the feed does), and the stop then fails naming every slow part, so a
// hang is a visible error that says where it is rather than a process that never ends.
import { ProntoError } from '../validators/errors.js';

export interface StopStep {
  name: string;
  run(): Promise<void>;
}

export async function stopInSteps(steps: readonly StopStep[], boundMs: number): Promise<void> {
  const slow: string[] = [];
  let failure: unknown;
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<'overdue'>((resolve) => { timer = setTimeout(() => resolve('overdue'), boundMs); });
    try {
      if ((await Promise.race([step.run().then(() => 'done' as const), overdue])) === 'overdue') slow.push(step.name);
    } catch (err) {
      failure ??= err;
    } finally {
      clearTimeout(timer);
    }
  }
  if (slow.length > 0) throw new ProntoError('STOP_TIMEOUT', `central did not stop in time: ${slow.join(', ')} still running after ${boundMs / 1000} s each`, { slow, boundMs }, failure);
  if (failure !== undefined) throw failure;
}
