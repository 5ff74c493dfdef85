// What makes a store account and what a new one may look like, pure. Store accounts carry
// `store`, `store:<id>` and a kind (central/setup/security.ts, demo/seed-demo.ts); a disabled one
// has no roles and keeps its store and kind in `prontoDisabled` (disable-account.ts). Central's
// own accounts and chain admins are never store accounts, so the console cannot touch them.
import { roles } from '../setup/security.js';

/** The kinds the console creates; `device` accounts (a till's own) are listed and disabled, not made. */
export const CREATABLE_KINDS = ['cashier', 'manager'] as const;
export const KINDS = ['cashier', 'manager', 'device'] as const;
export type AccountKind = (typeof KINDS)[number];

/** CouchDB's `_users` document as central reads it. */
export interface UserDoc {
  _id: string;
  _rev?: string;
  type: 'user';
  name: string;
  roles: string[];
  password?: string;
  prontoDisabled?: { store: string; kind: AccountKind; at: string; by: string };
  [field: string]: unknown;
}

export interface StoreAccount { name: string; store: string; kind: AccountKind; disabled: boolean }

/** Lower-case letters, digits, `.`, `_`, `-`; 3 to 60 characters, starting with a letter or digit. */
export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{2,59}$/;

export const rolesFor = (store: string, kind: AccountKind): string[] => [roles.anyStore, roles.store(store), kind].sort();

/** Null when `password` is acceptable for `name`, else why not (words for the API's 400). */
export function passwordProblem(password: unknown, name: string): string | null {
  if (typeof password !== 'string' || password.length < 10 || password.length > 200) return 'must be 10 to 200 characters';
  const classes = [/[a-zA-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return 'must mix at least two of letters, digits and symbols';
  if (password.toLowerCase().includes(name.toLowerCase())) return 'must not contain the account name';
  if (new Set(password).size < 5) return 'must not repeat so few characters';
  return null;
}

/** The store account `doc` is, or null: an admin, central's own account, or an account of no store. */
export function storeAccountOf(doc: UserDoc): StoreAccount | null {
  const held = Array.isArray(doc.roles) ? doc.roles : [];
  if (held.some((r) => r === roles.admin || r.startsWith('_'))) return null;
  const disabled = doc.prontoDisabled;
  if (disabled !== undefined && held.length === 0) return { name: doc.name, store: disabled.store, kind: disabled.kind, disabled: true };
  const store = held.find((r) => r.startsWith('store:'))?.slice('store:'.length);
  const kind = KINDS.find((k) => held.includes(k));
  if (store === undefined || store.length === 0 || kind === undefined) return null;
  return { name: doc.name, store, kind, disabled: false };
}
