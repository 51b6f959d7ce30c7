import { createEmitter } from '../../common/emitter.js';
import { CommandError } from '../../common/contract/command-error.js';
import { terminalFlowControl, terminalLimits } from '../../common/terminal-limits.js';
import type { Clock } from '../ports/clock.js';
import type { PtyExit, PtyHost } from '../ports/pty-host.js';
import type { CommandRecord } from './command-tracker.js';
import { installShellIntegration, shellLaunch } from './shell-integration.js';
import { shellEnvironment } from './shell-environment.js';
import { checkAck, checkEnv, checkInput, checkSize, checkStep } from './request-checks.js';
import { checkDirectory, resolveExecutable } from './spawn-checks.js';
import { TerminalSession, type SessionTuning, type TerminalSnapshot } from './terminal-session.js';

export interface OpenTerminalRequest {
  /** The incident this terminal works on; none for the free terminal. Each has at most one. */
  incidentKey?: string;
  /** Absolute path of an existing directory. */
  cwd: string;
  /** A path, or a name looked up on PATH. */
  shell: string;
  /** Start it as a login shell (reads the profile files), as macOS terminals do. */
  login?: boolean;
  /** Added to the environment, e.g. a runbook's label exports. */
  env?: Readonly<Record<string, string>>;
  cols: number;
  rows: number;
}

export interface TerminalInfo {
  id: string;
  incidentKey?: string;
  cwd: string;
  shell: string;
  pid: number;
  cols: number;
  rows: number;
  /** Whether the shell marks its commands (OSC 133): without, a step's end is unknown. */
  integrated: boolean;
  /** Set once the shell has exited; the terminal stays readable until it is closed. */
  exit?: PtyExit;
}

export interface TerminalData {
  id: string;
  /** 1, 2, 3… per terminal, so a view can line data up with a snapshot. */
  seq: number;
  data: string;
}

export interface StepRequest {
  /** Names the record; the runbook's step id. */
  stepId: string;
  /** The rendered command, every placeholder value already quoted. */
  command: string;
  /** Exported before the command where the shell does not have these values yet. */
  env?: Readonly<Record<string, string>>;
}

interface TerminalManagerOptions {
  ptyHost: PtyHost;
  clock: Clock;
  /** A private folder for the shell startup files (written on create). */
  integrationDir: string;
  /** The environment shells start from; defaults to this process's. */
  baseEnv?: Readonly<Record<string, string | undefined>>;
  tuning?: Partial<SessionTuning>;
}

const defaultTuning: SessionTuning = {
  batchDelayMs: 5,
  batchMaxChars: 64 * 1024,
  highWatermarkChars: terminalFlowControl.highWatermarkChars,
  lowWatermarkChars: terminalFlowControl.lowWatermarkChars,
  scrollbackLines: 5_000,
  exitDrainMs: 250,
};

/**
 * Every terminal of the app: one per incident being worked plus a free one, each a shell in a
 * pty with its mirror, batching, flow control and command records (see TerminalSession).
 * Requests are checked here as well as by the contract: the core never trusts its caller.
 */
export class TerminalManager {
  private readonly sessions = new Map<string, { info: TerminalInfo; session: TerminalSession }>();
  private readonly dataEvents = createEmitter<TerminalData>();
  private readonly exitEvents = createEmitter<{ id: string } & PtyExit>();
  private readonly commandEvents = createEmitter<{ id: string; record: CommandRecord }>();
  /** Opens under way, by slot, so two clicks on one incident open one terminal. */
  private readonly opening = new Map<string | undefined, Promise<TerminalInfo>>();
  private readonly tuning: SessionTuning;
  private nextId = 1;

  private constructor(private readonly options: TerminalManagerOptions) {
    this.tuning = { ...defaultTuning, ...options.tuning };
  }

  static async create(options: TerminalManagerOptions): Promise<TerminalManager> {
    await installShellIntegration(options.integrationDir);
    return new TerminalManager(options);
  }

  /** Batched output, in order per terminal. A view acknowledges it with `ack`. */
  onData(listener: (event: TerminalData) => void): () => void {
    return this.dataEvents.on(listener);
  }

  /** The shell exited (after its last output was sent). */
  onExit(listener: (event: { id: string } & PtyExit) => void): () => void {
    return this.exitEvents.on(listener);
  }

  /** A command (a step, or one typed by hand) started or finished. */
  onCommand(listener: (event: { id: string; record: CommandRecord }) => void): () => void {
    return this.commandEvents.on(listener);
  }

  list(): TerminalInfo[] {
    return [...this.sessions.values()].map(({ info, session }) => this.infoOf(info, session));
  }

  /**
   * Opens the terminal for `incidentKey` (or the free one), or returns the one already open
   * for it if its shell still runs; one whose shell exited is replaced.
   */
  async open(request: OpenTerminalRequest): Promise<TerminalInfo> {
    checkSize(request.cols, request.rows);
    checkEnv(request.env ?? {});
    const slot = request.incidentKey;
    const underWay = this.opening.get(slot);
    if (underWay) return underWay;
    const opened = this.openInSlot(request).finally(() => this.opening.delete(slot));
    this.opening.set(slot, opened);
    return opened;
  }

