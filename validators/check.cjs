// The one validation routine run everywhere: in the POS and central (Node), and verbatim inside
// CouchDB's validate_doc_update as design doc module `lib/check`. Hence plain ES5 CommonJS:
// no let/const, arrows, template strings or ES2015 builtins (SpiderMonkey 1.8.5 / QuickJS).
// Returns null when the document is acceptable, else one message naming the field.
// One file on purpose (~160 lines): CouchDB loads it as one design doc module, `lib/check`.
// https://docs.couchdb.org/en/stable/ddocs/ddocs.html#validate-document-update-functions
'use strict';

var STORE_TYPES = ['sale', 'move', 'return', 'store-status', 'stock-base'];
var DB_TYPES = {
  catalog: ['product', 'store', 'settings', 'device', 'approver'],
  customers: ['customer'],
  audit: ['audit', 'conflict']
};
var ALL_TYPES = [
  'product', 'store', 'settings', 'sale', 'move', 'return', 'store-status', 'customer', 'conflict', 'audit', 'device',
  'approver', 'stock-base'
];

// A value as a message shows it. Not String(value): it throws on an object whose own toString
// is not a function (`{"type": {"toString": 1}}`), which would crash the check, not refuse.
function describe(value) {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) return Object.prototype.toString.call(value);
  return String(value);
}

// The store id of a `store-<id>` database, or null for any other database.
function storeOfDb(db) {
  var m = typeof db === 'string' ? /^store-(.+)$/.exec(db) : null;
  return m ? m[1] : null;
}

// The types a database accepts; null when the database is not one we know (any type goes).
function typesOfDb(db) {
  if (storeOfDb(db) !== null) return STORE_TYPES;
  return Object.prototype.hasOwnProperty.call(DB_TYPES, db) ? DB_TYPES[db] : null;
}

// ajv's first error as `<type><path> <message>`, reworded where ajv's text does not name the field.
function formatError(type, e) {
  var path = type + (e.instancePath || '');
  if (e.propertyName !== undefined) path += '/' + e.propertyName;
  if (e.keyword === 'required') return path + '/' + e.params.missingProperty + ' is required';
  if (e.keyword === 'additionalProperties') return path + '/' + e.params.additionalProperty + ' is not allowed';
  if (e.keyword === 'enum') return path + ' must be one of ' + e.params.allowedValues.join(', ');
  if (e.keyword === 'pattern') return path + ' has an invalid format';
  return path + ' ' + e.message;
}

// Ids that must be derived from fields, so two writers of the same thing meet on one id.
function checkId(doc) {
  var t = doc.type;
  var want = null;
  if (t === 'product') want = 'product:' + doc.sku;
  else if (t === 'store') want = 'store:' + doc.store;
  else if (t === 'settings') want = 'settings:' + doc.key;
  else if (t === 'store-status') want = 'store-status:' + doc.store + ':' + doc.device;
  else if (t === 'device') want = 'device:' + doc.store + ':' + doc.device;
  else if (t === 'approver') want = 'approver:' + doc.name;
  else if (t === 'stock-base') want = 'stock-base:' + doc.store + ':' + doc.cutoff;
  if (want !== null && doc._id !== want) return t + '/_id must be ' + want;
  if (t === 'sale' || t === 'move' || t === 'return') {
    var prefix = t + ':' + doc.store + ':';
    if (doc._id.slice(0, prefix.length) !== prefix) return t + '/_id must start with ' + prefix;
  }
  if (t === 'return') return checkReturnId(doc);
  return null;
}

// A return gives back a sale of its own store; a void's id is the sale's stamp, so two tills
// voiding one sale meet on one id.
function checkReturnId(doc) {
  var salePrefix = 'sale:' + doc.store + ':';
  if (doc.sale.slice(0, salePrefix.length) !== salePrefix) return 'return/sale must start with ' + salePrefix;
  var want = 'return:' + doc.store + ':void:' + doc.sale.slice(salePrefix.length);
  if (doc.kind === 'void' && doc._id !== want) return 'return/_id must be ' + want;
  return null;
}

