import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CommandError } from '../common/contract/command-error.js';
import type { StateChange } from '../common/contract/state-changes.js';
import {
  dispatchCommand,
  type Caller,
  type ContractServer,
} from '../common/contract/ipc-contract.js';
import {
  tokenParam,
  webSocketPath,
  type WebServerMessage,
} from '../common/contract/web-protocol.js';
import { quotedExcerpt } from '../common/excerpt.js';
import type { Log } from '../core/ports/log.js';
import { parseRequestTarget, type RequestTarget } from './request-target.js';
import { isPublicAsset, readStaticFile } from './static-files.js';

export interface BrowserHostOptions {
  /** The same contract the Electron shell serves. */
  core: ContractServer;
  rendererDir: string;
  log: Log;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Serves the renderer and the contract to a browser on 127.0.0.1 only. Three checks keep other
 * pages and other users out: the Host header must name this loopback port (DNS rebinding), the
 * WebSocket's Origin must be this server, and every connection needs the random token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  let connections = 0;

  server.on('request', (request, response) => {
    if (!allowedHosts.has(request.headers.host ?? '')) return reply(response, 421, 'Wrong host.');
    const target = parseRequestTarget(request.url ?? '/');
    if ('refused' in target) return reply(response, 400, target.refused);
    void serveHttp(request, response, options.rendererDir, target, tokenMatches(target, token));
  });

  server.on('upgrade', (request, socket, head) => {
    // Node hands this socket over without an error listener: a client resetting it must not
    // take the host down. ws adds its own once the handshake is done.
    socket.on('error', () => socket.destroy());
    const target = parseRequestTarget(request.url ?? '/');
    const origin = request.headers.origin ?? '';
    const allowed =
      !('refused' in target) &&
      target.path === webSocketPath &&
      allowedHosts.has(request.headers.host ?? '') &&
      allowedOrigins.has(origin) &&
      tokenMatches(target, token);
    if (!allowed) {
      options.log.warn(`browser host refused a WebSocket from origin ${quotedExcerpt(origin)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const viewer = `browser-${++connections}`;
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, viewer, options));
  });

  return {
    url: `http://127.0.0.1:${port}/?${tokenParam}=${token}`,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveHttp(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  target: RequestTarget,
  hasToken: boolean,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return reply(response, 405, 'Method not allowed.');
  const path = target.path === '/' ? '/index.html' : target.path;
  if (!isPublicAsset(path) && !hasToken) {
    return reply(
      response,
      401,
      'Open the address Onwatch printed when it started: it carries an access token.',
    );
  }
  const file = await readStaticFile(rendererDir, path);
  if (!file) return reply(response, 404, 'Not found.');
  response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/**
 * Every window gets the same change: in a storm it is megabytes of JSON, written and encoded
 * once for all of them rather than once per window.
 */
const changeMessages = new WeakMap<StateChange, Buffer>();

function changeMessage(payload: StateChange): Buffer {
  let encoded = changeMessages.get(payload);
  if (encoded === undefined) {
    const message: WebServerMessage = { type: 'event', name: 'stateChange', payload };
    changeMessages.set(payload, (encoded = Buffer.from(JSON.stringify(message))));
  }
  return encoded;
}

/**
 * A snapshot on connect, then the numbered changes after it, each command's result, and the
 * events for this tab alone (the terminals it shows). `viewer` names the tab while it is open.
 */
function serveSocket(ws: WebSocket, viewer: string, { core, log }: BrowserHostOptions): void {
  const caller: Caller = { viewer, transport: 'browser' };
  // ws is already closing this socket (1009 for a frame over maxPayload); the others go on.
  ws.on('error', (error) => log.warn(`browser host dropped a WebSocket: ${error.message}`));
  // Text frames, whether the JSON comes as a string or already encoded.
  const sendText = (text: string | Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(text, { binary: false });
  };
  const send = (message: WebServerMessage) => sendText(JSON.stringify(message));
  // Subscribed before the snapshot is taken, so no change can fall between the two.
  const unsubscribeChange = core.onStateChange((payload) => sendText(changeMessage(payload)));
  const unsubscribeOpen = core.onOpenIncident((key) =>
    send({ type: 'event', name: 'selectIncident', payload: { key } }),
  );
  const disconnect = core.connectViewer(caller, (name, payload) =>
    send({ type: 'event', name, payload } as WebServerMessage),
  );
  ws.on('close', () => {
    unsubscribeChange();
    unsubscribeOpen();
    disconnect();
  });
  send({ type: 'event', name: 'stateSnapshot', payload: core.getSnapshot() });

  ws.on('message', async (data) => {
    let message: { type?: unknown; id?: unknown; name?: unknown; payload?: unknown };
    try {
      message = JSON.parse(String(data));
    } catch {
      return ws.close(1003, 'messages must be JSON');
    }
    if (message?.type !== 'command' || typeof message.id !== 'number') {
      return ws.close(1003, 'expected a command');
    }
    const id = message.id;
    try {
      const result = await dispatchCommand(core, message.name, message.payload, caller);
      send({ type: 'result', id, ok: true, result });
    } catch (error) {
      send({ type: 'result', id, ok: false, error: CommandError.dataOf(error) });
    }
  });
}

function tokenMatches({ query }: RequestTarget, token: string): boolean {
  const given = Buffer.from(query.get(tokenParam) ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
