// What our validate_doc_update costs a server's writes: the same signed sales (1–4 lines) pushed
// by a store's device account (the VDU's non-admin path, the one tills hit) into a store database
// with our design doc and `_security`, and into an identical one whose design doc lacks only
// `validate_doc_update` (the baseline), alternately. Twice: through raw PouchDB `replicate.to`
// (`_revs_diff` + `_bulk_docs` new_edits:false, as a till's push) and interactive `_bulk_docs`.
// Every repetition writes into fresh databases, so each side starts from the same empty store.
import { randomBytes } from 'node:crypto';
import type Nano from 'nano';
import { buildSale, createNodePouch, generateDeviceKey, signDoc, type DeviceKey, type Db, type SaleInput } from '../../store-client/index.js';
import type { Sale } from '../../validators/index.js';
import type { BenchContext, Result, Scenario } from '../lib/scenario.js';
import { sharedTarget, type BenchServer } from '../lib/target.js';

const PouchDB = createNodePouch();
const BATCH = 100; // PouchDB's default replication batch_size; the bulkDocs variant posts the same.

type Mode = 'replicate' | 'bulkDocs';
/** The store as the scenario uses it: its id (run-unique on CouchDB), database URL and device account. */
interface Store { id: string; url: string; account: { username: string; password: string } }

async function createStore(target: BenchServer, id: string): Promise<Store> {
  const s = await target.createStore(id);
  return { id: s.id, url: s.storeDbUrl, account: s.account };
}

/** N sales of 1–4 lines, the same for every store (a seeded generator, not Math.random). */
function saleInputs(n: number): SaleInput[] {
  let seed = 0x5eed;
  const next = (k: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % k;
  };
  return Array.from({ length: n }, () => {
    const lines = Array.from({ length: 1 + next(4) }, () => {
      const unitPrice = 49_900 + next(40) * 5_000;
      const qty = 1 + next(2);
      return { sku: `PR-${1000 + next(500)}-NEG-${20 + next(10)}.5`, qty, unitPrice, discount: next(5) === 0 ? 5_000 : 0 };
    });
    const total = lines.reduce((s, l) => s + l.qty * l.unitPrice - l.discount, 0);
    const cash = next(2) === 0;
    return { lines, payments: [{ method: cash ? 'cash' : 'card', amount: cash ? Math.ceil(total / 10_000) * 10_000 : total }] };
  });
}

async function signedSales(inputs: SaleInput[], store: string, key: DeviceKey): Promise<Sale[]> {
  const device = `${store}.pos1`;
  return Promise.all(inputs.map((input, i) => signDoc(buildSale(input, {
    store, device, cashier: 'cajero-1', businessDay: '2026-11-24',
    stamp: `${new Date(1_795_000_000_000 + i * 1_000).toISOString()}-0000-${device}`,
  }), key)));
}

/** The store's design doc without `validate_doc_update`: same views, modules and `_security`. */
async function dropValidation(nano: Nano.ServerScope, store: string): Promise<void> {
  const db = nano.use<{ validate_doc_update?: string }>(`store-${store}`);
  const ddoc = await db.get('_design/pronto');
  delete ddoc.validate_doc_update;
  await db.insert(ddoc);
}

/** Writes the sales into the store as its device account; docs/s. */
async function push(mode: Mode, sales: Sale[], store: Store): Promise<number> {
  const remote: Db = new PouchDB(store.url, { auth: store.account, skip_setup: true } as never);
  const local: Db = new PouchDB(`vw-${randomBytes(4).toString('hex')}`, { adapter: 'memory' });
  if (mode === 'replicate') await local.bulkDocs(sales);
  const t0 = performance.now();
  if (mode === 'replicate') {
    const res = await local.replicate.to(remote);
    if (res.docs_written !== sales.length) throw new Error(`${store.id}: ${res.docs_written} of ${sales.length} sales written (${res.doc_write_failures} refused)`);
  } else {
    for (let i = 0; i < sales.length; i += BATCH) {
      const out = await remote.bulkDocs(sales.slice(i, i + BATCH));
      const refused = out.find((r) => 'error' in r && r.error);
      if (refused) throw new Error(`${store.id}: a sale was refused: ${JSON.stringify(refused)}`);
    }
  }
  const ms = performance.now() - t0;
  await local.destroy();
  return Math.round(sales.length / (ms / 1000));
}

async function measure(ctx: BenchContext, target: BenchServer, mode: Mode, inputs: SaleInput[], key: DeviceKey): Promise<Result> {
  let k = 0;
  const once = async (validated: boolean): Promise<number> => {
    const store = await createStore(target, `vw${mode === 'replicate' ? 'r' : 'b'}${k++}`);
    if (!validated) await dropValidation(target.nano, store.id);
    const rate = await push(mode, await signedSales(inputs, store.id, key), store);
    ctx.progress(`validated writes (${mode}, ${target.kind}): ${validated ? 'ours' : 'baseline'} ${rate} docs/s`);
    return rate;
  };
  await once(true);
  await once(false);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < ctx.repeats; i++) {
    ours.push(await once(true));
    baseline.push(await once(false));
  }
  const how = mode === 'replicate' ? 'raw PouchDB replicate.to' : 'interactive bulkDocs, 100 a request';
  return {
    scenario: `validated writes, ${how}: ${inputs.length} signed sales as a store device (${target.kind})`,
    unit: 'docs/s', better: 'higher', ours, baseline,
    baselineName: 'the same store database and design doc without validate_doc_update',
  };
}

export const validatedWrites: Scenario = {
  name: 'validated-writes',
  async run(ctx) {
    const inputs = saleInputs(ctx.quick ? 500 : 2_000);
    const key = await generateDeviceKey();
    const target = await sharedTarget();
    return [await measure(ctx, target, 'replicate', inputs, key), await measure(ctx, target, 'bulkDocs', inputs, key)];
  },
};
