// Whether a merged body says exactly what a leaf already says, so the resolver can keep that
// leaf instead of writing a new revision for nothing. `updatedBy` is ignored (the merge always
// says 'resolver'), and stamps are compared per field as effective stamps: a leaf that leaves
// a field's stamp implicit (= its updatedAt) matches a merge that writes it out.
import { effectiveStamp } from './effective-stamp.js';
import { mergeableFields } from './mergeable-fields.js';
import { sortKeys } from './sort-keys.js';

export function sameAsLeaf(merged: Readonly<Record<string, unknown>>, leafBody: Readonly<Record<string, unknown>>): boolean {
  if (canonicalContent(merged) !== canonicalContent(leafBody)) return false;
  return mergeableFields([merged, leafBody]).every((f) => effectiveStamp(merged, f) === effectiveStamp(leafBody, f));
}

function canonicalContent(body: Readonly<Record<string, unknown>>): string {
  const { updatedBy: _by, stamps: _stamps, ...content } = body;
  return JSON.stringify(sortKeys(content));
}
