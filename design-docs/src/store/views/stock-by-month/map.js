function (doc) {
  // The stock view's movements by the month of their own stamp, [month, sku] (UTC): the stamp at
  // the end of a sale's, move's or return's id, or a void's `updatedAt` (its id carries its
  // sale's stamp). Central sums the months before a cutoff into a stock base (central/stock-bases),
  // and a till's history window (store-client/history-window.ts) holds the documents from the
  // cutoff on by the same stamp. Same rules as `stock`: quarantined documents do not count.
  var i, sign, m, stamp;
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
  m = /^(?:sale|move|return):[^:]+:(void:)?(.*)$/.exec(doc._id);
  stamp = m && !m[1] ? m[2] : doc.updatedAt;
  if (typeof stamp !== 'string') {
    return;
  }
  for (i = 0; i < doc.lines.length; i++) {
    emit([stamp.slice(0, 7), doc.lines[i].sku], sign * doc.lines[i].qty);
  }
}
