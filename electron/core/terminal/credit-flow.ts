interface CreditFlowOptions {
  /** Above this many unacknowledged characters for any consumer, the pty is paused… */
  highWatermark: number;
  /** …and it resumes once every consumer is below this. */
  lowWatermark: number;
  pause: () => void;
  resume: () => void;
}

/**
 * Credit-based flow control over a pty's output, for any number of consumers (each attached
 * view, and the headless mirror): every character sent is owed by each of them until that
 * consumer acknowledges it, and the slowest one sets the pace. A consumer that leaves no longer
 * holds the pty back.
 */
export class CreditFlow {
  private readonly owed = new Map<string, number>();
  private paused = false;
  private pauseCount = 0;

  constructor(private readonly options: CreditFlowOptions) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** How often the pty has been paused so far. */
  get pauses(): number {
    return this.pauseCount;
  }

  /** What `consumer` has not acknowledged yet; undefined for one that is not attached. */
  unacknowledged(consumer: string): number | undefined {
    return this.owed.get(consumer);
  }

  /** A consumer starts owing from the next character sent. */
  attach(consumer: string): void {
    this.owed.set(consumer, 0);
  }

  detach(consumer: string): void {
    this.owed.delete(consumer);
    this.update();
  }

  sent(chars: number): void {
    for (const [consumer, owed] of this.owed) this.owed.set(consumer, owed + chars);
    this.update();
  }

  /** Unknown consumers are ignored (an ack that crossed a detach); the count never goes below 0. */
  ack(consumer: string, chars: number): void {
    const owed = this.owed.get(consumer);
    if (owed === undefined) return;
    this.owed.set(consumer, Math.max(0, owed - chars));
    this.update();
  }

  private update(): void {
    let most = 0;
    for (const owed of this.owed.values()) most = Math.max(most, owed);
    if (!this.paused && most > this.options.highWatermark) {
      this.paused = true;
      this.pauseCount++;
      this.options.pause();
    } else if (this.paused && most < this.options.lowWatermark) {
      this.paused = false;
      this.options.resume();
    }
  }
}
