import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AnswerMemo,
  parseRetryAfter,
  requestJson,
} from '../../../../electron/core/sources/http-json.js';
import type { SourceError } from '../../../../electron/core/sources/source-error.js';
import {
  freeLoopbackPort,
  startLoopbackServer,
  type LoopbackHandler,
  type LoopbackServer,
} from '../../../support/loopback-server.js';
import { sourceFailure } from '../../../support/source-failure.js';
import { until } from '../../../support/until.js';

const token = 'sk-live-0123456789abcdef';
const anything = z.unknown();
const mebibyte = 1024 * 1024;
/** The cap these tests give every request unless they test the cap. */
const maxBytes = 16 * mebibyte;

let server: LoopbackServer;
let base: string;
let handler: LoopbackHandler;

beforeAll(async () => {
  server = await startLoopbackServer((req, res, body) => handler(req, res, body));
  base = server.url;
});

afterAll(() => server.stop());

beforeEach(() => {
  handler = (_req, res) => res.end('{}');
});

function reply(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): LoopbackHandler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** Runs a request that must fail and returns its SourceError. */
async function failure(
  url: string,
  options: { signal?: AbortSignal; schema?: z.ZodType<unknown>; maxBytes?: number } = {},
): Promise<SourceError> {
  const error = await sourceFailure(
    requestJson(url, {
      headers: { Authorization: `Bearer ${token}`, 'X-Api-Key': token },
      signal: options.signal ?? AbortSignal.timeout(5000),
      schema: options.schema ?? anything,
      maxBytes: options.maxBytes ?? maxBytes,
    }),
  );
  // Secrets travel in headers and must never come back in a message.
  expect(error.message).not.toContain(token);
  return error;
}

