function (newDoc, oldDoc, userCtx, secObj) {
  // A store database: only that store's accounts (role store:<id>) and admins write here, and
  // sales, stock movements and returns are immutable once written: corrections are new
  // documents (a return, a void, an adjustment). The one change allowed is an admin flagging a
  // document as quarantined (central does it when a signature does not verify). Then the schema
  // and contract rules (validators/check.cjs), the same code the POS runs before writing.
  var roles = userCtx.roles || [];
  var admin = roles.indexOf('_admin') >= 0 || roles.indexOf('admin') >= 0;
  var store = (userCtx.db || '').replace(/^store-/, '');
  if (!admin && roles.indexOf('store:' + store) < 0) {
    throw ({ forbidden: 'only accounts of store ' + store + ' write in ' + userCtx.db });
  }
  var oldType = oldDoc && !oldDoc._deleted ? oldDoc.type : null;
  var immutable = oldType === 'sale' || oldType === 'move' || oldType === 'return';
  if (immutable && newDoc._deleted) {
    throw ({ forbidden: oldDoc.type + ' ' + oldDoc._id + ' is immutable: it cannot be deleted; record a correction instead' });
  }
  if (immutable) {
    var strip = function (doc) {
      var out = {};
      for (var k in doc) {
        if (k.charAt(0) !== '_' && k !== 'quarantined') out[k] = doc[k];
      }
      return JSON.stringify(out, Object.keys(out).sort());
    };
    if (!admin || strip(newDoc) !== strip(oldDoc) || !newDoc.quarantined) {
      throw ({ forbidden: oldDoc.type + ' ' + oldDoc._id + ' is immutable: record a correction instead' });
    }
  }
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db });
  if (err) {
    throw ({ forbidden: err });
  }
}
