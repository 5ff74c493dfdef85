function (newDoc, oldDoc, userCtx, secObj) {
  // A store database: only that store's accounts (role store:<id>) and admins write here.
  // Sales, stock movements and returns (ids `sale:`, `move:`, `return:`) are immutable:
  // corrections are new documents (a return, a void, an adjustment).
  // - No account may replace one; an admin may only set, change or lift `quarantined`.
  // - Only the server admin (central) may delete a revision: the forged branches of a tamper
  //   incident (central/tamper). A store or chain admin never deletes one.
  // - CouchDB gives `oldDoc = null` to a replicated write whose branch has no stored ancestor
  //   (a fresh root of any generation, or a generation-1 sibling: couch_db.erl
  //   prep_and_validate_replicated_updates), so the rule above cannot see those. What it can see
  //   is the incoming revision (`_revisions`): a till writes a sale exactly once, as generation 1,
  //   so anything deeper from a non-admin is refused. A generation-1 sibling still gets through:
  //   central settles it as a tamper incident.
  // - Stock bases (`stock-base:`) are central's: no store account writes or deletes one.
  // Then the schema and contract rules (validators/check.cjs), the same code the POS runs.
  var roles = userCtx.roles || [];
  var serverAdmin = roles.indexOf('_admin') >= 0;
  var admin = serverAdmin || roles.indexOf('admin') >= 0;
  var store = (userCtx.db || '').replace(/^store-/, '');
  if (!admin && roles.indexOf('store:' + store) < 0) {
    throw ({ forbidden: 'only accounts of store ' + store + ' write in ' + userCtx.db });
  }
  if (newDoc._attachments) {
    throw ({ forbidden: 'attachments are not accepted in ' + userCtx.db });
  }
  // A stock base (stock-base:<store>:<month>) is central's sum of the store's past: a till adds it
  // to its own stock, so only central or an admin writes or deletes one (central/stock-bases).
  if (!admin && (/^stock-base:/.test(String(newDoc._id)) || newDoc.type === 'stock-base')) {
    throw ({ forbidden: 'stock bases are written by central only' });
  }
  var kind = /^(sale|move|return):/.exec(String(newDoc._id));
  if (kind) {
    var what = kind[1] + ' ' + newDoc._id;
    var stored = oldDoc && !oldDoc._deleted ? oldDoc : null;
    if (newDoc._deleted) {
      if (!serverAdmin) throw ({ forbidden: what + ' is immutable: it cannot be deleted; record a correction instead' });
      return;
    }
    if (stored) {
      // Canonical JSON (keys sorted at every depth) of the body without CouchDB's fields and the flag.
      var canon = function (v, top) {
        if (v === null || typeof v !== 'object') return JSON.stringify(v);
        if (Object.prototype.toString.call(v) === '[object Array]') {
          var items = [];
          for (var i = 0; i < v.length; i++) items.push(canon(v[i], false));
          return '[' + items.join(',') + ']';
        }
        var keys = [];
        for (var k in v) {
          if (!top || (k.charAt(0) !== '_' && k !== 'quarantined')) keys.push(k);
        }
        keys.sort();
        var parts = [];
        for (var j = 0; j < keys.length; j++) parts.push(JSON.stringify(keys[j]) + ':' + canon(v[keys[j]], false));
        return '{' + parts.join(',') + '}';
      };
      if (!admin || canon(newDoc, true) !== canon(stored, true)) {
        throw ({ forbidden: what + ' is immutable: record a correction instead' });
      }
    } else if (!serverAdmin) {
      var generation = newDoc._revisions ? newDoc._revisions.start : 0;
      if (generation > 1) {
        throw ({ forbidden: what + ' is written once: only its first revision is accepted from a store (got generation ' + generation + ')' });
      }
    }
  }
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db });
  if (err) {
    throw ({ forbidden: err });
  }
}
