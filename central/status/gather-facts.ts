// Gathers the facts of `pronto-sync status` (status-facts.ts): central's GET /api/health (an
// existing route: does central answer, has setup finished), then its CouchDB reached as
// couch/running-couch.ts explains, and each part read-couch-parts.ts reads. A part that fails is
// kept as null with its reason, so one unreadable part never hides the others.
import type { CentralConfig } from '../config.js';
import { askCouch, runningCouch, type CouchTarget } from '../couch/running-couch.js';
import { listStores } from '../setup/list-stores.js';
import { readAudit, readConflictsWaiting, readDesignDocs, readFollower, readSecurity, readStores, managedDatabases } from './read-couch-parts.js';
import type { CentralFacts, StatusFacts, StatusPart } from './status-facts.js';

export type StatusSettings = Pick<CentralConfig, 'host' | 'port' | 'couchdbUrl' | 'couchPort' | 'adminUser' | 'adminPassword' | 'dataDir' | 'auditKey' | 'tillSilentAfterS'>;

const TIMEOUT_MS = 10_000;

export async function gatherFacts(config: StatusSettings, now: () => Date = () => new Date()): Promise<StatusFacts> {
  const facts: StatusFacts = {
    at: now().toISOString(), central: await askCentral(centralUrl(config)), couch: { url: '', embedded: config.couchdbUrl === undefined, reachable: false },
    designDocs: null, security: null, follower: null, stores: null, conflictsWaiting: null, audit: null, unread: {},
  };
  let target: CouchTarget;
  try {
    target = await runningCouch(config);
  } catch (err) {
    facts.couch.url = config.couchdbUrl === undefined ? `http://127.0.0.1:${config.couchPort}` : 'COUCHDB_URL';
    facts.couch.error = (err as Error).message;
    return facts;
  }
  const answer = await askCouch(target, TIMEOUT_MS);
  facts.couch = answer.reachable
    ? { url: target.url, embedded: target.embedded, reachable: true, version: answer.version, vendor: answer.vendor }
    : { url: target.url, embedded: target.embedded, reachable: false, error: answer.error };
  if (!answer.reachable) return facts;
  const read = async <K extends StatusPart>(part: K, fn: () => Promise<NonNullable<StatusFacts[K]>>): Promise<void> => {
    try {
      facts[part] = await fn();
    } catch (err) {
      facts.unread[part] = (err as Error).message;
    }
  };
  const { nano } = target;
  let stores: string[];
  try {
    stores = (await listStores(nano)).map((s) => s.store);
  } catch (err) {
    for (const part of ['designDocs', 'security', 'follower', 'stores'] as const) facts.unread[part] = (err as Error).message;
    stores = [];
  }
  const dbs = managedDatabases(stores);
  await Promise.all([
    facts.unread.designDocs === undefined ? read('designDocs', () => readDesignDocs(nano, stores)) : undefined,
    facts.unread.security === undefined ? read('security', () => readSecurity(nano, dbs)) : undefined,
    facts.unread.follower === undefined ? read('follower', () => readFollower(nano, dbs)) : undefined,
    facts.unread.stores === undefined ? read('stores', () => readStores(nano, config.tillSilentAfterS * 1000)) : undefined,
    read('conflictsWaiting', () => readConflictsWaiting(nano)),
    read('audit', () => readAudit(nano, config.dataDir, config.auditKey)),
  ]);
  return facts;
}

/** Where central listens, as a client reaches it (0.0.0.0 is reached on loopback). */
export function centralUrl(config: Pick<CentralConfig, 'host' | 'port'>): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

async function askCentral(url: string): Promise<CentralFacts> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await res.json()) as { setup?: { done?: unknown } };
    return { url, answering: true, setupDone: body.setup?.done === true };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { url, answering: false, error: cause?.code ?? (err as Error).message };
  }
}
