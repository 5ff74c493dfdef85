function (doc) {
  // Documents with unresolved revision conflicts, valued by every live leaf (the winner first),
  // so the resolver can read them all with one _bulk_get and the admin UI can list them.
  if (doc._conflicts) {
    emit(doc._id, [doc._rev].concat(doc._conflicts));
  }
}
