import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../electron/common/model/incident.js';
import { AttentionCenter } from '../../../electron/core/attention/attention-center.js';
import { attentionConfigSchema } from '../../../electron/common/attention-config.js';
import type { DesktopView } from '../../../electron/core/attention/attention-view.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { createAttentionWindow } from '../../../electron/shell/attention-window.js';
import { createMainWindow } from '../../../electron/shell/main-window.js';
import { FakeClock } from '../../support/fake-clock.js';
import { anIncident } from '../../support/incidents.js';
import { BrowserWindow, resetElectronFakes } from './electron-fakes.js';
import { decideRing } from '../../../electron/core/attention/ring-policy.js';

const everyPageRings = (incident: Incident) =>
  decideRing(incident, { assignment: 'none', ringFor: 'everything' }, false);

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
  const desktop = createAttentionWindow({ window: mainWindow, selectIncident, platform });
  const selected = () => selectIncident.mock.lastCall?.[0];
  return { desktop, fake, selectIncident, selected };
}

/** What should hold the window; unpinned only while silenced. */
const holds = (fronts: string[], more: Partial<DesktopView> = {}): DesktopView => ({
  takeover: null,
  fronts,
  pinned: true,
  ...more,
});

beforeEach(resetElectronFakes);

describe('attention window', () => {
  it('brings the window to the front on the incident, pinned until released', () => {
    const { desktop, fake, selected } = setup();
    desktop.apply(holds(['drill:1']));
    expect(fake.isVisible()).toBe(true);
    expect(fake.focus).toHaveBeenCalled();
    expect(selected()).toBe('drill:1');
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });

    desktop.apply(holds([]));
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    // Released, not hidden: the responder may still be reading it.
    expect(fake.isVisible()).toBe(true);
  });

  it('only changes the pin when the same incidents hold it', () => {
    const { desktop, fake, selectIncident } = setup();
    desktop.apply(holds(['drill:1']));
    desktop.apply(holds(['drill:1'], { pinned: false }));
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    expect(fake.focus).toHaveBeenCalledTimes(1);
    expect(selectIncident).toHaveBeenCalledTimes(1);
    desktop.apply(holds(['drill:1']));
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
  });

  it('stays pinned while any incident holds it, and shows who still holds it', () => {
    const { desktop, fake, selected } = setup();
    desktop.apply(holds(['drill:1']));
    desktop.apply(holds(['drill:1', 'drill:2']));
    expect(selected()).toBe('drill:2');
    expect(fake.focus).toHaveBeenCalledTimes(2);

    desktop.apply(holds(['drill:1']));
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
    expect(selected()).toBe('drill:1');
    // It is already in front for the page still holding it.
    expect(fake.focus).toHaveBeenCalledTimes(2);

    desktop.apply(holds(['drill:1'], { pinned: false }));
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    desktop.apply(holds([], { pinned: false }));
    desktop.apply(holds([]));
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    expect(fake.setAlwaysOnTop).toHaveBeenCalledTimes(2);
  });

  it('leaves the selection alone when a page it is not showing lets go', () => {
    const { desktop, selectIncident } = setup();
    desktop.apply(holds(['drill:1']));
    desktop.apply(holds(['drill:1', 'drill:2']));
    desktop.apply(holds(['drill:2']));
    expect(selectIncident.mock.calls).toEqual([['drill:1'], ['drill:2']]);
  });

  it('takes over the screen on every workspace, and restores the pinned window after', () => {
    const { desktop, fake, selected } = setup();
    desktop.apply(holds(['drill:1']));
    desktop.apply(holds(['drill:1'], { takeover: 'drill:1' }));
    expect(fake.fullScreen).toBe(true);
    expect(fake.onAllWorkspaces).toBe(true);
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(selected()).toBe('drill:1');
    // A takeover grabs focus even for the page already in front.
    expect(fake.focus).toHaveBeenCalledTimes(2);

    // Silenced: the takeover waits, the page stays in front, unpinned.
    desktop.apply(holds(['drill:1'], { pinned: false }));
    expect(fake.fullScreen).toBe(false);
    expect(fake.onAllWorkspaces).toBe(false);
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    desktop.apply(holds([]));
    expect(fake.alwaysOnTop).toEqual({ flag: false });
  });

  it('shows one takeover at a time, as the core orders them, until none is left', () => {
    const { desktop, fake, selected } = setup();
    desktop.apply(holds(['drill:1', 'drill:2'], { takeover: 'drill:1' }));
    expect(selected()).toBe('drill:1');
    // A page reaching the front rung while another has taken over does not switch the screen.
    desktop.apply(holds(['drill:1', 'drill:2', 'drill:3'], { takeover: 'drill:1' }));
    expect(selected()).toBe('drill:1');

    desktop.apply(holds(['drill:2', 'drill:3'], { takeover: 'drill:2' }));
    expect(fake.fullScreen).toBe(true);
    expect(selected()).toBe('drill:2');
    desktop.apply(holds(['drill:3']));
    expect(fake.fullScreen).toBe(false);
    expect(fake.alwaysOnTop).toEqual({ flag: true, level: 'floating' });
    expect(selected()).toBe('drill:3');
    expect(fake.setFullScreen).toHaveBeenCalledTimes(2);
    expect(fake.focus).toHaveBeenCalledTimes(1);
  });

  it("uses macOS's simple full screen, which stays on the current Space", () => {
    const { desktop, fake } = setup('darwin');
    desktop.apply(holds(['drill:1'], { takeover: 'drill:1' }));
    expect(fake.simpleFullScreen).toBe(true);
    expect(fake.fullScreen).toBe(false);
    desktop.apply(holds([]));
    expect(fake.simpleFullScreen).toBe(false);
  });

  it('leaves a window that is gone alone', () => {
    const { desktop, fake } = setup();
    fake.destroyed = true;
    desktop.apply(holds(['drill:1', 'drill:2'], { takeover: 'drill:1' }));
    expect(fake.setFullScreen).not.toHaveBeenCalled();
    expect(fake.setAlwaysOnTop).not.toHaveBeenCalled();
    expect(fake.focus).not.toHaveBeenCalled();
  });
});

