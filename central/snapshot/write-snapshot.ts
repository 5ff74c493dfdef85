// Streams a snapshot as NDJSON, one line per page, so neither central nor the till holds more
// than one page: a head line, one `{seq, docs}` line per page, and a closing `{done, last_seq}`
// line. A stream without its closing line is incomplete and must not be checkpointed; a failure
// after the head has gone out is written as a last `{error}` line (the status is sent already).
// Waits on the socket's back-pressure ('drain') between pages.
import type { Writable } from 'node:stream';
import { ProntoError } from '../../validators/errors.js';
import type { SnapshotPage, Seq } from './read-snapshot.js';

/** `from`: the history window's cutoff the pages were cut to, when one was asked for. */
export interface SnapshotHead { db: string; since: Seq; total: number; from?: string }

export type SnapshotLine =
  | ({ kind: 'head' } & SnapshotHead)
  | { kind: 'page'; seq: Seq; docs: Record<string, unknown>[] }
  | { kind: 'done'; last_seq: Seq }
  | { kind: 'error'; error: { code: string; message: string } };

/** What went out live, for the cache: undefined when it outgrew `keepBytes`. */
export interface SentPages { lines: string[]; seqs: Seq[] }

/**
 * Writes the head, the `cached` page lines (already serialized, in seq order), then the pages
 * read live, then the closing line; returns the live pages' lines that hold documents, kept up to `keepBytes`.
 */
export async function writeSnapshot(
  out: Writable, head: SnapshotHead, cached: readonly string[], pages: AsyncIterable<SnapshotPage>, keepBytes = 0,
): Promise<SentPages | undefined> {
  await line(out, JSON.stringify({ kind: 'head', ...head } satisfies SnapshotLine));
  try {
    for (const text of cached) await line(out, text);
    let lastSeq: Seq = head.since;
    let sent: SentPages | undefined = { lines: [], seqs: [] };
    let bytes = 0;
    for await (const page of pages) {
      const text = JSON.stringify({ kind: 'page', seq: page.seq, docs: page.docs } satisfies SnapshotLine);
      await line(out, text);
      lastSeq = page.seq;
      bytes += text.length;
      // A page with nothing in it adds nothing a later snapshot needs, but for the last one's seq:
      // where the cache ends (a window's key-read pages carry seq 0, read-window-snapshot).
      if (page.docs.length === 0 && !page.last) continue;
      if (sent && bytes <= keepBytes) {
        sent.lines.push(text);
        sent.seqs.push(page.seq);
      } else sent = undefined;
    }
    await line(out, JSON.stringify({ kind: 'done', last_seq: lastSeq } satisfies SnapshotLine));
    return sent;
  } catch (err) {
    const e = err instanceof ProntoError ? err : new ProntoError('INTERNAL', 'the snapshot could not be read', {}, err);
    await line(out, JSON.stringify({ kind: 'error', error: { code: e.code, message: e.message } } satisfies SnapshotLine));
    throw e;
  }
}

function line(out: Writable, text: string): Promise<void> {
  if (out.write(text + '\n')) return Promise.resolve();
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
