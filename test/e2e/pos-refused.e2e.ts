// A sale central refuses, at the web POS in real Chromium against a real central: as an old POS
// build meeting stricter design docs would, the till records a sale that central's
// validate_doc_update now forbids. The sale stays on the till, is not counted as pending, and
// the status bar shows how many central refused with the reason of each, in both languages.
import { expect } from 'chai';
import { WAIT, logIn, payCash, scan, startPosRig, type PosRig } from '../helpers/pos-e2e.js';
import { docsShot } from '../helpers/docs-shot.js';

const WITHDRAWN = 'PS-M03-BLA-27';

describe('POS: a sale central refuses (Chromium)', function () {
  let rig: PosRig;

  before(async function () {
    rig = await startPosRig();
    await logIn(rig, 'cashier-s1');
  });

  after(async function () {
    await rig?.stop();
  });

  it('keeps the refused sale on the till, apart from pending, and shows the count with the reason of each', async function () {
    const p = rig.page;
    await rig.central.state.couch.nano.use('store-s1').insert({
      _id: '_design/e2e-withdrawn',
      validate_doc_update: `function (newDoc) { if (newDoc.type === 'sale' && newDoc.lines.some(function (l) { return l.sku === '${WITHDRAWN}'; })) { throw({ forbidden: 'modelo retirado: ${WITHDRAWN}' }); } }`,
    } as never);
    await scan(p, WITHDRAWN);
    await payCash(p);
    const refused = p.getByTestId('refused');
    await refused.waitFor(WAIT);
    expect(await refused.locator('summary').textContent()).to.match(/Rechazados por central: 1/);
    await refused.locator('summary').click();
    expect(await p.getByTestId('refused-item').textContent()).to.contain(`modelo retirado: ${WITHDRAWN}`);
    await p.getByTestId('pending').filter({ hasText: /^0$/ }).waitFor(WAIT);
    await rig.shot('refused-sale');
    await docsShot(p, 'pos-refused');
    await p.getByTestId('language').click();
    expect(await refused.locator('summary').textContent()).to.match(/Refused by central: 1/);
    await p.getByTestId('language').click();
  });
});
