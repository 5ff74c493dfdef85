// Reads one document for the console (GET /api/docs), masked. CouchDB's GET /{db}/{docid} with
// conflicts=true, so the console can say the document has conflicting revisions.
// https://docs.couchdb.org/en/stable/api/document/common.html#get--db-docid
import type Nano from 'nano';
import { ProntoError } from '../../validators/errors.js';
import type { DocAddress } from './doc-address.js';
import { maskPersonal, type MaskedDoc } from './mask-personal.js';

export async function readMaskedDoc(nano: Nano.ServerScope, address: DocAddress): Promise<MaskedDoc> {
  try {
    const doc = await nano.use<Record<string, unknown>>(address.db).get(address.id, { conflicts: true });
    return maskPersonal(doc as Record<string, unknown>);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw new ProntoError('NOT_FOUND', `no document ${address.id} in ${address.db}`, { db: address.db, id: address.id });
    throw new ProntoError('COUCH_ERROR', `could not read ${address.id} from ${address.db}`, { db: address.db }, err);
  }
}
