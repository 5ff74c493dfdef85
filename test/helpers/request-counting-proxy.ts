// A loopback HTTP proxy that writes down every request it forwards (method, path, whether it
// carried credentials, central's status), so a test counts what reached the server rather than
// what a client says it sent. Responses stream through (long-poll `_changes` included).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CountedRequest {
  readonly method: string;
  readonly path: string;
  /** An Authorization header or a cookie went with it. */
  readonly credentials: boolean;
  /** The server's status; undefined while it has not answered (or never did). */
  status: number | undefined;
}

export interface CountingProxy {
  readonly url: string;
  /** Every request forwarded so far, oldest first. */
  readonly requests: readonly CountedRequest[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const base = new URL(target);
  const prefix = base.pathname.replace(/\/$/, '');
  const agent = new http.Agent({ keepAlive: true });
  const requests: CountedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const entry: CountedRequest = {
      method: req.method ?? 'GET', path: req.url ?? '/', status: undefined,
      credentials: req.headers.authorization !== undefined || req.headers.cookie !== undefined,
    };
    requests.push(entry);
    const upstream = http.request({
      host: base.hostname, port: base.port, method: req.method, path: prefix + (req.url ?? '/'), agent,
      headers: { ...req.headers, host: base.host },
    }, (answer) => {
      entry.status = answer.statusCode;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    // The server gone or the client gone: the other side's connection is cut, as a real proxy would.
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
