// Issue 11's main story in Chromium against a real central: a chain admin sets the products policy
// to `manual`; two tills of store s1 hold catalog replicas (real PouchDB, replicating through
// central's /db) and edit the same product's price offline; on reconnecting, the conflict reaches
// the queue live, without a reload; the admin builds the merge field by field, taking the price
// from one till and the name from the other; it leaves the queue, central and, after their next
// pull, both tills hold the merged product; the audit page names who resolved it and the chain
// verifies. Then a bulk action settles several conflicts at once. axe and a screenshot per page.
//
// Who writes products: the catalog's validate_doc_update (design-docs/src/catalog) accepts only
// admins, so a till never pushes a product with its store's credentials. The tills here are what
// a store holds: a catalog replica pulled with the store's device account (as SyncManager does).
// The offline edits are an admin's, made on each till's replica while the store is offline, and
// pushed through /db with that admin's credentials when it comes back (checkpoint kept on the till:
// /db keeps catalog `_local` documents read-only): real replication of two offline branches, the
// one way CouchDB accepts a product edit coming from a store.
import { expect } from 'chai';
import { createNodePouch } from '../../store-client/pouch-node.js';
import { logInToConsole, seriousA11yViolations, startAdminRig, WAIT, type AdminRig } from '../helpers/admin-e2e.js';
import { queueProductConflicts, setProductPolicy } from '../helpers/queued-conflicts.js';

const PouchDB = createNodePouch();
type Product = { _id: string; _rev: string; price: number; name: string; updatedAt: string; updatedBy: string } & Record<string, unknown>;

