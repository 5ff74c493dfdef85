// The console's API calls timed from Node with the console's own session cookie, each beside the
// CouchDB reads a plain client makes for the same answer, sent straight to CouchDB (admin, Basic):
// what the route adds on top of CouchDB, or saves, is the ratio. The conflict queue's view ranges come from the
// route's own pure code (central/http/conflict-query.ts), so both sides read the same rows.
import { conflictRange, encodeCursor, parseConflictQuery } from '../../central/http/conflict-query.js';
import { paired, row, timed, type Row } from './samples.js';

export interface Endpoints {
  /** Central's base URL and the console's cookies (pronto.sid), as the browser sends them. */
  central: string;
  cookie: string;
  /** CouchDB's base URL and an admin's Basic header. */
  couch: string;
  couchAuth: string;
}

async function getJson<T = any>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json', ...headers } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url.replace(/\/\/[^/]*@/, '//')} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const qs = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' && !k.endsWith('key') ? v : JSON.stringify(v))}`).join('&');

export function apiClient(e: Endpoints) {
  const api = <T = any>(p: string) => getJson<T>(`${e.central}/api${p}`, { cookie: e.cookie });
  const couch = <T = any>(p: string) => getJson<T>(`${e.couch}/${p}`, { authorization: e.couchAuth });
  const view = (o: Record<string, unknown>) => couch<{ rows: Array<{ key: unknown[]; value: unknown }> }>(`audit/_design/pronto/_view/conflict-queue?${qs(o)}`);
  return { api, couch, view };
}

/**
 * A page of the queue and its total as a plain CouchDB client reads them for `query`: limit+1 view
 * rows with their records, and the filter's _count, at once. (GET /api/conflicts reads the same
 * page; its total is remembered between pages until a conflict record changes, queue-totals.ts.)
 */
export function rawQueuePage(e: Endpoints, query: Record<string, string>, parts: 'both' | 'page' | 'count' = 'both') {
  const { view } = apiClient(e);
  const q = parseConflictQuery(query, { stores: null });
  const range = conflictRange(q);
  const page = () => view({ startkey: q.cursor ?? range.startkey, endkey: range.endkey, descending: true, reduce: false, limit: q.limit + 1, include_docs: true });
  const count = () => view({ ...range, descending: true, reduce: true });
  return () => Promise.all([parts !== 'count' ? page() : null, parts !== 'page' ? count() : null]);
}

/** A cursor `depth` records into the pending queue, as the API's nextCursor would name it. */
export async function cursorAt(e: Endpoints, depth: number): Promise<string> {
  const range = conflictRange(parseConflictQuery({ status: 'pending' }, { stores: null }));
  const rows = (await apiClient(e).view({ ...range, descending: true, reduce: false, skip: depth, limit: 1 })).rows;
  if (rows.length === 0) throw new Error(`the queue has fewer than ${depth + 1} records`);
  return encodeCursor(rows[0]!.key);
}

/** The reads GET /api/stores makes: the catalog's stores, then every store's till reports at once. */
export function rawStores(e: Endpoints) {
  const { couch } = apiClient(e);
  return async () => {
    const stores = await couch<{ rows: Array<{ doc: { store: string } }> }>(`catalog/_all_docs?${qs({ startkey: 'store:', endkey: 'store:\ufff0', include_docs: true })}`);
    await Promise.all(stores.rows.map((r) => couch(`store-${r.doc.store}/_all_docs?${qs({ startkey: 'store-status:', endkey: 'store-status;', include_docs: true })}`)));
  };
}

/** The reads GET /api/conflicts/:id makes: the record, then every leaf of its document. */
export function rawDetail(e: Endpoints, record: { _id: string; db: string; docId: string }) {
  const { couch } = apiClient(e);
  return async () => {
    await couch(`audit/${encodeURIComponent(record._id)}`);
    await couch(`${record.db}/${encodeURIComponent(record.docId)}?open_revs=all&revs=true`);
  };
}

/** The read GET /api/audit?limit=100 makes: the newest 100 entries with their documents. */
export const rawAudit = (e: Endpoints) => () => apiClient(e).couch(`audit/_all_docs?${qs({ startkey: 'audit;', endkey: 'audit:', descending: true, inclusive_end: true, limit: 100, include_docs: true })}`);

/** The first page's two raw reads apart: which of them costs what at this queue size. */
export async function queueParts(e: Endpoints, repeats: number): Promise<{ page: number[]; count: number[] }> {
  const q = { status: 'pending', limit: '50' };
  const r = await paired(repeats, () => timed(rawQueuePage(e, q, 'page')), () => timed(rawQueuePage(e, q, 'count')));
  return { page: r.ours, count: r.baseline };
}

export interface ApiSizes { stores: number; conflicts: number }

/** Every API scenario, ours vs raw, `repeats` times each. */
export async function apiRows(e: Endpoints, repeats: number, sizes: ApiSizes, detail: { _id: string; db: string; docId: string }, filterType: string, progress: (l: string) => void): Promise<Row[]> {
  const { api } = apiClient(e);
  const depth = Math.floor(sizes.conflicts * 0.9);
  const deep = await cursorAt(e, depth);
  const rows: Row[] = [];
  const add = async (scenario: string, ours: () => Promise<unknown>, baseline: () => Promise<unknown>, baselineName: string) => {
    rows.push(row(scenario, await paired(repeats, () => timed(ours), () => timed(baseline)), baselineName));
    progress(`measured ${scenario}`);
  };
  await add(`API GET /api/stores (${sizes.stores} stores)`, () => api('/stores'), rawStores(e), `catalog stores + ${sizes.stores} store-status reads`);
  await add('API GET /api/conflicts?limit=50, first page', () => api('/conflicts?status=pending&limit=50'), rawQueuePage(e, { status: 'pending', limit: '50' }), 'view page (51 rows, docs) ∥ _count');
  await add(`API GET /api/conflicts?limit=50, record ${depth.toLocaleString('en')} on`, () => api(`/conflicts?status=pending&limit=50&cursor=${deep}`), rawQueuePage(e, { status: 'pending', limit: '50', cursor: deep }), 'view page at the cursor ∥ _count');
  await add(`API GET /api/conflicts?type=${filterType}&limit=50`, () => api(`/conflicts?status=pending&type=${filterType}&limit=50`), rawQueuePage(e, { status: 'pending', type: filterType, limit: '50' }), 'view page ∥ _count of the filter');
  await add('API GET /api/conflicts/:id', () => api(`/conflicts/${encodeURIComponent(detail._id)}`), rawDetail(e, detail), 'record + open_revs=all');
  await add('API GET /api/audit?limit=100', () => api('/audit?limit=100'), rawAudit(e), '_all_docs newest 100, docs');
  return rows;
}
