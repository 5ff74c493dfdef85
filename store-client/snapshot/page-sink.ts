// Who else is handed each page a snapshot load writes (the POS's catalog index), instead of
// reading it back out of the database's live changes feed: on 20,000 products that read-back
// added a fifth to nearly all of the load's time in Chromium (every written page fetched again
// from IndexedDB). The sink owes nothing back to the load: its failures are its own to report.
import type { SnapshotDoc } from './snapshot-lines.js';

export interface SnapshotPageSink {
  /** Before the load's first page: stop reading the database's changes; resolves once stopped. */
  pause(): Promise<void>;
  /** A page just written here (`new_edits: false`): every leaf it carried, with `_revisions`. */
  page(docs: readonly SnapshotDoc[]): void;
  /** The load ended (loaded, failed or interrupted): read the database on from where it stands. */
  resume(): void;
}
