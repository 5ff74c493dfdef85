import { expect } from 'chai';
import { snapshotLines } from '../../../../store-client/snapshot/snapshot-lines.js';

/** A body cut into these chunks, as the network may cut it. */
function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const line of snapshotLines(stream)) out.push(line);
  return out;
}

describe('snapshot-lines', () => {
  it('gives one line per page however the network cuts the stream, multi-byte characters too', async () => {
    const text = '{"kind":"head","db":"catalog","since":0,"total":1}\n{"kind":"page","seq":3,"docs":[{"_id":"a","name":"Café"}]}\n{"kind":"done","last_seq":3}\n';
    const bytes = new TextEncoder().encode(text);
    // Cut inside "é" (two bytes): decoded as a stream, it survives.
    const chunks = [bytes.slice(0, 70), bytes.slice(70, 95), bytes.slice(95)];
    const stream = new ReadableStream<Uint8Array>({ start(c) { for (const ch of chunks) c.enqueue(ch); c.close(); } });
    const lines = await all(stream);
    expect(lines).to.have.length(3);
    expect((lines[1] as { docs: { name: string }[] }).docs[0]!.name).to.equal('Café');
  });

  it('throws the error line central wrote after the status had gone out', async () => {
    const stream = body('{"kind":"head","db":"catalog","since":0,"total":1}\n', '{"kind":"error","error":{"code":"COUCH_ERROR","message":"boom"}}\n');
    let failure: Error | undefined;
    await all(stream).catch((err: Error) => { failure = err; });
    expect(failure?.message).to.contain('boom');
  });

  it('throws on a stream cut in the middle of a line', async () => {
    let failure: Error | undefined;
    await all(body('{"kind":"head","db":"catalog","since":0,"total":1}\n{"kind":"page","seq":3,"do')).catch((err: Error) => { failure = err; });
    expect(failure?.message).to.contain('middle of a line');
  });

  it('ends a read waiting on a stalled stream when the signal aborts, with its reason', async () => {
    const enc = new TextEncoder();
    // One line, then nothing more and no end: a connection that went quiet.
    const stalled = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(enc.encode('{"kind":"head","db":"catalog","since":0,"total":9}\n')); } });
    const stop = new AbortController();
    const lines = snapshotLines(stalled, stop.signal);
    expect((await lines.next()).value).to.include({ kind: 'head' });
    const waiting = lines.next();
    stop.abort(new Error('till closed'));
    let failure: Error | undefined;
    await waiting.catch((err: Error) => { failure = err; });
    expect(failure?.message).to.equal('till closed');
    expect(stalled.locked).to.equal(false);
  });
});
