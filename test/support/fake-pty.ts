import { createEmitter } from '../../electron/common/emitter.js';
import type {
  PtyExit,
  PtyHost,
  PtyProcess,
  PtySpawnRequest,
} from '../../electron/core/ports/pty-host.js';

/** A pty a test drives by hand: it says what the shell "printed" and sees what was typed. */
export class FakePty implements PtyProcess {
  readonly pid = 4242;
  readonly written: string[] = [];
  readonly sizes: [number, number][] = [];
  paused = false;
  pauses = 0;
  killed = false;
  private readonly data = createEmitter<string>();
  private readonly exit = createEmitter<PtyExit>();

  write(data: string): void {
    this.written.push(data);
  }

  resize(cols: number, rows: number): void {
    this.sizes.push([cols, rows]);
  }

  pause(): void {
    if (!this.paused) this.pauses++;
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  async kill(): Promise<void> {
    this.killed = true;
    this.exit.emit({ exitCode: 0, signal: 1 });
  }

  onData(listener: (data: string) => void): () => void {
    return this.data.on(listener);
  }

  onExit(listener: (exit: PtyExit) => void): () => void {
    return this.exit.on(listener);
  }

  /** The shell printed `data`. */
  print(data: string): void {
    this.data.emit(data);
  }

  exitWith(exitCode: number): void {
    this.exit.emit({ exitCode });
  }
}

/** A PtyHost that hands out FakePtys and remembers what it was asked to start. */
export function fakePtyHost() {
  const spawned: { request: PtySpawnRequest; pty: FakePty }[] = [];
  const host: PtyHost = {
    spawn(request) {
      const pty = new FakePty();
      spawned.push({ request, pty });
      return pty;
    },
  };
  return { host, spawned };
}
