function (doc) {
  // What central quarantined (does not count) per [store, kind, quarantinedAt]: kind is the
  // document's type, or "refund-above-sale" for a return that gives back more than its sale sold
  // or was paid (central/rules/return-rules.ts words those reasons). _count per store or per kind
  // feeds the console's panel and alerts without reading the documents.
  var kind, reason;
  if (!doc.quarantined || !doc.store || (doc.type !== 'sale' && doc.type !== 'move' && doc.type !== 'return')) {
    return;
  }
  kind = doc.type;
  reason = String(doc.quarantined.reason || '');
  if (doc.type === 'return' && (/: refunds \d+ for \d+ /.test(reason) || /: gives back \d+ /.test(reason))) {
    kind = 'refund-above-sale';
  }
  emit([doc.store, kind, doc.quarantined.at || ''], null);
}
