// The till's connections to central as a fixed set of slots, with a queue in front: at most
// `total` requests at once, of which at most `longPolls` long-polls, so a long-poll (which holds
// its connection until central has a change) can never take the last slot the pushes, pulls and
// checkpoints need — the remaining slots always drain, so nothing waits in a cycle. Waiters are
// served by priority (lower first), then in arrival order; a long-poll that may not take a slot
// yet does not hold back a request behind it. No I/O: connection-budget.ts puts fetch around it.

import { ProntoError } from '../validators/errors.js';

export type SlotKind = 'long-poll' | 'request';

interface Waiter {
  kind: SlotKind;
  priority: number;
  grant(release: () => void): void;
}

export interface SlotCounts {
  busy: number;
  longPolls: number;
  queued: number;
}

export class ConnectionSlots {
  private busy = 0;
  private busyLongPolls = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly total: number, readonly longPolls: number) {
    if (!Number.isInteger(total) || !Number.isInteger(longPolls) || longPolls < 0 || longPolls >= total) {
      throw new ProntoError('CONFIG_INVALID', `a till needs more connections (${total}) than long-polls (${longPolls}), both whole numbers`, { total, longPolls });
    }
  }

  get counts(): SlotCounts {
    return { busy: this.busy, longPolls: this.busyLongPolls, queued: this.queue.length };
  }

  /**
   * Resolves with the slot's release (idempotent) once one is free for `kind`. An aborted
   * `signal` takes a waiting request out of the queue and rejects with the signal's reason; a
   * granted slot is the caller's to release, whatever happens next.
   */
  acquire(kind: SlotKind, priority: number, signal?: AbortSignal | null): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        kind, priority,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.enqueue(waiter);
      this.serve();
    });
  }

  private enqueue(waiter: Waiter): void {
    const at = this.queue.findIndex((w) => w.priority > waiter.priority);
    if (at < 0) this.queue.push(waiter);
    else this.queue.splice(at, 0, waiter);
  }

  private fits(kind: SlotKind): boolean {
    return this.busy < this.total && (kind === 'request' || this.busyLongPolls < this.longPolls);
  }

  /** Grants the queue's waiters in order, skipping long-polls that must wait for their own cap. */
  private serve(): void {
    for (let i = 0; i < this.queue.length && this.busy < this.total;) {
      const waiter = this.queue[i]!;
      if (!this.fits(waiter.kind)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      waiter.grant(this.take(waiter.kind));
    }
  }

  private take(kind: SlotKind): () => void {
    this.busy++;
    if (kind === 'long-poll') this.busyLongPolls++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
      if (kind === 'long-poll') this.busyLongPolls--;
      this.serve();
    };
  }
}
