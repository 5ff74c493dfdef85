// What the simulator asks of a running central, over HTTP only (it may be another process or
// machine): the store list, store accounts and till enrolment as the console does them (/api),
// and, as a chain admin through the public /db, the documents, stock view and catalog edits the
// run makes and checks. One place turns a bad answer into a ProntoError; passwords never appear.
import { randomBytes } from 'node:crypto';
import { ProntoError } from '../../validators/errors.js';

export interface Credentials { name: string; password: string }
export type StoredDoc = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[]; quarantined?: unknown };

const auth = (c: Credentials) => 'Basic ' + Buffer.from(`${c.name}:${c.password}`).toString('base64');

export class CentralClient {
  constructor(readonly url: string, readonly admin: Credentials) {}

  async call<T>(method: string, path: string, options: { as?: Credentials; body?: unknown; ok?: number[] } = {}): Promise<{ status: number; body: T }> {
    const { as = this.admin, ok = [200, 201] } = options;
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method, headers: { Authorization: auth(as), 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (err) {
      throw new ProntoError('COUCH_UNREACHABLE', `central is unreachable at ${this.url} (${(err as Error).message}); is it running? (--url)`, { path }, err);
    }
    const text = await res.text();
    const body = (text === '' ? {} : JSON.parse(text)) as T;
    if (!ok.includes(res.status)) {
      const code = res.status === 401 ? 'UNAUTHORIZED' : res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND' : 'COUCH_ERROR';
      throw new ProntoError(code, `${method} ${path.split('?')[0]} as ${as.name}: ${res.status} ${text.slice(0, 300)}`, { status: res.status, path });
    }
    return { status: res.status, body };
  }

  async storeIds(): Promise<string[]> {
    const { body } = await this.call<{ stores: Array<{ store: string; ready?: boolean }> }>('GET', '/api/stores');
    return body.stores.filter((s) => s.ready !== false).map((s) => s.store).sort();
  }

  /** A store account made (or, when the name exists, given a new password) as the console's Accounts page does. */
  async ensureAccount(name: string, store: string, kind: 'manager' | 'cashier'): Promise<Credentials> {
    const password = randomBytes(12).toString('base64url');
    const made = await this.call('POST', '/api/accounts', { body: { name, password, store, kind }, ok: [201, 409] });
    if (made.status === 409) await this.call('POST', `/api/accounts/${encodeURIComponent(name)}/password`, { body: { password } });
    return { name, password };
  }

  async enrol(manager: Credentials, store: string, device: string, publicJwk: unknown): Promise<void> {
    await this.call('POST', '/api/devices', { as: manager, body: { store, device, publicJwk }, ok: [201] });
  }

  async registerApprover(manager: Credentials, publicJwk: unknown): Promise<void> {
    await this.call('POST', '/api/approvers/keys', { as: manager, body: { publicJwk } });
  }

  async allDocs(db: string): Promise<Map<string, StoredDoc>> {
    const { body } = await this.call<{ rows: Array<{ id: string; doc: StoredDoc }> }>('GET', `/db/${db}/_all_docs?include_docs=true&conflicts=true`);
    return new Map(body.rows.map((r) => [r.id, r.doc]));
  }

  /** Stock per SKU as central counts it (the store design doc's `stock` view, key [store, sku]). */
  async stock(store: string): Promise<Record<string, number>> {
    const { body } = await this.call<{ rows: Array<{ key: [string, string]; value: number }> }>('GET', `/db/store-${store}/_design/pronto/_view/stock?group=true`);
    return Object.fromEntries(body.rows.map((r) => [r.key[1], r.value]));
  }

  async products(skip: number, limit: number): Promise<Array<{ _id: string; sku: string; price: number }>> {
    const q = `startkey=${encodeURIComponent('"product:"')}&endkey=${encodeURIComponent('"product;"')}&include_docs=true&skip=${skip}&limit=${limit}`;
    const { body } = await this.call<{ rows: Array<{ doc: { _id: string; sku: string; price: number } }> }>('GET', `/db/catalog/_all_docs?${q}`);
    return body.rows.map((r) => r.doc);
  }

  async openRefusals(store: string): Promise<Array<{ _id: string; docId?: string }>> {
    const { body } = await this.call<{ refusals: Array<{ _id: string; docId?: string }> }>('GET', `/api/refusals?store=${store}&status=open`);
    return body.refusals;
  }

  async auditVerified(): Promise<string | null> {
    const { status, body } = await this.call<{ ok?: boolean; broken?: unknown }>('GET', '/api/audit/verify', { ok: [200, 409, 500] });
    return status === 200 && body.ok === true ? null : `${status} ${JSON.stringify(body.broken ?? body)}`;
  }

  /**
   * Two admins change one product's price at the same moment, on two sites: two sibling
   * revisions of it (written as replication writes them), a real conflict for central's resolver.
   * Prices only go up (`raises`, centavos), so the price stays at or above the cost.
   */
  async conflictingPriceEdits(id: string, raises: [number, number], stamps: [string, string]): Promise<void> {
    const { body: doc } = await this.call<StoredDoc>('GET', `/db/catalog/${encodeURIComponent(id)}`);
    const [gen, hash] = doc._rev.split('-') as [string, string];
    const branch = (i: 0 | 1) => {
      const child = randomBytes(16).toString('hex');
      return { ...doc, price: Number(doc.price) + raises[i], updatedAt: stamps[i], updatedBy: this.admin.name, _rev: `${Number(gen) + 1}-${child}`, _revisions: { start: Number(gen) + 1, ids: [child, hash] } };
    };
    const { body } = await this.call<Array<{ error?: string; reason?: string }>>('POST', '/db/catalog/_bulk_docs', { body: { docs: [branch(0), branch(1)], new_edits: false } });
    const refused = body.filter((r) => r.error !== undefined);
    if (refused.length > 0) throw new ProntoError('COUCH_ERROR', `price edit of ${id} refused: ${JSON.stringify(refused[0])}`, { id });
  }
}