describe('attention window driven by the attention center', () => {
  const seconds = (s: number) => s * 1000;
  const incidents = ['a', 'b', 'c'].map((externalId) => anIncident({ externalId }));
  const [a, b, c] = incidents as [Incident, Incident, Incident];

  function wired() {
    const { desktop, fake, selected } = setup();
    const clock = new FakeClock();
    const config = attentionConfigSchema.parse({});
    const center = new AttentionCenter({
      clock,
      log: silentLog,
      config: () => config,
      ringOf: everyPageRings,
      desktop,
      intervalOf: () => undefined,
      ack: () => Promise.resolve(),
      openIncident: () => {},
      sourceName: () => undefined,
      onChange: () => {},
      timeZone: 'UTC',
    });
    return { center, clock, fake, selected };
  }

  it('holds the takeover of A full screen after B is acknowledged, and lets go after A', async () => {
    const { center, clock, fake, selected } = wired();
    center.incidentEvents([{ type: 'new', incident: a }]);
    await clock.advance(seconds(10));
    center.incidentEvents([{ type: 'new', incident: b }]);
    await clock.advance(seconds(300));

    center.handledLocally(b.key);
    expect(center.view().takeover).toBe(a.key);
    expect(fake.fullScreen).toBe(true);
    expect(selected()).toBe(a.key);

    center.handledLocally(a.key);
    expect(center.view().takeover).toBeNull();
    expect(fake.fullScreen).toBe(false);
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    center.stop();
  });

  it('shows takeovers reached in one tick one by one, each the same the window state shows', async () => {
    const { center, clock, fake, selected } = wired();
    center.incidentEvents(incidents.map((incident) => ({ type: 'new', incident })));
    await clock.advance(seconds(300));

    const shown: string[] = [];
    for (let takeover = center.view().takeover; takeover; takeover = center.view().takeover) {
      expect(fake.fullScreen).toBe(true);
      expect(selected()).toBe(takeover);
      shown.push(takeover);
      center.handledLocally(takeover);
    }
    expect(shown.sort()).toEqual([a.key, b.key, c.key]);
    expect(fake.fullScreen).toBe(false);
    expect(fake.alwaysOnTop).toEqual({ flag: false });
    center.stop();
  });
});
