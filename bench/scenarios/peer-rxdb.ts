// A peer: the reconnect backlog (one till, 10,000 offline documents; quick 1,000 — the documents
// of bench/scenarios/reconnect.ts) pushed to central three ways, alternately in the same run:
// ours (the SyncManager, as reconnect.ts times it), raw PouchDB `replicate.to` with default
// options (the baseline), and RxDB's CouchDB replication (`replicateCouchDB`, push only, timed
// from the replication's creation until `awaitInitialReplication()`). Live, as an app runs it:
// with `live: false` RxDB's `start()` awaits the sync, and `cancel()` queues behind it, so a
// refused document (RxDB retries it forever) would hang the run instead of failing it.
// RxDB's local storage is its memory storage: the same kind of local store the other two sides
// push from (PouchDB's memory adapter), and the one free RxDB storage in Node, without a server
// of its own, that holds 10,000 documents (free SQLite is a trial capped at 500; the file-system
// storage is premium). The documents are reconnect's, unsigned as there: the VDU checks schema
// and immutability; signatures are central's feed's business.
// RxDB's plugin does not speak CouchDB's replication protocol: per batch (push.batchSize,
// default 100) it reads the remote state (`_all_docs` with the docs, to detect conflicts) and
// writes with an interactive `_bulk_docs`, so the server assigns generation-1 revisions.
// Our store validate_doc_update accepts that (one generation, schema-valid bodies: RxDB strips
// its `_meta`/`_rev` and maps the primary key `_id` to `_id`), so all three push as the store's
// device account into fresh validated store databases; after every RxDB run each document is
// checked at central: every id, and every body unchanged.
// https://rxdb.info/replication-couchdb.html · https://rxdb.info/rx-storage-memory.html
import { createRxDatabase, RXDB_VERSION, type RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getFetchWithCouchDBAuthorization, replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import type { Result, Scenario } from '../lib/scenario.js';
import { alternateSides } from '../lib/alternate-sides.js';
import { changedDocs } from '../lib/changed-docs.js';
import {
  assertAtCentral, caughtUp, memDb, offlineDocs, rawRemote, sharedServer, statusUntil, tillManager, timed, warmUpSize, wasOnline, type Server, type Store,
} from '../lib/till-fixtures.js';

type TillDoc = Record<string, unknown> & { _id: string };
const TIMEOUT_MS = 600_000;
let k = 0;

async function till(server: Server, count: number) {
  const store = await server.createStore(`px${k++}`);
  const docs = offlineDocs(store.id, `${store.id}.pos1`, count) as TillDoc[];
  return { store, docs, ids: docs.map((d) => d._id) };
}

async function ours(server: Server, count: number): Promise<number> {
  const { store, docs, ids } = await till(server, count);
  const local = { store: memDb(), catalog: memDb() };
  await wasOnline(store, local);
  await local.store.bulkDocs(docs);
  const m = tillManager(store, local);
  const ms = await timed(async () => {
    await m.start();
    await statusUntil(m, caughtUp);
  });
  await m.stop();
  await assertAtCentral(store, ids);
  await Promise.all([local.store.destroy(), local.catalog.destroy()]);
  return ms;
}

async function raw(server: Server, count: number): Promise<number> {
  const { store, docs, ids } = await till(server, count);
  const local = memDb();
  await local.bulkDocs(docs);
  const ms = await timed(() => local.replicate.to(rawRemote(store.storeDbUrl, store)));
  await assertAtCentral(store, ids);
  await local.destroy();
  return ms;
}

/** Resolves when the first replication is done; rejects on RxDB's first error (it would retry a
 *  refused write forever) or after TIMEOUT_MS. */
function initialReplication(rep: RxCouchDBReplicationState<TillDoc>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`RxDB replication did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    // RxDB's errors carry a code and parameters; their message is empty without the dev-mode plugin.
    const sub = rep.error$.subscribe((err) => settle(new Error(`RxDB replication failed: ${err.code} ${JSON.stringify(err.parameters).slice(0, 400)}`, { cause: err })));
    function settle(err?: Error) {
      clearTimeout(timer);
      sub.unsubscribe();
      if (err) reject(err);
      else resolve();
    }
    rep.awaitInitialReplication().then(() => settle(), (err: unknown) => settle(err instanceof Error ? err : new Error(String(err))));
  });
}

/** Throws unless every document is at central with its body unchanged (after the clock stops). */
async function assertUnchanged(store: Store, docs: TillDoc[]): Promise<void> {
  const res = await rawRemote(store.storeDbUrl, store).allDocs({ keys: docs.map((d) => d._id), include_docs: true });
  const stored = new Map<string, Record<string, unknown>>();
  for (const row of res.rows) if ('doc' in row && row.doc) stored.set(row.id, row.doc as Record<string, unknown>);
  const changed = changedDocs(docs, stored);
  if (changed.length > 0) throw new Error(`${changed.length} of ${docs.length} documents of ${store.id} differ at central from what the till wrote, e.g. ${changed[0]}`);
}

async function rxdb(server: Server, count: number): Promise<number> {
  const { store, docs, ids } = await till(server, count);
  const db = await createRxDatabase({ name: `peerrx${process.pid}x${k}`, storage: getRxStorageMemory(), multiInstance: false });
  try {
    // No schema validation plugin: the documents are valid already (RxDB would check them on insert, before the clock).
    const { docs: collection } = await db.addCollections({
      docs: { schema: { version: 0, primaryKey: '_id', type: 'object', properties: { _id: { type: 'string', maxLength: 128 } }, required: ['_id'] } },
    }) as { docs: RxCollection<TillDoc> };
    const inserted = await collection.bulkInsert(docs);
    if (inserted.error.length > 0) throw new Error(`RxDB refused ${inserted.error.length} of ${count} documents: ${JSON.stringify(inserted.error[0])}`);
    let rep: RxCouchDBReplicationState<TillDoc> | undefined;
    let ms: number;
    try {
      ms = await timed(async () => {
        rep = replicateCouchDB<TillDoc>({
          replicationIdentifier: `peer-rxdb-${store.id}`, collection, url: `${store.storeDbUrl}/`,
          fetch: getFetchWithCouchDBAuthorization(store.account.username, store.account.password),
          live: true, waitForLeadership: false, push: {},
        });
        await initialReplication(rep);
      });
    } finally {
      // Also stops RxDB's retry loop when it failed: the database is not removed under a running replication.
      await rep?.cancel();
    }
    await assertAtCentral(store, ids);
    await assertUnchanged(store, docs);
    return ms;
  } finally {
    await db.remove();
  }
}

export const peerRxdb: Scenario = {
  name: 'peer-rxdb',
  async run(ctx): Promise<Result[]> {
    const count = ctx.quick ? 1_000 : 10_000;
    const server = await sharedServer();
    const size = warmUpSize(ctx, count);
    const s = await alternateSides(ctx, 'peer-rxdb', 'ms', {
      ours: (w) => ours(server, size(w)), raw: (w) => raw(server, size(w)), rxdb: (w) => rxdb(server, size(w)),
    });
    const what = `one till, ${count.toLocaleString('en')} offline documents → central (${server.kind})`;
    const rx = `RxDB ${RXDB_VERSION} replicateCouchDB, memory storage, push.batchSize 100 (default)`;
    const how = 'all three push as the device account into fresh validated store databases; RxDB\'s documents arrive unchanged (ids and bodies checked every run), as generation-1 revisions the server assigns';
    return [{
      scenario: `peer: RxDB's CouchDB replication, ${what}`,
      unit: 'ms', better: 'lower', ours: s.rxdb, baseline: s.raw,
      baselineName: 'raw PouchDB replicate.to, default options',
      note: `the "ours" column is ${rx}, push only, live, until awaitInitialReplication(); ${how}`,
    }, {
      scenario: `peer: ours against RxDB, ${what}`,
      unit: 'ms', better: 'lower', ours: s.ours, baseline: s.rxdb,
      baselineName: rx,
      note: 'ours: SyncManager start → online with 0 pending (priority push, two-way pass, catalog pull) of a till that was online before, as the reconnect scenario',
    }];
  },
};
