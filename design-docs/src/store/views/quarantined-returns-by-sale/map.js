function (doc) {
  // Central's: the returns it quarantined, keyed by the sale they give back, valued by the
  // reason. A return that arrived before its sale waits here; central checks it again when the
  // sale arrives (central/rules/store-facts.ts).
  if (doc.type === 'return' && doc.quarantined && doc.sale) {
    emit(doc.sale, doc.quarantined.reason);
  }
}
