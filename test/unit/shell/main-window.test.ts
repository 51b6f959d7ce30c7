import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLog } from '../../../electron/core/ports/log.js';
import { createMainWindow, isRendererUrl } from '../../../electron/shell/main-window.js';
import { BrowserWindow, app, fakeEvent, resetElectronFakes, shell } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

const indexHtmlPath = path.resolve('/opt/onwatch/dist/renderer/index.html');
const rendererUrl = pathToFileURL(indexHtmlPath).href;

function setup() {
  const mainWindow = createMainWindow({
    preloadPath: '/opt/onwatch/dist/electron/preload.cjs',
    indexHtmlPath,
    iconPath: '/opt/onwatch/assets/icon.png',
    log: silentLog,
  });
  const [fake] = BrowserWindow.instances;
  if (!fake) throw new Error('no window was created');
  return { mainWindow, fake, webContents: fake.webContents };
}

/** Plays the renderer (or a link in it) trying to navigate the window to `url`. */
function navigate(webContents: BrowserWindow['webContents'], url: string) {
  const event = fakeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null });
  webContents.emit('will-navigate', event, url);
  return event.defaultPrevented;
}

beforeEach(resetElectronFakes);

describe('main window', () => {
  it('is isolated, sandboxed, without Node, and loads our renderer file', () => {
    const { mainWindow, fake } = setup();
    expect(fake.options.webPreferences).toMatchObject({
      preload: '/opt/onwatch/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(fake.loadedFile).toBe(indexHtmlPath);
    expect(mainWindow.rendererUrl).toBe(rendererUrl);
    expect(fake.options.show).toBe(false);
    fake.emit('ready-to-show');
    expect(fake.isVisible()).toBe(true);
  });

  it('hides instead of closing, so the tray keeps watching', () => {
    const { fake } = setup();
    fake.show();
    fake.close();
    expect(fake.destroyed).toBe(false);
    expect(fake.isVisible()).toBe(false);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('really closes once the app is quitting, or Windows is shutting down', () => {
    const quitting = setup();
    app.emit('before-quit', fakeEvent({}));
    quitting.fake.close();
    expect(quitting.fake.destroyed).toBe(true);

    resetElectronFakes();
    const shuttingDown = setup();
    shuttingDown.fake.emit('session-end', fakeEvent({ reasons: ['shutdown'] }));
    shuttingDown.fake.close();
    expect(shuttingDown.fake.destroyed).toBe(true);
  });

  it('blocks navigation away from the renderer, opening web links in the browser instead', () => {
    const { webContents } = setup();
    expect(navigate(webContents, `${rendererUrl}#/incidents`)).toBe(false);
    expect(navigate(webContents, 'https://evil.example/phish')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://evil.example/phish');
    expect(navigate(webContents, 'file:///etc/passwd')).toBe(true);
    expect(navigate(webContents, 'smb://attacker/share/payload.exe')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('never opens windows; only http(s) links and calendar subscriptions leave the app', () => {
    const { webContents } = setup();
    const open = (url: string) => webContents.windowOpenHandler?.({ url });
    expect(open('https://runbooks.example/disk-full')).toEqual({ action: 'deny' });
    expect(open('http://grafana.local:3000/d/abc')).toEqual({ action: 'deny' });
    expect(open('webcal://acme.pagerduty.com/private/K/feed/P1')).toEqual({ action: 'deny' });
    for (const url of ['file:///bin/sh', 'javascript:alert(1)', 'ms-msdt:/id', 'vscode://x']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal.mock.calls).toEqual([
      ['https://runbooks.example/disk-full'],
      ['http://grafana.local:3000/d/abc'],
      ['webcal://acme.pagerduty.com/private/K/feed/P1'],
    ]);
  });

  it('grants no permission but clipboard writes', () => {
    const { webContents } = setup();
    const [handler] = webContents.session.setPermissionRequestHandler.mock.calls[0] as [
      (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ];
    const decide = (permission: string) => {
      let granted: boolean | undefined;
      handler(webContents, permission, (answer) => (granted = answer));
      return granted;
    };
    expect(decide('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      expect(decide(permission)).toBe(false);
    }
  });

  it('shows restored and focused, and reports minimised as not visible', () => {
    const { mainWindow, fake } = setup();
    const changes = vi.fn();
    mainWindow.onVisibilityChanged(changes);
    fake.show();
    fake.minimize();
    expect(mainWindow.isVisible()).toBe(false);
    mainWindow.show();
    expect(fake.isMinimized()).toBe(false);
    expect(fake.focus).toHaveBeenCalled();
    expect(mainWindow.isVisible()).toBe(true);
    mainWindow.hide();
    expect(mainWindow.isVisible()).toBe(false);
    expect(changes.mock.calls.length).toBeGreaterThanOrEqual(4);
  });
});

describe('isRendererUrl', () => {
  it('accepts our file with any hash or query and nothing else', () => {
    expect(isRendererUrl(rendererUrl, rendererUrl)).toBe(true);
    expect(isRendererUrl(`${rendererUrl}?x=1#/settings`, rendererUrl)).toBe(true);
    expect(isRendererUrl(pathToFileURL('/tmp/index.html').href, rendererUrl)).toBe(false);
    expect(isRendererUrl('https://example.com/dist/renderer/index.html', rendererUrl)).toBe(false);
    expect(isRendererUrl('not a url', rendererUrl)).toBe(false);
  });
});
