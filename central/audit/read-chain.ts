// Reads the audit chain in sequence order, one page at a time (bounded pages, bounded count):
// callers verify a page and drop it before the next is read.
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import type { ChainEntry } from './verify-chain.js';

export const CHAIN_PAGE = 1000;
const MAX_PAGES = 1_000_000;

export async function* readChainPages(nano: Nano.ServerScope, pageSize = CHAIN_PAGE): AsyncGenerator<ChainEntry[]> {
  let startkey = 'audit:';
  for (let page = 0; page < MAX_PAGES; page++) {
    let res;
    try {
      res = await nano.use('audit').list({ startkey, endkey: 'audit;', include_docs: true, limit: pageSize + 1 });
    } catch (err) {
      throw couchError(err, 'reading the audit trail');
    }
    yield res.rows.slice(0, pageSize).map((r) => r.doc as unknown as ChainEntry);
    if (res.rows.length <= pageSize) return;
    startkey = res.rows[pageSize]!.id;
  }
}
