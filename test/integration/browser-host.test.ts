import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appStateSchema, type AppState } from '../../electron/common/contract/app-state.js';
import { CommandError } from '../../electron/common/contract/command-error.js';
import type { ContractServer } from '../../electron/common/contract/ipc-contract.js';
import {
  applyStateChange,
  type StateChange,
} from '../../electron/common/contract/state-changes.js';
import type { WebServerMessage } from '../../electron/common/contract/web-protocol.js';
import { createEmitter } from '../../electron/common/emitter.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { silentLog } from '../../electron/core/ports/log.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.js';
import { followState } from '../../renderer/bridge/state-follower.js';
import {
  createWebSocketApi,
  type WebSocketConstructor,
} from '../../renderer/bridge/web-socket-api.js';
import { ViewerHub } from '../../electron/core/engine/viewer-hub.js';
import { anAppState } from '../support/app-state.js';
import { makeTempDir } from '../support/temp-dir.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let rendererDir: string;
let core: OnwatchCore;
let served: ContractServer;
let host: BrowserHost;
let base: string;
let token: string;

beforeAll(async () => {
  dir = await makeTempDir();
  rendererDir = join(dir.path, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Onwatch</title>');
  await writeFile(join(rendererDir, 'app.js'), 'console.log("hi")');
  await writeFile(join(rendererDir, 'other.html'), '<!doctype html><title>Other</title>');
  await writeFile(join(dir.path, 'outside-secret.txt'), 'not for the browser');
  core = await OnwatchCore.start({
    settingsPath: join(dir.path, 'settings.json'),
    secrets: new MemorySecretStore(),
    log: silentLog,
  });
  served = core;
  host = await startBrowserHost({ core: served, rendererDir, log: silentLog });
  const url = new URL(host.url);
  base = `http://127.0.0.1:${url.port}`;
  token = url.searchParams.get('token')!;
});

afterAll(async () => {
  await host.close();
  await core.stop();
  await dir.remove();
});

/** A raw HTTP request: the path goes out as written and the test controls the Host header. */
async function get(path: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  const { port } = new URL(base);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens a socket and collects what the server sends, following the state it describes. */
function connect(query: string, origin = base, port = new URL(base).port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws${query}`, { headers: { origin } });
  const messages: WebServerMessage[] = [];
  const states: AppState[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as WebServerMessage;
    messages.push(message);
    if (message.type !== 'event') return;
    if (message.name === 'stateSnapshot') states.push(message.payload.state);
    if (message.name === 'stateChange')
      states.push(applyStateChange(states.at(-1)!, message.payload));
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  let nextId = 1;
  const call = (name: string, payload: unknown) =>
    new Promise<WebServerMessage>((resolve) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as WebServerMessage;
        if (message.type === 'result' && message.id === id) {
          ws.off('message', onMessage);
          resolve(message);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'command', id, name, payload }));
    });
  const nextState = (predicate: (state: AppState) => boolean) =>
    new Promise<AppState>((resolve) => {
      const check = () => {
        const match = states.find(predicate);
        if (match) return resolve(match);
        ws.once('message', check);
      };
      check();
    });
  return { ws, opened, call, nextState, messages };
}

/** The renderer's own WebSocket client; `ws` stands in for the browser, which sends an Origin. */
function rendererClient() {
  class BrowserLikeSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { origin: base } });
    }
  }
  const url = `ws://127.0.0.1:${new URL(base).port}/api/ws?token=${token}`;
  return createWebSocketApi({
    url,
    WebSocket: BrowserLikeSocket as unknown as WebSocketConstructor,
  });
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );

describe('browser host over HTTP', () => {
  it('listens on the loopback address only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves the page only with the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    const page = await get(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Onwatch</title>');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('asks for the token however the path to the page is spelled', async () => {
    const spellings = [
      '/',
      '/index.html',
      '/index%2ehtml',
      '/%69ndex.html',
      '/%69%6E%64%65%78%2E%68%74%6D%6C',
      '//index.html',
      '/./index.html',
      '/%2e/index.html',
      '/index.html/',
      '/other.html',
    ];
    for (const path of spellings) {
      const refused = await get(path);
      expect(refused.status, path).toBe(401);
      expect(refused.body, path).not.toContain('<title>');
      const separator = path.includes('?') ? '&' : '?';
      expect((await get(`${path}${separator}token=${token}`)).status, path).toBe(200);
    }
  });

  it('serves the bundle files without the token, however their path is spelled', async () => {
    for (const path of ['/app.js', '/%61pp.js', '/./app.js', '/app.js?v=1']) {
      const file = await get(path);
      expect(file.status, path).toBe(200);
      expect(file.body, path).toBe('console.log("hi")');
    }
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('refuses a malformed or escaping path with 400, token or not', async () => {
    const hostile = [
      '/../outside-secret.txt',
      '/%2e%2e/outside-secret.txt',
      '/%2E%2E/outside-secret.txt',
      '/%2e%2e%2foutside-secret.txt',
      '/assets/../../outside-secret.txt',
      '/..%5coutside-secret.txt',
      '/..\\outside-secret.txt',
      '/index.html%00.js',
      '/%',
      '/%zz.js',
      '/%c0%ae%c0%ae/outside-secret.txt',
      'http://127.0.0.1/index.html',
    ];
    for (const path of hostile) {
      for (const query of ['', `?token=${token}`]) {
        const response = await get(`${path}${query}`);
        expect(response.status, path).toBe(400);
        expect(response.body, path).not.toContain('not for the browser');
      }
    }
  });

  it('refuses a request whose Host is not this loopback port (DNS rebinding)', async () => {
    const response = await get(`/?token=${token}`, { host: 'evil.example:80' });
    expect(response.status).toBe(421);
  });
});

describe('browser host over WebSocket', () => {
  it('refuses a socket without the token', async () => {
    await expect(connect('').opened).rejects.toThrow(/403/);
    await expect(connect('?token=nope').opened).rejects.toThrow(/403/);
  });

  it('refuses a socket opened by another origin, even with the token', async () => {
    await expect(connect(`?token=${token}`, 'http://evil.example').opened).rejects.toThrow(/403/);
  });

  it('sends the state on connect and carries commands of the contract', async () => {
    const client = connect(`?token=${token}`);
    await client.opened;
    const first = await client.nextState((s) => s.incidents.length > 0);
    expect(client.messages[0]).toMatchObject({ type: 'event', name: 'stateSnapshot' });
    expect(first.settings.drillIsDefault).toBe(true);
    const target = first.incidents.find((i) => i.status === 'triggered')!;

    const result = await client.call('ack', { key: target.key });
    expect(result).toMatchObject({
      type: 'result',
      ok: true,
      result: { actionId: expect.any(String) },
    });
    const { actionId } = (result as { result: { actionId: string } }).result;
    // The answer only means "queued"; the state then follows the action until it is confirmed.
    const after = await client.nextState((s) =>
      s.actions.some((a) => a.id === actionId && a.state === 'done'),
    );
    expect(after.actions.find((a) => a.id === actionId)).toMatchObject({
      incidentKey: target.key,
      action: { type: 'ack' },
      state: 'done',
    });
    expect(after.incidents.find((i) => i.key === target.key)?.status).toBe('acknowledged');
    client.ws.close();
  });

  it('answers an invalid request with structured error data and keeps the socket open', async () => {
    const client = connect(`?token=${token}`);
    await client.opened;
    const invalid = await client.call('ack', { key: 42 });
    expect(invalid).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringMatching(/^Invalid ack request/),
        issues: [{ path: ['key'], message: expect.any(String) }],
      },
    });
    const unknown = await client.call('rm -rf', {});
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'unknown-command', message: 'Unknown command "rm -rf"' },
    });
    const gone = await client.call('ack', { key: 'drill:no-such' });
    expect(gone).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'That incident is no longer open.' },
    });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('echoes at most a short excerpt of an unknown command name', async () => {
    const client = connect(`?token=${token}`);
    await client.opened;
    const unknown = await client.call('x'.repeat(500_000), {});
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-command',
        message: `Unknown command "${'x'.repeat(120)}"… (500000 characters)`,
      },
    });
    client.ws.close();
  });

  it('echoes at most a short excerpt of keys and ids a client sent', async () => {
    const client = connect(`?token=${token}`);
    await client.opened;
    const longKey = 'k'.repeat(500_000);
    const strayKey = await client.call('getState', { [longKey]: 1 });
    expect(strayKey).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.stringify(strayKey).length).toBeLessThan(600);
    expect(JSON.stringify(strayKey)).toContain('characters)');

    const noSuchSource = await client.call('removeSource', { id: 'y'.repeat(500_000) });
    expect(noSuchSource).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: `There is no source with the id "${'y'.repeat(120)}"… (500000 characters).`,
      },
    });
    client.ws.close();
  });

  it('closes a socket that sends something other than JSON', async () => {
    const client = connect(`?token=${token}`);
    await client.opened;
    const closed = new Promise<number>((resolve) =>
      client.ws.once('close', (code) => resolve(code)),
    );
    client.ws.send('not json');
    expect(await closed).toBe(1003);
  });
});

