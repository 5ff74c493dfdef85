import { expect } from 'chai';
import { buildDesignDocs } from '../../../design-docs/index.js';
import { audit, conflict, customer, move, sale, saleReturn, saleVoid } from '../validators/fixtures.js';
import { couchSandbox, type UserCtx } from './couch-sandbox.js';

// Who may write what, and what may never change: validate_doc_update as CouchDB runs it.
const docs = buildDesignDocs();
const cashierS1: UserCtx = { name: 'cashier-s1', roles: ['store', 'store:s1', 'cashier'] };
const cashierS2: UserCtx = { name: 'cashier-s2', roles: ['store', 'store:s2', 'cashier'] };
const admin: UserCtx = { name: 'chain-admin', roles: ['admin'] };
const central: UserCtx = { name: 'admin', roles: ['_admin'] };
const stored = { ...sale, _rev: '1-a' };
const storedReturn = { ...saleReturn, _rev: '1-a' };
const quarantined = { reason: 'signature does not verify', at: '2026-11-24T17:05:00.000Z-0000-central' };

const cases: Array<{ what: string; kind: keyof typeof docs; db: string; ctx: UserCtx; doc: object; old?: object; refused: string | null }> = [
  { what: 'a cashier records a sale in its own store', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: sale, refused: null },
  { what: "store B writes into store A's database", kind: 'store', db: 'store-s1', ctx: cashierS2, doc: sale, refused: 'only accounts of store s1 write in store-s1' },
  { what: 'a sale is edited after the fact', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: { ...stored, total: 1 }, old: stored,
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: 'even an admin edits a sale', kind: 'store', db: 'store-s1', ctx: admin, doc: { ...stored, total: 1 }, old: stored,
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: 'a sale is deleted by a chain admin', kind: 'store', db: 'store-s1', ctx: admin, doc: { _id: sale._id, _rev: '2-b', _deleted: true }, old: stored,
    refused: `sale ${sale._id} is immutable: it cannot be deleted; record a correction instead` },
  { what: 'a store deletes a sale', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: { _id: sale._id, _rev: '2-b', _deleted: true }, old: stored,
    refused: `sale ${sale._id} is immutable: it cannot be deleted; record a correction instead` },
  { what: 'a store sends a tombstone as a fresh root (no stored ancestor, so no oldDoc)', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { _id: sale._id, _rev: '5-f', _revisions: { start: 5, ids: ['f', 'e', 'd', 'c', 'b'] }, _deleted: true },
    refused: `sale ${sale._id} is immutable: it cannot be deleted; record a correction instead` },
  { what: 'central deletes a forged branch of a sale (a tamper incident)', kind: 'store', db: 'store-s1', ctx: central,
    doc: { _id: sale._id, _rev: '2-b', _revisions: { start: 2, ids: ['b', 'f'] }, _deleted: true }, old: { ...stored, _rev: '1-f', total: 1 }, refused: null },
  { what: 'a store replicates a fresh root of generation 3 for a sale (CouchDB gives it no oldDoc)', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { ...sale, total: 1, _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] } },
    refused: `sale ${sale._id} is written once: only its first revision is accepted from a store (got generation 3)` },
  { what: 'a chain admin replicates a fresh root of generation 2 for a sale', kind: 'store', db: 'store-s1', ctx: admin,
    doc: { ...sale, _rev: '2-c', _revisions: { start: 2, ids: ['c', 'b'] } },
    refused: `sale ${sale._id} is written once: only its first revision is accepted from a store (got generation 2)` },
  { what: 'a store replicates a new sale as generation 1', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { ...sale, _rev: '1-a', _revisions: { start: 1, ids: ['a'] } }, refused: null },
  { what: 'a store revives a deleted sale on top of its tombstone', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { ...sale, _rev: '2-d', _revisions: { start: 2, ids: ['d'] } }, old: { _id: sale._id, _rev: '2-d', _deleted: true },
    refused: `sale ${sale._id} is written once: only its first revision is accepted from a store (got generation 2)` },
  { what: 'an admin changes a line of a sale while quarantining it (a nested field)', kind: 'store', db: 'store-s1', ctx: admin,
    doc: { ...stored, quarantined, lines: sale.lines.map((l, i) => (i === 0 ? { ...l, sku: 'PR-1001-NEG-26' } : l)) }, old: stored,
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: 'an admin lifts a quarantine (only the flag changes)', kind: 'store', db: 'store-s1', ctx: admin, doc: stored, old: { ...stored, quarantined }, refused: null },
  // The console's release (central/quarantine) relies on these: the flag and nothing else, and only an admin.
  { what: 'an admin releases a sale and changes its total in the same write', kind: 'store', db: 'store-s1', ctx: admin, doc: { ...stored, total: 1 }, old: { ...stored, quarantined },
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: "a store lifts its own sale's quarantine", kind: 'store', db: 'store-s1', ctx: cashierS1, doc: stored, old: { ...stored, quarantined },
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: 'an admin lifts a return\'s quarantine (only the flag changes)', kind: 'store', db: 'store-s1', ctx: admin, doc: storedReturn, old: { ...storedReturn, quarantined }, refused: null },
  { what: 'even central replaces a sale', kind: 'store', db: 'store-s1', ctx: central, doc: { ...stored, total: 1 }, old: stored,
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: 'a store attaches a file to its status', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { ...sale, _attachments: { 'big.bin': { content_type: 'application/octet-stream', data: 'AAAA' } } }, refused: 'attachments are not accepted in store-s1' },
  { what: 'an admin attaches a file in the catalog', kind: 'catalog', db: 'catalog', ctx: admin,
    doc: { ...customer, _attachments: { 'a.txt': { stub: true } } }, refused: 'attachments are not accepted in catalog' },
  { what: 'a store attaches a file to a customer', kind: 'customers', db: 'customers', ctx: cashierS1,
    doc: { ...customer, _attachments: { 'a.txt': { stub: true } } }, refused: 'attachments are not accepted in customers' },
  { what: 'an admin quarantines a sale (only the flag changes)', kind: 'store', db: 'store-s1', ctx: admin, doc: { ...stored, quarantined }, old: stored, refused: null },
  { what: 'a store quarantines its own sale', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: { ...stored, quarantined }, old: stored,
    refused: `sale ${sale._id} is immutable: record a correction instead` },
  { what: 'a stock movement is edited', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: { ...move, _rev: '2-x', lines: [{ sku: 'PR-1001-NEG-25.5', qty: -9 }] }, old: { ...move, _rev: '1-a' },
    refused: `move ${move._id} is immutable: record a correction instead` },
  { what: 'a cashier records a return in its own store', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: saleReturn, refused: null },
  { what: 'a cashier voids a sale', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: saleVoid, refused: null },
  { what: "store B records a return in store A's database", kind: 'store', db: 'store-s1', ctx: cashierS2, doc: saleReturn,
    refused: 'only accounts of store s1 write in store-s1' },
  { what: 'a return is edited after the fact', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { ...storedReturn, refunds: [{ method: 'card', amount: 50000 }] }, old: storedReturn,
    refused: `return ${saleReturn._id} is immutable: record a correction instead` },
  { what: 'a void is written again over the void of another till', kind: 'store', db: 'store-s1', ctx: cashierS1,
    doc: { ...saleVoid, device: 's1.pos2', _rev: '1-b' }, old: { ...saleVoid, _rev: '1-a' },
    refused: `return ${saleVoid._id} is immutable: record a correction instead` },
  { what: 'a return is deleted', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: { _id: saleReturn._id, _rev: '2-b', _deleted: true }, old: storedReturn,
    refused: `return ${saleReturn._id} is immutable: it cannot be deleted; record a correction instead` },
  { what: 'even a chain admin deletes a return', kind: 'store', db: 'store-s1', ctx: admin, doc: { _id: saleReturn._id, _rev: '2-b', _deleted: true }, old: storedReturn,
    refused: `return ${saleReturn._id} is immutable: it cannot be deleted; record a correction instead` },
  { what: 'an admin quarantines a return (only the flag changes)', kind: 'store', db: 'store-s1', ctx: admin, doc: { ...storedReturn, quarantined }, old: storedReturn, refused: null },
  { what: 'a store quarantines its own return', kind: 'store', db: 'store-s1', ctx: cashierS1, doc: { ...storedReturn, quarantined }, old: storedReturn,
    refused: `return ${saleReturn._id} is immutable: record a correction instead` },
  { what: 'an audit entry is changed', kind: 'audit', db: 'audit', ctx: admin, doc: { ...audit, actor: 'nobody' }, old: { ...audit, _rev: '1-a' },
    refused: `audit entry ${audit._id} is append-only: it cannot be changed or deleted` },
  { what: 'an audit entry is deleted', kind: 'audit', db: 'audit', ctx: admin, doc: { _id: audit._id, _rev: '2-b', _deleted: true }, old: { ...audit, _rev: '1-a' },
    refused: `audit entry ${audit._id} is append-only: it cannot be changed or deleted` },
  { what: 'a store writes an audit entry', kind: 'audit', db: 'audit', ctx: cashierS1, doc: audit, refused: 'only admins write the audit trail' },
  { what: 'an admin updates a conflict record', kind: 'audit', db: 'audit', ctx: admin, doc: { ...conflict, status: 'resolved' }, old: { ...conflict, _rev: '1-a' }, refused: null },
  { what: 'a conflict record is deleted', kind: 'audit', db: 'audit', ctx: admin, doc: { _id: conflict._id, _rev: '2-b', _deleted: true }, old: { ...conflict, _rev: '1-a' },
    refused: `${conflict._id} cannot be deleted from the audit trail` },
  { what: 'a store registers a customer', kind: 'customers', db: 'customers', ctx: cashierS1, doc: customer, refused: null },
  { what: 'a store deletes a customer', kind: 'customers', db: 'customers', ctx: cashierS1, doc: { _id: customer._id, _rev: '2-b', _deleted: true }, old: { ...customer, _rev: '1-a' },
    refused: 'only admins delete customers; merge duplicates instead' },
  { what: 'an account without a store role writes a customer', kind: 'customers', db: 'customers', ctx: { name: 'x', roles: [] }, doc: customer,
    refused: 'only store accounts and admins write customers' },
];

describe('design-docs permissions (validate_doc_update)', () => {
  for (const c of cases) {
    it(`${c.refused === null ? 'accepts' : 'refuses'}: ${c.what}`, () => {
      expect(couchSandbox(docs[c.kind]).validate(c.doc, { ...c.ctx, db: c.db }, c.old)).to.equal(c.refused);
    });
  }
});
