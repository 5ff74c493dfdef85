// The customers this till can see (its local copy of `customers`), for a sale's customer: found
// by phone through the blind index (nothing is decrypted to search), by name from an in-memory
// list kept up to date from the local changes feed, and registered here, encrypted before the
// write. Without the customers' keys (never fetched on this device) none of it is available.

import type { Customer } from '../../../validators/types.js';
import { decryptCustomer, findCustomerByPhone, resolveCustomer, saveCustomer, type Clock, type CustomerKeys, type Db } from '../../browser.js';
import { asPhone, maskPhone, matchNames, type NamedCustomer } from '../customer-search.js';
import { normalizeText } from '../search-catalog.js';
import { followDocs, type Followed } from './follow-docs.js';

export interface CustomerSummary {
  id: string;
  name: string;
  /** Last four digits only. */
  phone?: string;
}

export interface NewCustomer {
  name: string;
  phone?: string;
  email?: string;
  taxId?: string;
}

export class CustomerDirectory {
  private readonly byId = new Map<string, NamedCustomer>();
  private named: NamedCustomer[] = [];
  private stopFeed: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: () => CustomerKeys | undefined,
    private readonly writer: () => string,
  ) {}

  get available(): boolean {
    return this.keys() !== undefined;
  }

  async start(): Promise<void> {
    this.stopFeed = await followDocs(this.db, (doc) => this.apply(doc), () => this.settle());
  }

  stop(): void {
    this.stopFeed?.();
  }

  async search(text: string, limit = 8): Promise<CustomerSummary[]> {
    const keys = this.keys();
    if (!keys) return [];
    const phone = asPhone(text);
    if (phone !== undefined) return (await findCustomerByPhone(this.db, keys, phone)).slice(0, limit).map(summary);
    const found = matchNames(this.named, text, limit);
    return Promise.all(found.map(async (c) => summary(await decryptCustomer((await this.db.get(c.id)) as Customer, keys))));
  }

  /** The customer (or the one it was merged into), as shown on a receipt; undefined when unknown. */
  async get(id: string): Promise<CustomerSummary | undefined> {
    const keys = this.keys();
    const doc = await resolveCustomer(this.db, id);
    if (!doc) return undefined;
    return keys ? summary(await decryptCustomer(doc, keys)) : { id: doc._id, name: doc.name };
  }

  async register(input: NewCustomer): Promise<CustomerSummary> {
    const keys = this.keys();
    if (!keys) throw new Error('the customers’ keys are not on this device');
    const saved = await saveCustomer(this.db, this.clock, keys, { ...input, points: 0 }, { updatedBy: this.writer() });
    return summary(await decryptCustomer(saved, keys));
  }

  private apply(doc: Followed): void {
    const c = doc as Partial<Customer> & Followed;
    if (!c._deleted && c.type === 'customer' && !c.mergedInto && typeof c.name === 'string') {
      this.byId.set(c._id, { id: c._id, name: c.name, search: normalizeText(c.name) });
    } else {
      this.byId.delete(c._id);
    }
  }

  private settle(): void {
    this.named = [...this.byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }
}

function summary(c: Customer): CustomerSummary {
  const phone = maskPhone(c.phone);
  return phone === undefined ? { id: c._id, name: c.name } : { id: c._id, name: c.name, phone };
}
