// Behind a load balancer every client arrives from the balancer's address. TRUST_PROXY names the
// proxies whose X-Forwarded-For is believed; unset, none is, so a client cannot pick its own
// address to slip past the login lockout, and one client's guessing locks that account for
// everyone behind the same proxy.
import { expect } from 'chai';
import { startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';

describe('TRUST_PROXY: the client address behind a load balancer', function () {
  const centrals: DemoCentral[] = [];
  after(async function () {
    for (const c of centrals) await c.stop();
  });

  const login = (h: DemoCentral, forwardedFor: string, name: string, password: string) => fetch(`${h.central.url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ name, password }),
  });

  async function lockOutFrom(h: DemoCentral, forwardedFor: string): Promise<void> {
    for (let i = 0; i < 3; i++) expect((await login(h, forwardedFor, 'manager-s2', `guess-${i}`)).status).to.equal(401);
    expect((await login(h, forwardedFor, 'manager-s2', 'guess-4')).status).to.equal(429);
  }

  it('with TRUST_PROXY=loopback, one client guessing does not lock the same account for another client', async function () {
    const h = await startDemoCentral({ LOGIN_RATE_LIMIT: '3', TRUST_PROXY: 'loopback' });
    centrals.push(h);
    await lockOutFrom(h, '203.0.113.5');
    expect((await login(h, '203.0.113.5', 'manager-s2', h.account('manager-s2').password)).status, 'the guesser stays locked').to.equal(429);
    expect((await login(h, '203.0.113.6', 'manager-s2', h.account('manager-s2').password)).status, 'another client behind the proxy').to.equal(200);
  });

  it('unset, X-Forwarded-For is not believed: a client cannot name a new address to escape the lockout', async function () {
    const h = await startDemoCentral({ LOGIN_RATE_LIMIT: '3' });
    centrals.push(h);
    await lockOutFrom(h, '203.0.113.5');
    expect((await login(h, '198.51.100.9', 'manager-s2', h.account('manager-s2').password)).status).to.equal(429);
  });
});
