import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { silentLog, type Log } from '../ports/log.js';
import {
  openAction,
  type DesktopNotification,
  type NotificationActionListener,
  type Notifier,
} from '../ports/notifier.js';
import { createEmitter } from '../../common/emitter.js';

/** libnotify's name for a click on the body; notify-send prints it like any other action. */
const defaultAction = 'default';
const actionIdPattern = /^[a-z][a-z0-9-]*$/;
// Long enough for any page, far below the kernel's 128 KiB limit on a single argument.
const maxTitleChars = 200;
const maxBodyChars = 1000;
/** A notify-send that ignores SIGINT or SIGTERM this long is killed outright. */
const killAfterMs = 2_000;
/** NUL cannot cross exec at all; other control characters (bar tab and newline) only garble. */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export interface NotifySendProcess {
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal: NodeJS.Signals): boolean;
  on(event: 'close', listener: (code: number | null) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

/** Starts a program directly, never through a shell, so no text is ever interpreted. */
export type SpawnProcess = (command: string, args: string[]) => NotifySendProcess;

const spawnDirectly: SpawnProcess = (command, args) =>
  spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });

export interface NotifySendOptions {
  /**
   * Run notify-send under coreutils' `stdbuf -oL`. notify-send 0.8.1 does not flush the id it
   * prints, so without this the id arrives only at exit and a notification cannot be replaced
   * in place.
   */
  lineBuffered: boolean;
  log?: Log;
  spawn?: SpawnProcess;
}

/** One notify-send process: it shows one notification and prints the action taken on it. */
interface Shown {
  notification: DesktopNotification;
  child: NotifySendProcess;
  /** The daemon's id for the notification once notify-send has printed it; 0 if refused. */
  daemonId?: number;
  /** What to do as soon as `daemonId` is known: replace the notification, or close it. */
  then?: DesktopNotification | 'close';
  output: string;
  stderr: string;
  stopped: boolean;
  exited: boolean;
  killTimer?: NodeJS.Timeout;
}

/**
 * Linux notifications through libnotify's notify-send, one child process per visible
 * notification: it shows the notification, waits, and prints the action chosen on it.
 */
export class NotifySendNotifier implements Notifier {
  readonly supportsActions = true;
  private readonly current = new Map<string, Shown>();
  private readonly actions = createEmitter<{ id: string; actionId: string }>();
  private readonly log: Log;
  private readonly spawn: SpawnProcess;

  constructor(private readonly options: NotifySendOptions) {
    this.log = options.log ?? silentLog;
    this.spawn = options.spawn ?? spawnDirectly;
  }

  show(notification: DesktopNotification): void {
    // Built now even when it waits, so a bad action id throws here and not in an event handler.
    const args = notifySendArgs(notification);
    const shown = this.current.get(notification.id);
    if (!shown) this.start(notification, args);
    else if (shown.daemonId !== undefined) this.replace(shown, notification);
    // Its id is on the way; replacing then keeps one notification on screen, not two.
    else if (this.options.lineBuffered) shown.then = notification;
    else {
      this.stop(shown, 'SIGINT');
      this.start(notification, args);
    }
  }

  close(id: string): void {
    const shown = this.current.get(id);
    if (!shown) return;
    this.current.delete(id);
    // notify-send only closes its notification on SIGINT once the notification is up; a
    // signal before then would kill it and strand the notification on screen.
    if (shown.daemonId === undefined && this.options.lineBuffered) shown.then = 'close';
    else this.stop(shown, 'SIGINT');
  }

  onAction(listener: NotificationActionListener): () => void {
    // Guarded one by one: a listener that throws must not keep the others from hearing.
    return this.actions.on(({ id, actionId }) => {
      try {
        listener(id, actionId);
      } catch (error) {
        this.log.error(`notification action ${actionId} failed: ${String(error)}`);
      }
    });
  }

  dispose(): void {
    this.actions.clear();
    for (const id of [...this.current.keys()]) this.close(id);
  }

