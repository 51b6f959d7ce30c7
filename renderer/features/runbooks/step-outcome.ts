import type { StepProgress } from '../../../electron/common/model/runbook-progress.js';

/** How a step's last run went, in a few words, and the tone to show it in. */
export function stepOutcome(progress: StepProgress | undefined): {
  text: string;
  tone: 'none' | 'running' | 'ok' | 'failed' | 'unknown';
} {
  if (!progress) return { text: 'Not run yet', tone: 'none' };
  const times = progress.runs === 1 ? '' : ` (run ${progress.runs} times)`;
  if (progress.state === 'running') return { text: `Running…${times}`, tone: 'running' };
  if (progress.state === 'unknown') {
    return { text: `Sent; this shell does not say when it ends${times}`, tone: 'unknown' };
  }
  if (progress.exitCode === undefined)
    return { text: `Ended, exit code unknown${times}`, tone: 'unknown' };
  return progress.exitCode === 0
    ? { text: `Exit 0${times}`, tone: 'ok' }
    : { text: `Exit ${progress.exitCode}${times}`, tone: 'failed' };
}
