/**
 * The window half of attention: bring the main window to the front on an incident, pin it above
 * other windows, and cover the screen with it for a takeover. The core says what should hold the
 * window (the same derivation that fills the state the renderer shows); this only makes the
 * window match it, so the two cannot disagree.
 */
import type { BrowserWindow } from 'electron';
import type { DesktopAttention } from '../core/attention/attention-center.js';
import type { DesktopView } from '../core/attention/attention-view.js';
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

/** Above other windows while pinned; above everything, even full-screen apps, in a takeover. */
type WindowLevel = 'normal' | 'floating' | 'screen-saver';

function windowLevelOf({ takeover, fronts, pinned }: DesktopView): WindowLevel {
  if (takeover !== null) return 'screen-saver';
  return fronts.length > 0 && pinned ? 'floating' : 'normal';
}

/** The incident the window shows: the takeover, else the latest to come to the front. */
const incidentShown = ({ takeover, fronts }: DesktopView) => takeover ?? fronts.at(-1);

export function createAttentionWindow(options: AttentionWindowOptions): DesktopAttention {
  const { window, selectIncident, platform = process.platform } = options;
  const browserWindow = window.browserWindow;
  let held: DesktopView = { takeover: null, fronts: [], pinned: true };
  let level: WindowLevel = 'normal';

  // macOS's native full screen moves the window to its own Space; the simple kind stays here.
  const setFullScreen = (on: boolean) =>
    platform === 'darwin' ? browserWindow.setSimpleFullScreen(on) : browserWindow.setFullScreen(on);

  const setLevel = (next: WindowLevel) => {
    if (next === level) return;
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

  return {
    apply(next) {
      // At quit the ladder lowers everything after the window is gone.
      if (browserWindow.isDestroyed()) return;
      const previous = held;
      held = next;
      const shown = incidentShown(next);
      // A takeover beginning, or a page newly in front, grabs focus. When a holder lets go, the
      // window switches to whoever still holds it without grabbing focus again: it is already
      // in front for them. A page arriving during a takeover waits behind it.
      const takeoverBegins = next.takeover !== null && previous.takeover === null;
      const arrives =
        next.takeover === null && shown !== undefined && !previous.fronts.includes(shown);
      if (shown !== undefined && (takeoverBegins || arrives)) {
        window.show();
        selectIncident(shown);
      } else if (shown !== undefined && shown !== incidentShown(previous)) {
        selectIncident(shown);
      }
      setLevel(windowLevelOf(next));
    },
  };
}