  private start(notification: DesktopNotification, args: string[]): void {
    const child = this.options.lineBuffered
      ? this.spawn('stdbuf', ['-oL', 'notify-send', ...args])
      : this.spawn('notify-send', args);
    const shown: Shown = {
      notification,
      child,
      output: '',
      stderr: '',
      stopped: false,
      exited: false,
    };
    this.current.set(notification.id, shown);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.read(shown, chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      shown.stderr = (shown.stderr + chunk).slice(-2000);
    });
    child.on('error', (error) => {
      this.log.error(`notify-send could not run: ${error.message}`);
      this.ended(shown);
    });
    child.on('close', (code) => {
      // A failed spawn is reported as `error`, then `close`.
      if (shown.exited) return;
      this.read(shown, '\n');
      if (code !== 0 && (!shown.stopped || shown.daemonId === 0)) {
        this.log.warn(`notify-send failed (${code ?? 'stopped'}): ${shown.stderr.trim()}`);
      }
      this.ended(shown);
    });
  }

  /** `--replace-id` updates the notification in place; its old process must not report on it. */
  private replace(shown: Shown, notification: DesktopNotification): void {
    // SIGTERM, not SIGINT: notify-send closes its notification on SIGINT only.
    this.stop(shown, 'SIGTERM');
    this.start(notification, notifySendArgs(notification, shown.daemonId));
  }

  private read(shown: Shown, chunk: string): void {
    const lines = (shown.output + chunk).split('\n');
    shown.output = lines.pop() ?? '';
    for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
      if (shown.daemonId === undefined) this.identified(shown, line);
      else this.acted(shown, line);
    }
  }

  /** The first line `--print-id` prints: the daemon's id, or 0 if it refused the notification. */
  private identified(shown: Shown, line: string): void {
    const daemonId = Number(line);
    const then = shown.then;
    shown.then = undefined;
    if (!Number.isInteger(daemonId) || daemonId <= 0) {
      // Nothing is on screen, yet notify-send would wait for it to close forever.
      shown.daemonId = 0;
      this.stop(shown, 'SIGTERM');
      if (then && then !== 'close') this.start(then, notifySendArgs(then));
      return;
    }
    shown.daemonId = daemonId;
    if (then === 'close') this.stop(shown, 'SIGINT');
    else if (then) this.replace(shown, then);
  }

  private acted(shown: Shown, name: string): void {
    const { id, actions } = shown.notification;
    // A replaced or closed notification's clicks belong to whatever replaced it, or no one.
    if (this.current.get(id) !== shown) return;
    const actionId =
      name === defaultAction ? openAction : actions?.some((a) => a.id === name) ? name : undefined;
    if (actionId === undefined) return;
    this.actions.emit({ id, actionId });
  }

  private stop(shown: Shown, signal: NodeJS.Signals): void {
    shown.stopped = true;
    if (this.current.get(shown.notification.id) === shown) {
      this.current.delete(shown.notification.id);
    }
    shown.child.kill(signal);
    shown.killTimer = setTimeout(() => shown.child.kill('SIGKILL'), killAfterMs);
    shown.killTimer.unref();
  }

  private ended(shown: Shown): void {
    if (shown.exited) return;
    shown.exited = true;
    clearTimeout(shown.killTimer);
    if (this.current.get(shown.notification.id) !== shown) return;
    this.current.delete(shown.notification.id);
    const then = shown.then;
    if (then && then !== 'close') this.start(then, notifySendArgs(then));
  }
}

/**
 * notify-send's arguments for one notification. Every piece of text is an argument of its own
 * after `--`, so nothing in it can become an option.
 */
export function notifySendArgs(notification: DesktopNotification, replaceId?: number): string[] {
  const args = ['--app-name=Onwatch', `--urgency=${notification.urgency}`];
  for (const action of notification.actions ?? []) {
    if (!actionIdPattern.test(action.id) || action.id === defaultAction) {
      throw new Error(`invalid notification action id: ${JSON.stringify(action.id)}`);
    }
    args.push(`--action=${action.id}=${oneLine(action.label)}`);
  }
  args.push(`--action=${defaultAction}=Open`, '--wait', '--print-id');
  if (replaceId) args.push(`--replace-id=${replaceId}`);
  args.push('--', truncate(oneLine(notification.title), maxTitleChars), bodyArg(notification.body));
  return args;
}

/**
 * The body as notify-send must receive it. Notification daemons read the body as a markup
 * subset, and notify-send unescapes C-style backslash sequences in it first.
 */
export function bodyArg(body: string): string {
  return truncate(body.replace(/\r\n?/g, '\n').replace(controlCharacters, ''), maxBodyChars)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The summary is plain text on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(controlCharacters, '').trim();
}

/** Cuts by code point, before escaping, so neither a surrogate pair nor an entity is split. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
