// Whether any shard of a database is kept on more than one node: `GET /{db}/_shards`
// (https://docs.couchdb.org/en/stable/api/database/shard.html) maps each shard's range to its
// nodes. check-since.ts needs it to know whether sequences read at different times come from the
// same copies. A server without the endpoint (the embedded server: its sequences are numbers
// anyway) has one copy.
import type Nano from 'nano';
import { couchError, isStatus } from '../couch/errors.js';
import { abortableRequest } from './abortable-request.js';

export async function hasSeveralCopies(nano: Nano.ServerScope, db: string, signal?: AbortSignal): Promise<boolean> {
  let body: { shards?: Record<string, unknown> };
  try {
    body = (await abortableRequest(nano, { db, path: '_shards' }, signal)) as { shards?: Record<string, unknown> };
  } catch (err) {
    if (isStatus(err, 400) || isStatus(err, 404)) return false;
    throw couchError(err, `reading the shards of ${db}`);
  }
  return Object.values(body.shards ?? {}).some((nodes) => Array.isArray(nodes) && nodes.length > 1);
}
