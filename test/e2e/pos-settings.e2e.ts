// The web POS in Chromium follows the settings an admin saves through the console's API, without
// a reload: a higher cashier discount limit (settings:pos) lets the cashier give a discount that
// needed a manager a moment before, and new sync settings (settings:sync) restart the till's
// replication with their batch size and heartbeat, seen in its own requests to central.
import { expect } from 'chai';
import { basic } from '../helpers/demo-central.js';
import { WAIT, deviceOf, eventually, logIn, scan, startPosRig, type PosRig } from '../helpers/pos-e2e.js';

const SKU = 'PS-M01-NEG-25.5'; // $599.00

describe('POS: settings an admin changes reach an open till (Chromium)', function () {
  let rig: PosRig;
  const requests: URL[] = [];
  const admin = async (p: string, value: unknown) => {
    const a = rig.account('chain-admin');
    const res = await fetch(`${rig.central.url}/api${p}`, { method: 'PUT', headers: { ...basic(a.name, a.password), 'Content-Type': 'application/json' }, body: JSON.stringify({ value }) });
    expect(res.status).to.equal(200);
  };

  before(async function () {
    rig = await startPosRig();
    rig.page.on('request', (r) => requests.push(new URL(r.url())));
    await logIn(rig, 'cashier-s1');
  });
  after(async function () {
    await rig?.stop();
  });

  /** Gives the line a 15 % discount; true when it applied without asking a manager. */
  async function discount15(): Promise<boolean> {
    const p = rig.page;
    await p.getByTestId('discount').click();
    await p.getByTestId('discount-value').fill('15');
    await p.getByTestId('discount-apply').click();
    const asked = p.getByRole('dialog', { name: 'Autorización de gerente' });
    const applied = p.locator('[data-testid="line-total"]').filter({ hasText: '$509.15' });
    await asked.or(applied).first().waitFor(WAIT);
    if (await applied.isVisible()) return true;
    await p.keyboard.press('Escape');
    await asked.waitFor({ state: 'hidden', timeout: 10_000 });
    return false;
  }

  it('lets a cashier give 15 % alone once an admin raises the limit from 10 % to 20 %', async function () {
    await scan(rig.page, SKU);
    expect(await discount15(), 'above the default 10 %: a manager is asked').to.equal(false);
    await admin('/config/pos', { cashierMaxDiscountPct: 20 });
    let alone = false;
    for (let i = 0; i < 20 && !alone; i++) {
      alone = await discount15();
      if (!alone) await rig.page.waitForTimeout(500);
    }
    expect(alone, 'the till followed the new limit without a reload').to.equal(true);
    await rig.shot('40-discount-under-new-limit');
  });

  it('replicates with the batch size and heartbeat of a new settings:sync, and reports its status at the new interval', async function () {
    const from = requests.length;
    await admin('/config/sync', { batchSize: 50, heartbeatMs: 4000, statusIntervalMs: 20_000 });
    const live = () => requests.slice(from).filter((u) => u.pathname === '/db/catalog/_changes' && u.searchParams.get('feed') === 'longpoll');
    for (let i = 0; i < 60 && !live().some((u) => u.searchParams.get('heartbeat') === '4000'); i++) await rig.page.waitForTimeout(500);
    const polls = live().filter((u) => u.searchParams.get('heartbeat') === '4000');
    expect(polls.length, 'a live catalog pull with the new heartbeat').to.be.greaterThan(0);
    expect(polls.every((u) => u.searchParams.get('limit') === '50')).to.equal(true);
    await rig.page.getByTestId('sync-state').filter({ hasText: 'En línea' }).waitFor(WAIT);
    const statusId = `store-status:s1:${await deviceOf(rig.page)}`;
    const reported = await eventually(async () => (await rig.couch<{ intervalMs?: number }>(`store-s1/${encodeURIComponent(statusId)}`)).intervalMs === 20_000);
    expect(reported, 'the till reports at the new interval').to.equal(true);
  });
});
