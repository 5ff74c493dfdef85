import { expect } from 'chai';
import { auditRange, encodeCursor, filterPrefix, parseAuditQuery } from '../../../../central/audit/browse-query.js';
import { ProntoError } from '../../../../validators/index.js';

const paramOf = (query: Record<string, unknown>): unknown => {
  try {
    parseAuditQuery(query);
  } catch (err) {
    return err instanceof ProntoError ? err.details.param : err;
  }
  return 'accepted';
};

describe('central/audit/browse-query', function () {
  it('names the filters in the view key in one fixed order, whatever order they came in', function () {
    expect(filterPrefix({})).to.deep.equal(['']);
    expect(filterPrefix({ store: 's1', action: 'tamper.detected' })).to.deep.equal(['action+store', 'tamper.detected', 's1']);
    expect(filterPrefix({ actor: 'ana', store: 's1', action: 'x' })).to.deep.equal(['action+actor+store', 'x', 'ana', 's1']);
  });

  it('reads newest first: the range starts before `to` and ends at `from`', function () {
    const q = parseAuditQuery({ action: 'x', from: '2026-12-01', to: '2026-12-02T00:00:00Z' });
    expect(auditRange(q)).to.deep.equal({
      startkey: ['action', 'x', '2026-12-02T00:00:00.000Z'],
      endkey: ['action', 'x', '2026-12-01T00:00:00.000Z'],
    });
    expect(auditRange(parseAuditQuery({}))).to.deep.equal({ startkey: ['', {}], endkey: [''] });
  });

  const cases: Array<[Record<string, unknown>, unknown]> = [
    [{}, 'accepted'], [{ limit: '500' }, 'accepted'], [{ limit: '501' }, 'limit'], [{ limit: '-1' }, 'limit'],
    [{ action: ['a', 'b'] }, 'action'], [{ actor: 'a b' }, 'actor'], [{ store: 'S1' }, 'store'],
    [{ from: 'now' }, 'from'], [{ to: '2026-12-01T25:00:00Z' }, 'to'], [{ from: '2026-12-02', to: '2026-12-02' }, 'to'],
    [{ cursor: 'x y' }, 'cursor'], [{ cursor: encodeCursor(['', '2026-12-01T00:00:00.000Z-0000-central', 4]) }, 'accepted'],
    [{ action: 'x', cursor: encodeCursor(['', '2026-12-01T00:00:00.000Z-0000-central', 4]) }, 'cursor'],
    [{ to: '2026-11-01', cursor: encodeCursor(['', '2026-12-01T00:00:00.000Z-0000-central', 4]) }, 'cursor'],
  ];
  for (const [query, expected] of cases) {
    it(`${JSON.stringify(query).slice(0, 90)} → ${String(expected)}`, function () {
      expect(paramOf(query)).to.equal(expected);
    });
  }
});
