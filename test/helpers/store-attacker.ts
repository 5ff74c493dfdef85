// What a store account with a signing key can do against a real central, for the business-rule
// tests: sign sales, returns and moves with a device key a manager enrolled (and, where an honest
// till would have one, the store manager's own approval), write them through `/db` with the store
// account's Basic credentials, and read what central counts (the stock, sales-by-day and
// returns-by-day views) and what it announced.
import { expect } from 'chai';
import {
  approvalSigner, buildMove, buildReturn, buildSale, createApproverKey, deviceSigner, formatStamp, generateDeviceKey,
  type ApprovalSigner, type DocSigner, type MoveInput,
} from '../../store-client/index.js';
import type { Move, Return, Sale } from '../../validators/index.js';
import { basic, startDemoCentral, type DemoCentral } from './demo-central.js';
import { readSse, type SseClient } from './sse.js';

export interface Till {
  device: string;
  signer: DocSigner;
}

export interface Counted { stock: unknown; sales: unknown; returns: unknown }

let counter = 0;
/** An HLC stamp `offsetMs` from now by `node` (unique within the test run). */
export const stampNow = (node: string, offsetMs = 0): string => formatStamp({ wallMs: Date.now() + offsetMs, counter: counter++ % 0xffff, node });
export const today = (): string => new Date().toISOString().slice(0, 10);

export function attacker(demo: DemoCentral, sse: SseClient, store = 's1') {
  const as = (who: string) => {
    const { name, password } = demo.account(who);
    return { ...basic(name, password), 'Content-Type': 'application/json' };
  };
  const url = (path: string) => `${demo.central.url}/db/store-${store}${path}`;
  const view = async (name: string) => (await (await fetch(url(`/_design/pronto/_view/${name}?group=true`), { headers: as('chain-admin') })).json()) as { rows: unknown[] };
  let manager: Promise<ApprovalSigner> | undefined;
  /** The store manager's own approval key, made (fast KDF: a test) and registered at central once. */
  const managerSigner = (): Promise<ApprovalSigner> => (manager ??= (async () => {
    const name = `manager-${store}`;
    const { key } = await createApproverKey(name, 'test', 1000);
    const res = await fetch(`${demo.central.url}/api/approvers/keys`, { method: 'POST', headers: as(name), body: JSON.stringify({ publicJwk: key.publicJwk }) });
    expect(res.status, `registering ${name}'s approval key`).to.equal(201);
    return approvalSigner(name, key);
  })());

  return {
    /** A manager enrols a fresh key for `device`. */
    async till(device: string): Promise<Till> {
      const key = await generateDeviceKey();
      const res = await fetch(`${demo.central.url}/api/devices`, { method: 'POST', headers: as(`manager-${store}`), body: JSON.stringify({ store, device, publicJwk: key.publicJwk }) });
      expect(res.status, `enrolling ${device}`).to.equal(201);
      return { device, signer: deviceSigner(key) };
    },
    /** `doc` as an honest till records it: approved by the store's manager with their own key. */
    async approved<T extends { approvedBy?: string }>(doc: T): Promise<T> {
      return (await managerSigner()).sign({ ...doc, approvedBy: `manager-${store}` });
    },
    async price(sku: string): Promise<number> {
      return ((await (await fetch(`${demo.central.url}/db/catalog/product:${sku}`, { headers: as('chain-admin') })).json()) as { price: number }).price;
    },
    sale(till: Till, lines: Array<{ sku: string; qty?: number; unitPrice: number; discount?: number }>, opts: { stamp?: string; businessDay?: string; device?: string } = {}): Sale {
      const full = lines.map((l) => ({ sku: l.sku, qty: l.qty ?? 1, unitPrice: l.unitPrice, discount: l.discount ?? 0 }));
      const total = full.reduce((s, l) => s + l.qty * l.unitPrice - l.discount, 0);
      return buildSale({ lines: full, payments: [{ method: 'card', amount: total }] }, {
        store, device: opts.device ?? till.device, cashier: `cashier-${store}`, stamp: opts.stamp ?? stampNow(till.device), businessDay: opts.businessDay ?? today(),
      });
    },
    giveBack(till: Till, sale: Sale, lines: Array<{ line: number; qty: number }>): Return {
      return buildReturn(sale, [], { lines, refundMethod: 'card', reason: 'wrong size', approvedBy: `manager-${store}` }, {
        store, device: till.device, cashier: `cashier-${store}`, stamp: stampNow(till.device), businessDay: today(),
      });
    },
    move(till: Till, input: MoveInput): Move {
      return buildMove(input, { store, device: till.device, user: `cashier-${store}`, stamp: stampNow(till.device) });
    },
    /** Writes signed documents through `/db` as the store's cashier. */
    async write(...docs: object[]): Promise<void> {
      const res = await fetch(url('/_bulk_docs'), { method: 'POST', headers: as(`cashier-${store}`), body: JSON.stringify({ docs }) });
      expect(res.status).to.equal(201);
      const results = (await res.json()) as Array<{ id: string; error?: string; reason?: string }>;
      expect(results.filter((r) => r.error), 'CouchDB accepts them: only central can judge them').to.deep.equal([]);
    },
    /** The reason central gives when it quarantines `id`. */
    async quarantined(id: string): Promise<string> {
      return (await sse.next((e) => e.type === 'sale.quarantined' && e.data.docId === id, 30_000)).data.reason as string;
    },
    async flagged(id: string): Promise<string> {
      const event = await sse.next((e) => e.type === 'store-doc.flagged' && e.data.documents.some((d: { docId: string }) => d.docId === id), 30_000);
      return event.data.documents.find((d: { docId: string }) => d.docId === id).reason as string;
    },
    async lifted(id: string): Promise<void> {
      await sse.next((e) => e.type === 'sale.quarantine-lifted' && e.data.docId === id, 30_000);
    },
    async doc(id: string): Promise<Record<string, any>> {
      return (await fetch(url(`/${encodeURIComponent(id)}`), { headers: as('chain-admin') })).json() as Promise<Record<string, any>>;
    },
    /** Everything central counts for the store: stock per SKU, takings and refunds per day. */
    async counted(): Promise<Counted> {
      return { stock: (await view('stock')).rows, sales: (await view('sales-by-day')).rows, returns: (await view('returns-by-day')).rows };
    },
  };
}

export type Attacker = ReturnType<typeof attacker>;

/** What the business-rule suites start with: a demo central, its live events, two enrolled tills of s1 and a SKU's price. */
export interface RulesRig { demo: DemoCentral; sse: SseClient; a: Attacker; pos7: Till; pos8: Till; price: number; stop(): Promise<void> }

export async function startRulesRig(sku: string): Promise<RulesRig> {
  const demo = await startDemoCentral();
  const admin = demo.account('chain-admin');
  const sse = await readSse(`${demo.central.url}/api/events`, basic(admin.name, admin.password));
  const a = attacker(demo, sse);
  return {
    demo, sse, a, pos7: await a.till('s1.pos7'), pos8: await a.till('s1.pos8'), price: await a.price(sku),
    async stop() {
      sse.close();
      await demo.stop();
    },
  };
}
