// The same invalid documents that the Node validator refuses are refused by the server, with the
// same message naming the field: on a direct PUT, and on replication (_bulk_docs, new_edits:false).
import { expect } from 'chai';
import { createNodePouch } from '../../../store-client/pouch-node.js';
import { isValid } from '../../../validators/index.js';
import { invalidDocs } from '../../unit/validators/fixtures.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';

const PouchDB = createNodePouch();
const SERVER_DBS = new Set(['store-s1', 'store-s2', 'catalog', 'customers', 'audit']);
const cases = invalidDocs.filter((c): c is { doc: { _id: string }; db: string; message: string } =>
  c.db !== undefined && SERVER_DBS.has(c.db) && typeof (c.doc as { _id?: unknown })._id === 'string');

describe('validate_doc_update on the server', function () {
  let couch: TestCouch;
  let admin: Record<string, string>;

  before(async function () {
    couch = await startTestCouch();
    await couch.createStore('s1');
    await couch.createStore('s2');
    admin = { Authorization: 'Basic ' + Buffer.from(`${couch.adminAuth.username}:${couch.adminAuth.password}`).toString('base64') };
  });
  after(async () => couch?.stop());

  it('has invalid cases for every database kind', function () {
    expect(new Set(cases.map((c) => c.db.replace(/^store-.*/, 'store')))).to.have.keys('store', 'catalog', 'customers', 'audit');
  });

  it('refuses each invalid document on PUT with the message the Node validator gives', async function () {
    for (const { doc, db, message } of cases) {
      expect(isValid(doc, { db }), `node: ${message}`).to.equal(message);
      const res = await fetch(`${couch.url}/${db}/${encodeURIComponent(doc._id)}`, {
        method: 'PUT', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify(doc),
      });
      const body = (await res.json()) as { error: string; reason: string };
      expect({ status: res.status, ...body }, `server: ${message}`).to.deep.equal({ status: 403, error: 'forbidden', reason: message });
    }
  });

  it('accepts a new revision of an existing document on replication (an edit made offline)', async function () {
    const remote = new PouchDB(`${couch.url}/customers`, { auth: couch.adminAuth, skip_setup: true } as never);
    const id = 'customer:33333333-3333-4333-8333-333333333333';
    const stamp = '2026-11-24T10:00:00.000Z-0000-s1.pos1';
    await remote.put({ _id: id, type: 'customer', name: 'Antes', updatedAt: stamp, updatedBy: 'x' });
    const local = new PouchDB(`validation-edit-${Date.now()}`, { adapter: 'memory' });
    await local.replicate.from(remote);
    const doc = await local.get(id);
    await local.put({ ...doc, name: 'Después' });
    const result = await local.replicate.to(remote);
    expect(result.docs_written).to.equal(1);
    expect(await remote.get(id)).to.include({ name: 'Después' });
    await local.destroy();
  });

  it('refuses each invalid document on replication, naming the field, and it never reaches central', async function () {
    for (const [i, { doc, db, message }] of cases.entries()) {
      const local = new PouchDB(`validation-${i}-${Date.now()}`, { adapter: 'memory' });
      await local.put(doc as never);
      const remote = new PouchDB(`${couch.url}/${db}`, { auth: couch.adminAuth, skip_setup: true } as never);
      const denied: string[] = [];
      const result = await new Promise<{ docs_written: number }>((resolve, reject) => {
        local.replicate.to(remote).on('denied', (e: unknown) => denied.push((e as { message?: string }).message ?? String(e)))
          .on('complete', (info) => resolve(info as never)).on('error', reject);
      });
      expect({ denied, written: result.docs_written }, message).to.deep.equal({ denied: [message], written: 0 });
      const atCentral = await remote.allDocs({ key: doc._id });
      expect(atCentral.rows.filter((r) => 'value' in r && r.value && !(r.value as { deleted?: boolean }).deleted), message).to.have.length(0);
      await local.destroy();
    }
  });
});
