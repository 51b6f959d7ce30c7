import { createHash } from 'node:crypto';
import { z, type ZodType } from 'zod';
import { collectSoon } from './collect-garbage.js';
import { eachChunk, exchange, type HttpAnswer, type ResponseHeaders } from './http-exchange.js';
import { networkFailureText } from './network-failure.js';
import { forEachInSlices } from '../timing/time-slices.js';
import { formatWait } from '../../common/time-format.js';
import { SourceError } from './source-error.js';

export interface JsonRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** May carry credentials: they are sent, and never appear in an error message. */
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  body?: unknown;
  /** The caller's deadline; aborting it is reported as a timeout. */
  signal: AbortSignal;
  /** Validates the parsed body (an empty body parses as `undefined`); a mismatch is a bad-response. */
  schema: ZodType<T>;
  /**
   * The largest answer this source kind accepts (its descriptor's `maxResponseBytes`): a larger
   * one is refused before it is buffered, so a hostile server cannot exhaust memory.
   */
  maxBytes: number;
  /** The previous answer to this request: an identical one is returned as that same value. */
  memo?: AnswerMemo<T>;
}

/**
 * What one request last answered, held as a digest of its body rather than the body itself.
 * An unchanged answer (most polls of a calm source) comes back as the very same value, neither
 * parsed nor validated again, so the caller can tell by identity that nothing changed and reuse
 * what it made of it.
 */
export class AnswerMemo<T> {
  digest?: string;
  data?: T;
}

/** Enough of an error body to explain a refusal; a larger one is not read at all. */
const maxErrorBodyBytes = 64 * 1024;
/** Enough of an error body to explain a refusal, short enough for a status line. */
const maxSnippetChars = 200;

/** A non-2xx answer, for a provider that explains its refusals in the body. */
export interface HttpRefusal {
  status: number;
  headers: ResponseHeaders;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  body: unknown;
  /** "host:port", for messages. */
  where: string;
  /** Makes server text safe for a status line: one line, no control characters or secrets. */
  clean(text: string): string;
}

export interface JsonRequestWithHeaders<T> extends JsonRequest<T> {
  /**
   * Replaces the default status mapping: every non-2xx answer becomes the error this returns,
   * which carries `refusal.status` like the default ones do.
   */
  refusal?: (refusal: HttpRefusal) => SourceError;
}

export interface JsonResponse<T> {
  data: T;
  headers: ResponseHeaders;
}

/**
 * Sends one JSON request and returns the validated answer. Every
 * failure becomes a SourceError whose message names the host but never a header value.
 */
export async function requestJson<T>(url: string | URL, request: JsonRequest<T>): Promise<T> {
  return (await requestJsonWithHeaders(url, request)).data;
}

/**
 * requestJson that also returns the response headers (rate-limit budgets live there) and
 * lets the caller map refusals itself.
 */