  /** Keystrokes and pastes from a view. */
  input(id: string, data: string): void {
    checkInput(data);
    this.get(id).session.input(data);
  }

  resize(id: string, cols: number, rows: number): void {
    checkSize(cols, rows);
    this.get(id).session.resize(cols, rows);
  }

  /**
   * A view (a window, a browser tab: any id unique to it) starts showing `id`: it gets the
   * screen so far, and from then on its acknowledgements pace the pty.
   */
  attach(id: string, viewer: string): Promise<TerminalSnapshot> {
    return this.get(id).session.attach(viewer);
  }

  /** The view no longer shows `id`, or is gone: it stops holding the pty back. */
  detach(id: string, viewer: string): void {
    this.sessions.get(id)?.session.detach(viewer);
  }

  /** A view closed or disconnected: it stops holding back any terminal. */
  detachViewer(viewer: string): void {
    for (const { session } of this.sessions.values()) session.detach(viewer);
  }

  /** `chars` more characters of `id` parsed by `viewer` (see terminalFlowControl). */
  ack(id: string, viewer: string, chars: number): void {
    checkAck(chars);
    this.sessions.get(id)?.session.ack(viewer, chars);
  }

  /**
   * Runs a runbook step: types its command into the shell as if the responder had (as a
   * bracketed paste where the shell enabled it) and records its start, end, exit code and output.
   */
  runStep(id: string, step: StepRequest): void {
    const { session } = this.get(id);
    checkStep(step);
    if (session.exitStatus)
      throw new CommandError({ code: 'failed', message: 'the shell has exited' });
    if (session.busy) {
      throw new CommandError({
        code: 'failed',
        message: 'a command is still running in this terminal; wait for it or stop it first',
      });
    }
    session.runStep(step.stepId, step.command, step.env ?? {});
  }

  /** Every command recorded in `id`, oldest first: what a transcript is made from. */
  commands(id: string): CommandRecord[] {
    return this.get(id).session.commands();
  }

  /**
   * Everything the terminal still keeps (5 000 lines of scrollback by default) as plain text,
   * without colours or escape sequences: the local copy of a session.
   */
  text(id: string): string {
    return this.get(id).session.text();
  }

  /** Flow control state, for tests and the benchmark. */
  flowState(id: string): { paused: boolean; pauses: number } {
    return this.get(id).session.flowState;
  }

  /** Ends the shell and everything it started; the terminal is gone afterwards. */
  async close(id: string): Promise<void> {
    const entry = this.get(id);
    await entry.session.close();
    this.sessions.delete(id);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    this.dataEvents.clear();
    this.exitEvents.clear();
    this.commandEvents.clear();
  }

  private async openInSlot(request: OpenTerminalRequest): Promise<TerminalInfo> {
    const existing = this.findSlot(request.incidentKey);
    if (existing && !existing.session.exitStatus)
      return this.infoOf(existing.info, existing.session);
    if (existing) await this.close(existing.info.id);
    if (this.sessions.size >= terminalLimits.maxTerminals) {
      throw new CommandError({
        code: 'failed',
        message: `${terminalLimits.maxTerminals} terminals are open already; close one first`,
      });
    }
    const baseEnv = shellEnvironment(this.options.baseEnv ?? process.env, request.env ?? {});
    const cwd = await checkDirectory(request.cwd);
    const shell = await resolveExecutable(request.shell, baseEnv.PATH);
    const launch = shellLaunch(shell, {
      login: request.login ?? false,
      dir: this.options.integrationDir,
      env: baseEnv,
    });
    const env = { ...baseEnv, ...launch.env };
    const pty = this.options.ptyHost.spawn({
      file: shell,
      args: launch.args,
      cwd,
      env,
      cols: request.cols,
      rows: request.rows,
    });
    const id = `t${this.nextId++}`;
    const session = new TerminalSession({
      pty,
      clock: this.options.clock,
      cols: request.cols,
      rows: request.rows,
      env: baseEnv,
      tuning: this.tuning,
      onData: (seq, data) => this.dataEvents.emit({ id, seq, data }),
      onExit: (exit) => this.exitEvents.emit({ id, ...exit }),
      onCommand: (record) => this.commandEvents.emit({ id, record }),
    });
    const info: TerminalInfo = {
      id,
      ...(request.incidentKey === undefined ? {} : { incidentKey: request.incidentKey }),
      cwd,
      shell,
      pid: pty.pid,
      cols: request.cols,
      rows: request.rows,
      integrated: false,
    };
    this.sessions.set(id, { info, session });
    return this.infoOf(info, session);
  }

  private get(id: string) {
    const entry = this.sessions.get(id);
    if (!entry)
      throw new CommandError({ code: 'failed', message: `no terminal ${id}; it was closed` });
    return entry;
  }

  private findSlot(incidentKey: string | undefined) {
    return [...this.sessions.values()].find((entry) => entry.info.incidentKey === incidentKey);
  }

  private infoOf(info: TerminalInfo, session: TerminalSession): TerminalInfo {
    const exit = session.exitStatus;
    return { ...info, ...session.size, integrated: session.integrated, ...(exit ? { exit } : {}) };
  }
}
