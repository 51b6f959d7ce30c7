import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { silentLog, type Log } from '../ports/log.js';
import { actionListeners } from './action-listeners.js';
import {
  openAction,
  type DesktopNotification,
  type NotificationActionListener,
  type Notifier,
} from '../ports/notifier.js';
import {
  bodyText,
  checkActionIds,
  defaultAction,
  escapeMarkup,
  oneLine,
  titleText,
} from './notification-text.js';

/** A notify-send that ignores SIGINT or SIGTERM this long is killed outright. */
const killAfterMs = 2_000;
/** How often to look whether notify-send handles SIGINT yet. */
const sigintPollMs = 10;
/** Each notify-send is a process that lives as long as its notification: a storm must not fork. */
const defaultMaxProcesses = 8;

export interface NotifySendProcess {
  readonly pid?: number;
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
  /** At most this many notify-send processes at once; further notifications wait, or push out the oldest. */
  maxProcesses?: number;
  log?: Log;
  spawn?: SpawnProcess;
  /** Substituted in tests; by default, read from /proc. */
  handlesSigint?: (child: NotifySendProcess) => boolean;
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
  /** SIGINT: closing its notification; SIGTERM: handing it over to a replacement. */
  stoppedWith?: NodeJS.Signals;
  exited: boolean;
  killTimer?: NodeJS.Timeout;
}

/** A notification waiting for a free process. */
interface Queued {
  notification: DesktopNotification;
  /** Its predecessor's daemon id: that notification is still on screen, with no process left. */
  replaceId?: number;
  /** Closed while waiting; it still has to run, as only its process can close `replaceId`. */
  closeWhenShown?: boolean;
}

/**
 * Linux notifications through libnotify's notify-send, one child process per visible
 * notification: it shows the notification, waits, and prints the action chosen on it. Used only
 * where the session bus cannot be spoken to directly (see DbusNotifier), and capped.
 */
export class NotifySendNotifier implements Notifier {
  readonly supportsActions = true;
  /** The process showing each id's notification now. */
  private readonly current = new Map<string, Shown>();
  /** Every process started and not yet exited, current or on its way out. */
  private readonly alive = new Set<Shown>();
  private readonly waiting = new Map<string, Queued>();
  private readonly actions: ReturnType<typeof actionListeners>;
  private readonly log: Log;
  private readonly spawn: SpawnProcess;
  private readonly maxProcesses: number;
  private readonly handlesSigint: (child: NotifySendProcess) => boolean;
  private disposed = false;

  constructor(private readonly options: NotifySendOptions) {
    this.log = options.log ?? silentLog;
    this.actions = actionListeners(this.log);
    this.spawn = options.spawn ?? spawnDirectly;
    this.maxProcesses = options.maxProcesses ?? defaultMaxProcesses;
    this.handlesSigint = options.handlesSigint ?? handlesSigintPerProc;
  }

  show(notification: DesktopNotification): void {
    // Checked now even when it waits, so a bad action id throws here and not in an event handler.
    checkActionIds(notification);
    if (this.disposed) return;
    const shown = this.current.get(notification.id);
    const queued = this.waiting.get(notification.id);
    if (shown?.daemonId !== undefined) this.replace(shown, notification);
    // Its id is on the way; replacing then keeps one notification on screen, not two.
    else if (shown && this.options.lineBuffered) shown.then = notification;
    else if (shown) {
      this.stop(shown, 'SIGINT');
      this.enqueue({ notification });
    } else if (queued) {
      // Still waiting: the newest content takes its place in the queue.
      queued.notification = notification;
      queued.closeWhenShown = false;
    } else {
      this.makeRoom();
      this.enqueue({ notification });
    }
  }

  close(id: string): void {
    const queued = this.waiting.get(id);
    if (queued?.replaceId) queued.closeWhenShown = true;
    else if (queued) this.waiting.delete(id);
    const shown = this.current.get(id);
    if (!shown) return;
    this.current.delete(id);
    // notify-send only closes its notification on SIGINT once the notification is up; a
    // signal before then would kill it and strand the notification on screen.
    if (shown.daemonId === undefined && this.options.lineBuffered) shown.then = 'close';
    else this.stop(shown, 'SIGINT');
  }

  onAction(listener: NotificationActionListener): () => void {
    return this.actions.on(listener);
  }

  /**
   * Ends every process now, as the app may exit right after: SIGINT where notify-send has a
   * notification of its own up (it closes it and exits), SIGKILL for the rest, which could
   * otherwise sit in a D-Bus call long after we are gone.
   */
  dispose(): void {
    this.disposed = true;
    this.actions.clear();
    this.waiting.clear();
    for (const shown of this.alive) {
      const closes = shown.daemonId && shown.stoppedWith !== 'SIGTERM';
      // There is no waiting now for notify-send to handle SIGINT: SIGINT would kill it anyway.
      if (closes && this.handlesSigint(shown.child)) this.stop(shown, 'SIGINT');
      else shown.child.kill('SIGKILL');
    }
    this.current.clear();
  }

