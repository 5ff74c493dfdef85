// Central's side of the resolver benchmark: the real change-feed dispatcher (startFeed with every
// production job), the production audit writer (hash chain, MAC'd, head moved) and policy store,
// on one server. It tells when given documents are settled (the `conflict.resolved` event, which
// central publishes after the outcome is audited) and when the feed has caught up with a database.
import { pino } from 'pino';
import type Nano from 'nano';
import { createAuditWriter, type AuditWriter } from '../../central/audit/append-audit.js';
import { createCentralClock } from '../../central/central-clock.js';
import { createPolicyStore, type PolicyStore } from '../../central/conflicts/index.js';
import { createEventBus, type EventBus } from '../../central/events/event-bus.js';
import { loadCheckpoint, seqNumber, startFeed, type Feed } from '../../central/feed/index.js';

export interface CentralSide {
  bus: EventBus;
  policies: PolicyStore;
  start(): Promise<Feed>;
  /** Resolves once every id in `ids` is settled (each `conflict.resolved`, by id: `onSettled` gets the time). */
  settled(ids: Iterable<string>, limitMs: number, onSettled?: (id: string, atMs: number) => void): Promise<void>;
  /** Waits until the checkpoints of `dbs` reach their update_seq and their conflicts views are up to date (the feed must be running). */
  caughtUp(dbs: readonly string[], limitMs: number): Promise<void>;
}

const AUDIT_KEY = Buffer.alloc(32, 11);

export function centralSide(nano: Nano.ServerScope, url: string, auth: { username: string; password: string }): CentralSide {
  const bus = createEventBus();
  const clock = createCentralClock();
  const audit: AuditWriter = createAuditWriter(nano, clock.next, AUDIT_KEY);
  const policies = createPolicyStore(nano, clock);
  const log = pino({ level: 'silent' });
  return {
    bus,
    policies,
    start: () => startFeed({ nano, couchUrl: url, auth, clock, bus, log, policies, audit, pollTimeoutMs: 5_000 }),
    settled(ids, limitMs, onSettled) {
      const left = new Set(ids);
      return new Promise<void>((resolve, reject) => {
        if (left.size === 0) return resolve();
        const timer = setTimeout(() => { off(); reject(new Error(`central settled ${left.size} conflicts fewer than asked within ${limitMs} ms`)); }, limitMs);
        const off = bus.subscribe((e) => {
          const id = e.data.docId as string;
          if (e.type !== 'conflict.resolved' || !left.delete(id)) return;
          onSettled?.(id, performance.now());
          if (left.size > 0) return;
          clearTimeout(timer);
          off();
          resolve();
        });
      });
    },
    async caughtUp(dbs, limitMs) {
      const until = Date.now() + limitMs;
      for (const db of dbs) {
        const top = seqNumber(((await nano.db.get(db)) as { update_seq?: unknown }).update_seq);
        for (;;) {
          const at = await loadCheckpoint(nano, db);
          if (at.check.ok && (seqNumber(at.check.since) ?? -1) >= (top ?? 0) && at.pending.changes.length === 0) break;
          if (Date.now() > until) throw new Error(`central's feed did not catch up with ${db} within ${limitMs} ms`);
          await new Promise((r) => setTimeout(r, 50));
        }
        // Once caught up the follower sweeps the conflicts view (read-database.ts): its index
        // update is brought about here and waited for, so a measure after this one starts quiet.
        await nano.request({ db, path: '_design/pronto/_view/conflicts', qs: { limit: 0 } });
      }
    },
  };
}