// Lines → total, as on a sale. `type` names the document in the messages.
function checkLines(doc) {
  var total = 0;
  for (var i = 0; i < doc.lines.length; i++) {
    var line = doc.lines[i];
    if (line.discount > line.qty * line.unitPrice) {
      return doc.type + '/lines/' + i + '/discount must not exceed qty * unitPrice';
    }
    total += line.qty * line.unitPrice - line.discount;
  }
  if (doc.total !== total) return doc.type + '/total must be ' + total + ', the sum of qty * unitPrice - discount';
  return null;
}

// A sale's money must add up: lines → total, payments − change → total.
function checkSale(doc) {
  var err = checkLines(doc);
  if (err !== null) return err;
  var paid = 0;
  for (var i = 0; i < doc.payments.length; i++) paid += doc.payments[i].amount;
  if (paid - doc.change !== doc.total) {
    return 'sale/payments must add up to total + change (' + (doc.total + doc.change) + ')';
  }
  return null;
}

// A return's money: lines → total, and the refunds are exactly the total (no change on a
// refund). Each sale line is given back once per document.
function checkReturn(doc) {
  var seen = {};
  var i;
  for (i = 0; i < doc.lines.length; i++) {
    var n = doc.lines[i].line;
    if (seen['l' + n] === true) return 'return/lines/' + i + '/line must not repeat sale line ' + n;
    seen['l' + n] = true;
  }
  var err = checkLines(doc);
  if (err !== null) return err;
  var refunded = 0;
  for (i = 0; i < doc.refunds.length; i++) refunded += doc.refunds[i].amount;
  if (refunded !== doc.total) return 'return/refunds must add up to total (' + doc.total + ')';
  return null;
}

function checkMove(doc) {
  for (var i = 0; i < doc.lines.length; i++) {
    if (doc.lines[i].qty === 0) return 'move/lines/' + i + '/qty must not be 0';
  }
  return null;
}

function checkRules(doc, db) {
  var err = checkId(doc);
  if (err === null && doc.type === 'sale') err = checkSale(doc);
  if (err === null && doc.type === 'move') err = checkMove(doc);
  if (err === null && doc.type === 'return') err = checkReturn(doc);
  var store = storeOfDb(db);
  if (err === null && store !== null && doc.store !== store) {
    err = doc.type + '/store must be ' + store + ' in database ' + db;
  }
  return err;
}

/**
 * @param doc the document to write
 * @param validators `{ <type>: ajv validate function }` (the standalone module in CouchDB)
 * @param ctx `{ db }`: the database written to, when known
 * @returns null, or the reason the document is refused
 */
function check(doc, validators, ctx) {
  var db = ctx ? ctx.db : undefined;
  if (doc === null || typeof doc !== 'object' || Object.prototype.toString.call(doc) === '[object Array]') {
    return 'document must be an object';
  }
  // Tombstones carry only CouchDB's own fields (_id, _rev, _deleted, _revisions…): a deletion
  // is not a way to store data no schema checked. Design and local docs are not Pronto documents.
  // CouchDB refuses a `_deleted` that is not a boolean (400); PouchDB would store any truthy one
  // as a deletion that nothing below checked. Both servers now give the same answer.
  if (doc._deleted !== undefined && typeof doc._deleted !== 'boolean') return '_deleted must be true or false';
  if (doc._deleted === true) {
    for (var key in doc) {
      if (Object.prototype.hasOwnProperty.call(doc, key) && key.charAt(0) !== '_') {
        return 'a deleted document carries only _id, _rev and _deleted; found ' + key.slice(0, 64);
      }
    }
    return null;
  }
  if (typeof doc._id === 'string' && /^_(design|local)\//.test(doc._id)) return null;
  var type = doc.type;
  if (type === undefined) return 'type is required';
  if (typeof type !== 'string' || ALL_TYPES.indexOf(type) < 0) return 'type ' + describe(type) + ' is unknown';
  var allowed = typesOfDb(db);
  if ((allowed !== null && allowed.indexOf(type) < 0) || typeof validators[type] !== 'function') {
    return 'type ' + type + ' is not allowed in ' + (db ? 'database ' + db : 'this database');
  }
  var validate = validators[type];
  if (!validate(doc)) return formatError(type, validate.errors[0]);
  return checkRules(doc, db);
}

module.exports = check;
module.exports.check = check;
