// The resolver's plain data. A conflicted document is a set of leaf revisions (CouchDB's
// revision tree leaves, https://docs.couchdb.org/en/stable/replication/conflicts.html); a
// strategy turns them into a Resolution. Strategies are pure and deterministic: the same
// leaves in any order and the same policy give the same Resolution, so two resolvers, or one
// restarted half-way, write the same thing.
import type { FieldRule, Strategy as StrategyName } from '../../validators/index.js';

/** One leaf revision of a conflicted document. `body` has no `_rev`, `_revisions`, `_conflicts`. */
export interface Leaf {
  rev: string;
  deleted: boolean;
  body: Record<string, unknown>;
}

export type Resolution =
  /** Keep this leaf as it is; every other live leaf is deleted. */
  | { kind: 'keep-winner'; rev: string }
  /** Write this body as the new winner (on top of CouchDB's winning leaf); every other live leaf is deleted. */
  | { kind: 'write-merged'; body: Record<string, unknown> }
  /** Leave CouchDB's winner in place and queue the conflict for an admin. */
  | { kind: 'needs-review'; reason: string };

export interface StrategyContext {
  /** Per-field rules for `field-merge`; fields not listed follow `lww`. */
  fields: Readonly<Record<string, FieldRule>>;
  /** True when an HLC stamp was issued by central or an admin (its node id is `central…`). */
  isCentralStamp(stamp: string): boolean;
}

/** Every strategy has this one signature. */
export type Strategy = (leaves: readonly Leaf[], ctx: StrategyContext) => Resolution;

export type { StrategyName, FieldRule };
