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

export async function* snapshotLines(body: ReadableStream<Uint8Array>): AsyncGenerator<SnapshotLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  let readFailed = false;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((err: unknown) => {
        readFailed = true;
        throw err;
      });
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
