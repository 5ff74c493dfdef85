// Before the first fingerprints are published on a CouchDB that already holds an audit chain (a
// chain that ran before this check), the audit key is checked against what is stored: the chain's
// head carries a MAC under the key its entries were written with (central/audit/chain-head). A
// head that does not verify means this central holds another AUDIT_KEY, and publishing it would
// lock the right one out. (Customer keys cannot be checked this cheaply: OPERATIONS.md says to
// start first the central whose DATA_DIR holds the secrets the data was written with.)
import type Nano from 'nano';
import { readChainHead } from '../audit/chain-head.js';
import { CENTRAL_DATABASES } from '../setup/central-databases.js';
import { mismatchError } from './mismatch-error.js';

export async function checkAuditKeyAgainstChain(nano: Nano.ServerScope, auditKey: Buffer): Promise<void> {
  const head = await readChainHead(nano, auditKey);
  if (head !== null && !head.valid) {
    throw mismatchError(['AUDIT_KEY'], CENTRAL_DATABASES.auditHead, `the key the audit chain already stored was written with (its head, entry ${head.seq}, does not verify under it)`);
  }
}
