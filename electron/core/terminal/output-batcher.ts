import type { Clock, TimerHandle } from '../ports/clock.js';

interface OutputBatcherOptions {
  clock: Clock;
  /** How long the first chunk of a batch waits for more. */
  delayMs: number;
  /** A batch this long goes out at once, so one message stays a bounded size. */
  maxChars: number;
  flush: (data: string) => void;
}

/**
 * Joins a pty's many small reads into one message per few milliseconds: a flood costs a few
 * hundred messages a second instead of tens of thousands, and a keystroke's echo still comes back
 * within `delayMs`.
 */
export class OutputBatcher {
  private chunks: string[] = [];
  private chars = 0;
  private timer?: TimerHandle;

  constructor(private readonly options: OutputBatcherOptions) {}

  push(data: string): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.chars += data.length;
    if (this.chars >= this.options.maxChars) this.flush();
    else this.timer ??= this.options.clock.setTimeout(() => this.flush(), this.options.delayMs);
  }

  /** Sends whatever is waiting now (before exit, before a snapshot). */
  flush(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.chars === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    this.chars = 0;
    this.options.flush(data);
  }

  /** Drops what is waiting and the timer: the terminal is gone. */
  dispose(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.chunks = [];
    this.chars = 0;
  }
}
