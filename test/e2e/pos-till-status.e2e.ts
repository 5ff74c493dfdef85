// The till's upkeep in real Chromium against a real central: its status report reaches central
// (/api/stores: state, pending, build, storage, clock offset, not stale); one tab of the browser
// sells at a time (a second tab says so and can take the till over, the first one then stops);
// and a device clock six hours ahead is measured against central, shown, reported, and does not
// stamp the sales: they carry central's time and day, and central does not quarantine them.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { basic } from '../helpers/demo-central.js';
import { WAIT, centralSales, deviceOf, eventually, logIn, payCash, scan, startPosRig, type PosRig } from '../helpers/pos-e2e.js';

const SKU = 'PS-M01-NEG-25.5';
const HOUR = 3_600_000;

interface TillReport {
  _id: string; device: string; state: string; pending: number; appVersion?: string; stale: boolean; lastHeardAt: string | null; verified: boolean;
  storage?: { persisted: boolean; usage?: number; quota?: number }; clockOffsetMs?: number; clockSkewed?: boolean; intervalMs?: number; reportedAt?: string;
}

describe('POS till status, tabs and clock (Chromium)', function () {
  let rig: PosRig;

  const tillAtCentral = async (device: string): Promise<TillReport | undefined> => {
    const admin = rig.account('chain-admin');
    const res = await fetch(`${rig.central.url}/api/stores`, { headers: basic(admin.name, admin.password) });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { stores: Array<{ store: string; tills: TillReport[] }> };
    return body.stores.find((s) => s.store === 's1')?.tills.find((t) => t.device === device);
  };

  const sell = async (page: Page) => {
    await scan(page, SKU);
    await payCash(page, '3000');
  };

  before(async function () {
    rig = await startPosRig();
  });
  after(async function () {
    await rig?.stop();
  });

  it('reports the till to central, signed: online, nothing pending, build, storage and clock, not stale', async function () {
    await logIn(rig, 'cashier-s1');
    const device = await deviceOf(rig.page);
    expect(await eventually(async () => {
      const till = await tillAtCentral(device);
      return till?.state === 'online' && till.clockOffsetMs !== undefined && till.storage !== undefined;
    }, 60_000), 'the till at /api/stores').to.equal(true);
    const till = (await tillAtCentral(device))!;
    expect(till).to.include({ pending: 0, stale: false, verified: true, intervalMs: 20_000, clockSkewed: false });
    expect(till.appVersion).to.match(/^\d+\.\d+\.\d+/);
    expect(Math.abs(till.clockOffsetMs!)).to.be.below(5000);
    expect(till.lastHeardAt).to.be.a('string');
    // What the till shows matches what it reported: a refused persistence is on screen.
    const persisted = await rig.page.evaluate(() => navigator.storage.persisted());
    expect(till.storage!.persisted).to.equal(persisted);
    expect(await rig.page.getByTestId('storage-warning').isVisible()).to.equal(!persisted);
    await rig.shot('till-status-reported');
  });

  it('shows a status no till signed as unverified and stale, whatever time it claims', async function () {
    const cashier = rig.account('cashier-s1');
    const now = new Date().toISOString();
    const forged = {
      _id: 'store-status:s1:s1.ghost', type: 'store-status', updatedAt: `${now}-0000-s1.ghost`, updatedBy: cashier.name,
      store: 's1', device: 's1.ghost', state: 'online', pending: 0, reportedAt: new Date(Date.now() + HOUR).toISOString(), intervalMs: 60_000,
    };
    const res = await fetch(`${rig.central.url}/db/store-s1/${encodeURIComponent(forged._id)}`, {
      method: 'PUT', headers: { ...basic(cashier.name, cashier.password), 'Content-Type': 'application/json' }, body: JSON.stringify(forged),
    });
    expect(res.status, await res.clone().text()).to.equal(201);
    const ghost = (await tillAtCentral('s1.ghost'))!;
    expect(ghost).to.include({ verified: false, stale: true, lastHeardAt: null });
  });

  it('lets one tab sell at a time: a second tab says so, takes over on request, and the first stops', async function () {
    const first = rig.page;
    const device = await deviceOf(first);
    const second = await rig.context.newPage();
    second.setDefaultTimeout(30_000);
    await second.goto(`${rig.central.url}/pos/`);
    await second.getByTestId('tab-elsewhere').waitFor(WAIT);
    // The first tab sells on, undisturbed.
    await sell(first);
    await second.getByTestId('take-over').click();
    await first.getByTestId('tab-taken-over').waitFor(WAIT);
    await second.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
    await sell(second);
    expect(await eventually(async () => (await centralSales(rig, device)).length === 2, 30_000), 'both sales at central').to.equal(true);
    await rig.shot('till-taken-over');
    // And back: the first tab takes the till again, the second one stops.
    await first.getByTestId('take-over').click();
    await second.getByTestId('tab-taken-over').waitFor(WAIT);
    await first.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });
    await sell(first);
    expect(await eventually(async () => (await centralSales(rig, device)).length === 3, 30_000), 'the third sale at central').to.equal(true);
    await second.close();
  });

  it('measures a device clock six hours ahead against central: says so, reports it, and stamps sales with central\'s time', async function () {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    await context.addInitScript(`{
      const shift = ${6 * HOUR};
      const RealDate = Date;
      class AheadDate extends RealDate {
        constructor(...args) { if (args.length === 0) super(RealDate.now() + shift); else super(...args); }
        static now() { return RealDate.now() + shift; }
      }
      globalThis.Date = AheadDate;
    }`);
    const before = rig.page;
    rig.page = await context.newPage();
    rig.page.setDefaultTimeout(30_000);
    try {
      await logIn(rig, 'cashier-s1');
      const page = rig.page;
      await page.getByTestId('clock-warning').filter({ hasText: '6 h' }).waitFor(WAIT);
      const device = await deviceOf(page);
      const reported = await eventually(async () => (await tillAtCentral(device))?.clockSkewed === true, 60_000);
      expect(reported, `skew reported: ${JSON.stringify(await tillAtCentral(device))}`).to.equal(true);
      const till = (await tillAtCentral(device))!;
      expect(till.clockOffsetMs!).to.be.within(-6 * HOUR - 5000, -6 * HOUR + 5000);
      await rig.shot('till-clock-ahead');
      await sell(page);
      let sale: Awaited<ReturnType<typeof centralSales>>[number] | undefined;
      expect(await eventually(async () => ((sale = (await centralSales(rig, device))[0]) !== undefined), 30_000), 'the sale at central').to.equal(true);
      const full = await rig.couch<{ _id: string; businessDay: string; quarantined?: unknown }>(`store-s1/${encodeURIComponent(sale!.id)}`);
      const stampMs = Date.parse(full._id.split(':').slice(2).join(':').slice(0, 24));
      expect(Math.abs(stampMs - Date.now()), 'the sale stamped near central\'s time').to.be.below(10 * 60_000);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date(stampMs));
      expect(full.businessDay).to.equal(today);
      expect(full.quarantined).to.equal(undefined);
    } finally {
      rig.page = before;
      await context.close();
    }
  });
});
