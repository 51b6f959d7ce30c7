import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalFlowControl } from '../../electron/common/terminal-limits.js';
import { attachViewer, terminalHarness } from '../support/terminal-harness.js';
import { until } from '../support/until.js';
import { yesStreamCheck } from '../support/yes-stream-check.js';

let harness: Awaited<ReturnType<typeof terminalHarness>>;

beforeAll(async () => {
  harness = await terminalHarness();
});

afterAll(async () => {
  await harness.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The flood the issue names: `yes | head -c 50M`. */
const floodBytes = 50 * 1024 * 1024;

describe('flow control on a pty flooding output', () => {
  it('pauses while the view stops acknowledging, resumes after, and loses or reorders nothing', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:flood' });
    await harness.prompted(terminal.id);
    const check = yesStreamCheck();
    const view = await attachViewer(manager, terminal.id, { onData: (data) => check.push(data) });
    manager.runStep(terminal.id, { stepId: 'flood', command: 'yes | head -c 50M' });
    await until(() => view.received() > 1_000_000, 'the flood to start', 10_000);

    // Three times the window is too busy to acknowledge: the pty must stop within the window.
    for (let stall = 0; stall < 3; stall++) {
      view.hold();
      await until(() => manager.flowState(terminal.id).paused, 'the pty to pause');
      const whenPaused = view.received();
      await sleep(300);
      expect(view.received() - whenPaused).toBeLessThan(terminalFlowControl.highWatermarkChars);
      view.release();
      await until(() => !manager.flowState(terminal.id).paused, 'the pty to resume');
      await sleep(200);
    }

    const record = await harness.finished(terminal.id, (r) => r.stepId === 'flood');
    const result = check.result();
    expect(result.problem).toBeUndefined();
    expect(result.finished).toBe(true);
    expect(result.lines).toBe(floodBytes / 2);
    expect(record.exitCode).toBe(0);
    expect(record.output.endsWith('y\ny\ny')).toBe(true);
    expect(record.outputTruncated).toBe(true); // 26 million lines; the mirror keeps 5 000
    expect(manager.flowState(terminal.id).pauses).toBeGreaterThanOrEqual(3);
    // The window plus what was already on its way (one batch, one read) at most.
    expect(view.mostOutstanding()).toBeLessThan(terminalFlowControl.highWatermarkChars + 100_000);
    // 50 MB through a pty and the headless mirror: about ten seconds, or two minutes on a slow machine.
  }, 180_000);
});
