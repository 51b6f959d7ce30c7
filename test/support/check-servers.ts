import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import type { KeyPair } from './check-certificates.js';

/** Listens on a free loopback port; resolves with the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** Closes a server and every connection still open on it. */
export async function closeServer(server: Server | HttpsServer): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** An HTTPS server with this certificate that answers every request with 200 "ok". */
export async function startTlsServer(
  pair: KeyPair,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = createHttpsServer(pair, (_req, res) => res.end('ok'));
  const port = await listenOnLoopback(server);
  return { port, stop: () => closeServer(server) };
}
