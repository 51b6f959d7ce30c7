/** What to start in a new pseudo-terminal. */
export interface PtySpawnRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  /** The whole environment of the new process; nothing is inherited besides it. */
  env: Readonly<Record<string, string>>;
  cols: number;
  rows: number;
}

export interface PtyExit {
  exitCode: number;
  signal?: number;
}

/** One running pseudo-terminal. Data is text (UTF-8 decoded, sequences never split). */
export interface PtyProcess {
  readonly pid: number;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stops reading output; the program blocks once the kernel's buffer is full. */
  pause(): void;
  resume(): void;
  /**
   * Ends the shell and every process it started that is still in its session: a hangup first,
   * then a kill for whatever ignored it. Resolves once that sweep is done.
   */
  kill(): Promise<void>;
  /** Each returns its unsubscribe function. */
  onData(listener: (data: string) => void): () => void;
  onExit(listener: (exit: PtyExit) => void): () => void;
}

/** Starts programs in pseudo-terminals (the adapter: terminal/node-pty-host.ts). */
export interface PtyHost {
  spawn(request: PtySpawnRequest): PtyProcess;
}
