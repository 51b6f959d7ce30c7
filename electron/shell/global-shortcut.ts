/**
 * A system-wide key that acks the newest page assigned to me, so a responder in another app
 * (a call, a terminal) can stop the alarm without finding the tray.
 */
import { app, globalShortcut } from 'electron';
import type { AppState } from '../common/contract/app-state.js';
import type { Log } from '../core/ports/log.js';
import { newestTriggeredMine } from '../core/tray/my-incidents.js';
import { defaultAckAccelerator } from '../common/ack-shortcut.js';

/** Told to the UI after every attempt, so it can say when the key does not work. */
type ShortcutStatus =
  | { accelerator: string; registered: true }
  | { accelerator: string; registered: false; reason: string };

export interface AckShortcutOptions {
  getState(): AppState;
  ack(incidentKey: string): Promise<unknown>;
  onStatus(status: ShortcutStatus): void;
  log: Log;
}

export interface AckShortcut {
  /** Registers a new accelerator in place of the current one; undefined turns the key off. */
  setAccelerator(accelerator: string | undefined): void;
  dispose(): void;
}

/** Call once the app is ready: Electron refuses global shortcuts before that. */
export function registerAckShortcut(
  options: AckShortcutOptions,
  accelerator: string | undefined = defaultAckAccelerator,
): AckShortcut {
  const { log } = options;
  let registered: string | undefined;

  const ackNewest = () => {
    const incident = newestTriggeredMine(options.getState());
    if (!incident) {
      log.info('ack shortcut: nothing triggered is assigned to you');
      return;
    }
    options.ack(incident.key).catch((error: unknown) => {
      log.warn(
        `ack shortcut: ${incident.key} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };

  const unregister = () => {
    if (registered !== undefined) globalShortcut.unregister(registered);
    registered = undefined;
  };

  const register = (next: string) => {
    let ok: boolean;
    try {
      // False when another app owns the key: the OS does not let apps fight over shortcuts.
      ok = globalShortcut.register(next, ackNewest);
    } catch {
      // Electron throws on an accelerator it cannot parse.
      options.onStatus({
        accelerator: next,
        registered: false,
        reason: `${next} is not a valid shortcut`,
      });
      return;
    }
    if (!ok) {
      log.warn(`ack shortcut: ${next} is taken by another app`);
      options.onStatus({
        accelerator: next,
        registered: false,
        reason: `${next} is already used by another app; choose another shortcut`,
      });
      return;
    }
    registered = next;
    options.onStatus({ accelerator: next, registered: true });
  };

  const setAccelerator = (next: string | undefined) => {
    unregister();
    if (next !== undefined) register(next);
  };

  // Give the key back to the OS before exit, as Electron asks of apps.
  app.on('will-quit', unregister);
  setAccelerator(accelerator);

  return {
    setAccelerator,
    dispose: () => {
      app.off('will-quit', unregister);
      unregister();
    },
  };
}
