function (doc) {
  // Stock on hand per [store, sku]: a sale's lines take stock out, a return's lines (returns and
  // voids) put the goods back, a move's signed lines put stock in or take it out. Summed by
  // _sum; quarantined documents do not count until cleared.
  var i, sign;
  if (doc.quarantined || !doc.lines) {
    return;
  }
  if (doc.type === 'sale') {
    sign = -1;
  } else if (doc.type === 'move' || doc.type === 'return') {
    sign = 1;
  } else {
    return;
  }
  for (i = 0; i < doc.lines.length; i++) {
    emit([doc.store, doc.lines[i].sku], sign * doc.lines[i].qty);
  }
}
