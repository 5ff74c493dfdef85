// One POS per browser profile sells at a time: the tab that sells holds a Web Lock
// (https://developer.mozilla.org/docs/Web/API/Web_Locks_API) for as long as it lives. A second
// tab does not wait behind it and does not take over by itself: it says another tab is selling
// and offers to sell here instead, which steals the lock; the tab that loses it is told (its
// request rejects with an AbortError) and stops syncing. Chosen over a silent take-over because
// a tab opened by mistake must not cut a cashier's cart short in the other one, and over a plain
// refusal because a tab left open on a forgotten window must not lock the till out.
// Browsers without Web Locks (none that run this POS) get no lock: `_local` writes still survive
// two tabs (clock.ts, sync-state-store.ts), only the guarantee of one seller is lost.

const LOCK_NAME = 'pronto-pos-till';

export type LockOutcome = 'held' | 'busy';

/**
 * Asks for the till lock: `if-free` answers `busy` at once when another tab holds it, `steal`
 * takes it from that tab. Once held it is kept until the page goes away; `onLost` runs if
 * another tab steals it.
 */
export function holdTillLock(mode: 'if-free' | 'steal', onLost: () => void): Promise<LockOutcome> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return Promise.resolve('held');
  return new Promise<LockOutcome>((resolve, reject) => {
    const options: LockOptions = mode === 'steal' ? { steal: true } : { ifAvailable: true };
    locks.request(LOCK_NAME, options, (lock) => {
      if (!lock) {
        resolve('busy');
        return undefined;
      }
      resolve('held');
      // Never settles: the lock is this tab's until it closes or another tab steals it.
      return new Promise<void>(() => undefined);
    }).catch((err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') onLost();
      else reject(err);
    });
  });
}
