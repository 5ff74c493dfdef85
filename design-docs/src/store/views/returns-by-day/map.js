function (doc) {
  // Refunds per [store, businessDay] (returns and voids); _stats gives their count and the sum in
  // centavos, to set against sales-by-day. Quarantined returns are not counted until cleared.
  if (doc.type === 'return' && !doc.quarantined) {
    emit([doc.store, doc.businessDay], doc.total);
  }
}
