// A loopback TCP proxy in front of central that counts the connections a client holds open
// through it at once (what central, and a browser's six-per-host limit, see), and can be cut like
// the simulator's (tcp-proxy.ts): open connections reset, new ones refused (and not counted).
import net from 'node:net';

export interface CountingProxy {
  readonly url: string;
  /** Connections open now. */
  readonly open: number;
  /** Most connections open at once since the last `resetMax()`. */
  readonly max: number;
  /** Connections accepted since the start. */
  readonly accepted: number;
  resetMax(): void;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CountingProxy> {
  let broken = false;
  let open = 0;
  let max = 0;
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (broken) return void client.resetAndDestroy();
    accepted++;
    open++;
    max = Math.max(max, open);
    client.once('close', () => open--);
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get open() { return open; },
    get max() { return max; },
    get accepted() { return accepted; },
    resetMax() { max = open; },
    cut() {
      broken = true;
      for (const s of sockets) s.resetAndDestroy();
    },
    heal() { broken = false; },
    close() {
      broken = true;
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