describe("the renderer's WebSocket client against the host", () => {
  it('rejects with CommandErrors that keep their code and issues', async () => {
    const api = rendererClient();
    const invalid = await rejection(api.ack({ key: 42 as unknown as string }));
    expect(invalid).toBeInstanceOf(CommandError);
    expect(invalid).toMatchObject({ code: 'invalid-request', issues: [{ path: ['key'] }] });
    const gone = await rejection(api.ack({ key: 'drill:no-such' }));
    expect(gone).toMatchObject({ code: 'failed', message: 'That incident is no longer open.' });
    api.close();
  });

  it('follows the state from the snapshot through the changes an ack causes', async () => {
    const api = rendererClient();
    let latest: AppState | undefined;
    const stop = followState(api, { onState: (state) => (latest = state), onError: () => {} });
    await expect.poll(() => latest?.incidents.length ?? 0).toBeGreaterThan(0);
    const target = latest!.incidents.find((i) => i.status === 'triggered')!;
    await api.ack({ key: target.key });
    await expect
      .poll(() => latest!.incidents.find((i) => i.key === target.key)?.status)
      .toBe('acknowledged');
    // What the window pieced together from the snapshot and the changes is what the host serves.
    // The window reads the state through the contract's schema, which puts keys in its order.
    // The drill's practice checks keep changing the state, so allow a loaded machine to catch up.
    const asWindowReads = (state: AppState) => JSON.stringify(appStateSchema.parse(state));
    const same = () => JSON.stringify(latest) === asWindowReads(served.getSnapshot().state);
    await expect.poll(same, { timeout: 10_000 }).toBe(true);
    stop();
    api.close();
  });
});

