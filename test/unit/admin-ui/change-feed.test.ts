// The change feed's pure logic: a bounded, pausable memory of changes; filters from the address;
// how the live stream resumes.
import { expect } from 'chai';
import { addEntry, cleared, emptyFeed, entryOf, mergeCaughtUp, setPaused, type FeedEntry } from '../../../admin-ui/services/feed-buffer.js';
import { choices, feedHash, filterOf, matches } from '../../../admin-ui/services/feed-filter.js';
import { afterError, eventsUrl } from '../../../admin-ui/services/live-events.js';
import { hashQuery } from '../../../admin-ui/services/route.js';

const entry = (n: number, over: Partial<FeedEntry> = {}): FeedEntry => ({
  eventId: `e-${n}`, at: '2026-12-02T10:00:00.000Z', db: 'store-s1', docType: 'sale', docId: `sale:s1:${n}`,
  store: 's1', deleted: false, rev: '1-a', who: 'cajero', when: null, ...over,
});
const ids = (list: readonly FeedEntry[]) => list.map((e) => e.eventId);

describe('admin-ui/services/feed-buffer', function () {
  it('keeps changes newest first, and only the last `capacity`', function () {
    let feed = emptyFeed(3);
    for (let n = 1; n <= 5; n++) feed = addEntry(feed, entry(n));
    expect(ids(feed.entries)).to.deep.equal(['e-5', 'e-4', 'e-3']);
  });

  it('keeps an event replayed after a reconnect once', function () {
    let feed = addEntry(emptyFeed(), entry(1));
    feed = addEntry(feed, entry(1));
    expect(feed.entries).to.have.length(1);
  });

  it('holds what arrives while paused apart, counted, and puts it in front on resume', function () {
    let feed = addEntry(emptyFeed(), entry(1));
    feed = setPaused(feed, true);
    feed = addEntry(addEntry(feed, entry(2)), entry(3));
    expect(ids(feed.entries)).to.deep.equal(['e-1']);
    expect(feed.held).to.have.length(2);
    feed = setPaused(feed, false);
    expect(ids(feed.entries)).to.deep.equal(['e-3', 'e-2', 'e-1']);
    expect(feed.held).to.have.length(0);
  });

  it('bounds what it holds while paused too', function () {
    let feed = setPaused(emptyFeed(2), true);
    for (let n = 1; n <= 4; n++) feed = addEntry(feed, entry(n));
    expect(ids(feed.held)).to.deep.equal(['e-4', 'e-3']);
    expect(ids(setPaused(feed, false).entries)).to.deep.equal(['e-4', 'e-3']);
  });

  it('reads a change event into an entry, and ignores other events and malformed ones', function () {
    const e = entryOf({ id: 'ab-7', type: 'change', at: 'T', data: { db: 'catalog', docType: 'product', docId: 'product:X', store: null, deleted: false, rev: '2-b', who: 'ana', when: 'W' } });
    expect(e).to.deep.equal({ eventId: 'ab-7', at: 'T', db: 'catalog', docType: 'product', docId: 'product:X', store: null, deleted: false, rev: '2-b', who: 'ana', when: 'W' });
    expect(entryOf({ id: 'ab-8', type: 'conflict.detected', at: 'T', data: { db: 'catalog', docId: 'x' } })).to.equal(null);
    expect(entryOf({ id: 'ab-9', type: 'change', at: 'T', data: { db: 'catalog' } })).to.equal(null);
    expect(entryOf({ type: 'change', at: 'T', data: { db: 'catalog', docId: 'x' } }), 'no id: cannot be told apart from a replay').to.equal(null);
  });

  it('forgets everything when cleared, staying paused or not', function () {
    const feed = cleared(setPaused(addEntry(emptyFeed(), entry(1)), true));
    expect(feed.entries).to.have.length(0);
    expect(feed.paused).to.equal(true);
  });
});

