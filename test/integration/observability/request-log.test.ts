// Central's request log (central/http/request-log.ts) on a real central, its lines read from the
// logger's own stream: one JSON line per request with a request id — the caller's when sane, else a
// new one, echoed in `X-Request-Id` — and never a secret: no password (a login's body, a Basic
// header), no session cookie, no bearer token, no token in a query string.
import { expect } from 'chai';
import { basic } from '../../helpers/demo-central.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startObservedCentral, type ObservedCentral } from './observed-central.js';

interface LogLine { reqId?: string; req?: { method: string; url: string }; res?: { statusCode: number }; actor?: string; msg?: string }

describe('central/http/request-log: request logs', function () {
  this.timeout(180_000);
  let h: ObservedCentral;
  const parsed = () => h.lines.map((l) => JSON.parse(l) as LogLine);
  const lineOf = async (reqId: string): Promise<LogLine> => {
    let found: LogLine | undefined;
    await waitFor(() => (found = parsed().find((l) => l.reqId === reqId && l.res !== undefined)) !== undefined, { what: `the log line of ${reqId}`, timeoutMs: 10_000 });
    return found!;
  };

  before(async function () {
    h = await startObservedCentral();
  });
  after(async function () {
    await h?.stop();
  });

  it("keeps a sane X-Request-Id, echoes it, and logs the request under it as one JSON line", async function () {
    const id = 'till-s1.pos2:7f3a-0001';
    const res = await fetch(`${h.central.url}/api/health`, { headers: { 'X-Request-Id': id } });
    expect(res.headers.get('x-request-id')).to.equal(id);
    const line = await lineOf(id);
    expect(line.req).to.deep.include({ method: 'GET', url: '/api/health' });
    expect(line.res!.statusCode).to.equal(200);
  });

  it('replaces a missing, overlong or unsafe request id with a new one, and never logs the bad one', async function () {
    const bad = ['x'.repeat(129), 'id with spaces', 'id"},"level":60,"x":"', 'ñandú'];
    for (const sent of [undefined, ...bad]) {
      const res = await fetch(`${h.central.url}/api/stores`, { headers: sent === undefined ? {} : { 'X-Request-Id': Buffer.from(sent, 'utf8').toString('latin1') } });
      const got = res.headers.get('x-request-id');
      expect(got, String(sent)).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect((await lineOf(got!)).res!.statusCode).to.equal(401);
    }
    for (const sent of bad) expect(h.lines.join('\n')).not.to.include(sent);
  });

  it('never logs a password, a cookie, a bearer token or a token in a query string', async function () {
    const admin = h.account('chain-admin');
    const manager = h.account('manager-s1');
    const ids: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${h.central.url}${path}`, init);
      ids.push(res.headers.get('x-request-id')!);
      return res;
    };
    // A console login (the password in the body) and a failed one, then the session cookie in use.
    const json = { 'Content-Type': 'application/json' };
    const wrongPassword = `Wrong-${admin.password}-Pw`;
    expect((await call('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name: admin.name, password: wrongPassword }) })).status).to.equal(401);
    const login = await call('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ name: admin.name, password: admin.password }) });
    expect(login.status).to.equal(200);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('pronto.sid='))!;
    const cookie = setCookie.split(';')[0]!;
    const cookieValue = decodeURIComponent(cookie.slice('pronto.sid='.length));
    expect((await call('/api/stores?limit=5', { headers: { Cookie: cookie } })).status).to.equal(200);
    // A till's Basic credentials through /db, a scraper's bearer token, a token in a query string.
    const basicHeader = basic(manager.name, manager.password);
    expect((await call('/db/store-s1', { headers: basicHeader })).status).to.equal(200);
    expect((await call('/api/metrics', { headers: { Authorization: `Bearer ${h.metricsToken}` } })).status).to.equal(200);
    const queryToken = 'qtok-5b1d8e0c9a7f4e3b';
    await call(`/api/stores?access_token=${queryToken}&limit=2`, { headers: { Cookie: cookie } });

    for (const id of ids) await lineOf(id);
    const log = h.lines.join('\n');
    const secrets = {
      'the admin password': admin.password, 'the wrong password': wrongPassword, 'the manager password': manager.password,
      'the Basic header': basicHeader.Authorization.slice('Basic '.length), 'the session cookie': cookieValue, 'the metrics token': h.metricsToken, 'the query token': queryToken,
    };
    for (const [what, secret] of Object.entries(secrets)) expect(log.includes(secret), what).to.equal(false);
    // What is logged instead: the account, the path, the query with the unknown parameter's value hidden.
    const withToken = await lineOf(ids.at(-1)!);
    expect(withToken.req!.url).to.equal('/api/stores?access_token=[redacted]&limit=2');
    expect(withToken.actor).to.equal(admin.name);
    expect((await lineOf(ids[3]!)).req!.url).to.equal('/db/store-s1');
  });
});