export async function requestJsonWithHeaders<T>(
  url: string | URL,
  request: JsonRequestWithHeaders<T>,
): Promise<JsonResponse<T>> {
  const target = parseUrl(url);
  const where = hostPort(target);
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: HttpAnswer;
  try {
    response = await exchange(target, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (error) {
    throw transportError(error, request.signal, where);
  }

  const secrets = Object.values(request.headers ?? {});
  if (!response.ok && request.refusal) {
    const text = (await readBody(response, maxErrorBodyBytes, request.signal, where)) ?? '';
    const clean = (line: string) => errorSnippet(line, secrets);
    throw request.refusal({
      status: response.status,
      headers: response.headers,
      body: parseJsonOrUndefined(text),
      where,
      clean,
    });
  }
  if (!response.ok) throw await statusError(response, where, secrets, request.signal);

  const chunks = await readBodyBytes(response, request.maxBytes, request.signal, where);
  if (chunks === undefined) {
    const size = formatBytes(request.maxBytes);
    throw new SourceError('bad-response', `response from ${where} is larger than ${size}`);
  }
  // The digest is taken over the bytes, so an unchanged answer is never decoded to text at all.
  const digest = request.memo && digestOf(chunks);
  if (request.memo && digest === request.memo.digest) {
    return { data: request.memo.data as T, headers: response.headers };
  }
  const text = decode(chunks);
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new SourceError('bad-response', `malformed JSON from ${where}`);
  }
  const parsed = await validate(request.schema, json);
  if (!parsed.success) {
    // Zod's messages describe the expected shape, not the received values; the path may
    // hold a server-chosen key, so it is cleaned like any other text from the server.
    const { issue } = parsed;
    const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const detail = errorSnippet(`${path}${issue?.message ?? 'invalid'}`, secrets);
    throw new SourceError('bad-response', `unexpected response from ${where}: ${detail}`);
  }
  if (request.memo) Object.assign(request.memo, { digest, data: parsed.data });
  return { data: parsed.data, headers: response.headers };
}

type Validated<T> =
  { success: true; data: T } | { success: false; issue?: { path: PropertyKey[]; message: string } };

/**
 * A plain list is checked item by item in time slices: ten thousand alerts validated in one go
 * would hold the event loop for a quarter of a second. Anything else is checked at once.
 */
async function validate<T>(schema: ZodType<T>, json: unknown): Promise<Validated<T>> {
  if (!(schema instanceof z.ZodArray) || schema.def.checks?.length || !Array.isArray(json)) {
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed : { success: false, issue: parsed.error.issues[0] };
  }
  const element = schema.element as ZodType;
  const items: unknown[] = [];
  let failed: Validated<T> | undefined;
  await forEachInSlices(json as unknown[], (item, index) => {
    if (failed) return;
    const parsed = element.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      failed = { success: false, issue: issue && { ...issue, path: [index, ...issue.path] } };
    }
  });
  return failed ?? { success: true, data: items as T };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseUrl(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError('config', 'the configured URL is not valid');
  }
  // A password there would sit in plain settings, and be sent to every redirect's host.
  if (parsed.username || parsed.password) {
    throw new SourceError('config', 'credentials belong in the auth settings, not in the URL');
  }
  return parsed;
}

/** "host:port" with the scheme's default port spelled out, and never the URL's userinfo. */
function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function transportError(error: unknown, signal: AbortSignal, where: string): SourceError {
  if (signal.aborted) return new SourceError('timeout', `${where} did not answer in time`);
  return new SourceError('unreachable', networkFailureText(error, where));
}

/** Node reports a body cut short as a reset ("aborted"); the answer had begun, though. */
function bodyError(error: unknown, signal: AbortSignal, where: string): SourceError {
  if (!signal.aborted && (error as { code?: unknown }).code === 'ECONNRESET') {
    return new SourceError(
      'unreachable',
      `the connection to ${where} closed before the answer was complete`,
    );
  }
  return transportError(error, signal, where);
}

async function statusError(
  response: HttpAnswer,
  where: string,
  secrets: string[],
  signal: AbortSignal,
): Promise<SourceError> {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  // 420 is Twitter's and Statuspage's "enhance your calm"; a 403 that names a wait is one too.
  const throttled =
    status === 429 || status === 420 || (status === 403 && retryAfterMs !== undefined);
  if (throttled) {
    cancelBody(response);
    const wait = retryAfterMs === undefined ? '' : `, retry in ${formatWait(retryAfterMs)}`;
    return new SourceError('rate-limited', `rate limited by ${where} (HTTP ${status})${wait}`, {
      status,
      retryAfterMs,
    });
  }
  if (status === 401 || status === 403) {
    cancelBody(response);
    return new SourceError('auth', `credentials rejected (HTTP ${status})`, { status });
  }
  if (status >= 500) {
    cancelBody(response);
    // An overloaded server may say when to come back (RFC 9110 §10.2.3); that wait is honoured.
    return new SourceError('server', `server error at ${where} (HTTP ${status})`, {
      status,
      retryAfterMs,
    });
  }
  const text = (await readBody(response, maxErrorBodyBytes, signal, where)) ?? '';
  const snippet = errorSnippet(text, secrets);
  return new SourceError(
    'rejected',
    `${where} refused the request (HTTP ${status})${snippet ? `: ${snippet}` : ''}`,
    { status },
  );
}

