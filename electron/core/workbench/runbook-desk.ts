import { CommandError } from '../../common/contract/command-error.js';
import type { CommandResponse } from '../../common/contract/ipc-contract.js';
import type { Incident } from '../../common/model/incident.js';
import type { RenderedRunbook, RenderedStep, RunbookMatch } from '../../common/model/runbook.js';
import { checklistKey, type RunbookProgress } from '../../common/model/runbook-progress.js';
import type { TerminalInfo } from '../../common/contract/terminal-contract.js';
import type { TerminalService } from '../terminal/terminal-service.js';
import { resolveExecutable } from '../terminal/spawn-checks.js';
import { incidentFacts } from '../runbooks/incident-facts.js';
import type { RunbookLibrary } from '../runbooks/runbook-library.js';
import type { RunbookProgressStore } from '../runbooks/runbook-progress-store.js';
import { writeDraft } from '../runbooks/runbook-draft.js';

export interface RunbookDeskOptions {
  library: RunbookLibrary;
  progress: RunbookProgressStore;
  terminals: TerminalService;
  /** The incident as the window shows it, if it is still known. */
  incident: (key: string) => Incident | undefined;
  /** Where `requires` are looked up. */
  path?: string;
}

/** Which runbook and step a step id sent to a terminal stands for. */
export interface SentStep {
  runbookId: string;
  step: string;
}

export interface StepRun {
  key: string;
  runbookId: string;
  step: string;
  confirmed?: boolean;
  typed?: string;
}

const failed = (message: string) => new CommandError({ code: 'failed', message });

/**
 * Runbooks at work on incidents: which answer an incident, each filled in for it, the
 * responder's progress, and steps typed into the incident's terminal. A step is rendered again
 * here when it runs, so what runs is what the runbook says for the incident now, and a dangerous
 * step runs only with the confirmation it asks for.
 */
export class RunbookDesk {
  private readonly sent = new Map<string, SentStep>();

  constructor(private readonly options: RunbookDeskOptions) {
    options.terminals.onCommand(({ info, record }) => {
      const step = this.sentStepOf(record.stepId);
      if (!step || info.incidentKey === undefined) return;
      void options.progress.stepUpdated(info.incidentKey, step.runbookId, step.step, {
        state: record.state,
        ...(record.exitCode !== undefined && { exitCode: record.exitCode }),
        ...(record.endedAt !== undefined && { endedAt: new Date(record.endedAt).toISOString() }),
      });
    });
  }

  list(): CommandResponse<'listRunbooks'> {
    const { library } = this.options;
    const draftFolder = library.draftFolder();
    return {
      runbooks: library.list(),
      problems: library.problems(),
      folders: library.folderStatuses(),
      ...(draftFolder !== undefined && { draftFolder }),
    };
  }

  match(key: string): RunbookMatch {
    return this.options.library.match(incidentFacts(this.incident(key)));
  }

  async render(key: string, runbookId: string): Promise<CommandResponse<'renderRunbook'>> {
    const runbook = this.rendered(key, runbookId);
    const missingTools: string[] = [];
    for (const tool of runbook.requires) {
      await resolveExecutable(tool, this.options.path ?? process.env.PATH).catch(() =>
        missingTools.push(tool),
      );
    }
    return { runbook, progress: this.options.progress.get(key, runbookId), missingTools };
  }

  /** Writes "Create a runbook for this alert"'s file and loads it; returns where it is. */
  async createDraft(key: string): Promise<{ path: string }> {
    const { library } = this.options;
    const { draft } = library.match(incidentFacts(this.incident(key)));
    if (!draft) throw failed('A runbook already answers this incident.');
    const folder = library.draftFolder();
    if (!folder) throw failed('No runbook folder is set; add one in Settings first.');
    const path = await writeDraft(folder, draft);
    await library.reload();
    return { path };
  }

  async tick(
    key: string,
    runbookId: string,
    step: string,
    itemId: string,
    ticked: boolean,
  ): Promise<RunbookProgress> {
    const found = this.step(this.rendered(key, runbookId), step);
    if (!found.checklist.some((item) => item.id === itemId)) {
      throw failed(`The step "${step}" has no checklist item "${itemId}".`);
    }
    await this.options.progress.tick(key, runbookId, checklistKey(step, itemId), ticked);
    return this.options.progress.get(key, runbookId);
  }

  /** Types the step into the incident's terminal `terminalId`; returns the record's step id. */
  runStep(terminalId: string, run: StepRun): string {
    const terminal = this.terminalFor(terminalId, run.key);
    const runbook = this.rendered(run.key, run.runbookId);
    const step = this.step(runbook, run.step);
    if (step.command === undefined) {
      throw failed(`“${step.name}” cannot run: ${step.blockedBy.join('; ')}.`);
    }
    if (step.danger.length > 0 && run.confirmed !== true) {
      throw failed(`“${step.name}” is dangerous (${step.danger.join('; ')}): confirm it first.`);
    }
    if (step.confirmValue !== undefined && run.typed !== step.confirmValue) {
      throw failed(`“${step.name}” runs only once “${step.confirmValue}” is typed to confirm it.`);
    }
    const stepId = `${runbook.id}#${step.name}`;
    this.options.terminals.runStep(terminalId, { stepId, command: step.command, env: runbook.env });
    this.sent.set(stepId, { runbookId: runbook.id, step: step.name });
    void this.options.progress.stepSent(run.key, runbook.id, step.name, terminal.integrated);
    return stepId;
  }

  /** The runbook and step a record's step id stands for, if this desk sent it. */
  sentStepOf(stepId: string | undefined): SentStep | undefined {
    return stepId === undefined ? undefined : this.sent.get(stepId);
  }

  /** The runbook filled in for the incident as it is now. */
  rendered(key: string, runbookId: string): RenderedRunbook {
    const runbook = this.options.library.render(runbookId, incidentFacts(this.incident(key)));
    if (!runbook) throw failed(`There is no runbook “${runbookId}” (any more).`);
    return runbook;
  }

  /** The terminal `id`, if it is open for incident `key`. */
  terminalFor(id: string, key: string): TerminalInfo {
    const terminal = this.options.terminals.info(id);
    if (!terminal) throw failed('That terminal was closed.');
    if (terminal.incidentKey !== key) {
      throw failed('Steps run in the incident’s own terminal; open it from the runbook panel.');
    }
    return terminal;
  }

  private step(runbook: RenderedRunbook, name: string): RenderedStep {
    const step = runbook.steps.find((candidate) => candidate.name === name);
    if (!step) throw failed(`The runbook “${runbook.title}” has no step “${name}”.`);
    return step;
  }

  private incident(key: string): Incident {
    const incident = this.options.incident(key);
    if (!incident) throw failed('That incident is no longer open.');
    return incident;
  }
}
