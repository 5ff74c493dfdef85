// The design doc central keeps in CouchDB's `_users` (https://docs.couchdb.org/en/stable/intro/security.html#users-documents):
// a view of store accounts by store and name (the console's paged list, account-rules.ts's
// storeAccountOf written in CouchDB's JavaScript), and a validate_doc_update that keeps
// `prontoDisabled` for server admins: an account cannot mark itself, or write the store and kind
// it would get back on being enabled. Pushed by setup only when it changed.
import type Nano from 'nano';
import type { DesignDoc } from '../../design-docs/index.js';
import { pushDesignDoc } from '../setup/push-design-doc.js';

export const ACCOUNTS_DDOC = '_design/pronto-accounts';
export const BY_STORE_VIEW = 'by-store';

const map = `function (doc) {
  if (doc.type !== 'user' || typeof doc.name !== 'string') return;
  var roles = Array.isArray(doc.roles) ? doc.roles : [];
  var store = null, kind = null, i;
  for (i = 0; i < roles.length; i++) {
    if (roles[i] === 'admin' || String(roles[i]).charAt(0) === '_') return;
    if (String(roles[i]).indexOf('store:') === 0) store = roles[i].slice(6);
    if (roles[i] === 'cashier' || roles[i] === 'manager' || roles[i] === 'device') kind = roles[i];
  }
  var off = doc.prontoDisabled;
  if (off && roles.length === 0) emit([off.store, doc.name], { kind: off.kind, disabled: true });
  else if (store && kind) emit([store, doc.name], { kind: kind, disabled: false });
}`;

const validate = `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var before = oldDoc && oldDoc.prontoDisabled ? JSON.stringify(oldDoc.prontoDisabled) : '';
  var after = newDoc.prontoDisabled ? JSON.stringify(newDoc.prontoDisabled) : '';
  if (before !== after) throw { forbidden: 'only a server admin sets prontoDisabled' };
}`;

export const accountsDesignDoc = {
  _id: ACCOUNTS_DDOC, language: 'javascript' as const, validate_doc_update: validate, views: { [BY_STORE_VIEW]: { map } }, lib: {},
} satisfies DesignDoc;

export function pushAccountsDesignDoc(nano: Nano.ServerScope): Promise<'created' | 'updated' | 'unchanged'> {
  return pushDesignDoc(nano, '_users', accountsDesignDoc);
}
