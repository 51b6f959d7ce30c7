import { mkdir } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../common/contract/command-error.js';
import type { Caller } from '../../common/contract/ipc-contract.js';
import type {
  CommandRecordView,
  TerminalInfo,
  TerminalSnapshot,
} from '../../common/contract/terminal-contract.js';
import { createEmitter } from '../../common/emitter.js';
import type { ViewerHub } from '../engine/viewer-hub.js';
import { expandHome } from '../files/home-path.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { PtyHost } from '../ports/pty-host.js';
import type { SessionTuning } from './terminal-session.js';
import { TerminalManager, type StepRequest } from './terminal-manager.js';

/** The terminal settings the service reads each time it opens one. */
interface TerminalSettings {
  shell?: string;
  workingDirectory?: string;
  incidentDirectory?: string;
  allowInBrowserHost?: boolean;
}

export interface TerminalServiceOptions {
  clock: Clock;
  log: Log;
  hub: ViewerHub;
  /** A private folder for the shell startup files, written when the first terminal opens. */
  integrationDir: string;
  settings: () => TerminalSettings;
  /** `--allow-terminal`: the browser host may open terminals whatever the settings say. */
  allowInBrowserHost?: boolean;
  /** Made when the first terminal opens, so a core that never opens one starts no pty code. */
  ptyHost: () => PtyHost;
  /** The environment shells start from; this process's by default. */
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  tuning?: Partial<SessionTuning>;
}

export interface TerminalOpenRequest {
  incidentKey?: string;
  cols: number;
  rows: number;
}

const browserHostOff =
  'The terminal is off in the browser host: a page that can reach it could run commands as you. ' +
  'Start the browser host with --allow-terminal, or turn it on in the desktop app’s settings.';

/**
 * The terminals as windows use them: who may open one (every desktop window; a browser-host
 * page only when the responder turned that on), where each starts and with which shell, and
 * which windows get each terminal's output. A window that leaves stops holding any terminal back.
 */
export class TerminalService {
  private managerReady?: Promise<TerminalManager>;
  private manager?: TerminalManager;
  /** Terminal id → the viewers attached to it. */
  private readonly watchers = new Map<string, Set<string>>();
  private readonly commandEvents = createEmitter<{
    info: TerminalInfo;
    record: CommandRecordView;
  }>();
  private readonly closingHooks: ((info: TerminalInfo) => Promise<void>)[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly options: TerminalServiceOptions) {
    this.unsubscribe.push(options.hub.onLeft((viewer) => this.viewerLeft(viewer)));
  }

  /** Whether `caller` may use terminals, and why not. */
  access(caller: Caller | undefined): { enabled: boolean; reason?: string } {
    if (!caller) return { enabled: false, reason: 'terminals are for windows only' };
    if (caller.transport === 'electron') return { enabled: true };
    const allowed =
      this.options.allowInBrowserHost === true ||
      this.options.settings().allowInBrowserHost === true;
    return allowed ? { enabled: true } : { enabled: false, reason: browserHostOff };
  }

  /** The caller, if it may use terminals; a `forbidden` CommandError otherwise. */
  check(caller: Caller | undefined): Caller {
    const { enabled, reason } = this.access(caller);
    if (!enabled || !caller) throw new CommandError({ code: 'forbidden', message: reason! });
    return caller;
  }

  async open(request: TerminalOpenRequest): Promise<TerminalInfo> {
    const manager = await this.ready();
    const settings = this.options.settings();
    const env = this.options.env ?? process.env;
    const home = env.HOME ?? homedir();
    const cwd =
      request.incidentKey !== undefined && settings.incidentDirectory
        ? await incidentFolder(expandHome(settings.incidentDirectory, home), request.incidentKey)
        : settings.workingDirectory
          ? expandHome(settings.workingDirectory, home)
          : home;
    const platform = this.options.platform ?? process.platform;
    return manager.open({
      ...(request.incidentKey !== undefined && { incidentKey: request.incidentKey }),
      cwd,
      shell: expandHome(settings.shell ?? env.SHELL ?? defaultShell(platform), home),
      // macOS terminals start login shells: that is where users keep their PATH.
      login: platform === 'darwin',
      cols: request.cols,
      rows: request.rows,
    });
  }

  list(): TerminalInfo[] {
    return this.manager?.list() ?? [];
  }

  info(id: string): TerminalInfo | undefined {
    return this.list().find((terminal) => terminal.id === id);
  }

  /** The terminal open for this incident, if there is one. */
  forIncident(key: string): TerminalInfo | undefined {
    return this.list().find((terminal) => terminal.incidentKey === key);
  }

