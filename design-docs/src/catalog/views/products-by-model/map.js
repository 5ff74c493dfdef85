function (doc) {
  // The size grid of a model: query startkey [model] endkey [model, {}].
  if (doc.type === 'product') {
    emit([doc.model, doc.colour, doc.size], null);
  }
}
