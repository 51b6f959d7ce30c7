/**
 * What both sides of the terminal wiring agree on: the sizes a request may have, and the flow
 * control numbers (VS Code's, RUNBOOKS.md §2.2). Characters are UTF-16 code units, the length
 * of the data strings as both ends see them.
 */
export const terminalLimits = {
  /** One input message (keystrokes, a paste). */
  maxInputChars: 64 * 1024,
  /** One step's command, as sent by Run. */
  maxCommandChars: 64 * 1024,
  minCols: 1,
  maxCols: 1000,
  minRows: 1,
  maxRows: 500,
  /** Terminals open at once: one per incident being worked, plus the free one. */
  maxTerminals: 16,
} as const;

export const terminalFlowControl = {
  /** Unacknowledged characters above which the pty is paused… */
  highWatermarkChars: 100_000,
  /** …and below which it resumes. */
  lowWatermarkChars: 5_000,
  /** A view acknowledges after parsing this many characters (xterm's write callback). */
  ackEveryChars: 5_000,
} as const;
