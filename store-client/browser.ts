// store-client's public API for the browser (the POS): index.ts minus the Node PouchDB
// constructor (LevelDB, memory), plus the IndexedDB one.

export { businessDay } from './business-day.js';
export { createClock } from './clock.js';
export { CentralTime, clockSkewed } from './central-time.js';
export type { TimeSample } from './central-time.js';
export { reportStatus } from './status-reporter.js';
export { oldestPendingAt } from './oldest-pending.js';
export { startLocalCompactor } from './local-compactor.js';
export type { TillFacts } from './store-status-doc.js';
export type { Clock } from './clock.js';
export { createBrowserPouch } from './pouch-browser.js';
export type { ViewFunctions } from './pouch-views.js';
export type { Db } from './pouch-types.js';
export { recordSale } from './record-sale.js';
export type { TillContext } from './record-sale.js';
export type { SaleInput, SaleLineInput } from './sale.js';
export { stockOf, stockOfMany } from './stock-of.js';
export { SyncManager } from './sync-manager.js';
export { createWatchdogFetch, SilentConnectionError } from './watchdog-fetch.js';
export type { WatchdogOptions } from './watchdog-fetch.js';
export type { SyncManagerOptions } from './sync-manager.js';
export { initialStatus } from './sync-status.js';
export type { RefusedDoc, SyncState, SyncStatus } from './sync-status.js';
export { generateDeviceKey, deviceSigner } from './crypto/index.js';
export type { DeviceKey } from './crypto/index.js';
export { importCustomerKeys, saveCustomer, findCustomerByPhone, decryptCustomer } from './crypto/index.js';
export type { CustomerKeys, CustomerKeyMaterial, CustomerInput } from './crypto/index.js';
export { approvalSigner, createApproverKey, unwrapApproverKey } from './crypto/index.js';
export type { ApprovalSigner, ApproverKey, WrappedApproverKey } from './crypto/index.js';
export { resolveCustomer } from './resolve-customer.js';
export { normalizePhone } from './crypto/business-key.js';
export { recordReturn, recordVoid, readSaleForReturn } from './record-return.js';
export { buildReturn, buildVoid, returnId, voidId } from './return.js';
export type { ReturnInput, VoidInput } from './return.js';
export { returnable, isVoided } from './returnable.js';
export type { PriorReturn, ReturnableLine } from './returnable.js';
export { followSyncSettings } from './follow-sync-settings.js';
