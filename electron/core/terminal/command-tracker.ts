import type { BufferPosition, ShellMark } from './terminal-mirror.js';

/**
 * One command and its outcome, as the shell's marks told it. `running`: started, not finished
 * yet. `finished`: ended at `endedAt`, with the exit code if the shell reported one. `unknown`:
 * the shell gives no marks, so neither its start nor its end can be known.
 */
export interface CommandRecord {
  /** 1, 2, 3… per terminal: matches a command's start to its finish. */
  id: number;
  /** Set for commands sent by runStep; typed commands have none. */
  stepId?: string;
  /** The text sent for a step; for a typed command, its line as the screen showed it. */
  command: string;
  /** When runStep sent it. */
  sentAt?: number;
  /** When its output started (mark C), or when it was sent if the shell gives no marks. */
  startedAt: number;
  endedAt?: number;
  exitCode?: number;
  state: 'running' | 'finished' | 'unknown';
  /** Plain text, as the screen showed it; for an unfinished command, what is there so far. */
  output: string;
  /** True when the start of the output had already scrolled out of the kept scrollback. */
  outputTruncated: boolean;
}

/** What the tracker needs of the mirror. */
interface TrackedScreen {
  here(): BufferPosition;
  textBetween(start: BufferPosition, end?: BufferPosition): { text: string; startTrimmed: boolean };
}

interface Pending {
  record: CommandRecord;
  /** Where the screen was when it was sent: the output's start if the shell gives no C. */
  sentFrom: BufferPosition;
}

interface Running {
  record: CommandRecord;
  outputFrom: BufferPosition;
}

/** Records kept per terminal; the oldest go first. */
const defaultMaxRecords = 500;

function release(...positions: (BufferPosition | undefined)[]): void {
  for (const position of positions) position?.anchor.dispose();
}

/**
 * Turns a shell's marks into command records: a step sent with runStep takes the next command
 * that starts; commands typed by hand are recorded too. Several commands from one paste (a
 * multi-line step) count as one, from the first output mark to the next exit mark.
 */
export class CommandTracker {
  private readonly records: CommandRecord[] = [];
  private readonly pending: Pending[] = [];
  private running?: Running;
  private inputFrom?: BufferPosition;
  private sawAnyMark = false;
  private nextId = 1;

  constructor(
    private readonly screen: TrackedScreen,
    private readonly now: () => number,
    /** Told when a command starts and when it finishes, with a copy of its record. */
    private readonly changed: (record: CommandRecord) => void,
    private readonly maxRecords = defaultMaxRecords,
  ) {}

  /** True once the shell has marked anything: its commands' ends will be known. */
  get integrated(): boolean {
    return this.sawAnyMark;
  }

  /** True while a command the shell marked has not finished, or a sent step has not started. */
  get busy(): boolean {
    return this.sawAnyMark && (this.running !== undefined || this.pending.length > 0);
  }

  stepSent(stepId: string, command: string): void {
    const at = this.now();
    const record: CommandRecord = {
      id: this.nextId++,
      stepId,
      command,
      sentAt: at,
      startedAt: at,
      state: this.sawAnyMark ? 'running' : 'unknown',
      output: '',
      outputTruncated: false,
    };
    this.pending.push({ record, sentFrom: this.screen.here() });
    this.keep(record);
  }

  mark(mark: ShellMark): void {
    this.sawAnyMark = true;
    for (const { record } of this.pending) if (record.state === 'unknown') record.state = 'running';
    switch (mark.kind) {
      case 'B':
        release(this.inputFrom);
        this.inputFrom = mark.position;
        return;
      case 'C':
        return this.started(mark.position);
      case 'D':
        return this.finished(mark);
      case 'A':
        return release(mark.position);
    }
  }

  /** Every record, oldest first; unfinished ones carry their output so far. */
  list(): CommandRecord[] {
    return this.records.map((record) => {
      const from = this.liveOutputStart(record);
      if (!from) return { ...record };
      const { text, startTrimmed } = this.screen.textBetween(from, this.nextSentAfter(record));
      return { ...record, output: text, outputTruncated: startTrimmed };
    });
  }

  private started(position: BufferPosition): void {
    if (this.running) return release(position); // the next command of the same paste
    const step = this.pending.shift();
    if (step) release(step.sentFrom);
    const record = step?.record ?? this.typedRecord(position);
    record.startedAt = this.now();
    record.state = 'running';
    this.running = { record, outputFrom: position };
    if (!step) this.keep(record);
    this.changed({ ...record });
  }

  private finished(mark: ShellMark): void {
    let running = this.running;
    if (!running) {
      // A step that never started: a syntax error, or a shell without output marks (bash before
      // 4.4). Its output is all the screen shows since it was sent, the command line included.
      const step = this.pending.shift();
      if (step) running = { record: step.record, outputFrom: step.sentFrom };
    }
    if (!running) return release(mark.position); // a prompt after an empty line
    const { text, startTrimmed } = this.screen.textBetween(running.outputFrom, mark.position);
    Object.assign(running.record, {
      endedAt: this.now(),
      state: 'finished',
      output: text,
      outputTruncated: startTrimmed,
      ...(mark.exitCode === undefined ? {} : { exitCode: mark.exitCode }),
    });
    release(running.outputFrom, mark.position);
    this.running = undefined;
    this.changed({ ...running.record });
  }

  /** A command typed by hand: its text is what the screen shows between the prompt and C. */
  private typedRecord(outputFrom: BufferPosition): CommandRecord {
    const line = this.inputFrom ? this.screen.textBetween(this.inputFrom, outputFrom).text : '';
    return {
      id: this.nextId++,
      command: line.trim(),
      startedAt: this.now(),
      state: 'running',
      output: '',
      outputTruncated: false,
    };
  }

  /** Where the output of a record that has not finished starts, if it has any yet. */
  private liveOutputStart(record: CommandRecord): BufferPosition | undefined {
    if (this.running?.record === record) return this.running.outputFrom;
    if (record.state !== 'unknown') return undefined;
    return this.pending.find((step) => step.record === record)?.sentFrom;
  }

  /** Output of a step with unknown end runs until the next step was sent. */
  private nextSentAfter(record: CommandRecord): BufferPosition | undefined {
    if (record.state !== 'unknown') return undefined;
    const index = this.pending.findIndex((step) => step.record === record);
    return this.pending[index + 1]?.sentFrom;
  }

  private keep(record: CommandRecord): void {
    this.records.push(record);
    while (this.records.length > this.maxRecords) {
      const dropped = this.records.shift()!;
      const index = this.pending.findIndex((step) => step.record === dropped);
      if (index >= 0) release(...this.pending.splice(index, 1).map((step) => step.sentFrom));
    }
  }
}
