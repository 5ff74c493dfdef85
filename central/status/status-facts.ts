// What `pronto-sync status` gathers about a running chain (gather-facts.ts reads it; judge-status.ts
// decides from it): plain data, so the verdict can be tested without a server. A part that could
// not be read is `null` (CouchDB unreachable: nothing behind it was read).

export interface CentralFacts {
  /** central's base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  /** It answered GET /api/health at all (any status). */
  answering: boolean;
  /** Setup completed, as /api/health says (undefined when it did not answer). */
  setupDone?: boolean;
  /** Central's own view of its change follower (GET /api/health `checks.feed`), when it gave one:
   *  `stopped` names databases no follower of this central follows now. */
  follower?: { status: string; mode?: string; notFollowed?: string[]; lagging?: Array<{ db: string; secondsBehind: number }> };
  error?: string;
}

export interface CouchFacts {
  /** Base URL without credentials. */
  url: string;
  embedded: boolean;
  reachable: boolean;
  version?: string;
  vendor?: string;
  error?: string;
}

export type DesignDocState = 'current' | 'stale' | 'missing';

export interface DesignDocFact { db: string; id: string; state: DesignDocState }

export interface SecurityFact { db: string; ok: boolean }

/** One followed database: its `update_seq` and the change follower's checkpoint (leading numbers). */
export interface FollowerFact {
  db: string;
  updateSeq: number;
  /** null: no checkpoint yet (never followed). */
  checkpointSeq: number | null;
  /** Failed batches' changes kept in the checkpoint, waiting to be retried. */
  retrying: number;
}

export interface StoreFacts {
  store: string;
  name: string;
  active: boolean;
  /** Latest time central heard one of its tills (a verified status report), or null. */
  lastSeen: string | null;
  tills: number;
  /** Tills silent past their interval (devices/till-liveness). */
  silentTills: number;
  /** Documents the tills report as not yet at central. */
  pending: number;
  refused: number;
  quarantined: number;
  conflicts: number;
}

export type AuditFact =
  | { state: 'intact'; entries: number }
  | { state: 'broken'; entries: number; at: number; id: string; reason: string }
  | { state: 'unverified'; reason: string };

export interface StatusFacts {
  /** When the facts were gathered (ISO). */
  at: string;
  central: CentralFacts;
  couch: CouchFacts;
  designDocs: DesignDocFact[] | null;
  security: SecurityFact[] | null;
  follower: FollowerFact[] | null;
  stores: StoreFacts[] | null;
  /** Conflicts waiting for an admin, every database. */
  conflictsWaiting: number | null;
  audit: AuditFact | null;
  /** Why a part is null while CouchDB answered, by part name (`designDocs`, `stores`, …). */
  unread: Partial<Record<StatusPart, string>>;
}

export type StatusPart = 'designDocs' | 'security' | 'follower' | 'stores' | 'conflictsWaiting' | 'audit';
