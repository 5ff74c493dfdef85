// One page of a store's accounts, from `_users`' by-store view (accounts-design-doc.ts), ordered
// by name; `after` is the last name of the previous page (a key cursor, not a skip).
import type Nano from 'nano';
import { couchError } from '../couch/errors.js';
import { ACCOUNTS_DDOC, BY_STORE_VIEW } from './accounts-design-doc.js';
import type { AccountKind, StoreAccount } from './account-rules.js';

export async function listAccounts(
  nano: Nano.ServerScope, store: string, limit: number, after?: string,
): Promise<{ accounts: StoreAccount[]; next: string | null }> {
  try {
    const res = await nano.use('_users').view<{ kind: AccountKind; disabled: boolean }>(ACCOUNTS_DDOC.slice('_design/'.length), BY_STORE_VIEW, {
      startkey: [store, after ?? ''], endkey: [store, {}], limit: limit + 2,
    });
    const rows = res.rows.filter((r) => after === undefined || (r.key as unknown as string[])[1] !== after).slice(0, limit + 1);
    const accounts = rows.slice(0, limit).map((r) => ({ name: (r.key as unknown as string[])[1]!, store, kind: r.value.kind, disabled: r.value.disabled }));
    return { accounts, next: rows.length > limit ? accounts[accounts.length - 1]!.name : null };
  } catch (err) {
    throw couchError(err, `listing the accounts of store ${store}`);
  }
}