describe('admin-ui/services/feed-filter', function () {
  it('reads the filters from the address and writes them back', function () {
    const filter = filterOf(hashQuery('#/feed?store=s1&type=sale'));
    expect(filter).to.deep.equal({ store: 's1', type: 'sale' });
    expect(feedHash(filter)).to.equal('#/feed?store=s1&type=sale');
    expect(feedHash({ store: '', type: '' })).to.equal('#/feed');
    expect(filterOf(hashQuery('#/feed'))).to.deep.equal({ store: '', type: '' });
  });

  const cases: Array<[string, { store: string; type: string }, Partial<FeedEntry>, boolean]> = [
    ['no filter takes all', { store: '', type: '' }, {}, true],
    ['the same store', { store: 's1', type: '' }, {}, true],
    ['another store', { store: 's2', type: '' }, {}, false],
    ['a catalog change has no store', { store: 's1', type: '' }, { store: null, db: 'catalog' }, false],
    ['the same type', { store: '', type: 'sale' }, {}, true],
    ['another type', { store: '', type: 'product' }, {}, false],
    ['both must match', { store: 's1', type: 'product' }, {}, false],
  ];
  for (const [what, filter, over, expected] of cases) {
    it(`matches: ${what}`, function () {
      expect(matches(entry(1, over), filter)).to.equal(expected);
    });
  }

  it('offers the values seen plus the one chosen, sorted and once each', function () {
    expect(choices(['s2', null, 's1', 's2'], 's9')).to.deep.equal(['s1', 's2', 's9']);
  });
});

describe('admin-ui/services/live-events: resuming', function () {
  it('resumes after the last id through the query, since a new EventSource cannot set Last-Event-ID', function () {
    expect(eventsUrl(undefined)).to.equal('/api/events');
    expect(eventsUrl('ab12-40')).to.equal('/api/events?lastEventId=ab12-40');
  });

  it('reopens the stream itself only when the browser gave up (CLOSED); otherwise the browser retries', function () {
    expect(afterError(0)).to.deep.equal({ state: 'reconnecting', reopen: false });
    expect(afterError(2)).to.deep.equal({ state: 'reconnecting', reopen: true });
  });
});

describe('admin-ui/services/feed-buffer: catching up from the databases', function () {
  const recent = (n: number, when: string, over: Partial<FeedEntry> = {}) => {
    const { eventId: _e, at: _a, ...change } = entry(n, { when, ...over });
    return change;
  };

  it('merges changes read from the databases newest first by when they were written, each change once', function () {
    let feed = addEntry(emptyFeed(), entry(2, { when: '2026-12-02T10:00:02.000Z-0000-a' }));
    feed = mergeCaughtUp(feed, [recent(3, '2026-12-02T10:00:03.000Z-0000-a'), recent(2, '2026-12-02T10:00:02.000Z-0000-a'), recent(1, '2026-12-02T10:00:01.000Z-0000-a')], 'R');
    expect(feed.entries.map((e) => e.docId)).to.deep.equal(['sale:s1:3', 'sale:s1:2', 'sale:s1:1']);
    expect(feed.entries[1]!.eventId, 'the live entry is kept').to.equal('e-2');
    expect(feed.entries[0]!.at).to.equal('R');
  });

  it('keeps a change read from the databases once when it is then announced live, but a new revision apart', function () {
    const feed = mergeCaughtUp(emptyFeed(), [recent(1, 'W')], 'R');
    expect(addEntry(feed, entry(1, { eventId: 'x-9' })).entries).to.have.length(1);
    expect(addEntry(feed, entry(1, { eventId: 'x-9', rev: '2-b' })).entries, 'a new revision is a new change').to.have.length(2);
  });

  it('keeps the newest `capacity` after merging', function () {
    const feed = mergeCaughtUp(emptyFeed(2), [recent(1, '1'), recent(3, '3'), recent(2, '2')], 'R');
    expect(feed.entries.map((e) => e.docId)).to.deep.equal(['sale:s1:3', 'sale:s1:2']);
  });
});
