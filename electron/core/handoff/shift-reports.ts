import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScheduleView } from '../../common/contract/app-state.js';
import type { CoverView } from '../../common/model/cover.js';
import type { Incident } from '../../common/model/incident.js';
import type { Shift } from '../../common/model/shift.js';
import type { ReportShift, ShiftReport } from '../../common/model/shift-report.js';
import { reportFileName, shiftReportMarkdown } from '../../common/shift-report-markdown.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { buildShiftReport, type SourceSilences } from './shift-report.js';
import { shiftId, type ShiftLog } from './shift-log.js';

interface ShiftReportsOptions {
  shiftLog: ShiftLog;
  clock: Clock;
  log: Log;
  timeZone?: string;
  responderName(): string;
  schedule(): ScheduleView;
  openIncidents(): Incident[];
  sourceName(sourceId: string): string;
  covers(): CoverView[];
  /** Status-page maintenances and their ends; undefined when no status page is connected. */
  maintenances(): { title: string; endsAt: number }[] | undefined;
  /** Silences read now from the sources that keep them, and what could not be known. */
  providerSilences?(): Promise<{ read: SourceSilences[]; unknown: string[] }>;
  /** Where the report made at the end of each shift is kept. */
  dir: string;
  notify?(notice: { id: string; title: string; body: string }): void;
}

/** How far back the Schedule page offers reports on ended shifts. */
const recentMs = 7 * 24 * 60 * 60_000;
const maxRecent = 12;

/** Shift reports on demand, and one made (and kept as a file) when each of my shifts ends. */
export class ShiftReports {
  constructor(private readonly options: ShiftReportsOptions) {}

  async report(shift: ReportShift): Promise<ShiftReport> {
    const { options } = this;
    const next = this.nextOnCall(shift);
    const silences = await options.providerSilences?.();
    return buildShiftReport({
      shift,
      now: options.clock.now(),
      timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      outgoing: options.responderName(),
      ...next,
      entries: options.shiftLog.entries(),
      openNow: options.openIncidents(),
      sourceName: options.sourceName,
      covers: options.covers(),
      overrides: options.schedule().timeline.filter((s) => s.override),
      maintenances: options.maintenances(),
      ...(silences && { providerSilences: silences.read, silencesUnknown: silences.unknown }),
    });
  }

  /** My shifts running now or ended within the week, newest first: what a report can be for. */
  recentShifts(): ReportShift[] {
    const now = this.options.clock.now();
    const shifts = new Map<string, ReportShift>();
    const consider = (shift: ReportShift) => {
      if (Date.parse(shift.start) > now) return;
      if (shift.end !== undefined && Date.parse(shift.end) < now - recentMs) return;
      shifts.set(shiftId(shift), shift);
    };
    for (const entry of this.options.shiftLog.entries()) {
      if (entry.t === 'my-shift') consider(reportShiftOf(entry));
    }
    for (const shift of this.options.schedule().myShifts) {
      if (shift.escalationLevel === undefined) consider(reportShiftOf(shift));
    }
    return [...shifts.values()]
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start))
      .slice(0, maxRecent);
  }

  /** The shift is over: its report is written to the reports folder and the responder told. */
  async shiftEnded(shift: Shift): Promise<void> {
    const report = await this.report(reportShiftOf(shift));
    const { dir, log, notify } = this.options;
    const path = join(dir, reportFileName(report));
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomically(path, shiftReportMarkdown(report));
    } catch (error) {
      log.error(`shift report: could not save ${path}: ${String(error)}`);
    }
    const open = report.stillOpen.length;
    notify?.({
      id: `shift-report:${shiftId(shift)}`,
      title: `Your shift on ${shift.scheduleName} has ended: the shift report is ready`,
      body: `${report.pages.total} page${report.pages.total === 1 ? '' : 's'}, ${open} still open. Add watch items and hand over from the Schedule page.`,
    });
  }

  /** Whoever is on call on the same schedule just after the shift ends, and until when. */
  private nextOnCall(shift: ReportShift): { incoming?: string; nextShiftEnd?: number } {
    if (shift.end === undefined) return {};
    const after = Date.parse(shift.end) + 1000;
    const next = this.options
      .schedule()
      .timeline.filter(
        (other) =>
          other.sourceId === shift.sourceId &&
          other.scheduleId === shift.scheduleId &&
          Date.parse(other.start) <= after &&
          (other.end === undefined || Date.parse(other.end) > after),
      );
    if (next.length === 0) return {};
    const names = [...new Set(next.map((other) => other.userName))];
    const ends = next.flatMap((other) => (other.end ? [Date.parse(other.end)] : []));
    return {
      incoming: names.join(', '),
      ...(ends.length > 0 && { nextShiftEnd: Math.min(...ends) }),
    };
  }
}

function reportShiftOf(
  shift: Pick<Shift, 'sourceId' | 'scheduleId' | 'scheduleName' | 'start' | 'end'>,
): ReportShift {
  return {
    sourceId: shift.sourceId,
    scheduleId: shift.scheduleId,
    scheduleName: shift.scheduleName,
    start: shift.start,
    ...(shift.end !== undefined && { end: shift.end }),
  };
}
