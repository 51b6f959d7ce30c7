import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionView, AppState } from '../../../electron/common/contract/app-state.js';
import { noCapabilities, type Incident } from '../../../electron/common/model/incident.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { createTrayController } from '../../../electron/shell/tray-controller.js';
import { aSourceStatus, anAckOf, anAppState } from '../../support/app-state.js';
import { FakeClock } from '../../support/fake-clock.js';
import { anIncident } from '../../support/incidents.js';
import { Tray, nativeTheme, resetElectronFakes } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

const iconsDir = path.resolve(import.meta.dirname, '../../../assets/tray');
const now = new Date(2025, 10, 22, 14, 5).getTime();
const polledAt = new Date(2025, 10, 22, 14, 2).toISOString();

const incident = (externalId: string, overrides: Partial<Incident> = {}) =>
  anIncident({
    sourceId: 'drill',
    externalId,
    title: `Disk full on db-${externalId} & co`,
    createdAt: polledAt,
    ...overrides,
  });

const state = (
  incidents: Incident[] = [],
  actions: ActionView[] = [],
  overrides: Partial<AppState> = {},
) =>
  anAppState({
    incidents,
    sources: [aSourceStatus({ lastSuccessAt: polledAt })],
    actions,
    ...overrides,
  });

const onCall = (): Partial<AppState> => ({
  schedule: {
    ...state().schedule,
    onCallNow: [
      { sourceId: 'pd', scheduleId: 'p1', scheduleName: 'Primary', userNames: ['Sam'], isMe: true },
    ],
  },
});

function blind(base: AppState): AppState {
  const [drill] = base.sources;
  if (!drill) throw new Error('no source to blind');
  return { ...base, sources: [{ ...drill, health: 'blind', lastError: 'connection refused' }] };
}

function setup(initial: AppState, platform: NodeJS.Platform = 'linux') {
  let onVisibility = () => {};
  let visible = false;
  const window = {
    isVisible: () => visible,
    show: vi.fn(() => {
      visible = true;
      onVisibility();
    }),
    hide: vi.fn(() => {
      visible = false;
      onVisibility();
    }),
    onVisibilityChanged: (listener: () => void) => {
      onVisibility = listener;
    },
  };
  const handlers = {
    ack: vi.fn(async () => ({ actionId: 'action-1' })),
    resolve: vi.fn(async () => ({ actionId: 'action-2' })),
    refresh: vi.fn(async () => ({})),
    silenceAlarm: vi.fn(async () => ({})),
    unsilenceAlarm: vi.fn(async () => ({})),
    resolveStatusPageIncident: vi.fn(async () => ({ writeId: 'w1' })),
  };
  const clock = new FakeClock(now);
  const openIncident = vi.fn();
  const openCover = vi.fn();
  const quit = vi.fn();
  const controller = createTrayController(
    { iconsDir, handlers, window, openIncident, openCover, quit, log: silentLog, clock, platform },
    initial,
  );
  const [tray] = Tray.instances;
  if (!tray) throw new Error('no tray was created');
  const menu = () => tray.menu?.template ?? [];
  const icon = () => {
    expect(tray.image.isEmpty()).toBe(false);
    return path.relative(iconsDir, tray.image.path);
  };
  return { controller, tray, window, handlers, clock, openIncident, openCover, quit, menu, icon };
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((candidate) => candidate.label === label);
  if (!found)
    throw new Error(`no menu item "${label}" in ${JSON.stringify(items.map((i) => i.label))}`);
  return found;
}

function click(menuItem: MenuItemConstructorOptions): void {
  (menuItem.click as () => void)();
}

function submenuOf(menuItem: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return menuItem.submenu as MenuItemConstructorOptions[];
}

beforeEach(resetElectronFakes);

