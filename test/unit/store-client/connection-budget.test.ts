import { expect } from 'chai';
import { classifyRequest, createConnectionBudget, PRIORITY_LONG_POLL, PRIORITY_REQUEST, PRIORITY_STORE_WRITE } from '../../../store-client/connection-budget.js';

const C = 'http://central/db';

/** An inner fetch whose answers the test ends: each call waits for `answer(i)` or fails with `fail(i)`. */
function heldFetch() {
  const calls: { url: string; answer(body?: string): void; fail(err: Error): void; signal?: AbortSignal | null }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => new Promise((resolve, reject) => {
    calls.push({
      url: String(input), signal: init?.signal,
      answer: (body = '{"ok":true}') => resolve(new Response(body, { status: 200 })),
      fail: reject,
    });
  });
  return { calls, fetch };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('store-client/connection-budget', () => {
  it('tells long-polls, the store\'s writes and other requests apart', () => {
    const cases: [string, string, string, number][] = [
      [`${C}/catalog/_changes?feed=longpoll&heartbeat=10000&since=5`, 'GET', 'long-poll', PRIORITY_LONG_POLL],
      [`${C}/store-s1/_changes?style=all_docs&feed=longpoll&filter=_selector`, 'POST', 'long-poll', PRIORITY_LONG_POLL],
      [`${C}/store-s1/_bulk_docs`, 'POST', 'request', PRIORITY_STORE_WRITE],
      [`${C}/store-s1/_revs_diff`, 'post', 'request', PRIORITY_STORE_WRITE],
      [`${C}/store-s1/_changes?since=0&limit=1000`, 'GET', 'request', PRIORITY_REQUEST],
      [`${C}/store-s1/_bulk_get?revs=true`, 'POST', 'request', PRIORITY_REQUEST],
      [`${C}/store-s1/_local/abc`, 'PUT', 'request', PRIORITY_REQUEST],
      [`${C}/customers/_bulk_docs`, 'POST', 'request', PRIORITY_REQUEST],
      [`${C}/catalog/_revs_diff`, 'POST', 'request', PRIORITY_REQUEST],
    ];
    for (const [url, method, kind, priority] of cases) expect(classifyRequest(url, method), `${method} ${url}`).to.deep.equal({ kind, priority });
  });

  it('holds a slot until the answer\'s body is read to the end, then gives it to the next request', async () => {
    const inner = heldFetch();
    const budget = createConnectionBudget({ connections: 2, fetch: inner.fetch });
    const first = budget.fetch(`${C}/store-s1/_local/a`);
    const second = budget.fetch(`${C}/store-s1/_local/b`);
    void budget.fetch(`${C}/store-s1/_local/c`);
    await flush();
    expect(inner.calls.map((c) => c.url.slice(-1))).to.deep.equal(['a', 'b']);
    inner.calls[0]!.answer();
    const response = await first;
    await flush();
    expect(inner.calls, 'answered but not read: still held').to.have.length(2);
    expect(await response.json()).to.deep.equal({ ok: true });
    await flush();
    expect(inner.calls.map((c) => c.url.slice(-1))).to.deep.equal(['a', 'b', 'c']);
    inner.calls[1]!.answer();
    await (await second).text();
    expect(budget.counts).to.deep.equal({ busy: 1, longPolls: 0, queued: 0 });
  });

  it('frees the slot of a request that fails, of a body cancelled, and of a request aborted', async () => {
    const inner = heldFetch();
    const budget = createConnectionBudget({ connections: 3, fetch: inner.fetch });
    const controller = new AbortController();
    const failing = budget.fetch(`${C}/store-s1/_bulk_docs`, { method: 'POST' });
    const cancelled = budget.fetch(`${C}/catalog/_bulk_get`, { method: 'POST' });
    void budget.fetch(`${C}/catalog/_changes?feed=longpoll`, { signal: controller.signal });
    await flush();
    expect(budget.counts.busy).to.equal(3);
    inner.calls[0]!.fail(new TypeError('fetch failed'));
    const err = await failing.then(() => undefined, (e: Error) => e);
    expect(err?.message).to.equal('fetch failed');
    inner.calls[1]!.answer();
    await (await cancelled).body!.cancel();
    controller.abort(new Error('replication cancelled'));
    await flush();
    expect(budget.counts).to.deep.equal({ busy: 0, longPolls: 0, queued: 0 });
  });

  it('queues a fourth long-poll until one of three ends, while requests still pass on the last slot', async () => {
    const inner = heldFetch();
    const budget = createConnectionBudget({ fetch: inner.fetch });
    const polls = ['store-s1', 'catalog', 'customers', 'store-s1'].map((db) => budget.fetch(`${C}/${db}/_changes?feed=longpoll`));
    const request = budget.fetch(`${C}/store-s1/_revs_diff`, { method: 'POST' });
    await flush();
    expect(inner.calls.map((c) => c.url)).to.have.length(4);
    expect(inner.calls[3]!.url, 'the request went past the waiting long-poll').to.match(/_revs_diff$/);
    inner.calls[3]!.answer();
    await (await request).text();
    await flush();
    expect(budget.counts).to.deep.equal({ busy: 3, longPolls: 3, queued: 1 });
    inner.calls[0]!.answer('{"results":[]}');
    await (await polls[0]!).json();
    await flush();
    expect(inner.calls).to.have.length(5);
    expect(budget.counts).to.deep.equal({ busy: 3, longPolls: 3, queued: 0 });
  });
});
