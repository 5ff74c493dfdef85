// Who reads what of the console API on a real central: chain admins every store; a store
// manager their own store only; cashiers 403 and anonymous callers 401, always with a JSON
// {code, message}; writes (resolve, settings, dismiss) stay admin-only.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';

describe('central/http/store-scope: console roles, route by route', function () {
  let h: DemoCentral;
  const call = async (who: string | null, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(who === null ? {} : basic(who, h.account(who).password)) };
    const res = await fetch(`${h.central.url}/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: await res.json() as Record<string, any> };
  };

  before(async function () {
    h = await startDemoCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it('lists every store to a chain admin and only their own to a store manager', async function () {
    const all = await call('chain-admin', 'GET', '/stores');
    expect(all.status).to.equal(200);
    expect(all.body.stores.length).to.be.greaterThan(1);
    const own = await call('manager-s1', 'GET', '/stores');
    expect(own.status).to.equal(200);
    expect(own.body.stores.map((s: { store: string }) => s.store)).to.deep.equal(['s1']);
  });

  const reads = ['/stores', '/conflicts', '/refusals'];
  for (const path of reads) {
    it(`refuses ${path} to a cashier (403) and to an anonymous caller (401), as JSON {code, message}`, async function () {
      const cashier = await call('cashier-s1', 'GET', path);
      expect(cashier.status).to.equal(403);
      expect(cashier.body).to.include({ code: 'FORBIDDEN' }).and.to.have.property('message').that.is.a('string');
      const anonymous = await call(null, 'GET', path);
      expect(anonymous.status).to.equal(401);
      expect(anonymous.body).to.have.property('code').that.is.a('string');
      expect(anonymous.body).to.have.property('message').that.is.a('string');
    });
  }

  it("keeps a manager from another store's refusals", async function () {
    expect((await call('manager-s1', 'GET', '/refusals?store=s2')).status).to.equal(403);
    expect((await call('manager-s1', 'GET', '/refusals')).status).to.equal(200);
  });

  it('keeps writes admin-only: a manager cannot change the policy, resolve a conflict or dismiss a refusal', async function () {
    const { policy } = (await call('chain-admin', 'GET', '/config/conflict-policy')).body;
    expect((await call('manager-s1', 'GET', '/config/conflict-policy')).status).to.equal(403);
    expect((await call('manager-s1', 'PUT', '/config/conflict-policy', { policy })).status).to.equal(403);
    expect((await call('manager-s1', 'POST', '/conflicts/conflict:store-s1:x/resolve', { rev: '1-a' })).status).to.equal(403);
    expect((await call('manager-s1', 'POST', '/refusals/refusal:s1:x/dismiss', { note: 'visto' })).status).to.equal(403);
  });
});
