// A loopback TCP proxy in front of the database server that counts the connections a client
// holds open at once (the most, and now): how a test sees, server-side, how many sockets central
// opens, whatever HTTP client or pool it uses. It can also be cut (every connection dropped, new
// ones refused) and healed, like central/simulate/tcp-proxy.ts.
import net from 'node:net';

export interface CountingProxy {
  /** Base URL of the proxy, no credentials. */
  readonly url: string;
  /** Connections open now, and the most open at once since the last resetMax(). */
  open(): number;
  maxOpen(): number;
  resetMax(): void;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  const clients = new Set<net.Socket>();
  const all = new Set<net.Socket>();
  let max = 0;
  let broken = false;
  const server = net.createServer((client) => {
    if (broken) return void client.resetAndDestroy();
    clients.add(client);
    max = Math.max(max, clients.size);
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      all.add(s);
      s.on('close', () => { all.delete(s); clients.delete(s); });
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    open: () => clients.size,
    maxOpen: () => max,
    resetMax: () => { max = clients.size; },
    cut() { broken = true; for (const s of all) s.resetAndDestroy(); },
    heal() { broken = false; },
    close() {
      broken = true;
      for (const s of all) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
