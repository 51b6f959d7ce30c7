import type * as nodeNotifierModule from 'node-notifier';
import { onFirstUse } from '../on-first-use.js';
import { silentLog, type Log } from '../ports/log.js';
import { actionListeners } from './action-listeners.js';
import {
  openAction,
  type DesktopNotification,
  type NotificationActionListener,
  type Notifier,
} from '../ports/notifier.js';

/** electron-builder.yml's appId, which the Windows installer registers for toasts. */
const windowsAppId = 'dev.onwatch.app';
/** How long macOS keeps the notification (and its Acknowledge button) waiting for a click. */
const macTimeoutSeconds = 60 * 60;

/** The options this adapter gives node-notifier (macOS terminal-notifier or Windows SnoreToast). */
export interface NodeNotifierOptions {
  title?: string;
  message?: string;
  /** Our alarm plays instead. */
  sound?: false;
  wait?: true;
  actions?: string[];
  /** macOS: the notification's identity; a later one in the same group replaces it. */
  group?: string;
  timeout?: number;
  /** Windows: the toast's identity, for replacing and closing it. */
  id?: number;
  appID?: string;
  /** Closes the notification with this group (macOS) or id (Windows). */
  remove?: string | number;
}

interface CallbackMetadata {
  /** macOS: `actionClicked`, `contentsClicked`, `closed`, `timeout`. */
  activationType?: string;
  /** macOS: the label of the action clicked. */
  activationValue?: string;
  /** Windows: the label of the button clicked. */
  button?: string;
}

export interface NodeNotifierBackend {
  notify(
    options: NodeNotifierOptions,
    callback: (error: Error | null, response: string, metadata?: CallbackMetadata) => void,
  ): unknown;
}

export interface NodeNotifierNotifierOptions {
  platform: 'darwin' | 'win32';
  log?: Log;
  /** Substituted in tests; by default node-notifier's notifier for the platform. */
  backend?: NodeNotifierBackend;
}

/** macOS and Windows notifications through node-notifier, with an Acknowledge button. */
export class NodeNotifierNotifier implements Notifier {
  readonly supportsActions = true;
  private readonly backend: NodeNotifierBackend;
  private readonly log: Log;
  /** The latest notification per id; callbacks from one it replaced are ignored. */
  private readonly current = new Map<string, object>();
  private readonly windowsIds = new Map<string, number>();
  private nextWindowsId = 1;
  private readonly actions: ReturnType<typeof actionListeners>;

  constructor(private readonly options: NodeNotifierNotifierOptions) {
    this.log = options.log ?? silentLog;
    this.actions = actionListeners(this.log);
    this.backend = options.backend ?? platformBackend(options.platform);
  }

  show(notification: DesktopNotification): void {
    const token = {};
    this.current.set(notification.id, token);
    this.backend.notify(this.optionsFor(notification), (error, response, metadata) => {
      if (this.current.get(notification.id) !== token) return;
      if (error) this.log.warn(`notification failed: ${error.message}`);
      const actionId = chosenAction(notification, response, metadata);
      if (actionId === undefined) return;
      this.current.delete(notification.id);
      this.actions.emit(notification.id, actionId);
    });
  }

  close(id: string): void {
    if (!this.current.delete(id)) return;
    const remove = this.options.platform === 'darwin' ? id : this.windowsIds.get(id);
    this.windowsIds.delete(id);
    this.backend.notify({ remove }, (error) => {
      if (error) this.log.warn(`closing a notification failed: ${error.message}`);
    });
  }

  onAction(listener: NotificationActionListener): () => void {
    return this.actions.on(listener);
  }

  dispose(): void {
    this.actions.clear();
    for (const id of [...this.current.keys()]) this.close(id);
  }

  /** node-notifier's options for one notification on this platform. */
  private optionsFor(notification: DesktopNotification): NodeNotifierOptions {
    const common = {
      title: notification.title,
      message: notification.body,
      sound: false as const,
      wait: true as const,
      actions: notification.actions?.length ? notification.actions.map((a) => a.label) : undefined,
    };
    if (this.options.platform === 'darwin') {
      return { ...common, group: notification.id, timeout: macTimeoutSeconds };
    }
    return { ...common, id: this.windowsId(notification.id), appID: windowsAppId };
  }

  private windowsId(id: string): number {
    let numeric = this.windowsIds.get(id);
    if (numeric === undefined) {
      numeric = this.nextWindowsId++;
      this.windowsIds.set(id, numeric);
    }
    return numeric;
  }
}

/** Linux never uses it, and loaded it holds about 8 MB. */
const loadNodeNotifier = onFirstUse<typeof nodeNotifierModule>('node-notifier');

function platformBackend(platform: 'darwin' | 'win32'): NodeNotifierBackend {
  const nodeNotifier = loadNodeNotifier();
  const notifier =
    platform === 'darwin'
      ? new nodeNotifier.NotificationCenter({ withFallback: false })
      : new nodeNotifier.WindowsToaster({ withFallback: false });
  // The typings know `remove` only as Windows' number; macOS takes the group's name.
  return notifier as NodeNotifierBackend;
}

/**
 * The action behind node-notifier's answer. It reports any click as `activate`, buttons
 * included, so the button is told apart by its label: macOS gives it as the activation value,
 * Windows as `button`.
 */
function chosenAction(
  notification: DesktopNotification,
  response: string,
  metadata: CallbackMetadata | undefined,
): string | undefined {
  const label =
    metadata?.activationType === 'actionClicked' ? metadata.activationValue : metadata?.button;
  const action = notification.actions?.find((a) => a.label === label);
  if (action) return action.id;
  return response === 'activate' ? openAction : undefined;
}
