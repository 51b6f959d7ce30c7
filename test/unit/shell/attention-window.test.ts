import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLog } from '../../../electron/core/ports/log.js';
import { createAttentionWindow } from '../../../electron/shell/attention-window.js';
import { createMainWindow } from '../../../electron/shell/main-window.js';
import { BrowserWindow, resetElectronFakes } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

function setup(platform: NodeJS.Platform = 'linux') {
  const mainWindow = createMainWindow({
    preloadPath: '/opt/onwatch/dist/electron/preload.cjs',
    indexHtmlPath: '/opt/onwatch/dist/renderer/index.html',
    iconPath: '/opt/onwatch/assets/icon.png',
    log: silentLog,
  });
  const [fake] = BrowserWindow.instances;
  if (!fake) throw new Error('no window was created');
  const selectIncident = vi.fn();
  const effects = createAttentionWindow({ window: mainWindow, selectIncident, platform });
  const selected = () => selectIncident.mock.lastCall?.[0];
  return { effects, fake, selectIncident, selected };
}

beforeEach(resetElectronFakes);

describe('attention window', () => {
  it('brings the window to the front on the incident, pinned until released', () => {
    const { effects, fake, selected } = setup();
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: true });
    expect(fake.isVisible()).toBe(true);
    expect(fake.focus).toHaveBeenCalled();
    expect(selected()).toBe('drill:1');
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });

    effects.releaseFront('drill:1');
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    // Released, not hidden: the responder may still be reading it.
    expect(fake.isVisible()).toBe(true);
  });

  it('only changes the pin when the same incident asks again', () => {
    const { effects, fake, selectIncident } = setup();
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: true });
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: false });
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    expect(fake.focus).toHaveBeenCalledTimes(1);
    expect(selectIncident).toHaveBeenCalledTimes(1);
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: true });
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
  });

  it('stays pinned while any incident holds it pinned, and shows who still holds it', () => {
    const { effects, fake, selected } = setup();
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: true });
    effects.bringToFront({ incidentKey: 'drill:2', alwaysOnTop: true });
    expect(selected()).toBe('drill:2');

    effects.releaseFront('drill:2');
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
    expect(selected()).toBe('drill:1');

    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: false });
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    effects.releaseFront('drill:1');
    effects.releaseFront('drill:1');
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    expect(fake.setAlwaysOnTop).toHaveBeenCalledTimes(2);
  });

  it('leaves the selection alone when a page it is not showing lets go', () => {
    const { effects, selectIncident } = setup();
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: true });
    effects.bringToFront({ incidentKey: 'drill:2', alwaysOnTop: true });
    effects.releaseFront('drill:1');
    expect(selectIncident.mock.calls).toEqual([['drill:1'], ['drill:2']]);
  });

  it('takes over the screen on every workspace, and restores the pinned window after', () => {
    const { effects, fake, selected } = setup();
    effects.bringToFront({ incidentKey: 'drill:1', alwaysOnTop: true });
    effects.takeover('drill:1');
    expect(fake.fullScreen).toBe(true);
    expect(fake.onAllWorkspaces).toBe(true);
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(selected()).toBe('drill:1');

    effects.endTakeover('drill:1');
    expect(fake.fullScreen).toBe(false);
    expect(fake.onAllWorkspaces).toBe(false);
    // Still held in front by its repeating rung until acked.
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
    effects.releaseFront('drill:1');
    expect(fake.alwaysOnTop).toEqual({ flag: false });
  });

  it('keeps the takeover until the last incident taking over lets go', () => {
    const { effects, fake, selected } = setup();
    effects.takeover('drill:1');
    effects.takeover('drill:2');
    expect(selected()).toBe('drill:2');
    // A page reaching the front rung while another has taken over does not switch the screen.
    effects.bringToFront({ incidentKey: 'drill:3', alwaysOnTop: true });
    expect(selected()).toBe('drill:2');

    effects.endTakeover('drill:2');
    expect(fake.fullScreen).toBe(true);
    expect(selected()).toBe('drill:1');
    effects.endTakeover('drill:1');
    expect(fake.fullScreen).toBe(false);
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
    expect(selected()).toBe('drill:3');
    expect(fake.setFullScreen).toHaveBeenCalledTimes(2);
  });

  it("uses macOS's simple full screen, which stays on the current Space", () => {
    const { effects, fake } = setup('darwin');
    effects.takeover('drill:1');
    expect(fake.simpleFullScreen).toBe(true);
    expect(fake.fullScreen).toBe(false);
    effects.endTakeover('drill:1');
    expect(fake.simpleFullScreen).toBe(false);
  });

  it('leaves a window that is gone alone', () => {
    const { effects, fake } = setup();
    fake.destroyed = true;
    effects.takeover('drill:1');
    effects.bringToFront({ incidentKey: 'drill:2', alwaysOnTop: true });
    expect(fake.setFullScreen).not.toHaveBeenCalled();
    expect(fake.setAlwaysOnTop).not.toHaveBeenCalled();
    expect(fake.focus).not.toHaveBeenCalled();
  });
});