describe('requestJson', () => {
  it('sends method, headers and a JSON body, and returns the validated answer', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    handler = (req, res, body) => {
      seen = { method: req.method, headers: req.headers, body };
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"silenceID":"abc","extra":1}');
    };
    const result = await requestJson(`${base}/api/v2/silences`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
      body: { comment: 'hi' },
      signal: AbortSignal.timeout(5000),
      schema: z.object({ silenceID: z.string() }),
      maxBytes,
    });
    expect(result).toEqual({ silenceID: 'abc' });
    expect(seen.method).toBe('POST');
    expect(seen.headers?.authorization).toBe('Bearer t');
    expect(seen.headers?.['content-type']).toBe('application/json');
    expect(seen.headers?.accept).toBe('application/json');
    expect(JSON.parse(seen.body ?? '')).toEqual({ comment: 'hi' });
  });

  it('parses an empty body as undefined', async () => {
    handler = reply(200, '');
    const result = await requestJson(base, {
      signal: AbortSignal.timeout(5000),
      schema: z.undefined(),
      maxBytes,
    });
    expect(result).toBeUndefined();
  });

  it('reports a refused connection as unreachable, naming host and port', async () => {
    const port = await freeLoopbackPort();
    const error = await failure(`http://127.0.0.1:${port}/api/v2/alerts`);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`nothing is listening at 127.0.0.1:${port} (connection refused)`);
  });

  it('refuses credentials in the URL without repeating them', async () => {
    const error = await failure('http://user:hunter2@127.0.0.1:1/');
    expect(error.kind).toBe('config');
    expect(error.message).not.toContain('hunter2');
  });

  it('reports an abort before the answer as a timeout', async () => {
    handler = () => {}; // never answers
    const error = await failure(base, { signal: AbortSignal.timeout(100) });
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('did not answer in time');
  });

  it('ends at the deadline when a TLS handshake never completes', async () => {
    const sockets: net.Socket[] = [];
    // Takes the connection and never says a word.
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const error = await failure(`https://127.0.0.1:${port}/`, {
        signal: AbortSignal.timeout(300),
      });
      expect(error.kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('ends at the deadline when a refusal’s body never finishes', async () => {
    handler = (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.write('{"message":'); // and then nothing more
    };
    const error = await failure(base, { signal: AbortSignal.timeout(200) });
    expect(error.kind).toBe('timeout');
  });

  it('reports an abort in the middle of the body as a timeout', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[{"a":'); // and then nothing more
    };
    const error = await failure(base, { signal: AbortSignal.timeout(200) });
    expect(error.kind).toBe('timeout');
  });

  it.each([401, 403])('reports HTTP %i as rejected credentials', async (status) => {
    handler = reply(status, `denied for Bearer ${token}`);
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'auth', status });
    expect(error.message).toBe(`credentials rejected (HTTP ${status})`);
  });

  it('reports 429 as rate-limited with Retry-After in seconds', async () => {
    handler = reply(429, 'slow down', { 'Retry-After': '30' });
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toContain('retry in 30 s');
  });

  it('reports 429 with Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 120_000).toUTCString();
    handler = reply(429, '', { 'Retry-After': at });
    const error = await failure(base);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThan(115_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(121_000);
  });

  it('reports 429 without Retry-After with no delay of its own', async () => {
    handler = reply(429, '');
    const error = await failure(base);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([500, 502, 503])('reports HTTP %i as a server error', async (status) => {
    handler = reply(status, '<html>upstream exploded</html>');
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'server', status });
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).not.toContain('<html>');
  });

  it('reports other 4xx as rejected, with one trimmed line of the body', async () => {
    const hostile = `bad matcher\n\u001b[31m\u202e${'x'.repeat(500)}`;
    handler = reply(400, hostile);
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
    expect(error.message).toMatch(
      /^127\.0\.0\.1:\d+ refused the request \(HTTP 400\): bad matcher /,
    );
    for (const character of ['\n', '\u001b', '\u202e'])
      expect(error.message).not.toContain(character);
    const snippet = error.message.split(': ').slice(1).join(': ');
    expect(snippet.length).toBeLessThanOrEqual(201);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('redacts header values that a server echoes back in an error body', async () => {
    handler = (req, res) => {
      res.writeHead(422);
      res.end(`unknown key ${String(req.headers['x-api-key'])}`);
    };
    const error = await failure(base);
    expect(error.kind).toBe('rejected');
    expect(error.message).toContain('unknown key [redacted]');
  });

  it('reports unparsable JSON as a bad response', async () => {
    handler = reply(200, '<html>login page</html>', { 'Content-Type': 'text/html' });
    const error = await failure(`${base}/api/v2/alerts`);
    expect(error.kind).toBe('bad-response');
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(`malformed JSON from ${base.slice('http://'.length)}`);
  });

  it('reports a schema mismatch as a bad response, naming the field but not the value', async () => {
    handler = reply(200, '[{"fingerprint": {"evil": "<script>alert(1)</script>"}}]');
    const error = await failure(base, {
      schema: z.array(z.object({ fingerprint: z.string() })),
    });
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('0.fingerprint');
    expect(error.message).not.toContain('<script>');
  });

  it('cleans a server-chosen key out of a schema mismatch', async () => {
    handler = reply(200, JSON.stringify({ [`\u202e${'k'.repeat(500)}\n`]: 1 }));
    const error = await failure(base, { schema: z.record(z.string(), z.string()) });
    expect(error.kind).toBe('bad-response');
    expect(error.message).not.toMatch(/[\n\u202e]/u);
    expect(error.message.length).toBeLessThan(260);
  });

  it('refuses an answer whose Content-Length exceeds the cap, without waiting for its body', async () => {
    let written = 0;
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 50 * mebibyte });
      res.write(Buffer.alloc(64 * 1024, 0x20)); // and the rest never comes
      written += 64 * 1024;
    };
    const started = Date.now();
    const error = await failure(base, {
      maxBytes: 4 * mebibyte,
      signal: AbortSignal.timeout(3000),
    });
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toBe(`response from ${base.slice('http://'.length)} is larger than 4 MB`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(written).toBe(64 * 1024);
  });

  it('stops reading a body of unknown length at the cap, and lets the connection go', async () => {
    const sent = { bytes: 0, closed: false };
    handler = (_req, res) => streamForever(res, sent);
    const error = await failure(base, { maxBytes: mebibyte });
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('larger than 1 MB');
    await until(() => sent.closed);
    // What the socket buffers held beyond the cap, never the endless rest.
    expect(sent.bytes).toBeLessThan(8 * mebibyte);
  });

  it('caps what a compressed answer unpacks to, not what it weighs on the wire', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * mebibyte, 0x20));
    expect(bomb.byteLength).toBeLessThan(mebibyte);
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(bomb);
    };
    const error = await failure(base, { maxBytes: mebibyte });
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('larger than 1 MB');
  });

  it('accepts an answer of exactly the cap, in many chunks, with characters split across them', async () => {
    const text = JSON.stringify('é'.repeat(1000)); // two bytes each, chunks split them
    const bytes = Buffer.from(text);
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      for (let at = 0; at < bytes.length; at += 333) res.write(bytes.subarray(at, at + 333));
      res.end();
    };
    const result = await requestJson(base, {
      signal: AbortSignal.timeout(5000),
      schema: z.string(),
      maxBytes: bytes.length,
    });
    expect(result).toBe('é'.repeat(1000));
    const over = await failure(base, { maxBytes: bytes.length - 1 });
    expect(over.kind).toBe('bad-response');
  });

  it.each([420, 429])('reads HTTP %i as throttling', async (status) => {
    handler = reply(status, 'enhance your calm', { 'Retry-After': '12' });
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'rate-limited', status, retryAfterMs: 12_000 });
  });

  it('reads a 403 that names a wait as throttling, not as a rejected credential', async () => {
    handler = reply(403, 'slow down', { 'Retry-After': '20' });
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 403, retryAfterMs: 20_000 });
    expect(error.message).toContain('retry in 20 s');
  });

  it('keeps the wait an overloaded server names', async () => {
    handler = reply(503, 'overloaded', { 'Retry-After': '15' });
    const error = await failure(base);
    expect(error).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 15_000 });
  });

  it('reports an invalid URL as a configuration problem', async () => {
    const error = await failure('not a url');
    expect(error.kind).toBe('config');
  });
});

