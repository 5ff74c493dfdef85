function (doc) {
  // The console's audit browser, one row per combination of filters an entry answers to:
  //   [filter, ...values, at, seq]
  // filter names which of actor, action and store the values are ("" = none, "action+store"…);
  // an entry's store is details.store, else the store database its target names. Any set of
  // filters plus a time range is one key range, so a page and its _count read only what they
  // return; seq ends the key so every key is unique and a page starts at a key alone.
  var store = null, m, names, values, i, mask, key;
  if (doc.type !== 'audit') return;
  if (doc.details && typeof doc.details.store === 'string') {
    store = doc.details.store;
  } else if (typeof doc.target === 'string') {
    m = /^store-([a-z0-9][a-z0-9-]*)/.exec(doc.target);
    if (m) store = m[1];
  }
  names = ['action', 'actor', 'store'];
  values = [doc.action, doc.actor, store];
  for (mask = 0; mask < 8; mask++) {
    key = [];
    for (i = 0; i < 3; i++) {
      if (mask & (1 << i)) key.push(names[i]);
    }
    if ((mask & 4) && store === null) continue;
    key = [key.join('+')];
    for (i = 0; i < 3; i++) {
      if (mask & (1 << i)) key.push(values[i]);
    }
    key.push(doc.at, doc.seq);
    emit(key, null);
  }
}
