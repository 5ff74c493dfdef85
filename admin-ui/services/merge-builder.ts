// The conflict detail's merge builder: the admin picks, for each field, the revision whose value
// the merged document takes; the result is validated live with the same schemas and check.cjs
// central and CouchDB run (compiled ahead of time into the console's bundle: validators/browser-build.ts).
// updatedAt, updatedBy and per-field stamps are central's to set when it writes the merge
// (central/conflicts/resolve-manually.ts); here they only make the preview a whole document. Pure:
// the validator is passed in (validators/validate.ts `isValid`), which the console loads lazily,
// in its own chunk, only when a conflict is opened.

export interface Revision { rev: string; body: Record<string, unknown> }
/** field → index of the revision it is taken from. */
export type Picks = Readonly<Record<string, number>>;

const COUCH_OWN = new Set(['_rev', '_revisions', '_conflicts']);
/** Set by central when the merge is written, not chosen. */
export const SET_BY_CENTRAL: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'stamps']);

/** The fields an admin chooses: those that differ, central's own aside. */
export function choosableFields(revisions: readonly Revision[]): string[] {
  const fields = [...new Set(revisions.flatMap((r) => Object.keys(r.body)))].filter((f) => !COUCH_OWN.has(f) && !SET_BY_CENTRAL.has(f));
  return fields.filter((f) => revisions.some((r) => JSON.stringify(r.body[f]) !== JSON.stringify(revisions[0]!.body[f]))).sort();
}

/** The merged document: every field from the first revision unless picked from another; a field the picked revision lacks is left out. */
export function mergeOf(revisions: readonly Revision[], picks: Picks, actor: string): Record<string, unknown> {
  const fields = [...new Set(revisions.flatMap((r) => Object.keys(r.body)))].filter((f) => !COUCH_OWN.has(f) && f !== 'stamps');
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const from = revisions[picks[field] ?? 0]?.body ?? {};
    if (Object.hasOwn(from, field)) out[field] = from[field];
  }
  const stamps = revisions.map((r) => r.body.updatedAt).filter((s): s is string => typeof s === 'string').sort();
  if (stamps.length > 0) out.updatedAt = stamps[stamps.length - 1];
  out.updatedBy = actor;
  return out;
}

export interface MergeCheck { ok: boolean; message: string | null; field: string | null }

/** The merge as central will judge it, with the field a refusal names (`product/price must be integer` → price). */
export type IsValid = (doc: unknown, ctx: { db?: string }) => string | null;

export function checkMerge(body: Record<string, unknown>, db: string, isValid: IsValid): MergeCheck {
  const message = isValid(body, { db });
  if (message === null) return { ok: true, message: null, field: null };
  const type = typeof body.type === 'string' ? body.type : '';
  const field = message.startsWith(`${type}/`) ? message.slice(type.length + 1).split(/[ /]/)[0]! : null;
  return { ok: false, message, field };
}

export interface Authorship { by: string; at: string | null; node: string | null }

/** Who wrote a revision and when: its updatedBy, and its updatedAt HLC stamp's wall time and node. */
export function authorship(body: Record<string, unknown>): Authorship {
  const by = typeof body.updatedBy === 'string' ? body.updatedBy : '—';
  const m = typeof body.updatedAt === 'string' ? /^(\d{4}-\d\d-\d\dT[\d:.]+Z)-[0-9a-f]+-(.+)$/.exec(body.updatedAt) : null;
  return { by, at: m ? m[1]! : null, node: m ? m[2]! : null };
}
