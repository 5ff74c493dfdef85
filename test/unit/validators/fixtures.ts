// Example documents shared by unit and integration tests: one valid document per type, and
// invalid documents with the exact message Node and CouchDB must both give.
import type {
  Approver, Audit, Conflict, Customer, Move, Product, Return, Sale, Settings, Store, StoreStatus,
} from '../../../validators/index.js';

/** A copy of `doc` without `keys` (for documents missing a field). */
export function omit<T extends object>(doc: T, ...keys: string[]): Partial<T> {
  const copy = { ...doc } as Record<string, unknown>;
  for (const k of keys) delete copy[k];
  return copy as Partial<T>;
}

const at = '2026-11-24T17:03:09.120Z-0000-s1.pos1';
const central = '2026-11-24T17:05:00.000Z-0003-central';

export const product: Product = {
  _id: 'product:PR-1001-NEG-25.5', type: 'product', updatedAt: central, updatedBy: 'admin',
  sku: 'PR-1001-NEG-25.5', model: 'PR-1001', name: 'Oxford Clásico', colour: 'negro', size: '25.5',
  price: 129900, cost: 61000, barcode: '7501234567890', active: true, tags: ['formal'],
  stamps: { price: central },
};
export const store: Store = {
  _id: 'store:s1', type: 'store', updatedAt: central, updatedBy: 'admin',
  store: 's1', name: 'Pronto Centro', city: 'Ciudad de México', timezone: 'America/Mexico_City', active: true,
};
export const settings: Settings = {
  _id: 'settings:conflict-policy', type: 'settings', updatedAt: central, updatedBy: 'admin',
  key: 'conflict-policy',
  policy: {
    default: 'lww',
    types: {
      product: { strategy: 'field-merge', fields: { price: 'central-wins', notes: 'lww', tags: 'union' } },
      customer: { strategy: 'field-merge', fields: { points: 'max' } },
      store: { strategy: 'central-wins' },
    },
    rules: [{ type: 'product', field: 'price', op: 'gte', other: 'cost' }],
  },
};
export const sale: Sale = {
  _id: `sale:s1:${at}`, type: 'sale', updatedAt: at, updatedBy: 's1.pos1',
  store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: '2026-11-24',
  lines: [
    { sku: 'PR-1001-NEG-25.5', qty: 1, unitPrice: 129900, discount: 10000 },
    { sku: 'PR-2002-CAF-27', qty: 2, unitPrice: 50000, discount: 0 },
  ],
  total: 219900, payments: [{ method: 'card', amount: 200000 }, { method: 'cash', amount: 20000 }], change: 100,
  customer: 'customer:0b7e4f9a-3c1d-4e2b-9a8f-5d6c7b8a9e0f',
};
/** The next day, one of the two pairs of line 1 comes back (a return has its own stamp). */
const returnAt = '2026-11-25T10:00:00.000Z-0000-s1.pos2';
export const saleReturn: Return = {
  _id: `return:s1:${returnAt}`, type: 'return', kind: 'return', updatedAt: returnAt, updatedBy: 'ana',
  store: 's1', device: 's1.pos2', cashier: 'ana', businessDay: '2026-11-25', sale: sale._id,
  lines: [{ line: 1, sku: 'PR-2002-CAF-27', qty: 1, unitPrice: 50000, discount: 0 }],
  total: 50000, refunds: [{ method: 'cash', amount: 50000 }],
  reason: 'wrong size', approvedBy: 'maria', customer: sale.customer!,
};
/** The same day, the whole sale is voided: its id is the sale's stamp, its refunds the payments. */
const voidAt = '2026-11-24T17:10:00.000Z-0000-s1.pos1';
export const saleVoid: Return = {
  _id: `return:s1:void:${at}`, type: 'return', kind: 'void', updatedAt: voidAt, updatedBy: 'ana',
  store: 's1', device: 's1.pos1', cashier: 'ana', businessDay: '2026-11-24', sale: sale._id,
  lines: sale.lines.map((l, line) => ({ line, ...l })),
  total: 219900, refunds: [{ method: 'card', amount: 200000 }, { method: 'cash', amount: 19900 }],
  reason: 'customer changed their mind', approvedBy: 'maria', customer: sale.customer!,
};
export const posSettings: Settings = {
  _id: 'settings:pos', type: 'settings', updatedAt: central, updatedBy: 'admin', key: 'pos', value: { cashierMaxDiscountPct: 10 },
};
export const move: Move = {
  _id: `move:s1:${at}`, type: 'move', updatedAt: at, updatedBy: 'maria',
  store: 's1', device: 's1.pos1', kind: 'adjustment', reason: 'damaged pair', approvedBy: 'maria',
  lines: [{ sku: 'PR-1001-NEG-25.5', qty: -1 }],
};
export const storeStatus: StoreStatus = {
  _id: 'store-status:s1:s1.pos1', type: 'store-status', updatedAt: at, updatedBy: 's1.pos1',
  store: 's1', device: 's1.pos1', state: 'online', pending: 0, lastPush: '2026-11-24T17:03:09.120Z',
};
/** A manager's approval keys: one active (till s1.pos1), one retired, one revoked. */
const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' } as const;
export const approver: Approver = {
  _id: 'approver:maria', type: 'approver', updatedAt: central, updatedBy: 'maria', name: 'maria',
  keys: [
    { keyId: 'a1B2c3D4e5F6g7H8i9J0kA', publicJwk: jwk, status: 'active', addedAt: central, device: 's1.pos1' },
    { keyId: 'b1B2c3D4e5F6g7H8i9J0kA', publicJwk: jwk, status: 'retired', addedAt: central, device: 's1.pos1' },
    { keyId: 'c1B2c3D4e5F6g7H8i9J0kA', publicJwk: jwk, status: 'revoked', addedAt: central, revokedAt: central, revokedBy: 'chain-admin' },
  ],
};
const approval = { keyId: 'a1B2c3D4e5F6g7H8i9J0kA', signature: 'c2lnbmF0dXJlLW9mLXRoZS1tYW5hZ2Vy' };
export const customer: Customer = {
  _id: 'customer:0b7e4f9a-3c1d-4e2b-9a8f-5d6c7b8a9e0f', type: 'customer', updatedAt: at, updatedBy: 's1.pos1',
  name: 'Lucía Hernández', phone: 'v1.aGVsbG8.d29ybGQ', points: 120,
  blindIndex: { phone: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg' }, stamps: { points: at },
};
export const conflict: Conflict = {
  _id: 'conflict:catalog:product:PR-1001-NEG-25.5', type: 'conflict', updatedAt: central, updatedBy: 'central',
  db: 'catalog', docId: 'product:PR-1001-NEG-25.5', status: 'pending', strategy: 'manual',
  revisions: ['3-a1b2c3', '3-d4e5f6'], detectedAt: central,
};
export const audit: Audit = {
  _id: 'audit:000000000001', type: 'audit', updatedAt: central, updatedBy: 'central',
  seq: 1, at: central, actor: 'central', action: 'conflict.resolve', target: 'product:PR-1001-NEG-25.5',
  details: { strategy: 'field-merge' }, prevHash: '0'.repeat(64), hash: 'ab'.repeat(32),
};

/** One valid document per type, with the database it belongs in. */
export const validDocs: { doc: object; db: string }[] = [
  { doc: product, db: 'catalog' },
  { doc: store, db: 'catalog' },
  { doc: settings, db: 'catalog' },
  { doc: { ...omit(settings, 'policy'), _id: 'settings:receipt-footer', key: 'receipt-footer', value: 'Gracias' }, db: 'catalog' },
  { doc: sale, db: 'store-s1' },
  { doc: { ...sale, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } }, db: 'store-s1' },
  { doc: posSettings, db: 'catalog' },
  { doc: { ...posSettings, value: {} }, db: 'catalog' },
  { doc: approver, db: 'catalog' },
  { doc: { ...approver, _id: 'approver:María José', name: 'María José' }, db: 'catalog' },
  { doc: { ...sale, approvedBy: 'maria', approval }, db: 'store-s1' },
  { doc: { ...saleReturn, approval }, db: 'store-s1' },
  { doc: { ...move, approval }, db: 'store-s1' },
  { doc: { ...storeStatus, keyId: 'a1B2c3D4e5F6g7H8i9J0kA', signature: 'c2lnbmF0dXJl' }, db: 'store-s1' },
  { doc: { ...sale, _id: `sale:s1:${returnAt}`, approvedBy: 'maria' }, db: 'store-s1' },
  { doc: saleReturn, db: 'store-s1' },
  { doc: saleVoid, db: 'store-s1' },
  { doc: { ...saleVoid, _id: 'return:s1:void:2026-01-02T00:00:00.000Z-0000-s1.pos1', sale: 'sale:s1:2026-01-02T00:00:00.000Z-0000-s1.pos1',
    lines: [{ line: 0, sku: 'PR-2002-CAF-27', qty: 1, unitPrice: 50000, discount: 50000 }], total: 0, refunds: [{ method: 'cash', amount: 0 }] }, db: 'store-s1' },
  { doc: move, db: 'store-s1' },
  { doc: { ...omit(move, 'reason', 'approvedBy'), kind: 'receipt', lines: [{ sku: 'PR-2002-CAF-27', qty: 12 }] }, db: 'store-s1' },
  { doc: storeStatus, db: 'store-s1' },
  { doc: customer, db: 'customers' },
  { doc: { ...customer, createdAt: at }, db: 'customers' },
  { doc: conflict, db: 'audit' },
  { doc: audit, db: 'audit' },
  { doc: { _id: product._id, _rev: '2-abc', _deleted: true }, db: 'catalog' },
];

