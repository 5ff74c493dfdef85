// How many store databases the change follower reads at once (FEED_READ_CONCURRENCY). A change
// waits about (databases ÷ reads at once) turns of reading before the follower reads it, so the
// lag grows with the fleet: 100 stores selling ~55 sales a second on one 2-core machine (embedded
// server), follower lag p50 / p99 3.6 / 8.1 s at 8, 2.7 / 7.9 s at 16, 2.0 / 4.0 s at 32
// (docs/OPERATIONS.md, "Scale on one machine"). Each read holds one connection for its `_changes`
// and at most two of nano's COUCH_SOCKETS (64) for its jobs, so at 32 the follower can take every
// nano socket for a moment and the console's requests queue behind it for that long.
export const DEFAULT_READ_CONCURRENCY = 32;
