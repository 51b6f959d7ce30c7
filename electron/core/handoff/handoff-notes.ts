import {
  ackMarkerLine,
  namesInclude,
  parseHandoffMarker,
  type ReportMarker,
} from '../../common/handoff-marker.js';
import type { ActionView } from '../../common/contract/app-state.js';
import type { HandoffStatus, ReceivedReport, SentReport } from '../../common/model/handoff.js';
import type { Incident } from '../../common/model/incident.js';
import { withTimeout } from '../engine/with-timeout.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { IncidentNote } from '../sources/source.js';
import type { ShiftLogEntry } from './shift-log.js';

interface NotesReader {
  read(incident: Incident, signal: AbortSignal): Promise<IncidentNote[]>;
  timeoutMs: number;
}

export interface HandoffNotesOptions {
  clock: Clock;
  log: Log;
  openIncidents(): Incident[];
  /** How to read one source's notes; undefined where Onwatch cannot read them. */
  notesReader(sourceId: string): NotesReader | undefined;
  sourceName(sourceId: string): string;
  responderName(): string;
  entries(): readonly ShiftLogEntry[];
  actions(): ActionView[];
  enqueueNote(key: string, text: string): Promise<unknown>;
}

/** Enough for every incident a handover carries; a storm's thousand are not read one by one. */
const maxIncidentsRead = 30;

interface Found {
  marker: ReportMarker;
  text: string;
  postedAt?: string;
  incidents: Incident[];
}

interface Reading {
  reports: Map<string, Found>;
  acks: Map<string, { by: string; at?: string }[]>;
  unread: string[];
  problems: string[];
  open: Map<string, Incident>;
}

/**
 * The handoff between two Onwatch installs, which share nothing but the provider: the report is
 * a note on the open incidents, and the incoming responder's acknowledgement a reply note.
 * Notes are read only when asked (the Schedule page's Hand off card), never on the poll path.
 */
export class HandoffNotes {
  /** Acknowledgements being written down right now, so a second click adds none. */
  private readonly acking = new Set<string>();

  constructor(private readonly options: HandoffNotesOptions) {}

  async status(): Promise<HandoffStatus> {
    return this.statusFrom(await this.read());
  }

  /** A line for the shift-start notice when reports to me wait to be acknowledged. */
  async waitingForMe(): Promise<string | undefined> {
    const waiting = (await this.status()).received.filter((r) => r.forMe && r.mine === 'none');
    if (waiting.length === 0) return undefined;
    const from = [...new Set(waiting.map((r) => r.outgoing))].join(', ');
    return `Shift report from ${from} waiting: acknowledge it on the Schedule page.`;
  }

  /**
   * Posts "handoff acknowledged" on every open incident carrying the report, once: not when
   * I already did (a note says so, the log says it was confirmed, or it is in the outbox).
   */
  async acknowledge(reportId: string): Promise<{ queued: number; already: boolean }> {
    if (this.acking.has(reportId)) return { queued: 0, already: true };
    this.acking.add(reportId);
    try {
      const status = await this.status();
      const report = status.received.find((r) => r.reportId === reportId);
      if (!report) {
        throw new Error('That shift report is not on any open incident Onwatch can read.');
      }
      if (report.mine !== 'none') return { queued: 0, already: true };
      const text = `${ackMarkerLine(reportId, this.me())}\n\nRead and taken over in Onwatch.`;
      let queued = 0;
      for (const incident of report.incidents) {
        try {
          await this.options.enqueueNote(incident.key, text);
          queued++;
        } catch (error) {
          this.options.log.warn(`handoff: acknowledgement on ${incident.title}: ${String(error)}`);
        }
      }
      if (queued === 0) throw new Error('No incident carrying the report takes notes now.');
      return { queued, already: false };
    } finally {
      this.acking.delete(reportId);
    }
  }

  private me(): string {
    return this.options.responderName().trim();
  }

  private async read(): Promise<Reading> {
    const { options } = this;
    const open = options
      .openIncidents()
      .filter((incident) => incident.status !== 'resolved')
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const reading: Reading = {
      reports: new Map(),
      acks: new Map(),
      unread: [],
      problems: [],
      open: new Map(open.map((incident) => [incident.key, incident])),
    };
    const unread = new Set<string>();
    // An incident that takes no notes (Alertmanager, Splunk On-Call, the drill) carries none.
    const readable = open.filter((incident) => {
      if (!incident.capabilities.note) return false;
      if (options.notesReader(incident.sourceId)) return true;
      unread.add(options.sourceName(incident.sourceId));
      return false;
    });
    reading.unread = [...unread].sort();
    const failed = new Map<string, string[]>();
    await Promise.all(
      readable.slice(0, maxIncidentsRead).map(async (incident) => {
        const reader = options.notesReader(incident.sourceId)!;
        try {
          const notes = await withTimeout(options.clock, reader.timeoutMs, (signal) =>
            reader.read(incident, signal),
          );
          for (const note of notes) this.take(reading, incident, note);
        } catch (error) {
          const name = options.sourceName(incident.sourceId);
          failed.set(name, [...(failed.get(name) ?? []), oneLine(error)]);
        }
      }),
    );
    for (const [name, reasons] of failed) {
      const n = reasons.length;
      reading.problems.push(`${name}: ${n} incident${n === 1 ? '' : 's'} (${reasons[0]})`);
    }
    if (readable.length > maxIncidentsRead) {
      reading.problems.push(
        `Only the newest ${maxIncidentsRead} of ${readable.length} open incidents were read.`,
      );
    }
    return reading;
  }