const line0 = sale.lines[0]!;
const withLine = (patch: object) => ({ ...sale, lines: [{ ...line0, ...patch }, ...sale.lines.slice(1)] });

/** Documents every side must refuse, with the database written to and the exact message. */
export const invalidDocs: { doc: unknown; db?: string; message: string }[] = [
  { doc: { ...sale, total: 2199.5 }, db: 'store-s1', message: 'sale/total must be integer' },
  { doc: withLine({ qty: 0 }), db: 'store-s1', message: 'sale/lines/0/qty must be >= 1' },
  { doc: omit(product, 'price'), db: 'catalog', message: 'product/price is required' },
  { doc: { ...sale, foo: 1 }, db: 'store-s1', message: 'sale/foo is not allowed' },
  { doc: withLine({ colour: 'rojo' }), message: 'sale/lines/0/colour is not allowed' },
  { doc: { ...sale, total: 219000 }, db: 'store-s1', message: 'sale/total must be 219900, the sum of qty * unitPrice - discount' },
  { doc: { ...sale, change: 0 }, db: 'store-s1', message: 'sale/payments must add up to total + change (219900)' },
  { doc: withLine({ discount: 130000 }), message: 'sale/lines/0/discount must not exceed qty * unitPrice' },
  { doc: sale, db: 'store-s2', message: 'sale/store must be s2 in database store-s2' },
  { doc: { ...sale, _id: `sale:s2:${at}` }, message: 'sale/_id must start with sale:s1:' },
  { doc: { ...sale, _id: 'sale:s1:yesterday' }, message: 'sale/_id has an invalid format' },
  { doc: sale, db: 'catalog', message: 'type sale is not allowed in database catalog' },
  { doc: customer, db: 'store-s1', message: 'type customer is not allowed in database store-s1' },
  { doc: product, db: 'audit', message: 'type product is not allowed in database audit' },
  { doc: omit(sale, 'type'), db: 'store-s1', message: 'type is required' },
  { doc: { ...sale, type: 'invoice' }, message: 'type invoice is unknown' },
  { doc: { ...sale, payments: [{ method: 'cheque', amount: 220000 }] }, message: 'sale/payments/0/method must be one of cash, card' },
  { doc: { ...product, size: '25.3' }, message: 'product/size has an invalid format' },
  { doc: { ...product, price: -1 }, message: 'product/price must be >= 0' },
  { doc: { ...product, sku: 'PR-1001-NEG-26' }, message: 'product/_id must be product:PR-1001-NEG-26' },
  { doc: { ...product, stamps: { price: 'yesterday' } }, message: 'product/stamps/price has an invalid format' },
  { doc: { ...product, stamps: { 'bad-key': at } }, message: 'product/stamps/bad-key has an invalid format' },
  { doc: { ...product, updatedAt: '2026-11-24 17:03' }, message: 'product/updatedAt has an invalid format' },
  { doc: { ...store, _id: 'store:s2' }, message: 'store/_id must be store:s1' },
  { doc: omit(settings, 'policy'), db: 'catalog', message: 'settings/policy is required' },
  { doc: { ...settings, _id: 'settings:other' }, message: 'settings/_id must be settings:conflict-policy' },
  { doc: { ...settings, policy: { default: 'random' } }, message: 'settings/policy/default must be one of lww, central-wins, field-merge, manual' },
  { doc: { ...settings, policy: { default: 'lww', types: { invoice: { strategy: 'lww' } } } }, message: 'settings/policy/types/invoice is not allowed' },
  { doc: { ...settings, policy: { default: 'lww', types: { product: { strategy: 'lww', fields: { price: 'avg' } } } } }, message: 'settings/policy/types/product/fields/price must be one of lww, central-wins, store-wins, union, max, min' },
  { doc: { ...posSettings, value: { cashierMaxDiscountPct: 101 } }, db: 'catalog', message: 'settings/value/cashierMaxDiscountPct must be <= 100' },
  { doc: { ...posSettings, value: { cashierMaxDiscountPct: 12.5 } }, db: 'catalog', message: 'settings/value/cashierMaxDiscountPct must be integer' },
  { doc: { ...posSettings, value: { cashierMaxDiscountPct: 10, maxRefund: 5 } }, db: 'catalog', message: 'settings/value/maxRefund is not allowed' },
  { doc: { ...posSettings, value: 10 }, db: 'catalog', message: 'settings/value must be object' },
  { doc: omit(posSettings, 'value'), db: 'catalog', message: 'settings/value is required' },
  { doc: { ...sale, approvedBy: '' }, db: 'store-s1', message: 'sale/approvedBy must NOT have fewer than 1 characters' },
  { doc: { ...saleReturn, total: 49000 }, db: 'store-s1', message: 'return/total must be 50000, the sum of qty * unitPrice - discount' },
  { doc: { ...saleReturn, refunds: [{ method: 'cash', amount: 40000 }, { method: 'card', amount: 9000 }] }, db: 'store-s1',
    message: 'return/refunds must add up to total (50000)' },
  { doc: { ...saleVoid, refunds: [{ method: 'card', amount: 200000 }, { method: 'cash', amount: 20000 }] }, db: 'store-s1',
    message: 'return/refunds must add up to total (219900)' },
  { doc: { ...saleReturn, refunds: [] }, db: 'store-s1', message: 'return/refunds must NOT have fewer than 1 items' },
  { doc: { ...saleReturn, lines: [{ ...saleReturn.lines[0]!, discount: 50001 }] }, db: 'store-s1',
    message: 'return/lines/0/discount must not exceed qty * unitPrice' },
  { doc: { ...saleReturn, lines: [saleReturn.lines[0]!, saleReturn.lines[0]!], total: 100000, refunds: [{ method: 'cash', amount: 100000 }] },
    db: 'store-s1', message: 'return/lines/1/line must not repeat sale line 1' },
  { doc: { ...saleReturn, lines: [{ ...saleReturn.lines[0]!, line: -1 }] }, db: 'store-s1', message: 'return/lines/0/line must be >= 0' },
  { doc: { ...saleReturn, lines: [] }, db: 'store-s1', message: 'return/lines must NOT have fewer than 1 items' },
  { doc: { ...saleReturn, _id: `return:s2:${returnAt}` }, db: 'store-s1', message: 'return/_id must start with return:s1:' },
  { doc: { ...saleReturn, sale: `sale:s2:${at}` }, db: 'store-s1', message: 'return/sale must start with sale:s1:' },
  { doc: { ...saleVoid, _id: `return:s1:void:${returnAt}` }, db: 'store-s1', message: `return/_id must be return:s1:void:${at}` },
  { doc: { ...saleReturn, _id: `return:s1:void:${at}` }, db: 'store-s1', message: 'return/_id has an invalid format' },
  { doc: { ...saleVoid, _id: `return:s1:${voidAt}` }, db: 'store-s1', message: 'return/_id has an invalid format' },
  { doc: { ...saleReturn, kind: 'exchange' }, db: 'store-s1', message: 'return/kind must be one of return, void' },
  { doc: omit(saleReturn, 'reason'), db: 'store-s1', message: 'return/reason is required' },
  { doc: omit(saleVoid, 'approvedBy'), db: 'store-s1', message: 'return/approvedBy is required' },
  { doc: { ...saleReturn, refunds: [{ method: 'voucher', amount: 50000 }] }, message: 'return/refunds/0/method must be one of cash, card' },
  { doc: saleReturn, db: 'store-s2', message: 'return/store must be s2 in database store-s2' },
  { doc: saleReturn, db: 'catalog', message: 'type return is not allowed in database catalog' },
  { doc: omit(move, 'reason'), db: 'store-s1', message: 'move/reason is required' },
  { doc: { ...move, lines: [{ sku: 'PR-1', qty: 0 }] }, message: 'move/lines/0/qty must not be 0' },
  { doc: { ...move, lines: [] }, message: 'move/lines must NOT have fewer than 1 items' },
  { doc: { ...storeStatus, state: 'asleep' }, message: 'store-status/state must be one of online, offline, syncing, error, denied' },
  { doc: { ...storeStatus, device: 's1.pos2' }, message: 'store-status/_id must be store-status:s1:s1.pos2' },
  { doc: { ...approver, name: 'luis' }, db: 'catalog', message: 'approver/_id must be approver:luis' },
  { doc: { ...approver, keys: [] }, db: 'catalog', message: 'approver/keys must NOT have fewer than 1 items' },
  { doc: { ...approver, keys: [{ ...approver.keys[0]!, status: 'lost' }] }, db: 'catalog', message: 'approver/keys/0/status must be one of active, retired, revoked' },
  { doc: { ...approver, keys: [{ ...approver.keys[0]!, publicJwk: { ...jwk, d: 'private' } }] }, db: 'catalog', message: 'approver/keys/0/publicJwk/d is not allowed' },
  { doc: approver, db: 'store-s1', message: 'type approver is not allowed in database store-s1' },
  { doc: { ...sale, approval: { keyId: 'a1B2c3D4e5F6g7H8i9J0kA' } }, db: 'store-s1', message: 'sale/approval/signature is required' },
  { doc: { ...saleReturn, approval: { ...approval, by: 'maria' } }, db: 'store-s1', message: 'return/approval/by is not allowed' },
  { doc: { ...customer, name: 'x'.repeat(201) }, db: 'customers', message: 'customer/name must NOT have more than 200 characters' },
  { doc: { ...customer, createdAt: '2026-11-24' }, db: 'customers', message: 'customer/createdAt has an invalid format' },
  { doc: { ...customer, name: '' }, message: 'customer/name must NOT have fewer than 1 characters' },
  { doc: { ...conflict, revisions: ['3-a1b2c3'] }, db: 'audit', message: 'conflict/revisions must NOT have fewer than 2 items' },
  { doc: { ...audit, seq: '1' }, db: 'audit', message: 'audit/seq must be integer' },
  { doc: { ...audit, hash: 'nope' }, message: 'audit/hash has an invalid format' },
  { doc: [sale], message: 'document must be an object' },
];
