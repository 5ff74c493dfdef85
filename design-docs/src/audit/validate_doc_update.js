function (newDoc, oldDoc, userCtx, secObj) {
  // The audit database: only admins (central is one) write here. Audit entries are append-only:
  // never changed, never deleted. Conflict records may be updated (resolution) but not deleted.
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') < 0 && roles.indexOf('admin') < 0) {
    throw ({ forbidden: 'only admins write the audit trail' });
  }
  if (newDoc._attachments) {
    throw ({ forbidden: 'attachments are not accepted in ' + (userCtx.db || 'audit') });
  }
  if (oldDoc && !oldDoc._deleted && oldDoc.type === 'audit') {
    throw ({ forbidden: 'audit entry ' + oldDoc._id + ' is append-only: it cannot be changed or deleted' });
  }
  if (oldDoc && !oldDoc._deleted && newDoc._deleted) {
    throw ({ forbidden: oldDoc._id + ' cannot be deleted from the audit trail' });
  }
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db || 'audit' });
  if (err) {
    throw ({ forbidden: err });
  }
}
