// Calls `rebuild` once now and again after the local database's changes feed moves (debounced,
// so a replication batch of 500 documents causes one rebuild, not 500). Returns a stop function.
import type { Db } from '../../browser.js';

const DELAY_MS = 300;

export async function followChanges(db: Db, rebuild: () => Promise<void>, delayMs = DELAY_MS): Promise<() => void> {
  await rebuild();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const feed = db.changes({ live: true, since: 'now' });
  feed.on('change', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild().catch(() => undefined), delayMs);
  });
  // A feed error (database closed under us) only freezes the index.
  feed.on('error', () => undefined);
  return () => {
    clearTimeout(timer);
    feed.cancel();
  };
}
