function (doc) {
  // Central's: every sale, return and stock movement it quarantined, by id (one key range per
  // type), valued by what the console lists (central/quarantine). Lifting the flag takes it out.
  if ((doc.type === 'sale' || doc.type === 'return' || doc.type === 'move') && doc.quarantined) {
    emit(doc._id, { type: doc.type, reason: doc.quarantined.reason, at: doc.quarantined.at, device: doc.device, total: doc.total });
  }
}
