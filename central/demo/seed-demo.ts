// Seeds the demo chain on a first start (DEMO on): stores, 2,040 products and the tills' settings
// (`settings:pos`) in the catalog, the store databases (through setup), opening stock and a few
// sales per store, some customers, and per store a manager, a cashier and a device account,
// written to DATA_DIR/demo-accounts.json (0600).
// Customers are written as a POS writes them: personal fields encrypted, with blind indexes, so
// CouchDB (and Fauxton) never holds a plain phone, e-mail or tax id.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Nano from 'nano';
import type { Logger } from 'pino';
import { initialState, tick, type HlcState } from '../../store-client/hlc.js';
import { ProntoError, validate, type Customer, type PosSettings, type ProntoDoc } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { ensureUser } from '../setup/ensure-user.js';
import { setupStoreDatabase } from '../setup/run-setup.js';
import { roles } from '../setup/security.js';
import { DEMO_STORES, demoProducts, demoStores } from './demo-catalog.js';
import { demoOpeningStock, demoSales, type StampSource } from './demo-store-data.js';
import { deviceSigner, encryptCustomer, type CustomerKeys, type DeviceKey } from '../../store-client/crypto/index.js';
import { CENTRAL_DEVICE } from '../devices/central-key.js';
import { mulberry32 } from './prng.js';

export interface DemoAccount { name: string; password: string; roles: string[]; store: string | null }

/** `signer`: central's device key; it signs the opening stock and demo sales, and is registered
 * as device `central` of each store so central's own verifier accepts them. `customerKeys`:
 * central's customer keys (central/keys), which encrypt the demo customers. */
export async function seedDemo(
  nano: Nano.ServerScope, dataDir: string, log: Logger, signer: DeviceKey, customerKeys: CustomerKeys, nowMs = Date.now(),
): Promise<{ products: number; stores: number; accounts: number; customers: number }> {
  const stamps = centralStamps(nowMs);
  const random = mulberry32(20261124);
  const products = demoProducts(stamps.next(), 'central');
  await bulk(nano, 'catalog', demoStores(stamps.next(), 'central'));
  await bulk(nano, 'catalog', products);
  await bulk(nano, 'catalog', [posSettings(stamps.next())]);
  log.info({ products: products.length }, 'demo catalog written');
  const accounts: DemoAccount[] = [account('chain-admin', [roles.admin], null)];
  for (const s of DEMO_STORES) {
    await setupStoreDatabase(nano, s.store);
    await bulk(nano, 'catalog', [centralDevice(s.store, signer, stamps.next())]);
    const sign = <T extends object>(docs: T[]) => Promise.all(docs.map((d) => deviceSigner(signer).sign(d)));
    await bulk(nano, `store-${s.store}`, await sign(demoOpeningStock(s.store, products, random, stamps)));
    await bulk(nano, `store-${s.store}`, await sign(demoSales(s.store, s.timezone, products, random, stamps, nowMs, 5)));
    for (const kind of ['manager', 'cashier', 'device']) {
      accounts.push(account(`${kind}-${s.store}`, [roles.anyStore, roles.store(s.store), kind], s.store));
    }
  }
  const customers = await demoCustomers(stamps, customerKeys);
  await bulk(nano, 'customers', customers);
  for (const a of accounts) await ensureUser(nano, a);
  await writeFile(path.join(dataDir, 'demo-accounts.json'), JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  return { products: products.length, stores: DEMO_STORES.length, accounts: accounts.length, customers: customers.length };
}

function account(name: string, accountRoles: string[], store: string | null): DemoAccount {
  return { name, password: randomBytes(9).toString('base64url'), roles: accountRoles, store };
}

/** HLC stamps by central's node, from `nowMs`. */
export function centralStamps(nowMs: number): StampSource {
  let state: HlcState = initialState('central');
  return { next: () => { const t = tick(state, nowMs); state = t.state; return t.stamp; } };
}

/** The demo customers in plain text, before encryption. */
export const DEMO_CUSTOMERS: ReadonlyArray<Pick<Customer, 'name' | 'phone' | 'email' | 'taxId' | 'address'>> = [
  { name: 'María López', phone: '5512345678', email: 'maria.lopez@example.com', taxId: 'LOPM850315AB1', address: 'Av. Insurgentes Sur 1602, Ciudad de México' },
  { name: 'José Hernández', phone: '3398765432', email: 'jose.hernandez@example.com' },
  { name: 'Guadalupe García', phone: '81 8765 4321', taxId: 'GAGG900720KX9' },
  { name: 'Juan Martínez', phone: '+52 55 2345 6789' },
];

/** Encrypted as the POS's saveCustomer writes them: one stamp for creation and every field set. */
async function demoCustomers(stamps: StampSource, keys: CustomerKeys): Promise<ProntoDoc[]> {
  return Promise.all(DEMO_CUSTOMERS.map(async (person) => {
    const stamp = stamps.next();
    const plain: Customer = { _id: `customer:${randomUUID()}`, type: 'customer', ...person, points: 0, createdAt: stamp, updatedAt: stamp, updatedBy: 'central' };
    const doc = await encryptCustomer(plain, keys);
    const fields = Object.keys(doc).filter((f) => !f.startsWith('_') && !['type', 'createdAt', 'updatedAt', 'updatedBy'].includes(f));
    return { ...doc, stamps: Object.fromEntries(fields.map((f) => [f, stamp])) } as ProntoDoc;
  }));
}

/** Validates every document with the same contract CouchDB enforces, then writes in chunks. */
export async function bulk(nano: Nano.ServerScope, db: string, docs: readonly ProntoDoc[]): Promise<void> {
  for (const doc of docs) validate(doc, { db });
  for (let i = 0; i < docs.length; i += 500) {
    let res: Array<{ id?: string; error?: string; reason?: string }>;
    try {
      res = await nano.use(db).bulk({ docs: docs.slice(i, i + 500) as never[] });
    } catch (err) {
      throw couchError(err, `seeding ${db}`);
    }
    const failed = res.filter((r) => r.error);
    if (failed.length > 0) {
      throw new ProntoError('SETUP_FAILED', `seeding ${db}: ${failed.length} documents refused, first ${failed[0]?.id}: ${failed[0]?.reason}`);
    }
  }
}

/** The tills' rules: a cashier gives up to 10% off a line alone; more needs a manager. */
function posSettings(stamp: string): ProntoDoc {
  const value: PosSettings = { cashierMaxDiscountPct: 10 };
  return { _id: 'settings:pos', type: 'settings', key: 'pos', value, updatedAt: stamp, updatedBy: 'central' };
}

/** The catalog entry that lets central's verifier accept what central itself signed. */
export function centralDevice(store: string, key: DeviceKey, stamp: string): ProntoDoc {
  return {
    _id: `device:${store}:${CENTRAL_DEVICE}`, type: 'device', store, device: CENTRAL_DEVICE, updatedAt: stamp, updatedBy: 'central',
    keys: [{ keyId: key.keyId, publicJwk: key.publicJwk, status: 'active', addedAt: stamp }],
  } as ProntoDoc;
}
