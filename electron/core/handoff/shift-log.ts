import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseHandoffMarker } from '../../common/handoff-marker.js';
import type { Incident } from '../../common/model/incident.js';
import type { IncidentEvent } from '../../common/model/incident-event.js';
import type { Shift } from '../../common/model/shift.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import type { StatusPageWriteView } from '../../common/contract/status-page-state.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import type { JournalEntry } from '../outbox/action-journal.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';

/**
 * What the shift report is built from: the outbox forgets a confirmed action, the incident feed
 * forgets a resolved incident, and a source's status is only ever the latest. So the moments a
 * report needs (a page arrived, was acknowledged and by whom, cleared; a source went blind and
 * came back; a note or status-page update went out; Onwatch stopped and started) are appended
 * here as they happen, one JSON line each, in the data folder.
 */
const at = z.number();
const entrySchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('page'),
    at,
    key: z.string(),
    sourceId: z.string(),
    title: z.string(),
    urgency: z.enum(['high', 'low']),
    triggeredAt: z.number(),
    number: z.string().optional(),
    webUrl: z.string().optional(),
    service: z.string().optional(),
  }),
  z.object({ t: z.literal('ack'), at, key: z.string(), assignees: z.array(z.string()) }),
  z.object({ t: z.literal('unack'), at, key: z.string() }),
  z.object({ t: z.literal('resolved'), at, key: z.string() }),
  z.object({
    t: z.literal('action'),
    at,
    id: z.string(),
    key: z.string(),
    title: z.string(),
    type: z.string(),
    by: z.string(),
    minutes: z.number().optional(),
    /** A note's first words, for the report. */
    summary: z.string().optional(),
    transcript: z.boolean().optional(),
    /** A note that carried a shift report, or acknowledged one (see handoff-marker). */
    handoff: z.object({ kind: z.enum(['report', 'ack']), reportId: z.string() }).optional(),
  }),
  z.object({
    t: z.literal('blind'),
    at,
    sourceId: z.string(),
    name: z.string(),
    reason: z.string().optional(),
  }),
  z.object({ t: z.literal('seen'), at, sourceId: z.string() }),
  z.object({
    t: z.literal('status-page'),
    at,
    id: z.string(),
    pageName: z.string(),
    kind: z.string(),
    summary: z.string(),
  }),
  z.object({
    t: z.literal('my-shift'),
    at,
    sourceId: z.string(),
    scheduleId: z.string(),
    scheduleName: z.string(),
    start: z.string(),
    end: z.string().optional(),
  }),
  z.object({ t: z.literal('started'), at }),
  z.object({ t: z.literal('stopped'), at }),
]);
export type ShiftLogEntry = z.infer<typeof entrySchema>;

/** Long enough to report on a two-week rotation after it ended; older lines are dropped on open. */
const keepForMs = 35 * 24 * 60 * 60_000;
const summaryChars = 160;
const transcriptPrefix = 'Runbook transcript:';

interface ShiftLogOptions {
  path: string;
  clock: Clock;
  log: Log;
}

export class ShiftLog {
  private readonly list: ShiftLogEntry[];
  /** Per incident, the last status written down, so a re-read poll adds nothing. */
  private readonly statusOf = new Map<string, 'triggered' | 'acknowledged' | 'resolved'>();
  private readonly blindNow = new Set<string>();
  private readonly written = new Set<string>();
  private readonly shiftEnds = new Map<string, string | undefined>();
  private queue: Promise<void> = Promise.resolve();
  /** Lines added since the last append began, written by the next one. */
  private unwritten: string[] = [];

  private constructor(
    private readonly options: ShiftLogOptions,
    entries: ShiftLogEntry[],
  ) {
    this.list = entries;
    for (const entry of entries) this.index(entry);
  }

