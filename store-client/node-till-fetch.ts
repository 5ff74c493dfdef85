// The fetch a till in Node gives its remote PouchDBs (the simulator's virtual tills, tests):
// the connection budget (connection-budget.ts) in front of the watchdog (watchdog-fetch.ts), on
// an undici agent of its own that opens at most as many connections as the budget allows.
// Why the agent too: Node's fetch (undici) pools connections per origin without a limit, and
// hands a request to a new connection when the one whose answer was just read is not yet back
// in its pool (measured: 8 open for 4 requests in flight); with `connections` it waits for it.
// The browser needs no such thing: its pool serves the budget's requests on the connections it has.
import { Agent } from 'undici';
import { createConnectionBudget, type ConnectionBudget } from './connection-budget.js';
import { createWatchdogFetch, type WatchdogOptions } from './watchdog-fetch.js';

export interface NodeTillFetchOptions {
  /** Connections to central at once (default 4: connection-budget.ts). */
  connections?: number;
  watchdog?: Omit<WatchdogOptions, 'fetch'>;
}

export function createNodeTillFetch(options: NodeTillFetchOptions = {}): ConnectionBudget {
  const connections = options.connections ?? 4;
  const dispatcher = new Agent({ connections });
  const pooled: typeof fetch = (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
  return createConnectionBudget({ connections, fetch: createWatchdogFetch({ ...options.watchdog, fetch: pooled }) });
}
