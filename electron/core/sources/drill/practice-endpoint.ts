import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The loopback endpoint the drill's practice checks probe: Onwatch serves it itself, on
 * 127.0.0.1 and a free port. While `isDown()` says so it takes each request and never answers,
 * as a hung backend behind a live port does: the TCP check still passes, the HTTP check times
 * out waiting for its first byte.
 */
export class PracticeEndpoint {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly isDown: () => boolean) {}

  /** Listens (once) and resolves with the port. */
  async start(): Promise<number> {
    if (!this.server) {
      const server = createServer((_request, response) => {
        if (this.isDown()) return; // the prober gives up at its deadline and hangs up
        response.setHeader('content-type', 'application/json');
        response.end('{"status":"ok","service":"onwatch-practice"}');
      });
      server.on('connection', (socket) => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
      });
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server?.listening) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}
