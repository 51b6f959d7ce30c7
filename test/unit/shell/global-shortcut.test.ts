import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../electron/common/model/incident.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { defaultAckAccelerator } from '../../../electron/common/ack-shortcut.js';
import { registerAckShortcut } from '../../../electron/shell/global-shortcut.js';
import { anAppState } from '../../support/app-state.js';
import { anIncident } from '../../support/incidents.js';
import { app, fakeEvent, globalShortcut, resetElectronFakes } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

function setup(incidents: Incident[], accelerator?: string) {
  const ack = vi.fn(async () => ({ actionId: 'action-1' }));
  const onStatus = vi.fn();
  const shortcut = registerAckShortcut(
    { getState: () => anAppState({ incidents }), ack, onStatus, log: silentLog },
    accelerator,
  );
  return { shortcut, ack, onStatus };
}

beforeEach(resetElectronFakes);

describe('ack shortcut', () => {
  it('acks the newest triggered incident assigned to me', () => {
    const { ack, onStatus } = setup([
      anIncident({ externalId: 'older', createdAt: '2025-11-22T09:00:00.000Z' }),
      anIncident({ externalId: 'newest', createdAt: '2025-11-22T09:05:00.000Z' }),
      anIncident({
        externalId: 'theirs',
        createdAt: '2025-11-22T09:06:00.000Z',
        assignedToMe: false,
      }),
    ]);
    expect(defaultAckAccelerator).toBe('CommandOrControl+Shift+A');
    expect(onStatus).toHaveBeenCalledWith({ accelerator: defaultAckAccelerator, registered: true });
    globalShortcut.press(defaultAckAccelerator);
    expect(ack).toHaveBeenCalledExactlyOnceWith('am:newest');
  });

  it('does nothing when no triggered incident is mine', () => {
    const { ack } = setup([
      anIncident({ externalId: 'theirs', assignedToMe: false }),
      anIncident({ externalId: 'acked', status: 'acknowledged' }),
    ]);
    globalShortcut.press(defaultAckAccelerator);
    expect(ack).not.toHaveBeenCalled();
  });

  it('reports when another app owns the shortcut, or it is not a shortcut at all', () => {
    globalShortcut.takenByOthers.add(defaultAckAccelerator);
    const { shortcut, onStatus } = setup([]);
    expect(onStatus).toHaveBeenLastCalledWith({
      accelerator: defaultAckAccelerator,
      registered: false,
      reason: 'CommandOrControl+Shift+A is already used by another app; choose another shortcut',
    });
    shortcut.setAccelerator('Not a shortcut!');
    expect(onStatus).toHaveBeenLastCalledWith({
      accelerator: 'Not a shortcut!',
      registered: false,
      reason: 'Not a shortcut! is not a valid shortcut',
    });
  });

  it('moves to a new accelerator when the setting changes, or turns off', () => {
    const { shortcut, ack, onStatus } = setup([anIncident({ externalId: '1' })]);
    shortcut.setAccelerator('Alt+Shift+K');
    expect(onStatus).toHaveBeenLastCalledWith({ accelerator: 'Alt+Shift+K', registered: true });
    expect([...globalShortcut.registered.keys()]).toEqual(['Alt+Shift+K']);
    globalShortcut.press('Alt+Shift+K');
    expect(ack).toHaveBeenCalledWith('am:1');
    shortcut.setAccelerator(undefined);
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('gives the shortcut back when the app quits', () => {
    setup([], 'Alt+Shift+K');
    expect(globalShortcut.registered.has('Alt+Shift+K')).toBe(true);
    app.emit('will-quit', fakeEvent({}));
    expect(globalShortcut.unregister).toHaveBeenCalledWith('Alt+Shift+K');
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('stops listening for quit once disposed', () => {
    const { shortcut } = setup([]);
    shortcut.dispose();
    expect(globalShortcut.registered.size).toBe(0);
    expect(app.listenerCount('will-quit')).toBe(0);
  });
});
