import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionView, AppState } from '../../../electron/contract/ipc-contract.js';
import { noCapabilities, type Incident } from '../../../electron/core/model/incident.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { createTrayController } from '../../../electron/shell/tray-controller.js';
import { Tray, resetElectronFakes } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

const iconsDir = path.resolve(import.meta.dirname, '../../../assets/tray');
const now = new Date(2025, 10, 22, 14, 5).getTime();
const polledAt = new Date(2025, 10, 22, 14, 2).toISOString();

function incident(externalId: string, overrides: Partial<Incident> = {}): Incident {
  return {
    key: `drill:${externalId}`,
    sourceId: 'drill',
    externalId,
    title: `Disk full on db-${externalId} & co`,
    status: 'triggered',
    urgency: 'high',
    createdAt: polledAt,
    assignedToMe: true,
    assignees: [],
    labels: {},
    links: [],
    capabilities: { ...noCapabilities, ack: true },
    ...overrides,
  };
}

function state(incidents: Incident[] = [], actions: ActionView[] = []): AppState {
  return {
    incidents,
    sources: [
      {
        id: 'drill',
        name: 'Drill',
        kind: 'drill',
        health: 'ok',
        lastSuccessAt: polledAt,
        consecutiveFailures: 0,
        polling: false,
      },
    ],
    actions,
    schedule: {
      onCallNow: [],
      myShifts: [],
      timeline: [],
      handoffs: [],
      windowStart: '2025-11-22T00:00:00.000Z',
      windowEnd: '2025-12-06T00:00:00.000Z',
    },
    notices: [],
    settings: { responderName: 'Sam', sources: [], drillIsDefault: true },
  };
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
    refresh: vi.fn(async () => ({})),
  };
  const quit = vi.fn();
  const controller = createTrayController(
    { iconsDir, handlers, window, quit, log: silentLog, now: () => now, platform },
    initial,
  );
  const [tray] = Tray.instances;
  if (!tray) throw new Error('no tray was created');
  const menu = () => tray.menu?.template ?? [];
  return { controller, tray, window, handlers, quit, menu };
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
    const { tray, menu } = setup(state());
    expect(tray.image.path).toBe(path.join(iconsDir, 'tray-idle.png'));
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.tooltip).toBe('Onwatch — nothing open · last poll 14:02');
    expect(menu().map((i) => i.label ?? i.type)).toEqual([
      'Onwatch — nothing open',
      'separator',
      'Drill — ok · polled 14:02',
      'separator',
      'Open Onwatch',
      'Refresh now',
      'separator',
      'Quit Onwatch',
    ]);
    expect(item(menu(), 'Drill — ok · polled 14:02').enabled).toBe(false);
  });

  it('switches to the triggered icon and lists each page with an Acknowledge that acks it', () => {
    const { controller, tray, menu, handlers } = setup(state());
    controller.update(state([incident('1'), incident('2', { capabilities: noCapabilities })]));

    expect(tray.setImage).toHaveBeenCalledTimes(1);
    expect(tray.image.path).toBe(path.join(iconsDir, 'tray-triggered.png'));
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.tooltip).toBe('Onwatch — 2 triggered · last poll 14:02');
    expect(menu()[0]?.label).toBe('Onwatch — 2 triggered');

    // "&" is a mnemonic marker in menus, so a provider's title must have it doubled.
    const first = submenuOf(item(menu(), 'Disk full on db-1 && co'));
    expect(first.map((i) => [i.label, i.enabled])).toEqual([
      ['Drill', false],
      ['Acknowledge', true],
    ]);
    click(item(first, 'Acknowledge'));
    expect(handlers.ack).toHaveBeenCalledWith({ key: 'drill:1' });

    const second = submenuOf(item(menu(), 'Disk full on db-2 && co'));
    expect(item(second, 'Acknowledge').enabled).toBe(false);
  });

  it('greys out Acknowledge while an ack of that page is still being sent', () => {
    const pendingAck: ActionView = {
      id: 'action-1',
      incidentKey: 'drill:1',
      incidentTitle: 'Disk full on db-1 & co',
      sourceId: 'drill',
      action: { type: 'ack' },
      state: 'pending',
      attempts: 1,
      createdAt: polledAt,
    };
    const { controller, menu } = setup(state([incident('1')]));
    expect(item(submenuOf(item(menu(), 'Disk full on db-1 && co')), 'Acknowledge').enabled).toBe(
      true,
    );
    controller.update(state([incident('1')], [pendingAck]));
    expect(item(submenuOf(item(menu(), 'Disk full on db-1 && co')), 'Acknowledge').enabled).toBe(
      false,
    );
    controller.update(state([incident('1')], [{ ...pendingAck, state: 'failed' }]));
    expect(item(submenuOf(item(menu(), 'Disk full on db-1 && co')), 'Acknowledge').enabled).toBe(
      true,
    );
  });

  it('uses a file that exists for every icon the model can ask for', () => {
    const { controller, tray } = setup(state());
    const blind = state();
    blind.sources[0] = { ...blind.sources[0]!, health: 'blind', lastError: 'connection refused' };
    const cases: [AppState, string][] = [
      [state([incident('1', { status: 'acknowledged' })]), 'tray-acknowledged.png'],
      [blind, 'tray-blind.png'],
      [state([incident('1')]), 'tray-triggered.png'],
      [state(), 'tray-idle.png'],
    ];
    for (const [next, file] of cases) {
      controller.update(next);
      expect(tray.image.path).toBe(path.join(iconsDir, file));
      expect(tray.image.isEmpty()).toBe(false);
    }
  });

  it('uses the template image for idle on macOS and shows the page count as the title', () => {
    const { controller, tray } = setup(state(), 'darwin');
    expect(tray.image.path).toBe(path.join(iconsDir, 'tray-idleTemplate.png'));
    expect(tray.image.isEmpty()).toBe(false);
    controller.update(state([incident('1'), incident('2'), incident('3')]));
    expect(tray.title).toBe('3');
    expect(tray.listenerCount('click')).toBe(0);
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
  });

  it('does not rebuild the menu when nothing it shows has changed', () => {
    const { controller, tray } = setup(state());
    controller.update(state());
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
  });

  it('removes the icon when destroyed', () => {
    const { controller, tray } = setup(state());
    controller.destroy();
    expect(tray.destroyed).toBe(true);
  });
});