describe('requestJson with an AnswerMemo', () => {
  const list = z.array(z.object({ id: z.string() }));
  const ask = (memo: AnswerMemo<{ id: string }[]>) =>
    requestJson(base, { signal: AbortSignal.timeout(5000), schema: list, maxBytes, memo });

  it('returns the very same value while the answer is unchanged, and a new one once it changes', async () => {
    const memo = new AnswerMemo<{ id: string }[]>();
    handler = reply(200, '[{"id":"a"}]');
    const first = await ask(memo);
    const second = await ask(memo);
    handler = reply(200, '[{"id":"a"},{"id":"b"}]');
    const third = await ask(memo);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(third).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('still refuses a bad answer after a good one, and remembers only answers that passed', async () => {
    const memo = new AnswerMemo<{ id: string }[]>();
    handler = reply(200, '[{"id":"a"}]');
    const good = await ask(memo);
    handler = reply(200, '[{"id":1}]');
    expect((await sourceFailure(ask(memo))).kind).toBe('bad-response');
    handler = reply(200, '[{"id":"a"}]');
    expect(await ask(memo)).toBe(good);
  });
});

/** Writes spaces as fast as the client takes them until the connection closes, counting them. */
function streamForever(res: ServerResponse, sent: { bytes: number; closed: boolean }): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.on('close', () => (sent.closed = true));
  const pump = () => {
    while (!res.destroyed) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  pump();
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T09:00:00Z');

  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 22 Nov 2026 09:01:30 GMT', 90_000],
    ['Sun, 22 Nov 2026 08:00:00 GMT', 0],
    [null, undefined],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
