// CouchSessionStore (central/http/auth/couch-session-store.ts) on a real server: a logout ends the
// session even when another request saved it between the logout's read and its deletion (before,
// the deletion's 409 was taken for "someone removed it" and the saved session stayed alive), and
// a request still in flight at the logout does not save it again (before, its save found no
// document and created one).
import { expect } from 'chai';
import type session from 'express-session';
import { CouchSessionStore } from '../../../central/http/auth/couch-session-store.js';
import { CENTRAL_DATABASES } from '../../../central/setup/central-databases.js';
import { startTestCouch, type TestCouch } from '../../helpers/test-couch.js';

const data = (user: string): session.SessionData => ({
  cookie: { originalMaxAge: 3_600_000, expires: new Date(Date.now() + 3_600_000) },
  user: { name: user, roles: ['admin'] },
} as unknown as session.SessionData);

describe('central/http/auth/couch-session-store (integration)', function () {
  this.timeout(60_000);
  let couch: TestCouch;
  let store: CouchSessionStore;
  const call = <T>(fn: (cb: (err: unknown, value?: T) => void) => void) => new Promise<T | undefined>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
  const get = (sid: string) => call<session.SessionData | null>((cb) => store.get(sid, cb));
  const set = (sid: string, d: session.SessionData) => call<void>((cb) => store.set(sid, d, cb));
  const sessions = () => couch.nano.use<{ _rev: string }>(CENTRAL_DATABASES.sessions);

  before(async function () {
    couch = await startTestCouch();
    store = new CouchSessionStore(couch.nano);
  });
  after(async function () { await couch?.stop(); });

  it('keeps a session and ends it on logout', async function () {
    await set('sid-plain', data('chain-admin'));
    expect((await get('sid-plain'))?.user?.name).to.equal('chain-admin');
    await call<void>((cb) => store.destroy('sid-plain', cb));
    expect(await get('sid-plain')).to.equal(null);
  });

  it('does not bring back a session that logged out when a request of it, still in flight, saves it', async function () {
    await set('sid-late', data('chain-admin'));
    await call<void>((cb) => store.destroy('sid-late', cb));
    // The request began before the logout and ends after it: express-session saves its session.
    await set('sid-late', data('chain-admin'));
    expect(await get('sid-late'), 'the session stays ended').to.equal(null);
  });

  it('ends a session that another request saved between the logout reading it and deleting it', async function () {
    await set('sid-raced', data('chain-admin'));
    const listed = await sessions().list({ include_docs: true });
    expect(listed.rows, 'the one session left').to.have.length(1);
    const stale = listed.rows[0]!.doc!;
    // The request in between: the account's roles changed, so its session was saved again.
    await set('sid-raced', data('chain-admin'));
    expect((await sessions().get(stale._id))._rev, 'the session was saved again').not.to.equal(stale._rev);
    await store['remove'](stale as never);
    expect(await get('sid-raced'), 'the session is gone').to.equal(null);
  });
});