  /** Keeps at most `maxProcesses` notifications wanted, the oldest non-critical going first. */
  private makeRoom(): void {
    for (;;) {
      const wanted = [
        ...[...this.current.values()].map((s) => s.notification),
        ...[...this.waiting.values()].filter((q) => !q.closeWhenShown).map((q) => q.notification),
      ];
      if (wanted.length < this.maxProcesses) return;
      const victim = wanted.find((n) => n.urgency !== 'critical') ?? wanted[0]!;
      this.close(victim.id);
    }
  }

  private enqueue(queued: Queued): void {
    this.waiting.set(queued.notification.id, queued);
    this.drain();
  }

  /** Starts waiting notifications while processes are free, replacements first. */
  private drain(): void {
    while (!this.disposed && this.alive.size < this.maxProcesses) {
      const next =
        [...this.waiting.values()].find((q) => q.replaceId) ?? this.waiting.values().next().value;
      if (!next) return;
      const { id } = next.notification;
      this.waiting.delete(id);
      this.start(next.notification, next.replaceId);
      if (next.closeWhenShown) this.close(id);
    }
  }

  private start(notification: DesktopNotification, replaceId?: number): void {
    const args = notifySendArgs(notification, replaceId);
    const child = this.options.lineBuffered
      ? this.spawn('stdbuf', ['-oL', 'notify-send', ...args])
      : this.spawn('notify-send', args);
    const shown: Shown = {
      notification,
      child,
      output: '',
      stderr: '',
      exited: false,
    };
    this.current.set(notification.id, shown);
    this.alive.add(shown);
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
      if (code !== 0 && (!shown.stoppedWith || shown.daemonId === 0)) {
        this.log.warn(`notify-send failed (${code ?? 'stopped'}): ${shown.stderr.trim()}`);
      }
      this.ended(shown);
    });
  }

  /**
   * `--replace-id` updates the notification in place; its old process must not report on it,
   * and goes first so the new one never needs a process more than the cap.
   */
  private replace(shown: Shown, notification: DesktopNotification): void {
    // SIGTERM, not SIGINT: notify-send closes its notification on SIGINT only.
    this.stop(shown, 'SIGTERM');
    this.enqueue({ notification, replaceId: shown.daemonId });
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
      if (then && then !== 'close') this.enqueue({ notification: then });
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
    this.actions.emit(id, actionId);
  }

  private stop(shown: Shown, signal: NodeJS.Signals): void {
    shown.stoppedWith = signal;
    if (this.current.get(shown.notification.id) === shown) {
      this.current.delete(shown.notification.id);
    }
    if (signal === 'SIGINT') this.interrupt(shown);
    else shown.child.kill(signal);
    clearTimeout(shown.killTimer);
    shown.killTimer = setTimeout(() => shown.child.kill('SIGKILL'), killAfterMs);
    shown.killTimer.unref();
  }

  /**
   * notify-send prints the id before it starts handling SIGINT; a SIGINT in between kills it
   * and leaves its notification up for good. So SIGINT waits until it is handled.
   */
  private interrupt(shown: Shown): void {
    if (shown.exited) return;
    if (this.handlesSigint(shown.child)) {
      shown.child.kill('SIGINT');
      return;
    }
    // The kill timer set by `stop` bounds the wait.
    setTimeout(() => this.interrupt(shown), sigintPollMs).unref();
  }

  private ended(shown: Shown): void {
    if (shown.exited) return;
    shown.exited = true;
    this.alive.delete(shown);
    clearTimeout(shown.killTimer);
    if (this.current.get(shown.notification.id) === shown) {
      this.current.delete(shown.notification.id);
      const then = shown.then;
      if (then && then !== 'close') this.waiting.set(then.id, { notification: then });
    }
    this.drain();
  }
}

/** Whether the process has a handler for SIGINT, from the caught-signals mask in /proc. */
function handlesSigintPerProc(child: NotifySendProcess): boolean {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    // SIGINT is signal 2, the mask's second bit.
    return mask === null || (BigInt(`0x${mask[1]}`) & 2n) !== 0n;
  } catch {
    // Gone, or no /proc to tell: nothing to wait for.
    return true;
  }
}

/**
 * notify-send's arguments for one notification. Every piece of text is an argument of its own
 * after `--`, so nothing in it can become an option.
 */
export function notifySendArgs(notification: DesktopNotification, replaceId?: number): string[] {
  checkActionIds(notification);
  const args = ['--app-name=Onwatch', `--urgency=${notification.urgency}`];
  for (const action of notification.actions ?? []) {
    args.push(`--action=${action.id}=${oneLine(action.label)}`);
  }
  args.push(`--action=${defaultAction}=Open`, '--wait', '--print-id');
  if (replaceId) args.push(`--replace-id=${replaceId}`);
  args.push('--', titleText(notification.title), bodyArg(notification.body));
  return args;
}

/**
 * The body as notify-send must receive it. Notification daemons read the body as a markup
 * subset, and notify-send unescapes C-style backslash sequences in it first.
 */
export function bodyArg(body: string): string {
  return escapeMarkup(bodyText(body).replace(/\\/g, '\\\\'));
}
