import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startOnwatchProcess, type OnwatchProcess } from '../support/onwatch-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The browser host as its own process, attacked by raw clients: whatever one client does, the
 * process stays up and keeps serving the clients already connected and new ones.
 */
let dir: Awaited<ReturnType<typeof makeTempDir>>;
let onwatch: OnwatchProcess;
let page: URL;

// A process per test, so one attack that kills the host cannot fail the others.
beforeEach(async () => {
  dir = await makeTempDir('onwatch-hostile-');
  onwatch = await startOnwatchProcess(join(dir.path, 'settings.json'));
  page = new URL(onwatch.url);
});

afterEach(async () => {
  await onwatch?.kill();
  await dir?.remove();
});

/** Sends bytes as they are and collects the answer until the server closes the connection. */
function rawExchange(text: string, { reset = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(page.port), '127.0.0.1', () => {
      socket.write(text);
      // A reset right behind the request: the host may still be writing its answer.
      if (reset) socket.resetAndDestroy();
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => resolve(received));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve(received) : reject(error),
    );
  });
}

/** An authenticated client, and the first message the host sends it. */
async function openSocket() {
  const ws = new WebSocket(`ws://${page.host}/api/ws${page.search}`, {
    headers: { origin: page.origin },
  });
  // Listening before 'open': the snapshot can arrive in the same tick.
  const first = new Promise<unknown>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)))),
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, first };
}

/** The process is up, its first client is still answered, and a new client gets the state. */
async function expectStillServing() {
  await expect(onwatch.command('getState', {})).resolves.toMatchObject({ seq: expect.any(Number) });
  const fresh = await openSocket();
  expect(await fresh.first).toMatchObject({ type: 'event', name: 'stateSnapshot' });
  fresh.ws.close();
  expect(onwatch.alive()).toBe(true);
}

const host = () => `Host: ${page.host}\r\n`;
const upgradeHeaders =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

describe('the browser host process against hostile clients', () => {
  it('closes only the socket that sends a frame over the 1 MiB limit', async () => {
    const { ws: attacker } = await openSocket();
    const closed = new Promise<number>((resolve) => attacker.once('close', resolve));
    attacker.on('error', () => {});
    attacker.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009); // message too big
    await expectStillServing();
  });

  it('answers request targets that a URL parser would refuse', async () => {
    const answers = { '//': 401, '//:99999/': 401, 'http://[/': 400 };
    for (const [target, status] of Object.entries(answers)) {
      const request = `GET ${target} HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`;
      expect(await rawExchange(request), target).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    }
    await expectStillServing();
  });

  it('refuses malformed upgrades', async () => {
    const token = page.search;
    const origin = `Origin: ${page.origin}\r\n`;
    const attempts = [
      `GET // HTTP/1.1\r\n${host()}${origin}${upgradeHeaders}\r\n`,
      `GET /api/ws${token}%zz HTTP/1.1\r\n${host()}${origin}${upgradeHeaders}\r\n`,
      // Token and origin are right, but the handshake itself is not.
      `GET /api/ws${token} HTTP/1.1\r\n${host()}${origin}Upgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n',
    ];
    for (const request of attempts) {
      expect(await rawExchange(request), request).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    await expectStillServing();
  });

  it('survives clients that reset the connection in the middle of an upgrade', async () => {
    const refused = `GET /api/ws HTTP/1.1\r\n${host()}${upgradeHeaders}\r\n`;
    const accepted = `GET /api/ws${page.search} HTTP/1.1\r\n${host()}Origin: ${page.origin}\r\n${upgradeHeaders}\r\n`;
    for (let i = 0; i < 20; i++) {
      await rawExchange(refused, { reset: true });
      await rawExchange(accepted, { reset: true });
    }
    await expectStillServing();
  });

  it('survives requests the HTTP parser rejects', async () => {
    expect(await rawExchange('HELLO\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    const hugeHeader = `X-Junk: ${'j'.repeat(64 * 1024)}\r\n`;
    expect(await rawExchange(`GET / HTTP/1.1\r\n${host()}${hugeHeader}\r\n`)).toMatch(
      /^HTTP\/1\.1 431 /,
    );
    await expectStillServing();
  });

  it('survives requests aborted half way', async () => {
    await rawExchange(`GET /index.html HTTP/1.1\r\n${host()}X-Part`, { reset: true });
    await rawExchange(`GET /index.html${page.search} HTTP/1.1\r\n${host()}\r\n`, { reset: true });
    await rawExchange(`POST / HTTP/1.1\r\n${host()}Content-Length: 1000000\r\n\r\nabc`, {
      reset: true,
    });
    await expectStillServing();
  });
});
