// A first start's snapshots (central's GET /api/snapshot/:db) loaded into a till's databases.
export { loadSnapshot, PROGRESS_ID, type LoadOutcome, type LoadSnapshotOptions, type SnapshotFetch } from './load-snapshot.js';
export { pullReplicationId, writePullCheckpoint } from './replication-checkpoint.js';
export { snapshotLines, type SnapshotLine, type SnapshotDoc, type Seq } from './snapshot-lines.js';
export type { SnapshotPageSink } from './page-sink.js';
