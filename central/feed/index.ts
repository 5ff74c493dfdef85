// Central's change-feed dispatcher: follows every managed database (catalog, customers, each
// store-<id>) from a durable checkpoint — one `_db_updates` feed saying which changed, or a bounded
// poll — and hands each batch of changes to the jobs that act on them (feed-jobs.ts) — conflicts
// (central/conflicts), forged branches (central/tamper), signature and rule checks
// (central/devices, central/rules), duplicate customers (central/duplicates) and till status
// (central/devices/status-relay).
export { startFeed, isManaged, type Feed, type FeedMode, type FeedOptions } from './start-feed.js';
export { createDatabaseReader, type Change, type DatabaseReader, type ReaderOptions } from './read-database.js';
export { FEED_JOBS, dispatch, type BatchNotes, type FeedJob, type FeedJobDeps } from './feed-jobs.js';
export type { PendingWork, PendingChange } from './pending-work.js';
export { loadCheckpoint } from './checkpoint.js';
export { seqNumber } from './check-since.js';
export { createFeedLagReader, lagOf, type DbLag, type FeedLagReader, type FeedLagReport } from './feed-lag.js';
export { noteLag, type SeqNote } from './lag-clock.js';