/** The start of a plain-text answer, and whether there was more. */
export interface TextHead {
  text: string;
  truncated: boolean;
}

/**
 * Sends one GET for a plain-text answer (a job's output) and keeps at most `maxBytes` of it:
 * the rest is never read. Refusals become SourceErrors as requestJson's do.
 */
export async function requestTextHead(
  url: string | URL,
  request: { headers?: Record<string, string>; signal: AbortSignal; maxBytes: number },
): Promise<TextHead> {
  const target = parseUrl(url);
  const where = hostPort(target);
  let response: HttpAnswer;
  try {
    response = await exchange(target, {
      method: 'GET',
      headers: { Accept: 'text/plain', ...request.headers },
      signal: request.signal,
    });
  } catch (error) {
    throw transportError(error, request.signal, where);
  }
  if (!response.ok) {
    throw await statusError(response, where, Object.values(request.headers ?? {}), request.signal);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    await eachChunk(response.body, (chunk) => {
      const room = request.maxBytes - bytes;
      if (chunk.byteLength > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        truncated = true;
        return false;
      }
      chunks.push(chunk);
      bytes += chunk.byteLength;
      return true;
    });
  } catch (error) {
    throw bodyError(error, request.signal, where);
  }
  return { text: decode(chunks), truncated };
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/GMT$/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * One line of plain text: control and bidi-format characters go, so a hostile body cannot
 * reshape the status line, and a server that echoes our headers back cannot leak them.
 */
function errorSnippet(text: string, secrets: string[]): string {
  let line = text.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
  for (const secret of secrets) {
    if (secret.length >= 8) line = line.split(secret).join('[redacted]');
  }
  return line.length > maxSnippetChars ? `${line.slice(0, maxSnippetChars)}…` : line;
}

/** readBodyBytes decoded to text; undefined when the body is larger than `limit`. */
async function readBody(
  response: HttpAnswer,
  limit: number,
  signal: AbortSignal,
  where: string,
): Promise<string | undefined> {
  const chunks = await readBodyBytes(response, limit, signal, where);
  return chunks && decode(chunks);
}

/**
 * Reads the body's bytes if there are at most `limit` of them, and undefined when there are more.
 * A declared Content-Length above the limit is refused before a byte is read; otherwise the read
 * stops at the limit. Bytes are kept rather than text (which can take two bytes a character) and
 * decoded only once the whole body is in, so no string ever grows past the limit. A deadline that
 * fires in the middle is still a timeout.
 */
async function readBodyBytes(
  response: HttpAnswer,
  limit: number,
  signal: AbortSignal,
  where: string,
): Promise<Uint8Array[] | undefined> {
  if ((declaredLength(response.headers) ?? 0) > limit) {
    cancelBody(response);
    return undefined;
  }
  let chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    await eachChunk(response.body, (chunk) => {
      bytes += chunk.byteLength;
      if (bytes <= limit) return chunks.push(chunk) > 0;
      chunks = []; // let go of what was read at once; the connection goes with the body
      collectSoon();
      return false;
    });
  } catch (error) {
    throw bodyError(error, signal, where);
  }
  return bytes > limit ? undefined : chunks;
}

function digestOf(chunks: Uint8Array[]): string {
  const hash = createHash('sha1');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('base64');
}

/** Decodes chunk by chunk, letting each go once it is text, so bytes and text never both peak. */
function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  let text = '';
  for (let index = 0; index < chunks.length; index++) {
    text += decoder.decode(chunks[index], { stream: true });
    chunks[index] = noBytes;
  }
  return text + decoder.decode();
}

const noBytes = new Uint8Array(0);

/** What the server says the body weighs; undefined when it does not say (chunked, or garbled). */
function declaredLength(headers: ResponseHeaders): number | undefined {
  const value = headers.get('content-length')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Lets go of a body nobody will read: the connection closes instead of draining it. Not awaited,
 * since nothing waits on how a stalled server takes it.
 */
function cancelBody(response: HttpAnswer): void {
  response.body.destroy();
}

function formatBytes(bytes: number): string {
  const megabytes = bytes / 1024 / 1024;
  return megabytes >= 1
    ? `${Math.round(megabytes * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}
