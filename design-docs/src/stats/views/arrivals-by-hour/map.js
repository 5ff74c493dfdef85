function (doc) {
  // Changes that reached central per hour, as central's change feed counted them
  // (central/stats/count-arrivals.ts): [store, hour] with store "*" (every followed database)
  // and, for a store's database, that store. Valued by [changes, lagged, lagSumMs]: lagged counts
  // the new sales, returns and moves, lagSumMs the sum of their upload lag (arrival minus the
  // till's stamp). _sum adds the arrays member by member.
  if (doc.type !== 'arrivals') return;
  var value = [doc.count, doc.lagged, doc.lagSumMs];
  emit(['*', doc.hour], value);
  if (doc.db.indexOf('store-') === 0) emit([doc.db.slice(6), doc.hour], value);
}
