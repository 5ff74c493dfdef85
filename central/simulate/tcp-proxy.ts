// A loopback TCP proxy that can be cut (every open connection dropped mid-stream, new ones
// reset) and healed: the network failing under a till, for real, below HTTP. The simulator gives
// each virtual till its own (its offline windows); tests use it through test/helpers/tcp-proxy.ts.
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  readonly url: string;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let broken = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (broken) return void client.resetAndDestroy();
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
    port,
    url: `http://127.0.0.1:${port}`,
    cut() {
      broken = true;
      for (const s of sockets) s.resetAndDestroy();
    },
    heal() {
      broken = false;
    },
    close() {
      broken = true;
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
