// Which stamp of a pulled document a till's clock may learn from, pure. A till moves its HLC past
// the `updatedAt` of what it pulls (so its next stamps sort after central's), within the allowed
// skew (clock.ts). Not past a `store-status` document's: any account of the store can write one,
// for a till that is not this one, and a status says nothing this till's writes must follow.
export function observedStamp(doc: { _id?: unknown; type?: unknown; updatedAt?: unknown }): string | undefined {
  if (doc.type === 'store-status' || (typeof doc._id === 'string' && doc._id.startsWith('store-status:'))) return undefined;
  return typeof doc.updatedAt === 'string' ? doc.updatedAt : undefined;
}