describe('browser host state feed', () => {
  /** A core whose numbered changes the test sends. */
  async function hostWithFeed() {
    const changes = createEmitter<StateChange>();
    const hub = new ViewerHub();
    const server: ContractServer = {
      handlers: core.handlers,
      getSnapshot: () => ({ seq: 41, state: anAppState() }),
      onStateChange: changes.on,
      onOpenIncident: () => () => {},
      connectViewer: (caller, send) => hub.connect(caller, send),
    };
    const fed = await startBrowserHost({ core: server, rendererDir, log: silentLog });
    return { fed, changes, hub };
  }

  it('sends one snapshot on connect, then only the changes', async () => {
    const { fed, changes } = await hostWithFeed();
    const fedToken = new URL(fed.url).searchParams.get('token')!;
    const client = connect(`?token=${fedToken}`, `http://127.0.0.1:${fed.port}`, String(fed.port));
    await client.opened;
    await expect.poll(() => client.messages.length).toBe(1);
    changes.emit({ seq: 42, notices: [] });
    changes.emit({ seq: 43, incidents: { upserted: [], removed: ['drill:1'] } });
    await expect.poll(() => client.messages.length).toBe(3);
    expect(client.messages).toEqual([
      { type: 'event', name: 'stateSnapshot', payload: { seq: 41, state: anAppState() } },
      { type: 'event', name: 'stateChange', payload: { seq: 42, notices: [] } },
      {
        type: 'event',
        name: 'stateChange',
        payload: { seq: 43, incidents: { upserted: [], removed: ['drill:1'] } },
      },
    ]);
    await expect(client.call('getState', {})).resolves.toMatchObject({
      ok: true,
      result: { seq: 41 },
    });
    client.ws.close();
    await expect.poll(() => changes.size).toBe(0);
    await fed.close();
  });

  it('gives each tab its own events, as a browser caller, and lets go of it when it closes', async () => {
    const { fed, hub } = await hostWithFeed();
    const fedToken = new URL(fed.url).searchParams.get('token')!;
    const origin = `http://127.0.0.1:${fed.port}`;
    const first = connect(`?token=${fedToken}`, origin, String(fed.port));
    const second = connect(`?token=${fedToken}`, origin, String(fed.port));
    await Promise.all([first.opened, second.opened]);
    await expect.poll(() => first.messages.length + second.messages.length).toBe(2);
    const left: string[] = [];
    hub.onLeft((viewer) => left.push(viewer));
    hub.sendTo('browser-1', 'terminalData', { id: 't1', seq: 1, data: 'only for the first' });
    await expect.poll(() => first.messages.length).toBe(2);
    expect(first.messages[1]).toEqual({
      type: 'event',
      name: 'terminalData',
      payload: { id: 't1', seq: 1, data: 'only for the first' },
    });
    expect(second.messages).toHaveLength(1);
    // Terminals stay off for a tab unless the host was started with them on.
    await expect(first.call('terminalAccess', {})).resolves.toMatchObject({
      ok: true,
      result: { enabled: false },
    });
    first.ws.close();
    await expect.poll(() => left).toEqual(['browser-1']);
    second.ws.close();
    await fed.close();
  });
});