  static async open(options: ShiftLogOptions): Promise<ShiftLog> {
    const { path, clock, log } = options;
    const cutoff = clock.now() - keepForMs;
    const kept = (await readEntries(path, log)).filter((entry) => entry.at >= cutoff);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomically(path, kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const shiftLog = new ShiftLog(options, kept);
    // Sources are unseen from here until their first poll says otherwise; a spell left open
    // when Onwatch stopped ends at the next "seen".
    shiftLog.add({ t: 'started', at: clock.now() });
    return shiftLog;
  }

  entries(): readonly ShiftLogEntry[] {
    return this.list;
  }

  incidentEvents(events: readonly IncidentEvent[]): void {
    for (const event of events) {
      const { incident } = event;
      const last = this.statusOf.get(incident.key);
      if (event.type === 'resolved') {
        if (last !== undefined && last !== 'resolved') {
          this.add({ t: 'resolved', at: this.now(), key: incident.key });
        }
        continue;
      }
      if (last === undefined || last === 'resolved') this.add(pageEntry(incident, this.now()));
      const now = this.statusOf.get(incident.key);
      if (incident.status === 'acknowledged' && now !== 'acknowledged') {
        const ackedAt = Date.parse(incident.acknowledgedAt ?? '');
        this.add({
          t: 'ack',
          at: Number.isFinite(ackedAt) ? ackedAt : this.now(),
          key: incident.key,
          assignees: incident.assignees,
        });
      } else if (incident.status === 'triggered' && now === 'acknowledged') {
        this.add({ t: 'unack', at: this.now(), key: incident.key });
      }
    }
  }

  /** An action the provider confirmed, taken here by `by`. */
  actionConfirmed(entry: JournalEntry, by: string): void {
    const { action, incident } = entry;
    const text = action.type === 'note' ? action.text : undefined;
    const marker = text === undefined ? undefined : parseHandoffMarker(text);
    this.add({
      t: 'action',
      at: this.now(),
      id: entry.id,
      key: incident.key,
      title: incident.title,
      type: action.type,
      by,
      ...('minutes' in action && { minutes: action.minutes }),
      ...(text !== undefined && {
        summary: firstLine(text),
        transcript: text.startsWith(transcriptPrefix),
      }),
      ...(marker && { handoff: { kind: marker.kind, reportId: marker.reportId } }),
    });
  }

  sourcesChanged(statuses: readonly SourceStatus[]): void {
    for (const source of statuses) {
      const blind = source.health === 'blind';
      if (blind && !this.blindNow.has(source.id)) {
        this.add({
          t: 'blind',
          at: Date.parse(source.lastErrorAt ?? '') || this.now(),
          sourceId: source.id,
          name: source.name,
          ...(source.lastError !== undefined && { reason: source.lastError }),
        });
      } else if (!blind && this.blindNow.has(source.id)) {
        this.add({ t: 'seen', at: this.now(), sourceId: source.id });
      }
    }
  }

  /** Status-page writes the provider confirmed, each written down once. */
  statusPageWrites(writes: readonly StatusPageWriteView[], pageName: (id: string) => string) {
    for (const write of writes) {
      if (write.state !== 'done' || this.written.has(write.id)) continue;
      this.add({
        t: 'status-page',
        at: this.now(),
        id: write.id,
        pageName: pageName(write.statusPageId),
        kind: write.kind,
        summary: write.summary,
      });
    }
  }

  /** My shifts as the schedule shows them: kept so a report can be made after one ended. */
  myShifts(shifts: readonly Shift[]): void {
    for (const shift of shifts) {
      if (shift.escalationLevel !== undefined) continue;
      const id = shiftId(shift);
      if (this.shiftEnds.has(id) && this.shiftEnds.get(id) === shift.end) continue;
      this.add({
        t: 'my-shift',
        at: this.now(),
        sourceId: shift.sourceId,
        scheduleId: shift.scheduleId,
        scheduleName: shift.scheduleName,
        start: shift.start,
        ...(shift.end !== undefined && { end: shift.end }),
      });
    }
  }

  async stop(): Promise<void> {
    this.add({ t: 'stopped', at: this.now() });
    await this.queue;
  }

  private now(): number {
    return this.options.clock.now();
  }

  private add(entry: ShiftLogEntry): void {
    this.list.push(entry);
    this.index(entry);
    this.unwritten.push(`${JSON.stringify(entry)}\n`);
    if (this.unwritten.length > 1) return; // the append already queued takes this line too
    const { path, log } = this.options;
    // History, not an action: appended in order without a flush per line, and the lines that
    // come together (a storm's ten thousand pages) in one append rather than one file each.
    this.queue = this.queue
      .then(() => {
        const lines = this.unwritten.join('');
        this.unwritten = [];
        return appendFile(path, lines, { mode: 0o600 });
      })
      .catch((error: unknown) => log.error(`shift log: ${String(error)}`));
  }

  private index(entry: ShiftLogEntry): void {
    switch (entry.t) {
      case 'page':
        this.statusOf.set(entry.key, 'triggered');
        break;
      case 'ack':
        this.statusOf.set(entry.key, 'acknowledged');
        break;
      case 'unack':
        this.statusOf.set(entry.key, 'triggered');
        break;
      case 'resolved':
        this.statusOf.set(entry.key, 'resolved');
        break;
      case 'blind':
        this.blindNow.add(entry.sourceId);
        break;
      case 'seen':
        this.blindNow.delete(entry.sourceId);
        break;
      case 'status-page':
        this.written.add(entry.id);
        break;
      case 'my-shift':
        this.shiftEnds.set(shiftId(entry), entry.end);
        break;
      default:
        break;
    }
  }
}

export function shiftId(shift: Pick<Shift, 'sourceId' | 'scheduleId' | 'start'>): string {
  return `${shift.sourceId}/${shift.scheduleId}/${shift.start}`;
}

function pageEntry(incident: Incident, now: number): ShiftLogEntry {
  const triggeredAt = Date.parse(incident.createdAt);
  return {
    t: 'page',
    at: now,
    key: incident.key,
    sourceId: incident.sourceId,
    title: incident.title,
    urgency: incident.urgency,
    triggeredAt: Number.isFinite(triggeredAt) ? triggeredAt : now,
    ...(incident.number !== undefined && { number: incident.number }),
    ...(incident.webUrl !== undefined && { webUrl: incident.webUrl }),
    ...(incident.service !== undefined && { service: incident.service }),
  };
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length <= summaryChars ? line : `${line.slice(0, summaryChars - 1)}…`;
}

async function readEntries(path: string, log: Log): Promise<ShiftLogEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const entries: ShiftLogEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: ReturnType<typeof entrySchema.safeParse> | undefined;
    try {
      parsed = entrySchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) entries.push(parsed.data);
    else skipped += 1;
  }
  if (skipped > 0) log.warn(`shift log ${path}: skipped ${skipped} unreadable line(s)`);
  return entries;
}
