function (doc) {
  // The console's sales per hour: [hour, kind] with kind "sale" or "return" (returns and voids),
  // valued by the total in centavos; _stats gives the count and the sum. The hour is the UTC hour
  // of the document's own stamp (updatedAt: when the till rang it up, by its corrected clock),
  // not when it reached central. Quarantined documents do not count until cleared.
  if ((doc.type === 'sale' || doc.type === 'return') && !doc.quarantined && typeof doc.updatedAt === 'string') {
    emit([doc.updatedAt.slice(0, 13), doc.type], doc.total);
  }
}
