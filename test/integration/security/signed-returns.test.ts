// Returns against a real central: verified and quarantined exactly like sales (an unsigned
// return from a till is flagged, audited, announced and left out of the returns views; a signed
// one is left alone), and a sale voided at two tills at once (one void id per sale, so a revision
// conflict) keeps the first void and removes the other, audited and announced.
import { expect } from 'chai';
import type { Central } from '../../../central/server.js';
import {
  buildReturn, buildSale, buildVoid, createNodePouch, deviceSigner, generateDeviceKey, type DocSigner,
} from '../../../store-client/index.js';
import { startDemoCentral, type DemoAccount, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient } from '../../helpers/sse.js';

type Account = Pick<DemoAccount, 'name' | 'password'>;
const PouchDB = createNodePouch();
const basic = (a: Account) => ({ Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64'), 'Content-Type': 'application/json' });

describe('signed returns (integration)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;
  let central: Central;
  let device: Account;
  /** Enrols the till's key: a manager of its store (the device account replicates). */
  let manager: Account;
  let admin: Account;
  let sse: SseClient;
  let signer: DocSigner;
  let n = 0;

  before(async function () {
    demo = await startDemoCentral();
    central = demo.central;
    device = demo.account('device-s1');
    manager = demo.account('manager-s1');
    admin = demo.account('chain-admin');
    sse = await readSse(`${central.url}/api/events`, basic(admin));
    const key = await generateDeviceKey();
    const res = await fetch(`${central.url}/api/devices`, { method: 'POST', headers: basic(manager), body: JSON.stringify({ store: 's1', device: 's1.pos7', publicJwk: key.publicJwk }) });
    expect(res.status).to.equal(201);
    signer = deviceSigner(key);
  });
  after(async function () {
    sse?.close();
    await demo?.stop();
  });

  const ctx = () => ({ store: 's1', device: 's1.pos7', cashier: 'cashier-s1', businessDay: '2026-11-24',
    stamp: `2026-11-24T15:00:00.000Z-${(n++).toString(16).padStart(4, '0')}-s1.pos7` });
  const sale = () => buildSale({ lines: [{ sku: 'PS-M05-NEG-25', qty: 2, unitPrice: 79_900, discount: 900 }], payments: [{ method: 'card', amount: 158_900 }] }, ctx());
  const giveBack = (s: ReturnType<typeof sale>) => buildReturn(s, [], { lines: [{ line: 0, qty: 1 }], refundMethod: 'card', reason: 'scuffed', approvedBy: 'manager-s1' }, ctx());
  const atCentral = async (id: string) => (await fetch(`${central.url}/db/store-s1/${encodeURIComponent(id)}?conflicts=true`, { headers: basic(admin) })).json() as Promise<Record<string, any>>;
  const quarantineOf = (id: string) => sse.next((e) => e.type === 'sale.quarantined' && e.data.docId === id, 30_000);
  /** Sends documents the way a till does: local PouchDB, replication with the device account. */
  const push = async (docs: object[]) => {
    const local = new PouchDB(`signed-returns-${Date.now()}-${n}`, { adapter: 'memory' });
    await local.bulkDocs(docs as never[]);
    await local.replicate.to(new PouchDB(`${central.url}/db/store-s1`, { auth: { username: device.name, password: device.password }, skip_setup: true } as never));
    await local.destroy();
  };

  it('quarantines an unsigned return written by a store account and leaves a signed one alone', async function () {
    const s = await signer.sign(sale());
    const signed = await signer.sign(giveBack(s));
    const unsigned = giveBack(s);
    // The unsigned one last: its notice also tells us the signed one before it was verified.
    await push([s, signed, unsigned]);
    expect((await quarantineOf(unsigned._id)).data).to.include({ db: 'store-s1', reason: 'unsigned', device: 's1.pos7' });
    expect(await atCentral(signed._id)).to.not.have.property('quarantined');
    expect((await atCentral(unsigned._id)).quarantined.reason).to.equal('unsigned');
    const audit = (await (await fetch(`${central.url}/api/audit?limit=500`, { headers: basic(admin) })).json()) as { entries: Array<{ action: string; details?: any }> };
    const flagged = audit.entries.filter((e) => e.action === 'sale.quarantined').flatMap((e) => e.details.documents.map((d: { id: string }) => d.id));
    expect(flagged).to.include(unsigned._id).and.not.include(signed._id);
    const bySale = (await (await fetch(`${central.url}/db/store-s1/_design/pronto/_view/returns-by-sale?key=${encodeURIComponent(JSON.stringify(s._id))}`,
      { headers: basic(admin) })).json()) as { rows: Array<{ id: string }> };
    expect(bySale.rows.map((r) => r.id)).to.deep.equal([signed._id]);
  });

  it('settles a sale voided at two tills at once: keeps the first void, removes the other, audits and announces it', async function () {
    const s = await signer.sign(sale());
    const voidOf = async (cashier: string, minute: number, rev: string) => ({
      ...(await signer.sign({ ...buildVoid(s, [], { reason: 'wrong ticket', approvedBy: 'manager-s1' }, { ...ctx(), stamp: `2026-11-24T15:${minute}:00.000Z-0000-s1.pos7` }), cashier })),
      _rev: `1-${rev}`, _revisions: { start: 1, ids: [rev] },
    });
    const unsigned = giveBack(await signer.sign(sale()));
    // The later void sorts higher, so CouchDB alone would make it the winner.
    const docs = [await voidOf('ana', 10, 'a1'), await voidOf('luis', 20, 'b2'), { ...unsigned, _rev: '1-c3', _revisions: { start: 1, ids: ['c3'] } }];
    // Both leaves land together, as when two tills' replications race: a revision conflict.
    const res = await fetch(`${central.url}/db/store-s1/_bulk_docs`, { method: 'POST', headers: basic(admin), body: JSON.stringify({ docs, new_edits: false }) });
    expect(res.status).to.equal(201);
    expect((await quarantineOf(unsigned._id)).data.reason).to.equal('unsigned');
    const event = await sse.next((e) => e.type === 'void.twice' && e.data.docId === docs[0]!._id, 30_000);
    expect(event.data).to.deep.include({ kept: '1-a1' });
    expect(event.data.removed.map((r: { rev: string }) => r.rev)).to.deep.equal(['1-b2']);
    const kept = await atCentral(docs[0]!._id);
    expect(kept).to.include({ _rev: '1-a1', cashier: 'ana' }).and.not.have.property('_conflicts');
    expect(kept).to.not.have.property('quarantined');
    expect(sse.seen.filter((e) => e.type.startsWith('conflict.') && e.data.docId === docs[0]!._id), 'never a conflict merge').to.deep.equal([]);
  });
});
