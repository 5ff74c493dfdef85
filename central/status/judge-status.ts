// The verdict of `pronto-sync status`, pure: facts in, a report out. The rules, in one place:
//   down (exit 2)     central does not answer /api/health, or CouchDB does not answer.
//   degraded (exit 1) setup not done; a design doc missing or not what design-docs builds; a
//                     database whose _security is not setup/security.ts's; the change follower
//                     more than `maxLag` changes behind on a database, or holding failed batches
//                     for retry; any quarantined document; the audit chain broken or not
//                     verifiable; more than `maxConflicts` conflicts waiting for an admin; a part
//                     that could not be read while CouchDB answered.
//   healthy (exit 0)  none of those.
// Refused uploads and silent tills are shown but do not degrade: they are a store's state (a till
// offline is normal for an offline-first POS), not the chain's.
import type { FollowerFact, StatusFacts, StatusPart } from './status-facts.js';

export type Verdict = 'healthy' | 'degraded' | 'down';

export interface Thresholds {
  /** Changes the follower may be behind on one database. Default 100. */
  maxLag: number;
  /** Conflicts that may wait for an admin. Default 50. */
  maxConflicts: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({ maxLag: 100, maxConflicts: 50 });

export interface Problem { check: string; verdict: Exclude<Verdict, 'healthy'>; message: string }

export interface StatusReport {
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  problems: Problem[];
  thresholds: Thresholds;
  facts: StatusFacts;
}

const EXIT: Record<Verdict, 0 | 1 | 2> = { healthy: 0, degraded: 1, down: 2 };

/** The change follower's lag on one database, in changes (all of them when it has no checkpoint). */
export const followerLag = (f: FollowerFact): number => Math.max(0, f.updateSeq - (f.checkpointSeq ?? 0));

export function judgeStatus(facts: StatusFacts, thresholds: Thresholds = DEFAULT_THRESHOLDS): StatusReport {
  const problems: Problem[] = [];
  const down = (check: string, message: string) => problems.push({ check, verdict: 'down', message });
  const degraded = (check: string, message: string) => problems.push({ check, verdict: 'degraded', message });

  if (!facts.central.answering) down('central', `central is not answering at ${facts.central.url}${facts.central.error ? ` (${facts.central.error})` : ''}`);
  else if (facts.central.setupDone === false) degraded('central', 'central has not finished setup');
  if (!facts.couch.reachable) down('couchdb', `CouchDB is not answering at ${facts.couch.url}${facts.couch.error ? ` (${facts.couch.error})` : ''}`);
  else judgeCouchParts(facts, thresholds, degraded);

  const verdict: Verdict = problems.some((p) => p.verdict === 'down') ? 'down' : problems.length > 0 ? 'degraded' : 'healthy';
  return { verdict, exitCode: EXIT[verdict], problems, thresholds, facts };
}

function judgeCouchParts(facts: StatusFacts, t: Thresholds, degraded: (check: string, message: string) => void): void {
  const unread = (check: string, part: StatusPart) => degraded(check, `${check} could not be read: ${facts.unread[part] ?? 'unknown error'}`);
  if (facts.designDocs === null) unread('design docs', 'designDocs');
  for (const d of facts.designDocs ?? []) if (d.state !== 'current') degraded('design docs', `${d.id} in ${d.db} is ${d.state === 'missing' ? 'missing' : 'not the built one'}: run pronto-sync setup`);
  if (facts.security === null) unread('_security', 'security');
  for (const s of facts.security ?? []) if (!s.ok) degraded('_security', `_security of ${s.db} is not as expected: run pronto-sync setup`);
  if (facts.follower === null) unread('change follower', 'follower');
  for (const f of facts.follower ?? []) {
    const lag = followerLag(f);
    if (lag > t.maxLag) degraded('change follower', `${f.db} is ${lag} changes behind (more than ${t.maxLag})`);
    if (f.retrying > 0) degraded('change follower', `${f.db} holds ${f.retrying} changes whose batch failed, waiting to be retried (see central's log)`);
  }
  if (facts.stores === null) unread('stores', 'stores');
  for (const s of facts.stores ?? []) if (s.quarantined > 0) degraded('quarantine', `store ${s.store} has ${s.quarantined} quarantined documents (console: Tills and refusals)`);
  if (facts.conflictsWaiting === null) unread('conflicts', 'conflictsWaiting');
  else if (facts.conflictsWaiting > t.maxConflicts) degraded('conflicts', `${facts.conflictsWaiting} conflicts wait for an admin (more than ${t.maxConflicts})`);
  const audit = facts.audit;
  if (audit === null) unread('audit chain', 'audit');
  else if (audit.state === 'broken') degraded('audit chain', `audit chain broken at entry ${audit.at} (${audit.id}): ${audit.reason}`);
  else if (audit.state === 'unverified') degraded('audit chain', `audit chain not verified: ${audit.reason}`);
}
