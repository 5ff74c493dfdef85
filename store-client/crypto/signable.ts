// What a device signs: the document without the fields that may legitimately change after it
// was signed — CouchDB's own (`_rev`, `_revisions`, `_conflicts`, `_deleted`, and any other
// `_` field a read may add, except `_id`, which binds the store and the stamp), the signature
// itself and its key id, and central's `quarantined` flag (so flagging keeps it verifiable).
const UNSIGNED = new Set(['signature', 'keyId', 'quarantined']);

export function signable(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (UNSIGNED.has(key) || (key.startsWith('_') && key !== '_id')) continue;
    out[key] = value;
  }
  return out;
}
