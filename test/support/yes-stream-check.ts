const outputStart = '\x1b]133;C\x07';
const outputEnd = '\x1b]133;D;';
const line = 'y\r\n';

/**
 * Checks, chunk by chunk, a terminal's raw output while it runs `yes | head -c N`: between the
 * shell's output-start and command-finished marks there must be nothing but whole "y" lines
 * (the pty turns \n into \r\n), in order, none lost or doubled. Holds a few characters only.
 */
export function yesStreamCheck() {
  let phase: 'before' | 'inside' | 'after' = 'before';
  let tail = '';
  let lines = 0;
  let column = 0;
  let problem: string | undefined;

  const inside = (data: string, from: number) => {
    for (let i = from; i < data.length; i++) {
      const char = data[i]!;
      if (char === '\x1b' && column === 0) {
        phase = 'after';
        tail = data.slice(i);
        return;
      }
      if (char !== line[column]) {
        problem ??= `unexpected ${JSON.stringify(char)} after ${lines} lines, column ${column}`;
        return;
      }
      column = (column + 1) % line.length;
      if (column === 0) lines++;
    }
  };

  return {
    push(data: string) {
      if (problem) return;
      if (phase === 'inside') return inside(data, 0);
      // After the end: keep just enough to read the finished mark, which may arrive in pieces.
      if (phase === 'after') return void (tail = (tail + data).slice(0, outputEnd.length));
      const seen = tail + data;
      tail = seen.slice(-outputStart.length);
      const start = seen.indexOf(outputStart);
      if (start < 0) return;
      phase = 'inside';
      tail = '';
      inside(seen.slice(start + outputStart.length), 0);
    },
    /** Lines seen between the marks, once the finished mark arrived. */
    result(): { lines: number; finished: boolean; problem?: string } {
      const finished = phase === 'after' && tail.startsWith(outputEnd);
      return { lines, finished, ...(problem ? { problem } : {}) };
    },
  };
}
