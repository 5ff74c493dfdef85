// Whether a replication wrote a till's documents unchanged: each document as central holds it,
// without its `_rev` (the server may assign its own generation-1 revision), compared with the
// document the till wrote, as canonical JSON (key order does not count). Pure.
import canonicalize from 'canonicalize';

type Doc = Record<string, unknown> & { _id: string };

const body = (doc: Record<string, unknown>): string => {
  const { _rev: _ignored, ...rest } = doc;
  return canonicalize(rest) ?? '';
};

/** Ids of `sent` whose document at central (`stored`, looked up by `_id`) is missing or differs. */
export function changedDocs(sent: readonly Doc[], stored: ReadonlyMap<string, Record<string, unknown>>): string[] {
  return sent.filter((doc) => {
    const there = stored.get(doc._id);
    return there === undefined || body(there) !== body(doc);
  }).map((doc) => doc._id);
}
