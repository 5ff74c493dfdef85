function (newDoc, oldDoc, userCtx, secObj) {
  // Schema and contract rules (validators/check.cjs); every store and admin may write customers.
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db || 'customers' });
  if (err) {
    throw ({ forbidden: err });
  }
}
