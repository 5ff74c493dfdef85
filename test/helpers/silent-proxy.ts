// A loopback TCP proxy that can make every open connection go silent: it keeps accepting bytes
// from both sides and forwards none, with no reset and no close (router state lost, Wi-Fi
// roaming). Connections opened after that are forwarded normally.
import net from 'node:net';

export interface SilentProxy {
  readonly url: string;
  /** Connections currently forwarded (not silenced, not closed). */
  readonly open: number;
  silenceOpenConnections(): void;
  /** Every connection ever silenced (they stay open until close()). */
  readonly silenced: number;
  close(): Promise<void>;
}

export async function startSilentProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<SilentProxy> {
  const live = new Set<[net.Socket, net.Socket]>();
  const mute: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    live.add(pair);
    for (const s of pair) {
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => { live.delete(pair); client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get open() {
      return live.size;
    },
    get silenced() {
      return mute.length / 2;
    },
    silenceOpenConnections() {
      for (const pair of live) {
        const [client, upstream] = pair;
        client.unpipe(upstream);
        upstream.unpipe(client);
        for (const s of pair) {
          s.removeAllListeners('close');
          s.on('data', () => undefined); // read and drop: the sender sees its bytes accepted
          mute.push(s);
        }
      }
      live.clear();
    },
    close() {
      for (const pair of live) for (const s of pair) s.destroy();
      for (const s of mute) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
