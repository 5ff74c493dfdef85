// The load run's accounts written with their hash already made (test/load/prehashed-accounts.ts)
// are real accounts to the embedded server: each signs in with the shared password, keeps its
// roles, and a wrong password is refused.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { prehashedUser, sharedHash } from '../../load/prehashed-accounts.js';
import { basic, json, rawRequest, startEmbeddedFixture, type EmbeddedFixture } from './embedded-fixture.js';

describe('pre-hashed load accounts on the embedded server (integration)', function () {
  this.timeout(120_000);
  let couch: EmbeddedFixture;
  before(async function () { couch = await startEmbeddedFixture(); });
  after(async function () { await couch?.stop(); });

  it('sign in with the shared password and are refused with another', async function () {
    const hash = await sharedHash();
    const names = [`manager-${randomBytes(4).toString('hex')}`, `device-${randomBytes(4).toString('hex')}`];
    const written = await json(couch.url, 'POST', '/_users/_bulk_docs', couch.admin, { docs: names.map((n) => prehashedUser(n, ['store', 'store:l1'], hash)) });
    expect(written.status).to.equal(201);
    expect((written.body as Array<{ ok?: boolean }>).every((r) => r.ok === true)).to.equal(true);
    for (const name of names) {
      const me = await rawRequest(couch.url, 'GET', '/_session', basic({ username: name, password: hash.password }));
      expect(JSON.parse(me.body).userCtx).to.deep.equal({ name, roles: ['store', 'store:l1'] });
    }
    const wrong = await rawRequest(couch.url, 'GET', '/_session', basic({ username: names[0]!, password: hash.password + 'x' }));
    expect(wrong.status).to.equal(401);
  });
});
