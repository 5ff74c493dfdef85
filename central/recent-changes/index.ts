// The latest changes of central's followed databases, read from CouchDB (not the event bus):
// what the console's change feed catches up from when the live stream cannot replay.
export { readRecentChanges } from './read-recent-changes.js';
export { mergeRecent, recentEntry, type ChangesRow, type RecentChange } from './recent-entry.js';
