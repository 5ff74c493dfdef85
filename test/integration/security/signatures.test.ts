// Signed sales against a real central: a till enrolls its key, signs what it sells, and
// central verifies every sale that arrives. An altered sale, an unsigned one and one signed by
// a revoked key are quarantined (flagged, out of the stock view, audited, announced); key
// rotation keeps old and new sales valid.
import { expect } from 'chai';
import type { Central } from '../../../central/server.js';
import { buildSale, createNodePouch, deviceSigner, formatStamp, generateDeviceKey, type DeviceKey } from '../../../store-client/index.js';
import { startDemoCentral, type DemoAccount, type DemoCentral } from '../../helpers/demo-central.js';
import { readSse, type SseClient } from '../../helpers/sse.js';

type Account = Pick<DemoAccount, 'name' | 'password'>;
const PouchDB = createNodePouch();
const SKU = 'PS-M03-AZU-26';
const basic = (a: Account) => ({ Authorization: 'Basic ' + Buffer.from(`${a.name}:${a.password}`).toString('base64'), 'Content-Type': 'application/json' });

describe('signed sales (integration)', function () {
  this.timeout(120_000);
  let demo: DemoCentral;
  let central: Central;
  let device: Account;
  let manager: Account;
  let admin: Account;
  let sse: SseClient;
  let price: number;
  let n = 0;

  before(async function () {
    demo = await startDemoCentral();
    central = demo.central;
    device = demo.account('device-s1');
    manager = demo.account('manager-s1');
    admin = demo.account('chain-admin');
    sse = await readSse(`${central.url}/api/events`, basic(admin));
    price = ((await (await fetch(`${central.url}/db/catalog/product:${SKU}`, { headers: basic(admin) })).json()) as { price: number }).price;
  });
  after(async function () {
    sse?.close();
    await demo?.stop();
  });

  /** A manager enrols a new device; only an admin gives it another key. */
  const enroll = async (key: DeviceKey, who: Account = manager) => {
    const res = await fetch(`${central.url}/api/devices`, { method: 'POST', headers: basic(who), body: JSON.stringify({ store: 's1', device: 's1.pos7', publicJwk: key.publicJwk }) });
    expect(res.status).to.equal(201);
    return (await res.json()) as { keyId: string; rotated: boolean };
  };
  /** A sale at the catalog price, stamped now (central's rules check both). */
  const sale = (minute: number) => {
    const at = Date.now() - (10 - minute) * 60_000;
    return buildSale({ lines: [{ sku: SKU, qty: 1, unitPrice: price }], payments: [{ method: 'card', amount: price }] },
      { store: 's1', device: 's1.pos7', cashier: 'cashier-s1', businessDay: new Date(at).toISOString().slice(0, 10), stamp: formatStamp({ wallMs: at, counter: n++, node: 's1.pos7' }) });
  };
  /** Sends documents the way a till does: local PouchDB, replication with the device account. */
  const push = async (docs: object[]) => {
    const local = new PouchDB(`signatures-${Date.now()}-${n}`, { adapter: 'memory' });
    await local.bulkDocs(docs as never[]);
    await local.replicate.to(new PouchDB(`${central.url}/db/store-s1`, { auth: { username: device.name, password: device.password }, skip_setup: true } as never));
    await local.destroy();
  };
  const quarantineOf = (id: string) => sse.next((e) => e.type === 'sale.quarantined' && e.data.docId === id, 30_000);
  const atCentral = async (id: string) => (await fetch(`${central.url}/db/store-s1/${encodeURIComponent(id)}`, { headers: basic(admin) })).json() as Promise<Record<string, any>>;

  it('accepts signed sales, quarantines an altered, an unsigned and a revoked-key sale, and keeps rotation working', async function () {
    const keyA = await generateDeviceKey();
    expect(await enroll(keyA)).to.deep.equal({ keyId: keyA.keyId, rotated: false });
    const good = await deviceSigner(keyA).sign(sale(1));
    const signed = await deviceSigner(keyA).sign(sale(2));
    // Same total rule, a different price: the old signature no longer covers it (and the
    // signature is checked first: that is the reason given).
    const altered = { ...signed, lines: [{ ...signed.lines[0]!, unitPrice: 100 }], total: 100, payments: [{ method: 'card' as const, amount: 100 }] };
    const unsigned = sale(3);
    await push([good, altered, unsigned]);
    expect((await quarantineOf(altered._id)).data.reason).to.match(/does not match/);
    expect((await quarantineOf(unsigned._id)).data.reason).to.equal('unsigned');
    expect(await atCentral(good._id)).to.not.have.property('quarantined');
    expect((await atCentral(altered._id)).quarantined.reason).to.match(/does not match/);

    // Rotation (an admin's): B becomes active, A retired. Sales by either verify.
    const keyB = await generateDeviceKey();
    expect(await enroll(keyB, admin)).to.deep.equal({ keyId: keyB.keyId, rotated: true });
    const byB = await deviceSigner(keyB).sign(sale(4));
    const byRetiredA = await deviceSigner(keyA).sign(sale(5));
    // A sale from a device that never enrolled is quarantined; being last in the feed, its
    // notice also tells us the two before it have been verified.
    const marker = { ...sale(6), _id: sale(6)._id.replace(/-s1\.pos7$/, '-s1.pos8'), device: 's1.pos8' };
    await push([byB, byRetiredA, marker]);
    expect((await quarantineOf(marker._id)).data.reason).to.match(/unsigned|unknown device/);
    expect(await atCentral(byB._id)).to.not.have.property('quarantined');
    expect(await atCentral(byRetiredA._id)).to.not.have.property('quarantined');

    // Revocation (a stolen till): what A signs from now on is quarantined.
    const revokeRes = await fetch(`${central.url}/api/devices/s1/s1.pos7/keys/${keyA.keyId}/revoke`, { method: 'POST', headers: basic(admin) });
    expect(revokeRes.status).to.equal(200);
    const afterRevoke = await deviceSigner(keyA).sign(sale(7));
    await push([afterRevoke]);
    expect((await quarantineOf(afterRevoke._id)).data.reason).to.match(/revoked/);
    expect((await atCentral(afterRevoke._id)).quarantined.reason).to.match(/revoked/);
  });

  it('leaves quarantined sales out of the stock view', async function () {
    const view = async () => ((await (await fetch(`${central.url}/db/store-s1/_design/pronto/_view/stock?key=${encodeURIComponent(JSON.stringify(['s1', SKU]))}`, { headers: basic(admin) })).json()) as { rows: Array<{ value: number }> }).rows[0]?.value ?? 0;
    const moves = await (await fetch(`${central.url}/db/store-s1/_all_docs?startkey="move:"&endkey="move%3B"&include_docs=true`, { headers: basic(admin) })).json() as { rows: Array<{ doc: any }> };
    const opening = moves.rows.flatMap((r) => r.doc.lines).filter((l: any) => l.sku === SKU).reduce((s: number, l: any) => s + l.qty, 0);
    const sales = await (await fetch(`${central.url}/db/store-s1/_all_docs?startkey="sale:"&endkey="sale%3B"&include_docs=true`, { headers: basic(admin) })).json() as { rows: Array<{ doc: any }> };
    const sold = sales.rows.filter((r) => !r.doc.quarantined).flatMap((r) => r.doc.lines).filter((l: any) => l.sku === SKU).reduce((s: number, l: any) => s + l.qty, 0);
    expect(sales.rows.filter((r) => r.doc.quarantined).length).to.be.greaterThan(0);
    expect(moves.rows.filter((r) => r.doc.quarantined), 'central signs the opening stock it writes').to.deep.equal([]);
    expect(await view()).to.equal(opening - sold);
  });

  it('audits quarantines and key changes', async function () {
    const res = await (await fetch(`${central.url}/api/audit?limit=500`, { headers: basic(admin) })).json() as { entries: Array<{ action: string }> };
    expect(res.entries.map((e) => e.action)).to.include.members(['sale.quarantined', 'device.key-added', 'device.key-rotated', 'device.key-revoked']);
  });
});
