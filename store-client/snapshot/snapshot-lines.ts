// Reads central's snapshot stream (GET /api/snapshot/:db, central/snapshot/write-snapshot.ts):
// NDJSON, one page a line, parsed as it arrives so a till holds one page at a time. Works on
// any fetch Response (browser or Node).
import { ProntoError } from '../../validators/errors.js';

export type Seq = number | string;

export type SnapshotLine =
  | { kind: 'head'; db: string; since: Seq; total: number; from?: string }
  | { kind: 'page'; seq: Seq; docs: SnapshotDoc[] }
  | { kind: 'done'; last_seq: Seq }
  | { kind: 'error'; error: { code: string; message: string } };

export interface SnapshotDoc { _id: string; _rev: string; _revisions: { start: number; ids: string[] }; [field: string]: unknown }

/**
 * `signal`: aborting it ends a read that is waiting on the network at once, with the signal's
 * reason. The fetch's own signal is not enough in Node: undici (Node 20's fetch, `fetch()` in
 * lib/web/fetch/index.js) keeps the Response only through a WeakRef and cancels its body on abort
 * only if `responseObject.deref()` still finds it. A caller holding just the body's reader lets
 * the Response be collected, and then the pending read stays pending for good: the benchmark's
 * interrupted first start hung so, now and then, and so would a till's (the SyncManager's next
 * connect joins a load still running). Cancelling the reader settles a pending read by the
 * Streams standard, whatever the fetch does.
 */
export async function* snapshotLines(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SnapshotLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  let readFailed = false;
  const onAbort = () => {
    // Rejected with the abort's own reason when the fetch already errored the stream: nothing to say.
    reader.cancel(signal?.reason).then(undefined, (err: unknown) => {
      if (err !== signal?.reason) console.warn('the aborted snapshot stream could not be closed', err);
    });
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    for (;;) {
      const { done, value } = await reader.read().catch((err: unknown) => {
        readFailed = true;
        throw err;
      });
      if (signal?.aborted) {
        readFailed = true;
        signal.throwIfAborted();
      }
      ended = done;
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (text.length > 0) yield parse(text);
      }
      if (done) break;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Left early (the caller stopped, or a line failed): close the connection rather than leave it.
    if (ended || readFailed) reader.releaseLock();
    else await reader.cancel();
  }
  if (buffer.trim().length > 0) throw new ProntoError('SYNC_OFFLINE', 'the snapshot stream ended in the middle of a line');
}

function parse(text: string): SnapshotLine {
  const line = JSON.parse(text) as SnapshotLine;
  if (line.kind === 'error') throw new ProntoError('SYNC_OFFLINE', `central could not finish the snapshot: ${line.error.message}`, { code: line.error.code });
  return line;
}
