import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eachChunk, exchange } from '../../../../electron/core/sources/http-exchange.js';
import { requestJson } from '../../../../electron/core/sources/http-json.js';

/*
 * What the global fetch did for the sources and node:http does not on its own: redirects, with
 * credentials kept from another origin; compressed answers; one kept-alive connection; and a
 * read sent again when the kept connection turns out closed.
 */

const token = 'sk-live-0123456789abcdef';
const anything = z.unknown();

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body: string;
  socket: Socket;
}

const servers: Server[] = [];
const rawServers: NetServer[] = [];
const rawSockets: Socket[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const socket of rawSockets.splice(0)) socket.destroy();
  for (const server of rawServers.splice(0)) {
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback server that records each request, then lets `handle` answer it. */
async function serve(
  handle: (req: IncomingMessage, res: ServerResponse, seen: Recorded[]) => void,
): Promise<{ url: string; seen: Recorded[]; connections: () => number }> {
  const seen: Recorded[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
        socket: req.socket,
      });
      handle(req, res, seen);
    });
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, connections: () => connections };
}

const get = (url: string, method: 'GET' | 'POST' = 'GET') =>
  requestJson(url, {
    method,
    headers: { Authorization: `Bearer ${token}` },
    body: method === 'POST' ? { ack: true } : undefined,
    signal: AbortSignal.timeout(5000),
    schema: anything,
    maxBytes: 1024 * 1024,
  });

describe('requests through node:http', () => {
  it('follows a redirect on the same origin with its credentials', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/old') res.writeHead(301, { Location: '/new' }).end();
      else res.end('{"at":"new"}');
    });
    await expect(get(`${server.url}/old`)).resolves.toEqual({ at: 'new' });
    expect(server.seen.map((r) => [r.url, r.authorization])).toEqual([
      ['/old', `Bearer ${token}`],
      ['/new', `Bearer ${token}`],
    ]);
  });

  it('follows a redirect to another origin without the credentials', async () => {
    const elsewhere = await serve((_req, res) => res.end('{"at":"elsewhere"}'));
    const server = await serve((_req, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}/moved` }).end();
    });
    await expect(get(`${server.url}/old`)).resolves.toEqual({ at: 'elsewhere' });
    expect(elsewhere.seen).toMatchObject([{ url: '/moved', authorization: undefined }]);
  });

  it('turns a POST answered with 303 into a GET without the body, as fetch does', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/acks') res.writeHead(303, { Location: '/acks/1' }).end();
      else res.end('{"id":1}');
    });
    await expect(get(`${server.url}/acks`, 'POST')).resolves.toEqual({ id: 1 });
    expect(server.seen.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/acks', '{"ack":true}'],
      ['GET', '/acks/1', ''],
    ]);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('unpacks a %s answer', async (encoding, pack) => {
    const server = await serve((req, res) => {
      expect(req.headers['accept-encoding']).toContain(encoding);
      res.writeHead(200, { 'Content-Encoding': encoding });
      res.end(pack(Buffer.from('{"packed":true}')));
    });
    await expect(get(server.url)).resolves.toEqual({ packed: true });
  });

  it('keeps one connection for the polls that follow each other', async () => {
    const server = await serve((_req, res) => res.end('[]'));
    for (let poll = 0; poll < 3; poll++) await get(server.url);
    expect(server.connections()).toBe(1);
  });

  it('gives every byte of answers that take many reads, poll after poll on one connection', async () => {
    // Each socket reads into one buffer of its own, overwritten by the next read: an answer
    // that kept a view of it instead of a copy would come back garbled. The server writes each
    // answer in pieces a moment apart, so headers and body reach the client in separate reads.
    const answers = [1, 2, 3].map((poll) => ({
      poll,
      text: randomBytes(300 * 1024).toString('base64'),
    }));
    let connections = 0;
    const server = createNetServer((socket) => {
      connections++;
      rawSockets.push(socket);
      let polls = 0;
      socket.on('data', async (request) => {
        if (!request.includes('\r\n\r\n')) return;
        const body = Buffer.from(JSON.stringify(answers[polls++]));
        const head = `HTTP/1.1 200 OK\r\nX-Padding: ${'p'.repeat(8_000)}\r\nContent-Length: ${body.length}\r\n\r\n`;
        const pieces: (string | Buffer)[] = [head.slice(0, 4_000), head.slice(4_000)];
        for (let at = 0; at < body.length; at += 100_003)
          pieces.push(body.subarray(at, at + 100_003));
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });
    });
    rawServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const got = [];
    for (let poll = 0; poll < answers.length; poll++) got.push(await get(url));
    expect(got).toEqual(answers);
    expect(connections).toBe(1);
  });

  it('reads a long answer into the one buffer its socket owns, not a new one per read', async () => {
    const body = randomBytes(2 * 1024 * 1024);
    const server = await serve((_req, res) => res.end(body));
    const answer = await exchange(new URL(server.url), {
      method: 'GET',
      headers: {},
      signal: AbortSignal.timeout(5000),
    });
    const reads = new Set<ArrayBufferLike>();
    let readCount = 0;
    (answer.body as IncomingMessage).socket.on('data', (read: Buffer) => {
      readCount++;
      reads.add(read.buffer);
    });
    const chunks: Buffer[] = [];
    await eachChunk(answer.body, (chunk) => chunks.push(chunk) > 0);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    expect(readCount).toBeGreaterThan(10);
    expect(reads.size).toBe(1);
  });

  it('sends a read again on a new connection when the kept one turns out closed', async () => {
    const server = await serve((req, res, seen) => {
      // The second request on the first connection: the server has given up on it meanwhile.
      const reused = seen.filter((r) => r.socket === req.socket).length > 1;
      if (reused) req.socket.destroy();
      else res.end(`{"request":${seen.length}}`);
    });
    await get(server.url);
    await expect(get(server.url)).resolves.toEqual({ request: 3 });
    expect(server.connections()).toBe(2);
  });
});
