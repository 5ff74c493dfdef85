function (newDoc, oldDoc, userCtx, secObj) {
  // Only admins (and central, which is one) write here; stores only read.
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') < 0 && roles.indexOf('admin') < 0) {
    throw ({ forbidden: 'only admins write the catalog' });
  }
  if (newDoc._attachments) {
    throw ({ forbidden: 'attachments are not accepted in ' + (userCtx.db || 'catalog') });
  }
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db || 'catalog' });
  if (err) {
    throw ({ forbidden: err });
  }
}
