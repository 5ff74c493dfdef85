// Snapshots of a till's databases for its first start (GET /api/snapshot/:db): read like a
// replication from a seq, streamed in pages; store-client/first-start-snapshot loads them.
export { checkSnapshotAccess, checkSnapshotDb } from './snapshot-access.js';
export { readSnapshot, DEFAULT_PAGE_SIZE, type SnapshotPage, type Seq } from './read-snapshot.js';
export { readWindowSnapshot, windowRanges } from './read-window-snapshot.js';
export { snapshotPages } from './snapshot-pages.js';
export { writeSnapshot, type SentPages, type SnapshotHead, type SnapshotLine } from './write-snapshot.js';
export { createSnapshotCache, type SnapshotCache } from './snapshot-cache.js';
