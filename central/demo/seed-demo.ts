// Seeds the demo chain on a first start (DEMO on): stores and 2,040 products in the catalog, the
// store databases (through setup), opening stock and a few sales per store, some customers,
// and per store a manager, a cashier and a device account, written to DATA_DIR/demo-accounts.json (0600).
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Nano from 'nano';
import type { Logger } from 'pino';
import { initialState, tick, type HlcState } from '../../store-client/hlc.js';
import { ProntoError, validate, type ProntoDoc } from '../../validators/index.js';
import { couchError } from '../couch/errors.js';
import { ensureUser } from '../setup/ensure-user.js';
import { setupStoreDatabase } from '../setup/run-setup.js';
import { roles } from '../setup/security.js';
import { DEMO_STORES, demoProducts, demoStores } from './demo-catalog.js';
import { demoOpeningStock, demoSales, type StampSource } from './demo-store-data.js';
import { deviceSigner, type DeviceKey } from '../../store-client/crypto/index.js';
import { CENTRAL_DEVICE } from '../devices/central-key.js';
import { mulberry32 } from './prng.js';

export interface DemoAccount { name: string; password: string; roles: string[]; store: string | null }

/** `signer`: central's device key; it signs the opening stock and demo sales, and is registered
 * as device `central` of each store so central's own verifier accepts them. */
export async function seedDemo(nano: Nano.ServerScope, dataDir: string, log: Logger, signer: DeviceKey, nowMs = Date.now()): Promise<{ products: number; stores: number; accounts: number }> {
  const stamps = centralStamps(nowMs);
  const random = mulberry32(20261124);
  const products = demoProducts(stamps.next(), 'central');
  await bulk(nano, 'catalog', demoStores(stamps.next(), 'central'));
  await bulk(nano, 'catalog', products);
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
  await bulk(nano, 'customers', demoCustomers(stamps));
  for (const a of accounts) await ensureUser(nano, a);
  await writeFile(path.join(dataDir, 'demo-accounts.json'), JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  return { products: products.length, stores: DEMO_STORES.length, accounts: accounts.length };
}

function account(name: string, accountRoles: string[], store: string | null): DemoAccount {
  return { name, password: randomBytes(9).toString('base64url'), roles: accountRoles, store };
}

function centralStamps(nowMs: number): StampSource {
  let state: HlcState = initialState('central');
  return { next: () => { const t = tick(state, nowMs); state = t.state; return t.stamp; } };
}

function demoCustomers(stamps: StampSource): ProntoDoc[] {
  const people = [['María López', '5512345678'], ['José Hernández', '3398765432'], ['Guadalupe García', '8187654321'], ['Juan Martínez', '5523456789']];
  return people.map(([name, phone]) => ({ _id: `customer:${randomUUID()}`, type: 'customer', name, phone, points: 0, updatedAt: stamps.next(), updatedBy: 'central' }) as ProntoDoc);
}

/** Validates every document with the same contract CouchDB enforces, then writes in chunks. */
async function bulk(nano: Nano.ServerScope, db: string, docs: readonly ProntoDoc[]): Promise<void> {
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

/** The catalog entry that lets central's verifier accept what central itself signed. */
function centralDevice(store: string, key: DeviceKey, stamp: string): ProntoDoc {
  return {
    _id: `device:${store}:${CENTRAL_DEVICE}`, type: 'device', store, device: CENTRAL_DEVICE, updatedAt: stamp, updatedBy: 'central',
    keys: [{ keyId: key.keyId, publicJwk: key.publicJwk, status: 'active', addedAt: stamp }],
  } as ProntoDoc;
}
