/**
 * A pass-through HTTP proxy in front of the emulator that notes, per API
 * request, when it began and how many bytes its response body carried: the
 * emulator's own request log has no sizes. The extension's apiUrl points at
 * the proxy; nothing is changed on the way.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  /** performance.now() in this process when the request reached the proxy. */
  readonly startedAt: number;
  status: number;
  /** Response body bytes passed on so far (a finished response: all of them). */
  bytes: number;
}

export interface CountingProxy {
  readonly url: string;
  /** API requests seen since the last clear (the emulator's control API is left out). */
  readonly requests: ProxiedRequest[];
  clear(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', upstream);
    const entry: ProxiedRequest = { method: req.method ?? 'GET', path: url.pathname, startedAt: performance.now(), status: 0, bytes: 0 };
    if (!url.pathname.startsWith('/_emulator')) requests.push(entry);
    const forward = http.request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          entry.bytes += chunk.length;
        });
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => forward.destroy());
    req.pipe(forward);
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
    clear() {
      requests.splice(0);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
