/**
 * The window half of the escalation ladder's effects: bring the main window to the front on an
 * incident, pin it above other windows, and cover the screen with it for a takeover. Several
 * incidents may hold the window at once; it stays pinned (or taken over) until the last lets go.
 */
import type { BrowserWindow } from 'electron';
import type { DesktopAttention } from '../core/attention/attention-center.js';
import type { MainWindow } from './main-window.js';

export interface AttentionWindowOptions {
  window: Pick<MainWindow, 'show'> & {
    browserWindow: Pick<
      BrowserWindow,
      | 'isDestroyed'
      | 'setAlwaysOnTop'
      | 'setFullScreen'
      | 'setSimpleFullScreen'
      | 'setVisibleOnAllWorkspaces'
    >;
  };
  /** Tells the renderer which incident to show. */
  selectIncident(incidentKey: string): void;
  platform?: NodeJS.Platform;
}

/** Who holds the window: incident key → pinned, and the incidents taking over the screen. */
interface WindowHolds {
  fronts: ReadonlyMap<string, boolean>;
  takeovers: ReadonlySet<string>;
}

/** Above other windows while pinned; above everything, even full-screen apps, in a takeover. */
type WindowLevel = 'normal' | 'floating' | 'screen-saver';

function windowLevelOf({ fronts, takeovers }: WindowHolds): WindowLevel {
  if (takeovers.size > 0) return 'screen-saver';
  return [...fronts.values()].some(Boolean) ? 'floating' : 'normal';
}

/** The incident the window should show: the latest takeover, else the latest to come to front. */
function incidentInFrontOf({ fronts, takeovers }: WindowHolds): string | undefined {
  return [...takeovers].at(-1) ?? [...fronts.keys()].at(-1);
}

export function createAttentionWindow(options: AttentionWindowOptions): DesktopAttention {
  const { window, selectIncident, platform = process.platform } = options;
  const browserWindow = window.browserWindow;
  // Insertion order is arrival order; a repeated bringToFront only updates the pin.
  const fronts = new Map<string, boolean>();
  const takeovers = new Set<string>();
  const holds: WindowHolds = { fronts, takeovers };
  let level: WindowLevel = 'normal';
  let shown: string | undefined;

  const bringUp = (key: string) => {
    // At quit the ladder lowers everything after the window is gone.
    if (browserWindow.isDestroyed()) return;
    shown = key;
    window.show();
    selectIncident(key);
  };

  // macOS's native full screen moves the window to its own Space; the simple kind stays here.
  const setFullScreen = (on: boolean) =>
    platform === 'darwin' ? browserWindow.setSimpleFullScreen(on) : browserWindow.setFullScreen(on);

  const apply = () => {
    const next = windowLevelOf(holds);
    if (next === level || browserWindow.isDestroyed()) return;
    const wasTakeover = level === 'screen-saver';
    level = next;
    if (next === 'screen-saver') {
      // A menu-bar app (LSUIElement) must skip the Dock transformation, which hides the window.
      browserWindow.setVisibleOnAllWorkspaces(true, {
        visibleOnFullScreen: true,
        skipTransformProcessType: true,
      });
      setFullScreen(true);
    } else if (wasTakeover) {
      setFullScreen(false);
      browserWindow.setVisibleOnAllWorkspaces(false, { skipTransformProcessType: true });
    }
    if (next === 'normal') browserWindow.setAlwaysOnTop(false);
    else browserWindow.setAlwaysOnTop(true, next);
  };

  /**
   * After a holder lets go, a window that was showing it switches to whoever still holds it,
   * without grabbing focus again: it is already in front for them.
   */
  const released = (key: string) => {
    if (shown === key) {
      shown = incidentInFrontOf(holds);
      if (shown !== undefined) selectIncident(shown);
    }
    apply();
  };

  return {
    bringToFront({ incidentKey, alwaysOnTop }) {
      const arriving = !fronts.has(incidentKey);
      fronts.set(incidentKey, alwaysOnTop);
      // A takeover keeps the screen on its own incident.
      if (arriving && takeovers.size === 0) bringUp(incidentKey);
      apply();
    },
    releaseFront(incidentKey) {
      if (fronts.delete(incidentKey)) released(incidentKey);
    },
    takeover(incidentKey) {
      // Re-added so the newest takeover is the one shown.
      takeovers.delete(incidentKey);
      takeovers.add(incidentKey);
      bringUp(incidentKey);
      apply();
    },
    endTakeover(incidentKey) {
      if (takeovers.delete(incidentKey)) released(incidentKey);
    },
  };
}
