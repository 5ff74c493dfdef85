function (doc) {
  // Every idempotency key an audit entry carries (details.idempotencyKeys), valued by the entry's
  // seq. central/audit/append-audit.ts (appendOnce) looks the keys up before each attempt to
  // claim the next sequence number, so no two entries of the chain carry one key.
  var keys, i;
  if (doc.type !== 'audit' || !doc.details || !doc.details.idempotencyKeys) return;
  keys = doc.details.idempotencyKeys;
  for (i = 0; i < keys.length; i++) {
    if (typeof keys[i] === 'string') emit(keys[i], doc.seq);
  }
}
