// Where the audit writer claims sequence numbers, and how it keeps `audit` complete when the
// claims live elsewhere.
//
// On one CouchDB node or the embedded server every database has one copy, so creating
// `audit:<seq>` is the claim: a second create of the id is refused (409). On a cluster it is not:
// each shard has n copies, a create goes to all of them, and CouchDB answers 202 "accepted" when
// at least one copy took it but fewer than the write quorum did (fabric counts only `ok` replies
// toward the quorum: src/fabric/src/fabric_doc_update.erl, force_reply/update_quorum_met). Two
// creates racing through two nodes then both succeed (201 and 202), the entry gets two
// revisions, and CouchDB's winner may be the one the next entry was not built on: a forked
// chain (docs/OPERATIONS.md). A view also reads one copy per shard, so the idempotency-key check
// could miss an entry another writer just stored.
//
// So on a cluster (the `audit` database's `cluster.n` > 1) claims go to `pronto-audit-claims`, a
// database created with one copy of one shard (n=1, q=1): one shard file orders every create, as
// on a single node, and its view sees every claim made before the query. Each claim holds the
// whole entry, which its writer then copies to `audit`. A writer that dies between the two
// leaves the copy to the next writer that reads the head: `readClaimedHead` copies every claim
// `audit` lacks past its last entry, since the last head this writer knew (or in the last
// REPAIR_WINDOW entries).
import type Nano from 'nano';
import type { Audit } from '../../validators/index.js';
import { couchError, isStatus } from '../couch/errors.js';
import { copiesOf } from '../couch/exclusive-writes.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { GENESIS_HASH, auditId } from './audit-hash.js';

export const AUDIT_DB = 'audit';
export const CLAIMS_DB = CENTRAL_DATABASES.auditClaims;

/** How many entries before the head a writer with no earlier head checks for a missing copy. */
export const REPAIR_WINDOW = 100;
const PAGE = 500;

export interface Head { seq: number; hash: string }

/** `audit` on one node or the embedded server (its create's 409 is final); `pronto-audit-claims` on a cluster. */
export async function claimDatabase(nano: Nano.ServerScope): Promise<string> {
  try {
    return (await copiesOf(nano, AUDIT_DB)) > 1 ? CLAIMS_DB : AUDIT_DB;
  } catch (err) {
    throw couchError(err, 'reading the audit database');
  }
}

/** The last entry of `db` (by id), or null when it holds none. */
export async function lastEntry(nano: Nano.ServerScope, db: string): Promise<Audit | null> {
  try {
    const res = await nano.use<Audit>(db).list({ startkey: 'audit;', endkey: 'audit:', descending: true, limit: 1, include_docs: true });
    return (res.rows[0]?.doc as Audit | undefined) ?? null;
  } catch (err) {
    throw couchError(err, `reading the audit trail head in ${db}`);
  }
}

export const headOf = (entry: Audit | null): Head | null => (entry ? { seq: entry.seq, hash: entry.hash ?? GENESIS_HASH } : null);

/**
 * The head of the claims, with `audit` and the claims brought level first: entries `audit` has
 * and the claims lack are copied in (the claims database new, or made again after its node was
 * lost), then claims `audit` lacks are copied out.
 */
export async function readClaimedHead(nano: Nano.ServerScope, since: number | undefined): Promise<Head | null> {
  let claimed = headOf(await lastEntry(nano, CLAIMS_DB));
  const stored = headOf(await lastEntry(nano, AUDIT_DB));
  if (stored !== null && stored.seq > (claimed?.seq ?? 0)) {
    await copyRange(nano, AUDIT_DB, CLAIMS_DB, (claimed?.seq ?? 0) + 1, stored.seq);
    claimed = headOf(await lastEntry(nano, CLAIMS_DB));
  }
  if (claimed !== null) {
    // After `audit`'s last entry (a restored `audit` is behind), and since the last head this
    // writer knew, or in the last REPAIR_WINDOW entries: where a dead writer's claim can be.
    const checked = since !== undefined ? since + 1 : claimed.seq - REPAIR_WINDOW + 1;
    const from = Math.max(1, Math.min((stored?.seq ?? 0) + 1, checked));
    await copyRange(nano, CLAIMS_DB, AUDIT_DB, from, claimed.seq);
  }
  return claimed;
}

/** Copies entries `from`..`to` that `target` lacks from `source`, a page at a time. */
async function copyRange(nano: Nano.ServerScope, source: string, target: string, from: number, to: number): Promise<void> {
  for (let first = from; first <= to; first += PAGE) {
    const ids = Array.from({ length: Math.min(PAGE, to - first + 1) }, (_, i) => auditId(first + i));
    try {
      const held = await nano.use(target).fetchRevs({ keys: ids });
      const missing = ids.filter((_, i) => !('value' in (held.rows[i] ?? {})) || (held.rows[i] as { value?: { deleted?: boolean } }).value?.deleted);
      if (missing.length === 0) continue;
      const found = await nano.use<Audit>(source).fetch({ keys: missing });
      const docs = found.rows.flatMap((r) => ('doc' in r && r.doc ? [withoutRev(r.doc as Audit)] : []));
      if (docs.length > 0) await nano.use(target).bulk({ docs }, { w: await copiesOf(nano, target) } as never);
    } catch (err) {
      throw couchError(err, `copying audit entries ${first}.. from ${source} to ${target}`);
    }
  }
}

/**
 * Copies one claimed entry to `audit`; an entry already there (copied by another writer) is fine.
 * Written to every copy (`w=n`) before the action it records answers: the audit list reads one
 * copy of each shard, and an admin who looks right after acting must find the entry.
 */
export async function copyClaimed(nano: Nano.ServerScope, entry: Audit): Promise<void> {
  try {
    await nano.use(AUDIT_DB).insert(withoutRev(entry), { w: await copiesOf(nano, AUDIT_DB) } as never);
  } catch (err) {
    if (!isStatus(err, 409)) throw couchError(err, `copying audit entry ${entry.seq} to the audit trail`);
  }
}

function withoutRev(entry: Audit): Audit {
  const { _rev: _ignored, ...rest } = entry as Audit & { _rev?: string };
  return rest as Audit;
}
