// Starts a node:http server on 127.0.0.1 (loopback only) and gives back its URL and a clean close.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listenLoopback(handler: http.RequestListener, port = 0): Promise<Listening> {
  const server = http.createServer(handler);
  // Slow clients are cut off instead of holding a connection open forever (slowloris).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
