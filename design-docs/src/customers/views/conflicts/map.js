function (doc) {
  // Documents with unresolved revision conflicts, for the resolver and the admin UI.
  if (doc._conflicts) {
    emit(doc._id, doc._conflicts);
  }
}