  input(id: string, data: string): void {
    this.require().input(id, data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.require().resize(id, cols, rows);
  }

  /** `viewer` gets this terminal's events from now on, starting from the returned screen. */
  attach(id: string, viewer: string): Promise<TerminalSnapshot> {
    const manager = this.require();
    // Before the snapshot is taken: data after it must reach the viewer, which keeps what
    // arrives before the answer and applies only what the snapshot does not include.
    const snapshot = manager.attach(id, viewer);
    let viewers = this.watchers.get(id);
    if (!viewers) this.watchers.set(id, (viewers = new Set()));
    viewers.add(viewer);
    return snapshot;
  }

  detach(id: string, viewer: string): void {
    this.watchers.get(id)?.delete(viewer);
    this.manager?.detach(id, viewer);
  }

  ack(id: string, viewer: string, chars: number): void {
    this.require().ack(id, viewer, chars);
  }

  runStep(id: string, step: StepRequest): void {
    this.require().runStep(id, step);
  }

  commands(id: string): CommandRecordView[] {
    return this.require().commands(id);
  }

  text(id: string): string {
    return this.require().text(id);
  }

  /** Tells every viewer of `id`; for events about a terminal that are not its own output. */
  sendToViewers(id: string, send: (viewer: string) => void): void {
    for (const viewer of this.watchers.get(id) ?? []) send(viewer);
  }

  /** A command started or finished in a terminal. */
  onCommand(listener: (event: { info: TerminalInfo; record: CommandRecordView }) => void) {
    return this.commandEvents.on(listener);
  }

  /** Runs before a terminal closes (on request or on quit), while its records are readable. */
  beforeClose(hook: (info: TerminalInfo) => Promise<void>): void {
    this.closingHooks.push(hook);
  }

  async close(id: string): Promise<void> {
    const manager = this.require();
    const info = this.info(id);
    if (info) await this.runClosingHooks(info);
    await manager.close(id);
    this.watchers.delete(id);
  }

  /** Ends every shell (on quit); what each recorded is handed to the closing hooks first. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    const manager = this.manager ?? (await this.managerReady?.catch(() => undefined));
    if (!manager) return;
    for (const info of manager.list()) await this.runClosingHooks(info);
    await manager.dispose();
    this.watchers.clear();
    this.commandEvents.clear();
  }

  private async runClosingHooks(info: TerminalInfo): Promise<void> {
    for (const hook of this.closingHooks) {
      await hook(info).catch((error: unknown) =>
        this.options.log.warn(`terminal ${info.id}: ${String(error)}`),
      );
    }
  }

  private require(): TerminalManager {
    if (!this.manager) {
      throw new CommandError({ code: 'failed', message: 'no terminal is open yet' });
    }
    return this.manager;
  }

  private ready(): Promise<TerminalManager> {
    if (this.disposed) {
      return Promise.reject(new CommandError({ code: 'failed', message: 'Onwatch is stopping' }));
    }
    this.managerReady ??= TerminalManager.create({
      ptyHost: this.options.ptyHost(),
      clock: this.options.clock,
      integrationDir: this.options.integrationDir,
      ...(this.options.env && { baseEnv: this.options.env }),
      ...(this.options.tuning && { tuning: this.options.tuning }),
    }).then((manager) => {
      this.manager = manager;
      this.wire(manager);
      return manager;
    });
    // A failed start (an unwritable data folder) is tried again on the next open.
    this.managerReady.catch(() => (this.managerReady = undefined));
    return this.managerReady;
  }

  private wire(manager: TerminalManager): void {
    const { hub } = this.options;
    manager.onData((event) =>
      this.sendToViewers(event.id, (viewer) => hub.sendTo(viewer, 'terminalData', event)),
    );
    manager.onExit((event) =>
      this.sendToViewers(event.id, (viewer) => hub.sendTo(viewer, 'terminalExit', event)),
    );
    manager.onCommand(({ id, record }) => {
      this.sendToViewers(id, (viewer) => hub.sendTo(viewer, 'terminalCommand', { id, record }));
      const info = this.info(id);
      if (info) this.commandEvents.emit({ info, record });
    });
  }

  private viewerLeft(viewer: string): void {
    for (const viewers of this.watchers.values()) viewers.delete(viewer);
    this.manager?.detachViewer(viewer);
  }
}

/**
 * The shell when neither the settings nor SHELL name one (an app started by a launcher or a
 * service manager often has no SHELL): the account's login shell, as a terminal emulator picks it.
 */
function defaultShell(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'powershell.exe';
  try {
    return userInfo().shell || '/bin/sh';
  } catch {
    // No passwd entry for this user (some containers).
    return '/bin/sh';
  }
}

/** `<root>/<incident key as a file name>`, made if it is not there yet. */
async function incidentFolder(root: string, key: string): Promise<string> {
  const name = key
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 120);
  const dir = join(root, name || 'incident');
  await mkdir(dir, { recursive: true });
  return dir;
}
