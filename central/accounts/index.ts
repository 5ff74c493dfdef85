// Accounts in CouchDB's `_users`: who an account is now (account-roles), and the console's store
// accounts — listed by store, created, given a new password, disabled and enabled.
export { createAccountRoles, type AccountRoles, type AccountRolesOptions } from './account-roles.js';
export { ACCOUNT_NAME, CREATABLE_KINDS, KINDS, passwordProblem, rolesFor, storeAccountOf, type AccountKind, type StoreAccount, type UserDoc } from './account-rules.js';
export { ACCOUNTS_DDOC, accountsDesignDoc, pushAccountsDesignDoc } from './accounts-design-doc.js';
export { listAccounts } from './list-accounts.js';
export { createAccount, disableAccount, enableAccount, readStoreAccount, resetPassword, type AccountsDeps } from './manage-accounts.js';
