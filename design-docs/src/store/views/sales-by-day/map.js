function (doc) {
  // Takings per [store, businessDay]; _stats gives the count of sales and the sum in centavos.
  if (doc.type === 'sale' && !doc.quarantined) {
    emit([doc.store, doc.businessDay], doc.total);
  }
}
