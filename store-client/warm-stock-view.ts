// Brings the till's `pronto/stock` view up to date while its store snapshot is still loading, a
// page at a time, so the index is built while the till waits for central's next page instead of
// all at once at the first stock question after the load (PouchDB builds a view on its first
// query). Only an index: every stock answer still brings it up to date first, so building it
// earlier changes no answer. One refresh runs at a time; pages that land meanwhile are indexed by
// the next one.
import { isNotFound, type Db } from './pouch-types.js';

const VIEW = 'pronto/stock';

/** A trigger to call after each written page, and `settled()`, which waits for the refresh under way. */
export function stockViewWarmer(db: Db): { trigger(): void; settled(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  const refresh = async (): Promise<void> => {
    do {
      again = false;
      try {
        await db.query(VIEW, { limit: 0 });
      } catch (err) {
        // The design doc comes with the snapshot too: before its page, there is no view yet.
        if (!isNotFound(err)) console.warn('the stock view could not be built while the snapshot loaded; it is built at the first stock question', err);
      }
    } while (again);
  };
  return {
    trigger() {
      if (running) { again = true; return; }
      running = refresh().finally(() => { running = undefined; });
    },
    settled: () => running ?? Promise.resolve(),
  };
}
