import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode =
  /** Forward everything. */
  | 'pass'
  /** Forward matching requests, then never answer them: the provider acted, the reply is lost. */
  | 'forward-then-hang'
  /** Answer matching requests 503 without forwarding: the provider never saw them. */
  | 'refuse';

/**
 * A loopback proxy in front of a real service that can lose the answer to chosen requests, or
 * refuse them, to put an action in exactly the state a crash would leave it.
 */
export async function startHoldingProxy(
  target: string,
  matches: (req: IncomingMessage) => boolean,
) {
  let mode: ProxyMode = 'pass';
  const held: ServerResponse[] = [];
  const matched: string[] = [];
  const server = createServer((req, res) => {
    const isMatch = matches(req);
    if (isMatch) matched.push(`${req.method} ${req.url}`);
    if (isMatch && mode === 'refuse') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    const url = new URL(req.url ?? '/', target);
    const upstream = request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      (answer) => {
        if (isMatch && mode === 'forward-then-hang') {
          answer.resume();
          held.push(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    matched,
    setMode: (next: ProxyMode) => (mode = next),
    stop: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
