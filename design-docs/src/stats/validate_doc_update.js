function (newDoc, oldDoc, userCtx, secObj) {
  // Central's statistics counters (pronto-stats): only central (a server admin) writes them.
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') < 0) {
    throw ({ forbidden: 'only central writes its statistics' });
  }
  if (newDoc._deleted || newDoc._id.indexOf('_design/') === 0) return;
  if (newDoc.type !== 'arrivals' || typeof newDoc.db !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}$/.test(newDoc.hour)) {
    throw ({ forbidden: 'a statistics document is an arrivals counter with db and hour' });
  }
  if (!(newDoc.count >= 0 && newDoc.lagged >= 0 && newDoc.lagSumMs >= 0)) {
    throw ({ forbidden: 'count, lagged and lagSumMs must be numbers of zero or more' });
  }
}
