// Streams a snapshot as NDJSON, one line per page, so neither central nor the till holds more
// than one page: a head line, one `{seq, docs}` line per page, and a closing `{done, last_seq}`
// line. A stream without its closing line is incomplete and must not be checkpointed; a failure
// after the head has gone out is written as a last `{error}` line (the status is sent already).
// Waits on the socket's back-pressure ('drain') between pages.
import type { Writable } from 'node:stream';
import { ProntoError } from '../../validators/errors.js';
import type { SnapshotPage, Seq } from './read-snapshot.js';

export interface SnapshotHead { db: string; since: Seq; total: number }

export type SnapshotLine =
  | ({ kind: 'head' } & SnapshotHead)
  | { kind: 'page'; seq: Seq; docs: Record<string, unknown>[] }
  | { kind: 'done'; last_seq: Seq }
  | { kind: 'error'; error: { code: string; message: string } };

export async function writeSnapshot(out: Writable, head: SnapshotHead, pages: AsyncIterable<SnapshotPage>): Promise<void> {
  await line(out, { kind: 'head', ...head });
  try {
    let lastSeq: Seq = head.since;
    for await (const page of pages) {
      await line(out, { kind: 'page', seq: page.seq, docs: page.docs });
      lastSeq = page.seq;
    }
    await line(out, { kind: 'done', last_seq: lastSeq });
  } catch (err) {
    const e = err instanceof ProntoError ? err : new ProntoError('INTERNAL', 'the snapshot could not be read', {}, err);
    await line(out, { kind: 'error', error: { code: e.code, message: e.message } });
    throw e;
  }
}

function line(out: Writable, value: SnapshotLine): Promise<void> {
  if (out.write(JSON.stringify(value) + '\n')) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', drained);
      out.off('close', closed);
      if (err) reject(err); else resolve();
    };
    const drained = () => done();
    const closed = () => done(new ProntoError('BAD_REQUEST', 'the caller went away during the snapshot'));
    out.once('drain', drained);
    out.once('close', closed);
  });
}