describe('tray controller', () => {
  it('shows the idle icon, tooltip and a calm menu when nothing is open', () => {
    const { icon, tray, menu } = setup(state());
    expect(icon()).toBe('tray-idle-light.png');
    expect(tray.tooltip).toBe('Onwatch — nothing open · last poll 3 min ago');
    expect(menu().map((i) => i.label ?? i.type)).toEqual([
      'Onwatch — nothing open',
      'Ack all mine',
      'Silence alarm 5 min',
      'separator',
      'Drill — ok · polled 14:02',
      'separator',
      'Open Onwatch',
      'Refresh now',
      'separator',
      'Quit Onwatch',
    ]);
    expect(item(menu(), 'Drill — ok · polled 14:02').enabled).toBe(false);
    expect(item(menu(), 'Ack all mine').enabled).toBe(false);
  });

  it('shows the on-call icon while I am on call and nothing is open', () => {
    const { icon, tray, menu } = setup(state([], [], onCall()));
    expect(icon()).toBe('tray-on-call-light.png');
    expect(tray.tooltip).toBe('Onwatch — on call · nothing open · last poll 3 min ago');
    expect(menu()[0]?.label).toBe('Onwatch — on call · nothing open');
  });

  it('draws the triggered count into the icon and lists each page with Ack, Resolve and Open', () => {
    const { controller, icon, tray, menu, handlers, openIncident } = setup(state());
    const resolvable = { ...noCapabilities, ack: true, resolve: true };
    controller.update(
      state([
        incident('1', { capabilities: resolvable }),
        incident('2', { capabilities: noCapabilities }),
      ]),
    );

    expect(tray.setImage).toHaveBeenCalledTimes(1);
    expect(icon()).toBe('tray-triggered-2-light.png');
    expect(tray.tooltip).toBe('Onwatch — 2 triggered · last poll 3 min ago');
    expect(menu()[0]?.label).toBe('Onwatch — 2 triggered');

    // "&" is a mnemonic marker in menus, so a provider's title must have it doubled.
    const first = submenuOf(item(menu(), 'Disk full on db-1 && co'));
    expect(first.map((i) => [i.label, i.enabled])).toEqual([
      ['Drill', false],
      ['Ack', true],
      ['Resolve', true],
      ['Open', undefined],
    ]);
    click(item(first, 'Ack'));
    expect(handlers.ack).toHaveBeenCalledWith({ key: 'drill:1' });
    click(item(first, 'Resolve'));
    expect(handlers.resolve).toHaveBeenCalledWith({ key: 'drill:1' });
    click(item(first, 'Open'));
    expect(openIncident).toHaveBeenCalledWith('drill:1');

    // No Resolve where the source cannot resolve; no Ack where it cannot ack.
    const second = submenuOf(item(menu(), 'Disk full on db-2 && co'));
    expect(second.map((i) => [i.label, i.enabled])).toEqual([
      ['Drill', false],
      ['Ack', false],
      ['Open', undefined],
    ]);

    controller.update(state(Array.from({ length: 12 }, (_, n) => incident(String(n)))));
    expect(icon()).toBe('tray-triggered-9plus-light.png');
  });

  it('greys out Ack while an ack of that page is still being sent', () => {
    const pendingAck = anAckOf(incident('1'));
    const ackOf = () => item(submenuOf(item(menu(), 'Disk full on db-1 && co')), 'Ack');
    const { controller, menu } = setup(state([incident('1')]));
    expect(ackOf().enabled).toBe(true);
    controller.update(state([incident('1')], [pendingAck]));
    expect(ackOf().enabled).toBe(false);
    controller.update(state([incident('1')], [{ ...pendingAck, state: 'failed' }]));
    expect(ackOf().enabled).toBe(true);
  });

  it('shows acknowledged, and blind rather than calm when a source cannot be seen', () => {
    const { controller, icon, tray } = setup(state([], [], onCall()));
    controller.update(state([incident('1', { status: 'acknowledged' })], [], onCall()));
    expect(icon()).toBe('tray-acknowledged-light.png');
    expect(tray.tooltip).toBe('Onwatch — on call · 1 acknowledged · last poll 3 min ago');

    controller.update(blind(state([incident('1', { status: 'acknowledged' })], [], onCall())));
    expect(icon()).toBe('tray-blind-light.png');
    expect(tray.tooltip).toBe(
      'Onwatch — on call · 1 acknowledged · Drill blind: connection refused · last poll 3 min ago',
    );
    controller.update(blind(state([], [], onCall())));
    expect(icon()).toBe('tray-blind-light.png');
  });

  it('lets a page beat blindness for the icon, and still names the blind source', () => {
    const { icon, tray, menu } = setup(blind(state([incident('1'), incident('2'), incident('3')])));
    expect(icon()).toBe('tray-triggered-3-light.png');
    expect(tray.tooltip).toBe(
      'Onwatch — 3 triggered · Drill blind: connection refused · last poll 3 min ago',
    );
    expect(item(menu(), 'Drill — blind: connection refused · last good poll 14:02').enabled).toBe(
      false,
    );
  });

  it('picks the dark or light icons to suit the menu bar, and switches when the theme does', () => {
    nativeTheme.shouldUseDarkColors = true;
    const { icon, tray } = setup(state([incident('1')]));
    expect(icon()).toBe('tray-triggered-1-dark.png');
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.emit('updated');
    expect(icon()).toBe('tray-triggered-1-light.png');
    nativeTheme.emit('updated');
    expect(tray.setImage).toHaveBeenCalledTimes(1);
  });

  it("follows the Windows taskbar's theme, not the apps' theme", () => {
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true;
    const { icon } = setup(state(), 'win32');
    expect(icon()).toBe('tray-idle-dark.png');
  });

  it('uses a file that exists for every icon the model can ask for, in both themes', () => {
    const { controller, icon } = setup(state());
    const cases: [AppState, string][] = [
      [state([incident('1', { status: 'acknowledged' })]), 'tray-acknowledged'],
      [blind(state()), 'tray-blind'],
      [state([incident('1')]), 'tray-triggered-1'],
      [state([], [], onCall()), 'tray-on-call'],
      [state(), 'tray-idle'],
    ];
    for (const dark of [false, true]) {
      nativeTheme.shouldUseDarkColors = dark;
      for (const [next, name] of cases) {
        controller.update(next);
        expect(icon()).toBe(`${name}-${dark ? 'dark' : 'light'}.png`);
      }
    }
  });

  it('uses the template image for idle on macOS and shows the page count as the title', () => {
    const { controller, icon, tray } = setup(state(), 'darwin');
    expect(icon()).toBe('tray-idleTemplate.png');
    controller.update(state([incident('1'), incident('2'), incident('3')]));
    expect(icon()).toBe('tray-triggered-light.png');
    expect(tray.title).toBe('3');
    controller.update(state());
    expect(tray.title).toBe('');
    expect(tray.listenerCount('click')).toBe(0);
  });

  it('acks every triggered page of mine with "Ack all mine"', () => {
    const { menu, handlers } = setup(
      state([
        incident('1'),
        incident('2', { assignedToMe: false }),
        incident('3', { capabilities: noCapabilities }),
        incident('4', { urgency: 'low' }),
      ]),
    );
    const ackAll = item(menu(), 'Ack all mine (2)');
    expect(ackAll.enabled).toBe(true);
    click(ackAll);
    expect(handlers.ack.mock.calls).toEqual([[{ key: 'drill:1' }], [{ key: 'drill:4' }]]);
  });

  it('lists status-page reminders quietly, each with its one-click action', () => {
    const base = state();
    const reminders = [
      {
        kind: 'resolve-status-page' as const,
        id: 'statuspage-resolve:p1:i1',
        title: 'Checkout latency resolved 10 min ago — status page still says Investigating',
        body: '“Slow responses on Checkout” is still open on Acme Status.',
        action: 'Resolve status page' as const,
        statusPageId: 'acme',
        incidentId: 'i1',
        pagingIncidentKey: 'drill:1',
      },
      {
        kind: 'declare' as const,
        id: 'statuspage-declare:drill:2',
        title: 'Payments failing has been open 15 min — tell customers?',
        body: 'It touches Payments.',
        action: 'Update status page' as const,
        statusPageId: 'acme',
        pagingIncidentKey: 'drill:2',
        componentIds: ['cmppayments1'],
      },
    ];
    const { menu, handlers, openIncident, icon } = setup({
      ...base,
      statusPages: { ...base.statusPages, reminders },
    });
    expect(icon()).toMatch(/idle/);
    const resolve = item(menu(), 'Checkout latency resolved 10 min ago — status page still sa…');
    click(item(resolve.submenu as MenuItemConstructorOptions[], 'Resolve status page'));
    expect(handlers.resolveStatusPageIncident).toHaveBeenCalledWith({
      statusPageId: 'acme',
      incidentId: 'i1',
    });
    const declare = item(menu(), reminders[1]!.title);
    click(item(declare.submenu as MenuItemConstructorOptions[], 'Update status page'));
    expect(openIncident).toHaveBeenCalledWith('drill:2');
  });

  it('silences the alarm for 5 minutes, then offers to unsilence it', () => {
    const { controller, menu, handlers } = setup(state([incident('1')]));
    click(item(menu(), 'Silence alarm 5 min'));
    expect(handlers.silenceAlarm).toHaveBeenCalledWith({ minutes: 5 });

    const silenced = (until: number) => ({
      attention: {
        stages: {},
        ring: {},
        alarm: null,
        takeover: null,
        silencedUntil: new Date(until).toISOString(),
      },
    });
    controller.update(state([incident('1')], [], silenced(now + 5 * 60_000)));
    click(item(menu(), 'Alarm silenced until 14:10 — unsilence'));
    expect(handlers.unsilenceAlarm).toHaveBeenCalledWith({});
  });

  it('forgets a silence that ran out without waiting for a state change', async () => {
    const silencedUntil = new Date(now + 5 * 60_000).toISOString();
    const { menu, clock } = setup(
      state([incident('1')], [], {
        attention: { stages: {}, ring: {}, alarm: null, takeover: null, silencedUntil },
      }),
    );
    expect(item(menu(), 'Alarm silenced until 14:10 — unsilence')).toBeDefined();
    await clock.advance(5 * 60_000);
    expect(item(menu(), 'Silence alarm 5 min')).toBeDefined();
  });

  it('keeps the age of the last poll in the tooltip true while nothing changes', async () => {
    const { tray, clock } = setup(state());
    expect(tray.tooltip).toBe('Onwatch — nothing open · last poll 3 min ago');
    await clock.advance(60_000);
    expect(tray.tooltip).toBe('Onwatch — nothing open · last poll 4 min ago');
    // The menu shows clock times, not ages, so a repaint does not close it under the pointer.
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
  });

  it('offers Open or Hide to match the window, and a click on the icon opens it', () => {
    const { tray, menu, window } = setup(state());
    click(item(menu(), 'Open Onwatch'));
    expect(window.show).toHaveBeenCalled();
    click(item(menu(), 'Hide Onwatch'));
    expect(window.hide).toHaveBeenCalled();
    expect(item(menu(), 'Open Onwatch')).toBeDefined();
    tray.emit('click');
    expect(window.show).toHaveBeenCalledTimes(2);
  });

  it('offers "I need cover" only during a shift of mine, and it opens that shift\'s cover form', () => {
    const shift = {
      sourceId: 'pd',
      scheduleId: 'p1',
      scheduleName: 'Primary',
      userName: 'Sam',
      isMe: true,
      start: new Date(now - 3_600_000).toISOString(),
      end: new Date(now + 3_600_000).toISOString(),
    };
    const during = { schedule: { ...state().schedule, myShifts: [shift] } };
    const { menu, openCover, controller } = setup(state([], [], during));
    click(item(menu(), 'I need cover…'));
    expect(openCover).toHaveBeenCalledWith({
      sourceId: 'pd',
      scheduleId: 'p1',
      start: shift.start,
    });
    const later = { ...shift, start: new Date(now + 3_600_000).toISOString(), end: undefined };
    controller.update(state([], [], { schedule: { ...state().schedule, myShifts: [later] } }));
    expect(menu().map((i) => i.label)).not.toContain('I need cover…');
  });

  it('refreshes and quits from the menu', () => {
    const { menu, handlers, quit } = setup(state());
    click(item(menu(), 'Refresh now'));
    expect(handlers.refresh).toHaveBeenCalledWith({});
    click(item(menu(), 'Quit Onwatch'));
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('keeps the menu short and points to the window for the rest', () => {
    const many = Array.from({ length: 13 }, (_, n) => incident(String(n)));
    const { menu, window } = setup(state(many));
    const pages = menu().filter((i) => i.submenu);
    expect(pages).toHaveLength(10);
    click(item(menu(), '…and 3 more triggered'));
    expect(window.show).toHaveBeenCalled();
    // "Ack all mine" covers the pages the menu has no room for too.
    expect(item(menu(), 'Ack all mine (13)').enabled).toBe(true);
  });

  it('does not rebuild the menu when nothing it shows has changed', () => {
    const { controller, tray } = setup(state());
    controller.update(state());
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
  });

  it('rebuilds the menu when a page is replaced by another with the same title', () => {
    const { controller, tray, menu, handlers } = setup(state([incident('1')]));
    controller.update(state([incident('2', { title: 'Disk full on db-1 & co' })]));
    expect(tray.setContextMenu).toHaveBeenCalledTimes(2);
    click(item(submenuOf(item(menu(), 'Disk full on db-1 && co')), 'Ack'));
    expect(handlers.ack).toHaveBeenCalledWith({ key: 'drill:2' });
  });

  it('removes the icon and stops repainting when destroyed', () => {
    const { controller, tray, clock } = setup(state());
    controller.destroy();
    expect(tray.destroyed).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });
});
