import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { finished, pipeline, type Readable, type Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * One HTTP exchange through node:http(s), for the sources' JSON and text requests. It replaces
 * the global fetch, which copies every body chunk once more and costs a third more CPU a
 * request on loopback; what fetch did for us is done here: keep-alive, redirects, and
 * gzip/deflate/br bodies unpacked (the reader caps what they unpack to).
 */

export interface HttpExchange {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  /** Covers the whole exchange: connecting, the answer's headers and its body. */
  signal: AbortSignal;
}

/** An answer's headers, read by name in any case: all the core asks of them. */
export interface ResponseHeaders {
  /** The value; a header sent more than once, its values joined by ", ". Null when absent. */
  get(name: string): string | null;
}

export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: ResponseHeaders;
  /** The body as it unpacks; destroying it lets the connection go. */
  body: Readable;
}

/**
 * Idle connections are kept for a next poll, but dropped before a server's usual five-second
 * idle timeout, so a reused socket is rarely one the server is closing.
 */
const agentOptions = { keepAlive: true, timeout: 4000 };
const agents = {
  'http:': readingIntoOneBuffer(new HttpAgent(agentOptions)),
  'https:': readingIntoOneBuffer(new HttpsAgent(agentOptions)),
};
const maxRedirects = 20;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** The headers a redirect to another origin keeps: none of the caller's may carry a secret. */
const crossOriginHeaders = new Set(['accept', 'content-type']);

export async function exchange(url: URL, request: HttpExchange): Promise<HttpAnswer> {
  let target = url;
  let { method, body, headers } = request;
  for (let hop = 0; ; hop++) {
    const response = await sendOnce(target, { ...request, method, body, headers });
    const location = response.headers.location;
    if (!redirectStatuses.has(response.statusCode ?? 0) || !location || hop >= maxRedirects) {
      return answer(response, method);
    }
    response.resume(); // the redirect's own body is not wanted
    const next = new URL(location, target);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return answer(response, method);
    // As fetch does: a 303, or a 301/302 to a POST, becomes a GET without a body.
    const status = response.statusCode ?? 0;
    if (
      status === 303 ? method !== 'GET' : (status === 301 || status === 302) && method === 'POST'
    ) {
      method = 'GET';
      body = undefined;
    }
    if (next.origin !== target.origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => crossOriginHeaders.has(name.toLowerCase())),
      );
    }
    target = next;
  }
}

/** One read's worth, as much as a socket delivers at once. */
const readBufferBytes = 64 * 1024;

/**
 * Makes each of the agent's sockets read into one buffer of its own, handed to the HTTP parser
 * as a view. The parser copies what it keeps (headers, body chunks) before the next read, so
 * the socket's reads are no longer a second copy of every byte, left for V8 to collect: for a
 * body read to a 16 MB cap, 16 MB less at the peak.
 */
function readingIntoOneBuffer<A extends HttpAgent>(agent: A): A {
  const connect = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const buffer = Buffer.allocUnsafe(readBufferBytes);
    const onread = {
      buffer,
      // Called only once connected, so `socket` is set by then.
      callback: (bytes: number) => void socket.emit('data', buffer.subarray(0, bytes)),
    };
    const socket = connect({ ...options, onread } as typeof options, callback) as Socket;
    return socket;
  };
  return agent;
}

function sendOnce(url: URL, request: HttpExchange, retried = false): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new Error(`${url.protocol} is not an HTTP URL`));
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = agents[url.protocol];
  const headers: Record<string, string | number> = {
    'Accept-Encoding': 'gzip, deflate, br',
    // fetch named itself; some gateways refuse a request that names no client at all.
    'User-Agent': 'Onwatch',
    ...request.headers,
  };
  if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = send(url, { method: request.method, headers, agent, signal: request.signal });
    outgoing.once('response', (response) => {
      answered = true;
      resolve(response);
    });
    // Errors after the answer began reach its body; this listener only keeps them from crashing.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      answered = true;
      // A kept-alive connection the server closed meanwhile: a read is safe to send again.
      const stale =
        outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      if (stale && !retried && request.method === 'GET' && !request.signal.aborted) {
        sendOnce(url, request, true).then(resolve, reject);
      } else {
        reject(error);
      }
    });
    outgoing.end(request.body);
  });
}

function answer(response: IncomingMessage, method: string): HttpAnswer {
  const status = response.statusCode ?? 0;
  const headers = toHeaders(response.headers);
  const bodyless = method === 'HEAD' || status === 204 || status === 304;
  const decoders = bodyless ? [] : decodersFor(headers.get('content-encoding'));
  const body: Readable =
    decoders.length === 0
      ? response
      : (pipeline([response, ...decoders], () => {}) as unknown as Readable);
  return { status, ok: status >= 200 && status < 300, headers, body };
}

/** The decoders for a Content-Encoding, outermost last; none for one this cannot undo. */
function decodersFor(encoding: string | null): Transform[] {
  if (!encoding) return [];
  const codings = encoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim());
  const decoders: Transform[] = [];
  // Lenient like browsers and curl: a server that cuts the stream short still gives its bytes.
  const zlibFlush = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(createGunzip(zlibFlush));
    else if (coding === 'deflate') decoders.push(createInflate(zlibFlush));
    else if (coding === 'br') {
      decoders.push(
        createBrotliDecompress({
          flush: constants.BROTLI_OPERATION_FLUSH,
          finishFlush: constants.BROTLI_OPERATION_FLUSH,
        }),
      );
    } else if (coding !== 'identity') return [];
  }
  return decoders;
}

/**
 * Node's own record of the headers (names already lower case) read by name. Not fetch's
 * `Headers`: Node 20 builds that class from undici on first use, about 10 MB resident.
 */
function toHeaders(raw: IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * Hands each chunk of a body to `take` as it arrives, until the body ends or `take` says it has
 * had enough, which destroys the body and its connection. Chunks are taken as the socket gave
 * them: an async iterator would join the ones waiting into one more copy.
 */
export function eachChunk(body: Readable, take: (chunk: Buffer) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error | null) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      if (take(chunk)) return;
      settle();
      body.destroy();
    };
    body.on('data', onData);
    finished(body, settle);
  });
}
