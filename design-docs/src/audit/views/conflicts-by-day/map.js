function (doc) {
  // The console's conflicts per day: [store, day, strategy, outcome], _count. store is "*" (every
  // store) and, for a store's database, that store too; day is the UTC day the resolver detected
  // the conflict; outcome is "pending" while it waits for an admin, else the resolution
  // (keep-winner, write-merged, manual-pick, manual-merge). A record counts under its current
  // outcome: one resolved by an admin later moves from "pending" to its resolution.
  if (doc.type !== 'conflict' || typeof doc.detectedAt !== 'string') return;
  var outcome = doc.status === 'pending' ? 'pending' : (doc.resolution || 'resolved');
  var day = doc.detectedAt.slice(0, 10);
  emit(['*', day, doc.strategy, outcome], null);
  if (doc.db.indexOf('store-') === 0) emit([doc.db.slice(6), day, doc.strategy, outcome], null);
}
