// Who may hold an approval key, and whose approval counts for a store, pure. An approval counts
// when the account is a chain admin (role `admin`, kept in `_users`) or a manager of that very
// store (`manager` plus `store:<id>`). CouchDB's server admins (`_admin`) are not accounts in
// `_users`, so central could never confirm their roles later: they hold no approval keys.

/** Roles whose approvals count at `store`. */
export function approvesFor(roles: readonly string[], store: string): boolean {
  return roles.includes('admin') || (roles.includes('manager') && roles.includes(`store:${store}`));
}

/** Roles that may register an approval key: an admin, or a manager of some store. */
export function mayHoldApproverKey(roles: readonly string[]): boolean {
  return roles.includes('admin') || (roles.includes('manager') && roles.some((r) => r.startsWith('store:')));
}
