// The resolver benchmark's documents, pure: customers under field-merge (each field edited at a
// store carries its own stamp) and products under last-write-wins, with the sibling revisions two
// or three stores wrote offline (every fourth document has three leaves). The same specs are
// written to central's databases and to the naive baseline's copies, so both settle one backlog.

/** Where a conflicted document lives, and the bodies of its base revision and of its siblings. */
export interface ConflictDoc { db: 'customers' | 'catalog'; id: string; base: Record<string, unknown>; siblings: Array<Record<string, unknown>> }

/** An HLC stamp (validators/schemas/common.ts `HLC`) `offsetMs` after `originMs`. */
const stamp = (originMs: number, offsetMs: number, node: string): string => `${new Date(originMs + offsetMs).toISOString()}-0000-${node}`;
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);
const COLOURS = ['NEG', 'CAF', 'BLA', 'AZU', 'ROJ'];
const SIZES = ['22', '22.5', '23', '23.5', '24', '24.5', '25', '25.5', '26', '26.5', '27', '28'];

/** A customer id unique to (`run`, `batch`, `i`). */
export const customerId = (run: number, batch: number, i: number): string =>
  `customer:${hex(run, 8)}-${hex(batch, 4)}-4000-8000-${hex(i, 12)}`;

function customer(id: string, i: number, at: string): Record<string, unknown> {
  // Personal fields arrive encrypted by the POS (opaque base64 here); the blind index is unique
  // per customer, so the duplicate finder looks them up and finds no one to merge.
  const opaque = (field: string) => `v1.${Buffer.from(`${field}:${id}`).toString('base64')}`;
  const key = Buffer.from(id.slice('customer:'.length)).toString('base64url');
  return {
    _id: id, type: 'customer', name: `Cliente ${i}`, phone: opaque('phone'), email: opaque('email'), points: i % 500,
    tags: ['frecuente'], notes: '', blindIndex: { phone: `p${key}`, taxId: `t${key}` }, createdAt: at, updatedAt: at, updatedBy: 'cashier-s1',
    stamps: { name: at, phone: at, email: at, points: at, tags: at, notes: at },
  };
}

function product(sku: string, i: number, at: string): Record<string, unknown> {
  const model = `PS-B${String(i % 97).padStart(2, '0')}`;
  const colour = COLOURS[i % COLOURS.length]!;
  const size = SIZES[i % SIZES.length]!;
  return {
    _id: `product:${sku}`, type: 'product', sku, model, name: `${model} ${colour} ${size}`, colour, size, price: 89_900 + (i % 40) * 1_000,
    cost: 41_000 + (i % 40) * 500, barcode: String(7_500_000_000_000 + i), active: true, tags: ['temporada'], notes: '',
    updatedAt: at, updatedBy: 'central', stamps: { price: at, cost: at, active: at, tags: at, notes: at },
  };
}

/** Edits of one customer made at two or three stores: the phone at one, points and tags at another, notes at a third. */
function customerSiblings(base: Record<string, unknown>, i: number, originMs: number, three: boolean): Array<Record<string, unknown>> {
  const stamps = base.stamps as Record<string, string>;
  const s1 = stamp(originMs, 60_000 + i, 's1.pos1');
  const s2 = stamp(originMs, 90_000 + i, 's2.pos1');
  const s3 = stamp(originMs, 75_000 + i, 's3.pos2');
  return [
    { ...base, phone: `v1.${Buffer.from(`new-phone:${i}`).toString('base64')}`, updatedAt: s1, updatedBy: 'cashier-s1', stamps: { ...stamps, phone: s1 } },
    { ...base, points: (base.points as number) + 120, tags: ['frecuente', 'vip'], updatedAt: s2, updatedBy: 'cashier-s2', stamps: { ...stamps, points: s2, tags: s2 } },
    ...(three ? [{ ...base, notes: 'Prefiere talla media', updatedAt: s3, updatedBy: 'cashier-s3', stamps: { ...stamps, notes: s3 } }] : []),
  ];
}

/** Edits of one product by admins offline: a price, a deactivation, a note; the latest stamp wins. */
function productSiblings(base: Record<string, unknown>, i: number, originMs: number, three: boolean): Array<Record<string, unknown>> {
  const a = stamp(originMs, 60_000 + i, 'central.laptop-a');
  const b = stamp(originMs, 90_000 + i, 'central.laptop-b');
  const c = stamp(originMs, 75_000 + i, 'central.laptop-c');
  return [
    { ...base, price: (base.price as number) + 5_000, updatedAt: a, updatedBy: 'admin-a' },
    { ...base, active: false, updatedAt: b, updatedBy: 'admin-b' },
    ...(three ? [{ ...base, notes: 'Descontinuado en 2027', updatedAt: c, updatedBy: 'admin-c' }] : []),
  ];
}

/**
 * `count` conflicted documents for batch `batch` of run `run` (ids unique to both): three in five
 * are customers, two in five products; every fourth has three leaves. Base revisions are stamped
 * `originMs`, the siblings a minute or two after it.
 */
export function conflictDocs(run: number, batch: number, count: number, originMs: number): ConflictDoc[] {
  const at = stamp(originMs, 0, 'central');
  return Array.from({ length: count }, (_, i): ConflictDoc => {
    const three = i % 4 === 3;
    if (i % 5 < 3) {
      const base = customer(customerId(run, batch, i), i, stamp(originMs, 0, 's1.pos1'));
      return { db: 'customers', id: base._id as string, base, siblings: customerSiblings(base, i, originMs, three) };
    }
    const base = product(`BN-${hex(run, 6).toUpperCase()}-${batch}-${i}`, i, at);
    return { db: 'catalog', id: base._id as string, base, siblings: productSiblings(base, i, originMs, three) };
  });
}
