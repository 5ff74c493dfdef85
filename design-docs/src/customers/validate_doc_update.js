function (newDoc, oldDoc, userCtx, secObj) {
  // Customers are shared: any store account and admins write them; only admins delete them
  // (a duplicate is merged, never deleted, so references stay resolvable). Then the schema
  // and contract rules (validators/check.cjs).
  var roles = userCtx.roles || [];
  var admin = roles.indexOf('_admin') >= 0 || roles.indexOf('admin') >= 0;
  if (!admin && roles.indexOf('store') < 0) {
    throw ({ forbidden: 'only store accounts and admins write customers' });
  }
  if (newDoc._deleted && !admin) {
    throw ({ forbidden: 'only admins delete customers; merge duplicates instead' });
  }
  if (newDoc._attachments) {
    throw ({ forbidden: 'attachments are not accepted in ' + (userCtx.db || 'customers') });
  }
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db || 'customers' });
  if (err) {
    throw ({ forbidden: err });
  }
}
