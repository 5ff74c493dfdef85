// Reads the whole audit chain in sequence order, a page at a time (bounded pages).
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import type { ChainEntry } from './verify-chain.js';

const PAGE = 1000;

export async function readChain(nano: Nano.ServerScope): Promise<ChainEntry[]> {
  const out: ChainEntry[] = [];
  let startkey = 'audit:';
  for (let page = 0; page < 100_000; page++) {
    let res;
    try {
      res = await nano.use('audit').list({ startkey, endkey: 'audit;', include_docs: true, limit: PAGE + 1 });
    } catch (err) {
      throw couchError(err, 'reading the audit trail');
    }
    const rows = res.rows.slice(0, PAGE);
    out.push(...rows.map((r) => r.doc as unknown as ChainEntry));
    if (res.rows.length <= PAGE) break;
    startkey = res.rows[PAGE]!.id;
  }
  return out;
}
