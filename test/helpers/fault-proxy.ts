// A loopback TCP proxy whose behaviour a test switches at run time, to fail the network under a
// till for real, below HTTP: `pass`; `cut` (open connections reset, new ones reset while cut);
// `black-hole` (open connections stall, new ones accepted and never answered); `slow` (every
// chunk delayed and throttled); `silent` (open connections stop forwarding with no reset and no
// close — router state lost, Wi-Fi roaming — while new ones pass, stall or are refused). A
// connection stalled by `silent` or `black-hole` stays dead after healing, as it would on a real
// network: only a client that gives up on it and opens a new one gets through. `cutAfter` arms a
// cut in the middle of a request or of a response, once a connection has carried N bytes.
import net from 'node:net';

export type FaultMode = 'pass' | 'cut' | 'black-hole' | 'slow' | 'silent';
export type Direction = 'request' | 'response';

export interface SlowOptions { /** Added to every chunk. Default 50 ms. */ latencyMs?: number; /** Throughput cap per connection and direction. Default 64 KiB/s. */ bytesPerSecond?: number }
export interface SilentOptions { /** What a connection opened while silent gets. Default `pass`. */ newConnections?: 'pass' | 'stall' | 'refuse' }
export interface CutAfter { direction: Direction; /** Bytes a connection carries that way before it is reset mid-chunk. */ bytes: number; /** How many connections to cut before disarming. Default 1. */ times?: number }

export interface FaultStats { accepted: number; open: number; stalled: number; cut: number; bytesUp: number; bytesDown: number }

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  readonly mode: FaultMode;
  set(mode: 'slow', options?: SlowOptions): void;
  set(mode: 'silent', options?: SilentOptions): void;
  set(mode: FaultMode): void;
  /** Shorthand for set('pass'). */
  heal(): void;
  /** Arms a cut of the next connection(s) once they carry `bytes` in `direction`; resolves when it fired `times`. */
  cutAfter(cut: CutAfter): Promise<void>;
  stats(): FaultStats;
  close(): Promise<void>;
}

interface Link { client: net.Socket; upstream: net.Socket | undefined; stalled: boolean; bytes: Record<Direction, number>; queue: Record<Direction, Promise<void>> }
interface Armed extends Required<CutAfter> { fired: number; done: () => void }

export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let slow: Required<SlowOptions> = { latencyMs: 50, bytesPerSecond: 64 * 1024 };
  let silent: Required<SilentOptions> = { newConnections: 'pass' };
  const links = new Set<Link>();
  const armed: Armed[] = [];
  const totals = { accepted: 0, cut: 0, bytesUp: 0, bytesDown: 0 };

  const server = net.createServer((client) => {
    totals.accepted++;
    client.on('error', () => undefined);
    if (mode === 'cut' || (mode === 'silent' && silent.newConnections === 'refuse')) return void client.resetAndDestroy();
    const link: Link = { client, upstream: undefined, stalled: mode === 'black-hole' || (mode === 'silent' && silent.newConnections === 'stall'), bytes: { request: 0, response: 0 }, queue: { request: Promise.resolve(), response: Promise.resolve() } };
    links.add(link);
    client.on('close', () => { links.delete(link); link.upstream?.destroy(); });
    if (link.stalled) return void client.resume(); // read and drop: accepted, never answered
    const upstream = net.connect(targetPort, targetHost);
    link.upstream = upstream;
    upstream.on('error', () => client.destroy());
    // An end or close follows the data queued before it (slow mode), never overtakes it.
    const after = (direction: Direction, job: () => void) => { link.queue[direction] = link.queue[direction].then(() => { if (!link.stalled) job(); }); };
    upstream.on('close', () => after('response', () => client.destroy()));
    client.on('end', () => after('request', () => upstream.end()));
    upstream.on('end', () => after('response', () => client.end()));
    wire(link, client, upstream, 'request');
    wire(link, upstream, client, 'response');
  });

  /** Forwards `from` → `to` chunk by chunk, so each chunk can be dropped, delayed or cut. */
  function wire(link: Link, from: net.Socket, to: net.Socket, direction: Direction): void {
    from.on('data', (chunk: Buffer) => {
      if (link.stalled) return;
      if (mode === 'slow') {
        from.pause();
        const delay = slow.latencyMs + (chunk.length / slow.bytesPerSecond) * 1000;
        link.queue[direction] = link.queue[direction].then(() => new Promise<void>((r) => setTimeout(r, delay))).then(() => {
          if (!link.stalled) send(link, to, chunk, direction);
          from.resume();
        });
        return;
      }
      // A chunk read before a switch out of `slow` still waits its turn behind the queue.
      link.queue[direction] = link.queue[direction].then(() => { if (!link.stalled) send(link, to, chunk, direction); });
    });
  }

  function send(link: Link, to: net.Socket, chunk: Buffer, direction: Direction): void {
    if (to.destroyed) return;
    const cut = armed.find((a) => a.direction === direction && link.bytes[direction] + chunk.length >= a.bytes && a.fired < a.times);
    if (cut) {
      // Forward part of the chunk, then reset both sides: the peer sees half a request or response.
      const part = Math.max(0, cut.bytes - link.bytes[direction]);
      if (part > 0) to.write(new Uint8Array(chunk.subarray(0, Math.min(part, chunk.length - 1))));
      cut.fired++;
      if (cut.fired >= cut.times) { armed.splice(armed.indexOf(cut), 1); cut.done(); }
      return reset(link);
    }
    link.bytes[direction] += chunk.length;
    if (direction === 'request') totals.bytesUp += chunk.length; else totals.bytesDown += chunk.length;
    to.write(new Uint8Array(chunk));
  }

  function reset(link: Link): void {
    totals.cut++;
    link.client.resetAndDestroy();
    link.upstream?.resetAndDestroy();
    links.delete(link);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxy: FaultProxy = {
    port,
    url: `http://127.0.0.1:${port}`,
    get mode() { return mode; },
    set(next: FaultMode, options?: SlowOptions | SilentOptions) {
      mode = next;
      if (next === 'slow') slow = { latencyMs: 50, bytesPerSecond: 64 * 1024, ...(options as SlowOptions | undefined) };
      if (next === 'silent') silent = { newConnections: 'pass', ...(options as SilentOptions | undefined) };
      if (next === 'cut') for (const link of [...links]) reset(link);
      if (next === 'silent' || next === 'black-hole') for (const link of links) link.stalled = true;
    },
    heal() { proxy.set('pass'); },
    cutAfter(cut) {
      return new Promise<void>((done) => armed.push({ times: 1, ...cut, fired: 0, done }));
    },
    stats() {
      const open = links.size;
      const stalled = [...links].filter((l) => l.stalled).length;
      return { accepted: totals.accepted, open, stalled, cut: totals.cut, bytesUp: totals.bytesUp, bytesDown: totals.bytesDown };
    },
    close() {
      mode = 'cut';
      for (const link of [...links]) { link.client.destroy(); link.upstream?.destroy(); }
      links.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
