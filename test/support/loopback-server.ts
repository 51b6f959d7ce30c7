import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';

/** Answers a request whose body has been read in full. */
export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** Drops open connections, such as requests a handler never answered, and closes. */
  stop(): Promise<void>;
}

/** A stand-in HTTP server on a free loopback port. */
export async function startLoopbackServer(handle: LoopbackHandler): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handle(req, res, body));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A loopback port that nothing listens on, at least right after this returns. */
export async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}
