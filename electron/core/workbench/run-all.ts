import { CommandError } from '../../common/contract/command-error.js';
import type { RunAllState } from '../../common/contract/terminal-contract.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { TerminalService } from '../terminal/terminal-service.js';
import type { RunbookDesk } from './runbook-desk.js';

interface Run {
  id: string;
  key: string;
  runbookId: string;
  remaining: string[];
  current?: { step: string; stepId: string };
  timer?: TimerHandle;
}

interface RunAllOptions {
  desk: RunbookDesk;
  terminals: TerminalService;
  clock: Clock;
  /** Where each change of a run goes (the terminal's viewers). */
  report: (state: RunAllState) => void;
}

/**
 * After a step ends the shell draws its prompt and turns bracketed paste back on; the next step
 * waits for that, so a multi-line step is still pasted as one.
 */
const promptSettleMs = 200;

const failed = (message: string) => new CommandError({ code: 'failed', message });

/**
 * "Run all": the runbook's steps marked for it, one at a time in the incident's terminal, each
 * once the one before finished with exit code 0. Dangerous and blocked steps are never in it
 * (see render-runbook.ts); a failure, a closed terminal or Stop ends the run.
 */
export class RunAll {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly options: RunAllOptions) {
    options.terminals.onCommand(({ info, record }) => {
      const run = this.runs.get(info.id);
      if (!run?.current || record.stepId !== run.current.stepId || record.state !== 'finished') {
        return;
      }
      const { step } = run.current;
      run.current = undefined;
      if (record.exitCode === 0) return this.next(run);
      const ending =
        record.exitCode === undefined
          ? 'without an exit code'
          : `with exit code ${record.exitCode}`;
      this.end(run, `“${step}” ended ${ending}; the rest did not run.`);
    });
  }

  start(id: string, key: string, runbookId: string): string[] {
    const { desk } = this.options;
    const terminal = desk.terminalFor(id, key);
    if (this.runs.has(id)) throw failed('Run all is already running in this terminal.');
    if (!terminal.integrated) {
      throw failed(
        'This shell does not report when a command ends, so Run all cannot wait for each step; run them one by one.',
      );
    }
    const steps = desk
      .rendered(key, runbookId)
      .steps.filter((step) => step.inRunAll)
      .map((step) => step.name);
    if (steps.length === 0) throw failed('No step of this runbook is part of Run all.');
    const run: Run = { id, key, runbookId, remaining: [...steps] };
    this.runs.set(id, run);
    this.next(run, 0);
    return steps;
  }

  stop(id: string): void {
    const run = this.runs.get(id);
    if (run) this.end(run, 'Stopped; the step under way goes on until it ends.');
  }

  private next(run: Run, delayMs = promptSettleMs): void {
    const step = run.remaining.shift();
    if (step === undefined) return this.end(run, 'Every step ran and ended with exit code 0.');
    const { clock, desk } = this.options;
    run.timer = clock.setTimeout(() => {
      run.timer = undefined;
      if (this.runs.get(run.id) !== run) return;
      try {
        const stepId = desk.runStep(run.id, { key: run.key, runbookId: run.runbookId, step });
        run.current = { step, stepId };
        this.report(run, false);
      } catch (error) {
        this.end(run, `“${step}” could not start: ${(error as Error).message}`);
      }
    }, delayMs);
    this.report(run, false);
  }

  private end(run: Run, message: string): void {
    if (run.timer) this.options.clock.clearTimeout(run.timer);
    this.runs.delete(run.id);
    this.report(run, true, message);
  }

  private report(run: Run, done: boolean, message?: string): void {
    this.options.report({
      id: run.id,
      key: run.key,
      runbookId: run.runbookId,
      ...(run.current && { current: run.current.step }),
      remaining: [...run.remaining],
      done,
      ...(message !== undefined && { message }),
    });
  }
}
