// Registers or edits a customer from the POS, and finds one by phone, with personal data
// encrypted on the way in and out. Each write stamps every field it changes with the write's
// HLC stamp and carries the other stamps over, so central's field-merge can combine edits made
// offline at two stores field by field (central/resolver/strategies/field-merge.ts). Validated
// before `put`: PouchDB does not run `validate_doc_update` locally.
import { validate, type Customer } from '../../validators/index.js';
import { ProntoError } from '../../validators/errors.js';
import type { Clock } from '../clock.js';
import { isConflict, isNotFound, type Db } from '../pouch-types.js';
import { customerChanges, type CustomerChanges, type CustomerInput } from './customer-changes.js';
import { blindIndex, blindIndexOf, decryptCustomer, encryptField, PERSONAL_FIELDS } from './customer-crypto.js';
import type { CustomerKeys } from './customer-keys.js';
import { webCrypto } from './web-crypto.js';

export interface CustomerWriter {
  /** The account or device recorded as `updatedBy`. */
  updatedBy: string;
}

type Body = Record<string, unknown> & { stamps?: Record<string, string> };

/** Creates (no `_id`) or updates a customer; returns the stored, encrypted document. An edit that changes nothing writes nothing. */
export async function saveCustomer(
  customersDb: Db, clock: Clock, keys: CustomerKeys, input: CustomerInput, writer: CustomerWriter,
): Promise<Customer> {
  const stored = input._id === undefined ? undefined : await getCustomer(customersDb, input._id);
  const plain = stored ? await decryptCustomer(stored, keys) : {};
  const changes = customerChanges(plain, stored ?? {}, input);
  if (stored && Object.keys(changes).length === 0) return stored;

  const stamp = await clock.next();
  const base: Body = stored ? { ...stored } : { _id: `customer:${webCrypto().randomUUID()}`, type: 'customer', createdAt: stamp };
  const doc = await applyChanges(base, plain, changes, stamp, keys);
  doc.updatedAt = stamp;
  doc.updatedBy = writer.updatedBy;
  const valid = validate(doc, { db: 'customers' }) as Customer;
  try {
    const res = await customersDb.put(valid);
    return { ...valid, _rev: res.rev };
  } catch (err) {
    if (isConflict(err)) throw new ProntoError('CONFLICT', `${String(doc._id)} changed meanwhile: read it again`, { id: doc._id }, err);
    throw err;
  }
}

/** Live customers whose phone has the same blind index as `phone`, decrypted. */
export async function findCustomerByPhone(customersDb: Db, keys: CustomerKeys, phone: string): Promise<Customer[]> {
  const hash = await blindIndex(phone, 'phone', keys);
  if (hash === null) return [];
  const res = await customersDb.query('pronto/by-business-key', { key: ['phone', hash], include_docs: true });
  const docs = res.rows.map((row) => row.doc as Customer | undefined).filter((doc): doc is Customer => doc?.type === 'customer');
  return Promise.all(docs.map((doc) => decryptCustomer(doc, keys)));
}

async function applyChanges(base: Body, plain: Partial<Customer>, changes: CustomerChanges, stamp: string, keys: CustomerKeys): Promise<Body> {
  const doc: Body = { ...base };
  const stamps: Record<string, string> = { ...base.stamps };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete doc[field];
    else doc[field] = isPersonal(field) ? await encryptField(personal(field, value), keys, field) : value;
    stamps[field] = stamp;
  }
  if ('phone' in changes || 'taxId' in changes) {
    const next = (field: 'phone' | 'taxId') => (field in changes ? (changes[field] as string | null) ?? undefined : plain[field]);
    const index = await blindIndexOf({ phone: next('phone'), taxId: next('taxId') }, keys);
    const old = (base.blindIndex ?? {}) as Customer['blindIndex'] & object;
    if (index.phone !== old.phone || index.taxId !== old.taxId) {
      if (index.phone || index.taxId) doc.blindIndex = index;
      else delete doc.blindIndex;
      stamps.blindIndex = stamp;
    }
  }
  doc.stamps = stamps;
  return doc;
}

const isPersonal = (field: string): boolean => (PERSONAL_FIELDS as readonly string[]).includes(field);

function personal(field: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw new ProntoError('VALIDATION_FAILED', `customer/${field} must be string`, { type: 'customer', field });
}

async function getCustomer(db: Db, id: string): Promise<Customer> {
  try {
    const doc = (await db.get(id)) as Customer;
    if (doc.type === 'customer') return doc;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  throw new ProntoError('NOT_FOUND', `customer ${id} not found`, { id });
}
