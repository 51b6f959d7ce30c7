import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CommandError } from '../../common/contract/command-error.js';
import type { CommandResponse } from '../../common/contract/ipc-contract.js';
import type { CommandRecordView, TerminalInfo } from '../../common/contract/terminal-contract.js';
import type { Incident } from '../../common/model/incident.js';
import type { Clock } from '../ports/clock.js';
import type { TerminalService } from '../terminal/terminal-service.js';
import type { RunbookDesk } from './runbook-desk.js';
import type { RunbookLibrary } from '../runbooks/runbook-library.js';
import type { RunbookProgressStore } from '../runbooks/runbook-progress-store.js';
import {
  fullTranscript,
  redactText,
  transcriptNote,
  type StepRecord,
} from '../runbooks/transcript.js';

export interface RunbookTranscriptsOptions {
  desk: RunbookDesk;
  library: RunbookLibrary;
  progress: RunbookProgressStore;
  terminals: TerminalService;
  clock: Clock;
  incident: (key: string) => Incident | undefined;
  sourceName: (sourceId: string) => string;
  /** Queues a note through the outbox; resolves once it is written down. */
  enqueueNote: (key: string, text: string) => Promise<{ actionId: string }>;
  /** Full transcripts go to `<dir>/<incident>/<runbook>-<time>.txt`. */
  dir: string;
}

const failed = (message: string) => new CommandError({ code: 'failed', message });

/**
 * Transcripts of the steps run from a runbook: previewed as the note they would make, sent
 * once as a note through the outbox where the incident's source takes notes, and always kept
 * whole (redacted) in the data folder, also when a terminal closes with steps in it.
 */
export class RunbookTranscripts {
  constructor(private readonly options: RunbookTranscriptsOptions) {
    options.terminals.beforeClose((info) => this.keepOnClose(info));
  }

  preview(key: string, runbookId: string): CommandResponse<'previewTranscript'> {
    const { records, title, redact } = this.stepsOf(key, runbookId);
    const note = transcriptNote(records, { runbookId, runbookTitle: title, redact });
    return { ...note, steps: records.length, ...this.delivery(key, runbookId) };
  }

  async post(
    key: string,
    runbookId: string,
    edited: string,
  ): Promise<CommandResponse<'postTranscript'>> {
    const { records, title, redact } = this.stepsOf(key, runbookId);
    const savedTo = await this.save(
      key,
      runbookId,
      fullTranscript(records, { runbookId, runbookTitle: title, redact }),
    );
    // What the responder typed into the preview is redacted again: an edit must not undo it.
    return { ...(await this.send(key, runbookId, redactText(edited, redact).trim())), savedTo };
  }

  /** Sends a transcript's text where it goes (see `delivery`), once per distinct text. */
  private async send(key: string, runbookId: string, text: string) {
    const hash = createHash('sha256').update(text).digest('hex');
    const { progress, enqueueNote, clock } = this.options;
    const { delivery } = this.delivery(key, runbookId);
    const before = progress.transcript(key, runbookId, hash);
    if (before) {
      return {
        delivery: before.delivery,
        ...(before.actionId !== undefined && { actionId: before.actionId }),
        alreadyPosted: true,
      };
    }
    const actionId = delivery === 'note' ? (await enqueueNote(key, text)).actionId : undefined;
    await progress.addTranscript(key, runbookId, {
      hash,
      at: new Date(clock.now()).toISOString(),
      delivery,
      ...(actionId !== undefined && { actionId }),
    });
    return { delivery, ...(actionId !== undefined && { actionId }), alreadyPosted: false };
  }

  /** Where a transcript of this runbook on this incident goes, in words too. */
  private delivery(key: string, runbookId: string) {
    const incident = this.incident(key);
    const runbook = this.options.desk.rendered(key, runbookId);
    const source = this.options.sourceName(incident.sourceId);
    if (runbook.transcript === 'never') {
      return {
        delivery: 'local' as const,
        explanation:
          'This runbook asks that its transcripts stay on this computer (transcript: never); it is saved here only.',
      };
    }
    if (!incident.capabilities.note) {
      return {
        delivery: 'local' as const,
        explanation: `${source} keeps no notes on its incidents, so the transcript is saved on this computer only.`,
      };
    }
    return {
      delivery: 'note' as const,
      explanation: `It goes to ${source} as a note on this incident, once; the full transcript is also saved on this computer.`,
    };
  }

  private stepsOf(key: string, runbookId: string) {
    const runbook = this.options.desk.rendered(key, runbookId);
    const terminal = this.options.terminals.forIncident(key);
    const records = terminal ? this.recordsOf(terminal, runbookId) : [];
    if (records.length === 0)
      throw failed('No step of this runbook has run in the incident’s terminal yet.');
    const redact = this.options.library.get(runbookId)?.redact ?? [];
    return { records, title: runbook.title, redact };
  }

  private recordsOf(terminal: TerminalInfo, runbookId: string): StepRecord[] {
    return this.options.terminals.commands(terminal.id).flatMap((record) => {
      const step = this.options.desk.sentStepOf(record.stepId);
      return step?.runbookId === runbookId ? [stepRecord(step.step, record)] : [];
    });
  }

  /**
   * A terminal with steps in it is closing: its transcripts are kept, and those of runbooks that
   * say `transcript: always` are sent as they stand, as Post transcript would send them.
   */
  private async keepOnClose(info: TerminalInfo): Promise<void> {
    const key = info.incidentKey;
    if (key === undefined) return;
    const byRunbook = new Map<string, StepRecord[]>();
    for (const record of this.options.terminals.commands(info.id)) {
      const step = this.options.desk.sentStepOf(record.stepId);
      if (!step) continue;
      const list = byRunbook.get(step.runbookId) ?? [];
      list.push(stepRecord(step.step, record));
      byRunbook.set(step.runbookId, list);
    }
    for (const [runbookId, records] of byRunbook) {
      const runbook = this.options.library.get(runbookId);
      const options = {
        runbookId,
        runbookTitle: runbook?.title ?? runbookId,
        redact: runbook?.redact ?? [],
      };
      await this.save(key, runbookId, fullTranscript(records, options));
      if (runbook?.transcript === 'always' && this.options.incident(key)) {
        await this.send(key, runbookId, transcriptNote(records, options).text);
      }
    }
  }

  private async save(key: string, runbookId: string, text: string): Promise<string> {
    const dir = join(this.options.dir, fileName(key));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const at = new Date(this.options.clock.now()).toISOString().replaceAll(':', '-');
    const path = join(dir, `${fileName(runbookId)}-${at}.txt`);
    await writeFile(path, text, { mode: 0o600 });
    return path;
  }

  private incident(key: string): Incident {
    const incident = this.options.incident(key);
    if (!incident) throw failed('That incident is no longer open.');
    return incident;
  }
}

function stepRecord(step: string, record: CommandRecordView): StepRecord {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    step,
    command: record.command,
    startedAt: iso(record.startedAt),
    ...(record.endedAt !== undefined && { endedAt: iso(record.endedAt) }),
    // Finished without a code, or never marked at all: the end is unknown. Running: no code yet.
    ...(record.state === 'running' ? {} : { exitCode: record.exitCode ?? null }),
    output: record.outputTruncated
      ? `[… the start had scrolled out of the terminal …]\n${record.output}`
      : record.output,
  };
}

function fileName(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 120) || 'x'
  );
}
