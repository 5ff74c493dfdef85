function (newDoc, oldDoc, userCtx, secObj) {
  // Schema and contract rules (validators/check.cjs), the same code the POS runs before writing.
  // userCtx.db is `store-<id>`: it limits the types and the store a document may name.
  var err = require('lib/check')(newDoc, require('lib/validators'), { db: userCtx.db });
  if (err) {
    throw ({ forbidden: err });
  }
}
