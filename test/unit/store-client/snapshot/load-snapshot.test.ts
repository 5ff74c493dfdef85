// loadSnapshot against central's answers written by hand, into real PouchDB memory databases
// (the "remote" one stands in for central's only as the other side of the checkpoint).
import { expect } from 'chai';
import { classifySyncError, createNodePouch, type Db } from '../../../../store-client/index.js';
import { loadSnapshot, PROGRESS_ID, pullReplicationId } from '../../../../store-client/snapshot/index.js';

const PouchDB = createNodePouch();
let n = 0;
const memory = (): Db => new PouchDB(`load-snapshot-${process.pid}-${n++}`, { adapter: 'memory' }) as unknown as Db;
const answer = (status: number, lines: object[] = []) => () => Promise.resolve(new Response(lines.map((l) => JSON.stringify(l) + '\n').join(''), { status }));
const doc = (id: string) => ({ _id: id, _rev: '1-a', _revisions: { start: 1, ids: ['a'] }, type: 'product' });

describe('store-client/snapshot loadSnapshot', () => {
  let local: Db;
  let remote: Db;
  beforeEach(() => {
    local = memory();
    remote = memory();
  });
  afterEach(async () => {
    await local.destroy();
    await remote.destroy();
  });

  it('writes the pages with their revisions, then the pull checkpoint at the closing seq on both sides', async () => {
    const fetch = answer(200, [{ kind: 'head', db: 'catalog', since: 0, total: 2 }, { kind: 'page', seq: 7, docs: [doc('p:1'), doc('p:2')] }, { kind: 'done', last_seq: 9 }]);
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch })).to.equal('loaded');
    expect((await local.get('p:1'))._rev).to.equal('1-a');
    const id = await pullReplicationId(local, remote);
    for (const side of [local, remote]) expect(((await side.get(id)) as { last_seq: number }).last_seq).to.equal(9);
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch })).to.equal('already-loaded');
  });

  it('writes no checkpoint for a stream without its closing line, and resumes after its last page', async () => {
    const cut = answer(200, [{ kind: 'head', db: 'catalog', since: 0, total: 2 }, { kind: 'page', seq: 7, docs: [doc('p:1')] }]);
    const failure = await loadSnapshot({ db: 'catalog', local, remote, fetch: cut }).then(() => undefined, (err: unknown) => err);
    expect(classifySyncError(failure).state).to.equal('offline');
    expect(await local.get(await pullReplicationId(local, remote)).then(() => 'found', (err: { status?: number }) => err.status)).to.equal(404);
    const asked: unknown[] = [];
    const rest = (_db: string, since: unknown) => {
      asked.push(since);
      return answer(200, [{ kind: 'head', db: 'catalog', since, total: 1 }, { kind: 'page', seq: 8, docs: [doc('p:2')] }, { kind: 'done', last_seq: 8 }])();
    };
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch: rest })).to.equal('loaded');
    expect(asked).to.deep.equal([7]);
    expect(((await local.get(PROGRESS_ID)) as { loaded: number }).loaded).to.equal(2);
  });

  it('leaves a database to replication when central has no snapshot (404), and says a lapsed session is one (401)', async () => {
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch: answer(404) })).to.equal('unavailable');
    expect(await local.get(PROGRESS_ID).then(() => 'found', (err: { status?: number }) => err.status)).to.equal(404);
    const denied = await loadSnapshot({ db: 'catalog', local, remote, fetch: answer(401) }).then(() => undefined, (err: unknown) => err);
    expect(classifySyncError(denied).state).to.equal('denied');
  });

  it('leaves a database alone that replication has checkpointed already', async () => {
    await local.put({ _id: await pullReplicationId(local, remote), last_seq: 3 });
    const never = () => Promise.reject(new Error('must not be asked'));
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch: never })).to.equal('replicated-before');
    expect(await loadSnapshot({ db: 'catalog', local, remote, fetch: never })).to.equal('already-loaded');
  });
});
