import {
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { TestCertificate } from './test-certificates.js';

/** How the proxy misbehaves; null forwards everything to the upstream. */
export type ProxyFault =
  /** Answers without forwarding: an outage, a throttle or a refusal. */
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body: string }
  /** Reads the request and never answers: the provider never saw it. */
  | { kind: 'hang' }
  /** Sends the headers and the start of a body, then nothing more. */
  | { kind: 'stall' }
  /** A 200 whose body is `bytes` long (Content-Length says so), streamed as fast as it is read. */
  | { kind: 'huge'; bytes: number }
  /** Resets the TCP connection (RST) once the request has arrived. */
  | { kind: 'reset' }
  /** Forwards the request, then drops the provider's answer: it acted, the reply is lost. */
  | { kind: 'lose-reply' }
  /** On the TLS port: answers the TLS handshake in plain HTTP, like a server without TLS. */
  | { kind: 'plaintext' }
  /** On the TLS port: completes the handshake with a certificate nobody trusts. */
  | { kind: 'untrusted-certificate' };

export interface FaultProxyOptions {
  /**
   * Serve TLS with `trusted` (whose certificate the client must be told to trust), so the TLS
   * faults can be played; plain HTTP without it.
   */
  tls?: { trusted: TestCertificate; untrusted: TestCertificate };
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` or `https://…`. */
  url: string;
  port: number;
  /** Where requests go while no fault holds them. */
  setUpstream(url: string): void;
  /**
   * Switches the fault (null ends it). Open connections are dropped on every switch, so the next
   * request meets the new behaviour on a new connection (DNS and TLS included) and nothing held
   * by the old one outlives it.
   */
  setFault(fault: ProxyFault | null, matches?: (req: IncomingMessage) => boolean): void;
  /** Drops every open connection, e.g. so the next request looks its host up again. */
  dropConnections(): void;
  /** Every request that arrived, in order, with whether a fault took it. */
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

interface ProxiedRequest {
  method: string;
  url: string;
  faulted: boolean;
}

const megabyte = 1024 * 1024;

/**
 * A loopback proxy that plays one fault at a time in front of a real service or a fake: HTTP
 * answers (outages, throttling, refusals, bad bodies, a body far too large), a hang, a reset,
 * a lost reply, and on its TLS port a plain-HTTP answer or an untrusted certificate.
 */
export async function startFaultProxy(options: FaultProxyOptions = {}): Promise<FaultProxy> {
  let upstream: URL | undefined;
  let fault: ProxyFault | null = null;
  let matches: (req: IncomingMessage) => boolean = () => true;
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const faulted = fault !== null && matches(req);
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', faulted });
    if (faulted && fault) play(fault, req, res);
    else forward(req, res, false);
  };

  const play = (current: ProxyFault, req: IncomingMessage, res: ServerResponse) => {
    switch (current.kind) {
      case 'answer':
        req.resume();
        res.writeHead(current.status, {
          'content-type': 'application/json',
          ...current.headers,
        });
        res.end(current.body);
        return;
      case 'hang':
        req.resume();
        return;
      case 'stall':
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': megabyte });
        res.write('{"data": [');
        return;
      case 'huge':
        req.resume();
        streamHugeBody(res, current.bytes);
        return;
      case 'reset':
        req.resume();
        req.once('end', () => req.socket.resetAndDestroy());
        return;
      case 'lose-reply':
        forward(req, res, true);
        return;
      case 'plaintext':
      case 'untrusted-certificate':
        // Connection-level faults are played before any request can arrive.
        forward(req, res, false);
    }
  };

  const forward = (req: IncomingMessage, res: ServerResponse, loseReply: boolean) => {
    if (!upstream) {
      res.writeHead(502).end('no upstream');
      return;
    }
    const target = new URL(req.url ?? '/', upstream);
    const outgoing = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        if (loseReply) {
          answer.resume();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => res.destroy());
    req.pipe(outgoing);
  };

  const plain = createHttpServer(handle);
  const trusted = options.tls && createHttpsServer(options.tls.trusted, handle);
  const untrusted = options.tls && createHttpsServer(options.tls.untrusted, handle);
  for (const server of [plain, trusted, untrusted]) server?.on('clientError', () => {});

  // One port; each new connection is handed to the server the current fault calls for.
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const target = connectionTarget();
    if (target === 'plaintext') {
      socket.once('data', () =>
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
      );
      return;
    }
    target.emit('connection', socket);
  });
  const connectionTarget = (): HttpServer | 'plaintext' => {
    if (!trusted || !untrusted) return plain;
    if (fault?.kind === 'plaintext') return 'plaintext';
    return fault?.kind === 'untrusted-certificate' ? untrusted : trusted;
  };

  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as AddressInfo;
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    setUpstream: (url) => (upstream = new URL(url)),
    setFault: (next, only = () => true) => {
      fault = next;
      matches = only;
      dropConnections();
    },
    dropConnections,
    stop: async () => {
      dropConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}

/** Writes `bytes` of a JSON list of long strings, as fast as the client reads it. */
function streamHugeBody(res: ServerResponse, bytes: number): void {
  const chunk = Buffer.from(`"${'x'.repeat(megabyte - 3)}",`);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes });
  res.write('[');
  let left = bytes - 1;
  const write = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (left === 0) res.end(piece);
      else if (!res.write(piece)) return void res.once('drain', write);
    }
  };
  res.once('close', () => (left = 0));
  write();
}
