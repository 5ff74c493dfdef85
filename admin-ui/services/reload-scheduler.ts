// One reload for a burst of live events. Each event asks for a reload within its own delay (a
// till's routine report may wait 5 s, what a human must see 0.3 s); a pending reload stays
// unless an event wants it sooner, so a steady stream never postpones it forever (a debounce
// would). The clock and timers are arguments, so tests drive it without waiting.
export interface SchedulerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ReloadScheduler {
  private handle: unknown;
  private dueAt = 0;

  constructor(private readonly reload: () => void, private readonly clock: SchedulerClock = realClock) {}

  /** Asks for one reload within `delayMs`. */
  soon(delayMs: number): void {
    const due = this.clock.now() + delayMs;
    if (this.handle !== undefined && this.dueAt <= due) return;
    this.cancel();
    this.dueAt = due;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.reload();
    }, delayMs);
  }

  /** Drops the pending reload, if any (the element left the page). */
  cancel(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
