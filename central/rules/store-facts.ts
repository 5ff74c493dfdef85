// What the return rules need from a store database, one request each for a whole batch: the
// sales given back (`_all_docs` with `keys`), the returns of those sales central counts (the
// `pronto/returns-by-sale` view, which leaves quarantined ones out), and the quarantined returns
// that wait for a sale (`pronto/quarantined-returns-by-sale`), to check again when it arrives.
// https://docs.couchdb.org/en/stable/api/ddoc/views.html#post--db-_design-ddoc-_view-view
import type Nano from 'nano';
import type { Return, Sale } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import type { CountedReturn } from './types.js';

type Stored<T> = T & { _rev: string };

/** The sales `ids` as stored (null: not in the database). */
export async function readSales(nano: Nano.ServerScope, db: string, ids: readonly string[]): Promise<Map<string, Sale | null>> {
  if (ids.length === 0) return new Map();
  try {
    const res = (await nano.use(db).fetch({ keys: [...ids] })) as unknown as { rows: Array<{ key: string; doc?: Sale | null }> };
    return new Map(res.rows.map((r) => [r.key, r.doc && r.doc.type === 'sale' ? r.doc : null]));
  } catch (err) {
    throw couchError(err, `reading sales of ${db}`);
  }
}

/** Per sale id, the returns of it central counts. */
export async function countedReturns(nano: Nano.ServerScope, db: string, saleIds: readonly string[]): Promise<Map<string, CountedReturn[]>> {
  const out = new Map<string, CountedReturn[]>();
  if (saleIds.length === 0) return out;
  let rows: Array<{ id: string; key: string; value: { lines: CountedReturn['lines'] } }>;
  try {
    rows = ((await nano.use(db).view('pronto', 'returns-by-sale', { keys: [...saleIds] })) as unknown as { rows: typeof rows }).rows;
  } catch (err) {
    throw couchError(err, `reading the returns of sales in ${db}`);
  }
  for (const row of rows) out.set(row.key, [...(out.get(row.key) ?? []), { id: row.id, lines: row.value.lines }]);
  return out;
}

/** The quarantined returns of the sales `saleIds`, whole. */
export async function quarantinedReturns(nano: Nano.ServerScope, db: string, saleIds: readonly string[]): Promise<Array<Stored<Return>>> {
  if (saleIds.length === 0) return [];
  try {
    const res = (await nano.use(db).view('pronto', 'quarantined-returns-by-sale', { keys: [...saleIds], include_docs: true })) as unknown as { rows: Array<{ doc?: Stored<Return> | null }> };
    return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
  } catch (err) {
    throw couchError(err, `reading the quarantined returns of sales in ${db}`);
  }
}