describe('admin console: settling a conflict between two tills by merging (Chromium)', function () {
  let rig: AdminRig;
  const tills: PouchDB.Database[] = [];
  const ID = 'product:PS-M01-NEG-25';

  const remote = (who: string) => {
    const a = rig.account(who);
    return new PouchDB(`${rig.central.url}/db/catalog`, { skip_setup: true, auth: { username: a.name, password: a.password } } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  };
  /** A till's catalog pull, with the store's device account. */
  const pull = (till: PouchDB.Database) => till.replicate.from(remote('device-s1'), { doc_ids: [ID] });
  const stamp = (msAgo: number, node: string) => `${new Date(Date.now() - msAgo).toISOString()}-0000-${node}`;

  before(async function () {
    rig = await startAdminRig();
    for (let i = 0; i < 2; i++) tills.push(new PouchDB(`till-${i}-${Date.now()}`, { adapter: 'memory' }));
  });

  after(async function () {
    for (const till of tills) await till.destroy();
    await rig?.stop();
  });

  it('shows the two tills\' offline edits as a conflict in the filtered queue, live, without a reload', async function () {
    const { page } = rig;
    await setProductPolicy(rig, 'manual');
    for (const till of tills) await pull(till);
    const product = await tills[0]!.get<Product>(ID);
    await logInToConsole(rig);
    await page.goto(`${rig.central.url}/admin/#/conflicts?type=product`);
    await page.getByTestId('conflicts-empty').waitFor(WAIT);
    expect(await page.getByTestId('filter-type').inputValue(), 'the filter comes from the address').to.equal('product');
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

    // Offline, each till's replica takes an edit of the same product.
    const a = await tills[0]!.get<Product>(ID);
    await tills[0]!.put({ ...a, price: product.price + 100_00, updatedAt: stamp(4000, 's1.pos1'), updatedBy: 'chain-admin' });
    const b = await tills[1]!.get<Product>(ID);
    await tills[1]!.put({ ...b, price: product.price + 250_00, name: `${product.name} (liquidación)`, updatedAt: stamp(2000, 's1.pos2'), updatedBy: 'chain-admin' });
    // Back online: both push, both pull.
    // The checkpoint stays on the till: /db keeps catalog `_local` documents read-only (door-rules.ts).
    for (const till of tills) await till.replicate.to(remote('chain-admin'), { doc_ids: [ID], checkpoint: 'source' } as PouchDB.Replication.ReplicateOptions);
    for (const till of tills) await pull(till);

    const row = page.locator(`[data-testid="conflict-row"][data-doc="${ID}"]`);
    await row.waitFor(WAIT);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'no reload').to.equal(42);
    await page.getByTestId('conflicts-total').filter({ hasText: 'de 1' }).waitFor(WAIT);
    await rig.shot('merge-01-queue-filtered');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });

  it('builds the merge from both tills\' revisions, validated live, and applies it', async function () {
    const { page } = rig;
    await page.locator(`[data-testid="conflict-row"][data-doc="${ID}"]`).getByRole('link').click();
    await page.locator('tr[data-field="price"][data-differs="true"]').waitFor(WAIT);
    const revs = await page.getByTestId('rev-head').evaluateAll((ths) => ths.map((th) => ({ rev: th.getAttribute('data-rev')!, text: th.textContent ?? '' })));
    expect(revs).to.have.length(2);
    const pos1 = revs.find((r) => r.text.includes('s1.pos1'))!;
    const pos2 = revs.find((r) => r.text.includes('s1.pos2'))!;
    expect(pos1, 'who wrote each revision').to.not.equal(undefined);
    expect(pos2.text).to.contain('chain-admin');
    // What each strategy would produce, from central's own functions.
    await page.locator('[data-testid="preview-kind"][data-strategy="lww"]').waitFor(WAIT);
    expect(await page.getByTestId('preview-kind').count()).to.equal(3);

    const central = await rig.central.state.couch.nano.use('catalog').get(ID, { open_revs: 'all' } as never) as unknown as Array<{ ok: Product }>;
    const bodyOf = (rev: string) => central.find((l) => l.ok._rev === rev)!.ok;
    await page.locator(`[data-testid="use"][data-field="price"][data-rev="${pos1.rev}"]`).check();
    await page.locator(`[data-testid="use"][data-field="name"][data-rev="${pos2.rev}"]`).check();
    await page.locator('[data-testid="merge-check"][data-ok="true"]').waitFor(WAIT);
    const merged = { price: bodyOf(pos1.rev).price, name: bodyOf(pos2.rev).name };
    expect(await page.locator('tr[data-field="price"] [data-testid="merged-value"]').textContent()).to.equal(String(merged.price));
    expect(await page.locator('tr[data-field="name"] [data-testid="merged-value"]').textContent()).to.equal(merged.name);
    await rig.shot('merge-02-detail-builder');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);

    await page.getByTestId('apply-merge').click();
    await page.getByTestId('resolved-status').filter({ hasText: 'chain-admin' }).waitFor(WAIT);
    await page.locator('[data-testid="result"] tr[data-field="price"]').filter({ hasText: String(merged.price) }).waitFor(WAIT);
    await rig.shot('merge-03-detail-resolved');

    await page.getByRole('link', { name: 'Volver a la cola' }).click();
    await page.goto(`${rig.central.url}/admin/#/conflicts?type=product`);
    await page.getByTestId('conflicts-empty').waitFor(WAIT);

    const atCentral = await rig.central.state.couch.nano.use('catalog').get(ID, { conflicts: true } as never) as unknown as Product & { _conflicts?: string[] };
    expect(atCentral).to.include({ ...merged, updatedBy: 'chain-admin' });
    expect(atCentral._conflicts ?? []).to.deep.equal([]);
    for (const [i, till] of tills.entries()) {
      await pull(till);
      const local = await till.get<Product>(ID, { conflicts: true });
      expect(local, `till ${i + 1}`).to.include(merged);
      expect(local._conflicts ?? [], `till ${i + 1} has no conflict left`).to.deep.equal([]);
    }
  });

  it('shows on the audit page who resolved it, and the chain verifies', async function () {
    const { page } = rig;
    await page.getByRole('link', { name: 'Auditoría' }).click();
    const entry = page.getByTestId('audit-row').filter({ hasText: 'conflict.resolved' }).filter({ hasText: ID });
    await entry.first().waitFor(WAIT);
    expect(await entry.first().textContent()).to.contain('chain-admin');
    await page.getByTestId('verify').click();
    await page.locator('[data-testid="verify-result"] [data-ok]').waitFor(WAIT);
    expect(await page.locator('[data-testid="verify-result"] [data-ok]').getAttribute('data-ok')).to.equal('true');
  });

  it('settles selected conflicts, then every one matching the filter, with one strategy', async function () {
    const { page } = rig;
    const queued = await queueProductConflicts(rig, 4, 40);
    await page.goto(`${rig.central.url}/admin/#/conflicts?q=product:`);
    for (const c of queued) await page.locator(`[data-testid="conflict-row"][data-id="${c.recordId}"]`).waitFor(WAIT);
    for (const c of queued.slice(0, 2)) await page.locator(`[data-testid="conflict-row"][data-id="${c.recordId}"] [data-testid="select-row"]`).check();
    await page.getByTestId('bulk-strategy').selectOption('central-wins');
    await page.getByTestId('bulk-selected').filter({ hasText: '2' }).waitFor(WAIT);
    await rig.shot('merge-04-bulk-selected');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
    await page.getByTestId('bulk-selected').click();
    await page.getByTestId('bulk-result').filter({ hasText: '2 resueltos, 0 ya estaban resueltos, 0 fallaron' }).waitFor(WAIT);
    for (const c of queued.slice(0, 2)) await page.locator(`[data-testid="conflict-row"][data-id="${c.recordId}"]`).waitFor({ state: 'detached', ...WAIT });
    for (const c of queued.slice(0, 2)) expect((await rig.central.state.couch.nano.use<Product>('catalog').get(c.docId)).price, 'central-wins').to.equal(c.adminPrice);

    await page.getByTestId('bulk-strategy').selectOption('lww');
    await page.getByTestId('bulk-matching').click();
    await page.getByTestId('bulk-result').filter({ hasText: '2 resueltos' }).waitFor(WAIT);
    await page.getByTestId('conflicts-empty').waitFor(WAIT);
    await rig.shot('merge-05-bulk-done');
    for (const c of queued.slice(2)) expect((await rig.central.state.couch.nano.use<Product>('catalog').get(c.docId)).price, 'lww').to.equal(c.tillPrice);
  });

  it('pages through a queue of 10,000 conflicts on the server, a page at a time', async function () {
    const { page } = rig;
    const nano = rig.central.state.couch.nano;
    const dbs = ['catalog', 'store-s1', 'store-s2', 'customers'] as const;
    const types = { catalog: 'product', 'store-s1': 'settings', 'store-s2': 'settings', customers: 'customer' } as const;
    const at = (i: number) => `2026-11-2${i % 7}T1${i % 10}:00:00.000Z-${(i % 65536).toString(16).padStart(4, '0')}-central`;
    for (let batch = 0; batch < 5; batch++) {
      const docs = Array.from({ length: 2000 }, (_, j) => {
        const i = batch * 2000 + j;
        const db = dbs[i % 4]!;
        const docId = `${types[db]}:load${String(i).padStart(5, '0')}`;
        return { _id: `conflict:${db}:${docId}:${i.toString(16).padStart(16, '0')}`, type: 'conflict', db, docId, status: 'pending', strategy: 'manual', kind: 'revision',
          reason: 'seeded', revisions: [`1-${'a'.repeat(32)}`, `1-${'b'.repeat(32)}`], detectedAt: at(i), updatedAt: at(i), updatedBy: 'central' };
      });
      const res = await nano.use('audit').bulk({ docs });
      expect(res.filter((r) => 'error' in r && r.error)).to.deep.equal([]);
    }
    const started = Date.now();
    await page.goto(`${rig.central.url}/admin/#/conflicts`);
    await page.getByTestId('conflicts-total').filter({ hasText: '1–50 de 10,000' }).waitFor({ timeout: 120_000 });
    const firstLoad = Date.now() - started;
    expect(await page.getByTestId('conflict-row').count(), 'one page, never the whole queue').to.equal(50);
    const t0 = Date.now();
    await page.getByTestId('page-next').click();
    await page.getByTestId('conflicts-total').filter({ hasText: '51–100 de 10,000' }).waitFor(WAIT);
    const next = Date.now() - t0;
    await page.getByTestId('page-previous').click();
    await page.getByTestId('conflicts-total').filter({ hasText: '1–50 de 10,000' }).waitFor(WAIT);
    await page.goto(`${rig.central.url}/admin/#/conflicts?store=s1`);
    await page.getByTestId('conflicts-total').filter({ hasText: 'de 2,500' }).waitFor(WAIT);
    console.log(`      10,000 conflicts: first page ${firstLoad} ms (view index built on first read), next page ${next} ms`);
    await rig.shot('merge-06-queue-10000');
  });

  it('shows a store manager their store\'s queue read-only: no selection, no bulk action', async function () {
    const { page } = rig;
    await page.getByTestId('logout').click();
    await page.getByTestId('login-notice').waitFor(WAIT);
    await logInToConsole(rig, 'manager-s1');
    await page.goto(`${rig.central.url}/admin/#/conflicts`);
    await page.getByTestId('conflicts-total').filter({ hasText: 'de 2,500' }).waitFor(WAIT);
    await page.getByTestId('read-only').waitFor(WAIT);
    expect(await page.getByTestId('bulk-bar').count()).to.equal(0);
    expect(await page.getByTestId('select-row').count()).to.equal(0);
    expect(await page.getByTestId('filter-store').isDisabled()).to.equal(true);
    await rig.shot('merge-07-queue-manager');
    expect(await seriousA11yViolations(page)).to.deep.equal([]);
  });
});
