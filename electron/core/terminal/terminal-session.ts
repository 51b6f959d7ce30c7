import type { Clock, TimerHandle } from '../ports/clock.js';
import type { PtyExit, PtyProcess } from '../ports/pty-host.js';
import { CommandTracker, type CommandRecord } from './command-tracker.js';
import { CreditFlow } from './credit-flow.js';
import { OutputBatcher } from './output-batcher.js';
import { TerminalMirror } from './terminal-mirror.js';
import { exportLines, keystrokesFor } from './typed-command.js';

export interface SessionTuning {
  batchDelayMs: number;
  batchMaxChars: number;
  highWatermarkChars: number;
  lowWatermarkChars: number;
  scrollbackLines: number;
  /** How long after the shell exits its last output may still arrive. */
  exitDrainMs: number;
}

interface TerminalSessionOptions {
  pty: PtyProcess;
  clock: Clock;
  cols: number;
  rows: number;
  /** The shell's environment, so a step exports only what differs. */
  env: Readonly<Record<string, string>>;
  tuning: SessionTuning;
  onData: (seq: number, data: string) => void;
  onExit: (exit: PtyExit) => void;
  /** A command started or finished. */
  onCommand: (record: CommandRecord) => void;
}

/** What a view needs to draw a terminal it did not see from the start. */
export interface TerminalSnapshot {
  /** The data message this includes up to: apply later messages only (seq greater). */
  seq: number;
  cols: number;
  rows: number;
  /** Scrollback, screen, cursor and modes as one VT sequence (see serializeScreen). */
  screen: string;
}

/** The headless mirror owes acknowledgements like any view: a flood cannot outrun its parser. */
const mirrorConsumer = '\0mirror';

/** How long close waits, past the drain, for a killed shell's exit before it lets go anyway. */
const closeWaitMs = 2_000;

/**
 * One shell in a pty, and everything between it and its views: output batched into numbered
 * messages, credit-based flow control across the views and the mirror, the mirror itself, and
 * the record of commands the shell marks.
 */
export class TerminalSession {
  private seq = 0;
  private exit?: PtyExit;
  private disposed = false;
  private readonly exitReported: Promise<void>;
  private reportExit!: () => void;
  private readonly env: Record<string, string>;
  private readonly batcher: OutputBatcher;
  private readonly flow: CreditFlow;
  private readonly mirror: TerminalMirror;
  private readonly tracker: CommandTracker;
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly options: TerminalSessionOptions) {
    const { pty, clock, tuning } = options;
    this.env = { ...options.env };
    this.exitReported = new Promise((resolve) => (this.reportExit = resolve));
    this.flow = new CreditFlow({
      highWatermark: tuning.highWatermarkChars,
      lowWatermark: tuning.lowWatermarkChars,
      pause: () => pty.pause(),
      resume: () => pty.resume(),
    });
    this.flow.attach(mirrorConsumer);
    this.batcher = new OutputBatcher({
      clock,
      delayMs: tuning.batchDelayMs,
      maxChars: tuning.batchMaxChars,
      flush: (data) => this.send(data),
    });
    this.mirror = new TerminalMirror({
      cols: options.cols,
      rows: options.rows,
      scrollback: tuning.scrollbackLines,
      onShellMark: (mark) => this.tracker.mark(mark),
    });
    this.tracker = new CommandTracker(this.mirror, () => clock.now(), options.onCommand);
    this.unsubscribe = [
      pty.onData((data) => this.batcher.push(data)),
      pty.onExit((exit) => this.exited(exit)),
    ];
  }

  get pid(): number {
    return this.options.pty.pid;
  }

  get exitStatus(): PtyExit | undefined {
    return this.exit;
  }

  get integrated(): boolean {
    return this.tracker.integrated;
  }

  /** Paused by flow control now, and how often so far. */
  get flowState(): { paused: boolean; pauses: number } {
    return { paused: this.flow.isPaused, pauses: this.flow.pauses };
  }

  get size(): { cols: number; rows: number } {
    return { cols: this.mirror.cols, rows: this.mirror.rows };
  }

  input(data: string): void {
    if (!this.exit) this.options.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    this.options.pty.resize(cols, rows);
    // After what is already queued for the mirror, which the shell wrote at the old size.
    this.mirror.write('', () => this.mirror.resize(cols, rows));
  }

  /**
   * Starts counting `viewer`'s acknowledgements and gives it the screen as of now. Data
   * messages after the snapshot's seq are the ones it must apply on top.
   */
  attach(viewer: string): Promise<TerminalSnapshot> {
    this.batcher.flush();
    this.flow.attach(viewer);
    const seq = this.seq;
    return new Promise((resolve) => {
      // Parsed in order: when this runs the mirror holds exactly the data up to `seq`.
      this.mirror.write('', () => resolve({ seq, ...this.size, screen: this.mirror.snapshot() }));
    });
  }

  detach(viewer: string): void {
    this.flow.detach(viewer);
  }

  ack(viewer: string, chars: number): void {
    this.flow.ack(viewer, chars);
  }

  /** True while the shell is running a command, or has not yet started a step it was sent. */
  get busy(): boolean {
    return this.tracker.busy;
  }

  /**
   * Types `command` into the shell and presses Enter, first exporting the variables of `env`
   * the shell does not already have with those values. The command is recorded as `stepId`.
   */
  runStep(stepId: string, command: string, env: Readonly<Record<string, string>>): void {
    const missing = Object.fromEntries(
      Object.entries(env).filter(([name, value]) => this.env[name] !== value),
    );
    const text = [...exportLines(missing), command].join('\n');
    this.tracker.stepSent(stepId, text);
    this.options.pty.write(keystrokesFor(text, this.mirror.bracketedPasteMode));
    Object.assign(this.env, missing);
  }

  commands(): CommandRecord[] {
    return this.tracker.list();
  }

  /** The kept scrollback and screen as plain text. */
  text(): string {
    return this.mirror.allText();
  }

  /**
   * Ends the shell and what it started, waits (a bounded time) for its exit to be reported,
   * then lets go of everything.
   */
  async close(): Promise<void> {
    await this.options.pty.kill();
    const { clock, tuning } = this.options;
    let timer: TimerHandle | undefined;
    await Promise.race([
      this.exitReported,
      new Promise<void>((resolve) => {
        timer = clock.setTimeout(resolve, tuning.exitDrainMs + closeWaitMs);
      }),
    ]);
    if (timer) clock.clearTimeout(timer);
    this.disposed = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.batcher.dispose();
    this.mirror.dispose();
  }

  private send(data: string): void {
    if (this.disposed) return;
    this.seq++;
    this.flow.sent(data.length);
    this.mirror.write(data, () => this.flow.ack(mirrorConsumer, data.length));
    this.options.onData(this.seq, data);
  }

  private exited(exit: PtyExit): void {
    // Whatever is still in the kernel's buffer must come out, paused or not.
    this.options.pty.resume();
    this.options.clock.setTimeout(() => {
      this.batcher.flush();
      this.exit = exit;
      this.options.onExit(exit);
      this.reportExit();
    }, this.options.tuning.exitDrainMs);
  }
}
