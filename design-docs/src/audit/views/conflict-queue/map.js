function (doc) {
  // The console's conflict queue, one row per way to find a record:
  //   [status, store, facet, value, detectedAt, _id]
  // store: "*" (every store) and, for a store's database, that store; facet: "all", "db",
  // "type" (the document id's prefix) or "doc" (the document id, for prefix search). One filter
  // is one key range, so paging and the _count of a filter read only what they return;
  // the record's id ends the key so every key is unique and a page starts at a key alone
  // (no startkey_docid, which the embedded server does not honour).
  if (doc.type !== 'conflict') return;
  var docType = doc.docId.split(':')[0];
  var stores = ['*'];
  if (doc.db.indexOf('store-') === 0) stores.push(doc.db.slice(6));
  for (var i = 0; i < stores.length; i++) {
    emit([doc.status, stores[i], 'all', '', doc.detectedAt, doc._id], null);
    emit([doc.status, stores[i], 'db', doc.db, doc.detectedAt, doc._id], null);
    emit([doc.status, stores[i], 'type', docType, doc.detectedAt, doc._id], null);
    emit([doc.status, stores[i], 'doc', doc.docId, doc.detectedAt, doc._id], null);
  }
}
