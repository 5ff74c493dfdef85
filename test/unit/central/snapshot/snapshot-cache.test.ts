import { expect } from 'chai';
import { createSnapshotCache } from '../../../../central/snapshot/snapshot-cache.js';

describe('snapshot-cache', () => {
  it('has nothing for a database never snapshotted from zero', () => {
    const cache = createSnapshotCache();
    cache.record('catalog', 7, ['p8'], [8]);
    expect(cache.from('catalog', 0)).to.equal(undefined);
  });

  it('serves every page of a snapshot from zero, and the seq to read on from', () => {
    const cache = createSnapshotCache();
    cache.record('catalog', 0, ['p1', 'p2'], [10, 20]);
    expect(cache.from('catalog', 0)).to.deep.equal({ lines: ['p1', 'p2'], seq: 20 });
  });

  it('resumes after the cached page a till last wrote, and knows no other seq', () => {
    const cache = createSnapshotCache();
    cache.record('catalog', 0, ['p1', 'p2', 'p3'], [10, 20, 30]);
    expect(cache.from('catalog', 10)).to.deep.equal({ lines: ['p2', 'p3'], seq: 30 });
    expect(cache.from('catalog', 30)).to.deep.equal({ lines: [], seq: 30 });
    expect(cache.from('catalog', 15)).to.equal(undefined);
  });

  it('appends pages read live from its last seq, and ignores pages that do not continue it', () => {
    const cache = createSnapshotCache();
    cache.record('catalog', 0, ['p1'], ['1-a']);
    cache.record('catalog', '1-a', ['p2'], ['2-b']);
    cache.record('catalog', '1-a', ['stale'], ['2-c']);
    expect(cache.from('catalog', 0)).to.deep.equal({ lines: ['p1', 'p2'], seq: '2-b' });
  });

  it('drops an entry that outgrows its bound, so the next snapshot from zero rebuilds it', () => {
    const cache = createSnapshotCache(5);
    cache.record('catalog', 0, ['abc'], [1]);
    cache.record('catalog', 1, ['def'], [2]);
    expect(cache.from('catalog', 0)).to.equal(undefined);
    cache.record('catalog', 0, ['abcde'], [3]);
    expect(cache.from('catalog', 0)?.seq).to.equal(3);
  });

  it('keeps each database apart', () => {
    const cache = createSnapshotCache();
    cache.record('catalog', 0, ['c'], [1]);
    expect(cache.from('customers', 0)).to.equal(undefined);
  });
});

describe('snapshot-cache clear', () => {
  it('forgets every database, as after a restart', () => {
    const cache = createSnapshotCache();
    cache.record('catalog', 0, ['p1'], [1]);
    cache.clear();
    expect(cache.from('catalog', 0)).to.equal(undefined);
  });
});
