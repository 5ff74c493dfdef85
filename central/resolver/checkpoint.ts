// The resolver's place in each database's `_changes` feed, kept in a `_local` document of that
// database (never replicated), so a restart resumes where it stopped.
import type Nano from 'nano';
import { isStatus } from '../couch/errors.js';

const PATH = '_local/pronto-resolver';

export async function loadCheckpoint(nano: Nano.ServerScope, db: string): Promise<string> {
  try {
    const doc = (await nano.request({ db, path: PATH })) as { since?: string };
    return doc.since ?? '0';
  } catch (err) {
    if (isStatus(err, 404)) return '0';
    throw err;
  }
}

export async function saveCheckpoint(nano: Nano.ServerScope, db: string, since: string): Promise<void> {
  // Two resolvers may share the document; last writer wins and the loser only redoes idempotent work.
  for (let attempt = 0; attempt < 3; attempt++) {
    let rev: string | undefined;
    try {
      rev = ((await nano.request({ db, path: PATH })) as { _rev?: string })._rev;
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
    try {
      await nano.request({ db, path: PATH, method: 'PUT', body: { since, ...(rev ? { _rev: rev } : {}) } });
      return;
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
  }
}
