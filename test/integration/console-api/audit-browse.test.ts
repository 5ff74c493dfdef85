// Browsing the audit trail on a real central (GET /api/audit): admins only (managers and cashiers
// 403, anonymous 401); filters by actor, action, store and time range, each checked (400 naming
// the parameter); a limit cap; pages by cursor that, walked to the end, show every matching entry
// once and in order, newest first, even while new entries arrive.
import { expect } from 'chai';
import { basic, startDemoCentral, type DemoCentral } from '../../helpers/demo-central.js';

interface Entry { _id: string; seq: number; at: string; actor: string; action: string; target?: string; details?: Record<string, unknown> }
interface Page { total: number; entries: Entry[]; nextCursor: string | null; code?: string; details?: { param?: string } }

describe('central/http/audit-routes: browsing the audit trail', function () {
  let h: DemoCentral;
  const get = async (who: string | null, query: string) => {
    const res = await fetch(`${h.central.url}/api/audit${query}`, { headers: who === null ? {} : basic(who, h.account(who).password) });
    return { status: res.status, body: await res.json() as Page };
  };
  /** Every page of a query, following nextCursor (bounded). */
  const walk = async (query: string, limit: number) => {
    const seen: Entry[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 200; i++) {
      const res = await get('chain-admin', `${query}${query ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      seen.push(...res.body.entries);
      cursor = res.body.nextCursor;
      if (!cursor) return { seen, total: res.body.total };
    }
    throw new Error('more than 200 pages');
  };
  const append = (actor: string, action: string, store?: string) =>
    h.central.state.deps.audit.append({ actor, action, ...(store ? { target: `store-${store}`, details: { store } } : {}) });

  before(async function () {
    h = await startDemoCentral();
    for (let i = 0; i < 23; i++) await append(i % 2 ? 'ana' : 'beto', i % 3 ? 'test.browse' : 'test.other', i % 4 ? 's1' : 's2');
  });
  after(async function () {
    await h?.stop();
  });

  it('is for admins: a manager and a cashier get 403, an anonymous caller 401', async function () {
    expect((await get('manager-s1', '')).status).to.equal(403);
    expect((await get('cashier-s1', '?action=test.browse')).status).to.equal(403);
    const anonymous = await get(null, '');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.body).to.have.property('code');
  });

  it('refuses a bad parameter with a 400 that names it', async function () {
    const cases: Array<[string, string]> = [
      ['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?limit=ten', 'limit'], ['?action=has%20space', 'action'], ['?action=a&action=b', 'action'],
      ['?store=S%2F1', 'store'], ['?actor=', 'none'], ['?from=yesterday', 'from'], ['?to=2026-13-45', 'to'],
      ['?from=2026-12-02&to=2026-12-01', 'to'], ['?cursor=!!', 'cursor'], ['?cursor=WzFd', 'cursor'],
    ];
    for (const [query, param] of cases) {
      const res = await get('chain-admin', query);
      if (param === 'none') {
        expect(res.status, `${query}: an empty filter is no filter`).to.equal(200);
        continue;
      }
      expect(res.status, query).to.equal(400);
      expect(res.body.code, query).to.equal('BAD_REQUEST');
      expect(res.body.details?.param, query).to.equal(param);
    }
  });

  it('filters by action, actor and store together, with their total', async function () {
    const res = await get('chain-admin', '?action=test.browse&actor=ana&store=s1&limit=500');
    expect(res.status).to.equal(200);
    const expected = Array.from({ length: 23 }, (_, i) => i).filter((i) => i % 2 && i % 3 && i % 4).length;
    expect(res.body.total).to.equal(expected);
    expect(res.body.entries).to.have.length(expected);
    for (const e of res.body.entries) expect(e).to.include({ action: 'test.browse', actor: 'ana' }).and.to.have.nested.property('details.store', 's1');
    const s2 = await get('chain-admin', '?store=s2&action=test.other');
    expect(s2.body.entries.map((e) => e.details?.store)).to.satisfy((xs: unknown[]) => xs.length > 0 && xs.every((x) => x === 's2'));
  });

  it('pages by cursor: every entry once, newest first, none missed, even with new entries arriving mid-walk', async function () {
    const all = (await get('chain-admin', '?action=test.browse&limit=500')).body.entries;
    expect(all.length).to.be.greaterThan(10);
    const first = await get('chain-admin', '?action=test.browse&limit=4');
    expect(first.body.entries.map((e) => e._id)).to.deep.equal(all.slice(0, 4).map((e) => e._id));
    await append('ana', 'test.browse', 's1'); // arrives between pages: before the cursor, so not in this walk
    const rest = await walk(`?action=test.browse`, 4);
    expect(rest.seen.map((e) => e._id).slice(1)).to.deep.equal(all.map((e) => e._id));
    const seqs = rest.seen.map((e) => e.seq);
    expect(new Set(seqs).size, 'no entry twice').to.equal(seqs.length);
    expect([...seqs].sort((a, b) => b - a), 'newest first').to.deep.equal(seqs);
    expect(rest.total).to.equal(all.length + 1);
  });

  it('keeps to a time range: from inclusive, to exclusive', async function () {
    const all = (await get('chain-admin', '?action=test.browse&limit=500')).body.entries;
    const middle = all[Math.floor(all.length / 2)]!;
    const from = middle.at.slice(0, 24); // the ISO part of the HLC stamp
    const after = (await get('chain-admin', `?action=test.browse&from=${from}&limit=500`)).body.entries;
    expect(after.map((e) => e._id)).to.deep.equal(all.filter((e) => e.at.slice(0, 24) >= from).map((e) => e._id));
    const before = (await get('chain-admin', `?action=test.browse&to=${from}&limit=500`)).body.entries;
    expect(before.map((e) => e._id)).to.deep.equal(all.filter((e) => e.at.slice(0, 24) < from).map((e) => e._id));
    const cursorOfOther = (await get('chain-admin', '?action=test.other&limit=1')).body.nextCursor!;
    expect((await get('chain-admin', `?action=test.browse&cursor=${cursorOfOther}`)).body.details?.param, 'a cursor of another filter').to.equal('cursor');
  });

  it('lists everything newest first without filters, as before', async function () {
    const res = await get('chain-admin', '?limit=5');
    expect(res.body.entries).to.have.length(5);
    expect(res.body.entries[0]!.seq).to.be.greaterThan(res.body.entries[4]!.seq);
    expect(res.body.total).to.be.at.least(24);
  });
});
