// What central's HTTP handlers need to know about the running process.
import type { CouchConnection } from './couch/connect.js';

export interface CentralState {
  couch: CouchConnection;
  /** ISO time when setup last completed; null until then. */
  setupDoneAt: string | null;
  stores: string[];
}
