// The built-in conflict policy, used while the catalog holds no `settings:conflict-policy`.
// Prices, costs and the active flag are central's decisions; tags and points only grow by
// merging; everything else follows the latest writer (DESIGN.md, "Conflict resolution").
import type { ConflictPolicy } from '../../validators/index.js';

export const defaultPolicy: ConflictPolicy = deepFreeze({
  default: 'lww',
  types: {
    product: {
      strategy: 'field-merge',
      fields: { price: 'central-wins', cost: 'central-wins', active: 'central-wins', tags: 'union', notes: 'lww' },
    },
    customer: { strategy: 'field-merge', fields: { points: 'max', tags: 'union' } },
    store: { strategy: 'central-wins' },
    settings: { strategy: 'central-wins' },
  },
  rules: [{ type: 'product', field: 'price', op: 'gte', other: 'cost' }],
});

// Shared by every resolver call, so nobody may change it in place.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
