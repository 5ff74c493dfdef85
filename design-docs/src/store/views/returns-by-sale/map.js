function (doc) {
  // What has been given back of each sale, keyed by the sale's id: the till reads it to know
  // what is still returnable (a void gives back everything). Quarantined returns do not count.
  var i, lines;
  if (doc.type !== 'return' || doc.quarantined || !doc.lines) {
    return;
  }
  lines = [];
  for (i = 0; i < doc.lines.length; i++) {
    lines.push({ line: doc.lines[i].line, qty: doc.lines[i].qty, discount: doc.lines[i].discount });
  }
  emit(doc.sale, { kind: doc.kind, lines: lines });
}
