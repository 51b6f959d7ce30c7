import { describe, expect, it } from 'vitest';
import { logBatch, type Log } from '../../../../electron/core/ports/log.js';

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), warn() {}, error() {} };
}

describe('logging a batch', () => {
  it('writes the first ten lines and counts the rest by kind', () => {
    const log = recordingLog();
    const events = Array.from({ length: 25 }, (_, i) => ({
      id: i,
      kind: i % 3 ? 'new' : 'resolved',
    }));
    logBatch(log, events, { kind: (e) => e.kind, text: (e) => `${e.kind} #${e.id}` }, 'feed: ');
    expect(log.lines).toEqual([
      ...events.slice(0, 10).map((e) => `feed: ${e.kind} #${e.id}`),
      'feed: … and 15 more (10 new, 5 resolved)',
    ]);
  });

  it('puts only the lines it writes into words, however large the storm', () => {
    const log = recordingLog();
    let described = 0;
    const storm = Array.from({ length: 10_000 }, (_, i) => i);
    logBatch(log, storm, { kind: () => 'new', text: (i) => `page ${i} (${++described})` });
    expect(described).toBe(10);
    expect(log.lines.at(-1)).toBe('… and 9990 more (9990 new)');
  });

  it('writes a small batch whole, with no count', () => {
    const log = recordingLog();
    logBatch(log, ['a', 'b'], { kind: () => 'x', text: (s) => s });
    expect(log.lines).toEqual(['a', 'b']);
  });
});