  private take(reading: Reading, incident: Incident, note: IncidentNote): void {
    const marker = parseHandoffMarker(note.content);
    if (!marker) return;
    if (marker.kind === 'ack') {
      const acks = reading.acks.get(marker.reportId) ?? [];
      if (!acks.some((ack) => ack.by === marker.by)) {
        acks.push({ by: marker.by, ...(note.createdAt && { at: note.createdAt }) });
        reading.acks.set(marker.reportId, acks);
      }
      return;
    }
    const found = reading.reports.get(marker.reportId);
    if (found) {
      if (!found.incidents.includes(incident)) found.incidents.push(incident);
      return;
    }
    reading.reports.set(marker.reportId, {
      marker,
      text: note.content,
      ...(note.createdAt && { postedAt: note.createdAt }),
      incidents: [incident],
    });
  }

  private statusFrom(reading: Reading): HandoffStatus {
    const me = this.me();
    const entries = this.options.entries();
    const logged = (kind: 'report' | 'ack', reportId: string) =>
      entries.filter(
        (entry): entry is ShiftLogEntry & { t: 'action' } =>
          entry.t === 'action' &&
          entry.handoff?.kind === kind &&
          entry.handoff.reportId === reportId,
      );
    // Acknowledgements still in the outbox: written down, not yet confirmed.
    const inOutbox = new Set(
      this.options.actions().flatMap((view) => {
        if (view.state !== 'pending' || view.action.type !== 'note') return [];
        const marker = parseHandoffMarker(view.action.text);
        return marker?.kind === 'ack' ? [marker.reportId] : [];
      }),
    );
    const acksOf = (reportId: string) =>
      (reading.acks.get(reportId) ?? []).sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
    const carriers = (incidents: Incident[]) =>
      incidents.map((incident) => ({ key: incident.key, title: incident.title }));

    const received: ReceivedReport[] = [];
    for (const [reportId, found] of reading.reports) {
      const { marker } = found;
      if (sameName(marker.outgoing, me)) continue;
      const acknowledgements = acksOf(reportId);
      const posted =
        acknowledgements.some((ack) => sameName(ack.by, me)) || logged('ack', reportId).length > 0;
      received.push({
        reportId,
        outgoing: marker.outgoing,
        incoming: marker.incoming,
        window: marker.window,
        forMe: namesInclude(marker.incoming, me),
        text: found.text,
        ...(found.postedAt && { postedAt: found.postedAt }),
        incidents: carriers(found.incidents),
        acknowledgements,
        mine: posted ? 'posted' : inOutbox.has(reportId) ? 'sending' : 'none',
      });
    }

    // Mine: what the log says I posted, and any report of mine the notes show.
    const sent = new Map<string, SentReport>();
    for (const entry of entries) {
      if (entry.t !== 'action' || entry.handoff?.kind !== 'report') continue;
      const { reportId } = entry.handoff;
      const report = sent.get(reportId) ?? {
        reportId,
        postedAt: new Date(entry.at).toISOString(),
        incidents: [],
        acknowledgements: acksOf(reportId),
      };
      if (!report.incidents.some((incident) => incident.key === entry.key)) {
        report.incidents.push({
          key: entry.key,
          title: entry.title,
          stillOpen: reading.open.has(entry.key),
        });
      }
      sent.set(reportId, report);
    }
    for (const [reportId, found] of reading.reports) {
      if (!sameName(found.marker.outgoing, me) || sent.has(reportId)) continue;
      sent.set(reportId, {
        reportId,
        postedAt: found.postedAt ?? new Date(this.options.clock.now()).toISOString(),
        incidents: carriers(found.incidents).map((c) => ({ ...c, stillOpen: true })),
        acknowledgements: acksOf(reportId),
      });
    }
    return {
      received: received.sort((a, b) => (b.postedAt ?? '').localeCompare(a.postedAt ?? '')),
      sent: [...sent.values()].sort((a, b) => b.postedAt.localeCompare(a.postedAt)),
      unread: reading.unread,
      problems: reading.problems,
      readAt: new Date(this.options.clock.now()).toISOString(),
    };
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase() && b.trim() !== '';
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
