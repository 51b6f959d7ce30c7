import { createHash } from 'node:crypto';
import type { CoverView } from '../../common/model/cover.js';
import type { Shift } from '../../common/model/shift.js';
import type { Incident } from '../../common/model/incident.js';
import {
  isNightHour,
  type ReportBlindSpell,
  type ReportEnding,
  type ReportIncident,
  type ReportOpenIncident,
  type ReportShift,
  type ShiftReport,
} from '../../common/model/shift-report.js';
import { formatDayTime, wallTime } from '../../common/time-format.js';
import type { ProviderSilence } from '../sources/source.js';
import type { ShiftLogEntry } from './shift-log.js';

/** What a source that keeps silences of its own said about them as the report was built. */
export interface SourceSilences {
  sourceId: string;
  sourceName: string;
  silences: readonly ProviderSilence[];
}

export interface ShiftReportInput {
  shift: ReportShift;
  now: number;
  timeZone: string;
  outgoing: string;
  /** Who is on call on the schedule right after the shift, where the schedule says. */
  incoming?: string;
  /** When the incoming responder's shift ends; absent: the next 24 hours count as the next shift. */
  nextShiftEnd?: number;
  entries: readonly ShiftLogEntry[];
  /** Every incident open right now: the truth about what is open when the report is cut now. */
  openNow: readonly Incident[];
  sourceName(sourceId: string): string;
  covers: readonly CoverView[];
  /** Override stretches on the schedules, however made (marked by the providers that say so). */
  overrides?: readonly Shift[];
  /** Status-page maintenances with their ends; undefined when no status page is connected. */
  maintenances?: readonly { title: string; endsAt: number }[];
  /** Silences read from the providers that keep them, however made. */
  providerSilences?: readonly SourceSilences[];
  /** Why some sources' own silences or maintenance windows are not in the report. */
  silencesUnknown?: readonly string[];
}

const dayMs = 24 * 60 * 60_000;
const notRunning = 'Onwatch (not running)';

/** One page from when it arrived to when it cleared, as the log tells it. */
interface Occurrence {
  key: string;
  sourceId: string;
  title: string;
  urgency: 'high' | 'low';
  number?: string;
  webUrl?: string;
  triggeredAt: number;
  ackAt?: number;
  assignees: string[];
  resolvedAt?: number;
  ackBy?: string;
  resolveBy?: string;
}

/**
 * The shift report, from the shift log and what is open now. The report is cut at the end of
 * the shift, or now when the shift is still running: nothing later counts.
 */
export function buildShiftReport(input: ShiftReportInput): ShiftReport {
  const { shift, now, timeZone, entries } = input;
  const start = Date.parse(shift.start);
  const end = shift.end === undefined ? undefined : Date.parse(shift.end);
  const cut = end === undefined ? now : Math.min(now, end);
  const cutNow = cut === now;
  const upToCut = entries.filter((entry) => entry.at <= cut);
  const occurrences = occurrencesOf(upToCut);
  const openNowKeys = new Map(input.openNow.map((incident) => [incident.key, incident]));

  const inShift = occurrences.filter(
    (o) => o.triggeredAt <= cut && (o.triggeredAt >= start || (o.resolvedAt ?? Infinity) >= start),
  );
  const incidents = inShift.map((o) => reportIncident(o, input, cutNow && !openNowKeys.has(o.key)));
  const paged = incidents.filter((i) => Date.parse(i.triggeredAt) >= start);
  const night = paged.filter((i) => i.night).length;
  const high = paged.filter((i) => i.urgency === 'high').length;

  const nextStart = end ?? cut;
  const nextEnd = input.nextShiftEnd ?? nextStart + dayMs;
  const notAvailable = [
    'Resolve times are when Onwatch saw the page clear (within one poll); who resolved it is known only when it was resolved from Onwatch.',
    'Overrides on shift-based PagerDuty schedules are not listed.',
    ...(input.silencesUnknown ?? []),
  ];
  const firstRecord = entries[0]?.at;
  if (firstRecord === undefined || firstRecord > start) {
    notAvailable.push(
      `Onwatch's record begins ${firstRecord === undefined ? 'now' : formatDayTime(firstRecord, timeZone)}: anything earlier in the shift is not in it.`,
    );
  }
  if (input.maintenances === undefined) {
    notAvailable.push('No status page is connected, so no maintenances are listed.');
  }
  if (input.nextShiftEnd === undefined) {
    notAvailable.push(
      'The next shift’s end is not on the schedule: the 24 hours after this one count as the next shift.',
    );
  }

  return {
    id: reportIdOf(shift, input.outgoing),
    sourceId: shift.sourceId,
    scheduleId: shift.scheduleId,
    scheduleName: shift.scheduleName,
    start: shift.start,
    ...(shift.end !== undefined && { end: shift.end }),
    cutAt: new Date(cut).toISOString(),
    timeZone,
    outgoing: input.outgoing,
    ...(input.incoming !== undefined && { incoming: input.incoming }),
    pages: {
      total: paged.length,
      high,
      low: paged.length - high,
      night,
      day: paged.length - night,
    },
    incidents,
    stillOpen: stillOpenAt(occurrences, input, cutNow),
    posted: postedIn(upToCut, start),
    endingNextShift: endingIn(upToCut, input, nextStart, nextEnd),
    blind: blindSpells(upToCut, start, cut),
    covers: coversInForce(input, start, nextEnd),
    notAvailable,
  };
}

/** Stable across rebuilds of one shift's report, so an acknowledgement names all of them. */
function reportIdOf(shift: ReportShift, outgoing: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([shift.sourceId, shift.scheduleId, shift.start, outgoing]))
    .digest('hex');
  return `sr-${hash.slice(0, 12)}`;
}

/** Cover made from Onwatch, then overrides the schedules show that are not one of those. */
function coversInForce(input: ShiftReportInput, from: number, until: number) {
  const overlaps = (s: { start: string; end?: string }) =>
    Date.parse(s.start) < until && (s.end === undefined || Date.parse(s.end) > from);
  const made = input.covers.filter(overlaps).map((cover) => ({
    scheduleName: cover.scheduleName,
    coverName: cover.coverUser.name,
    forName: cover.forUser.name,
    start: cover.start,
    end: cover.end,
    state: cover.state,
  }));
  const fromOnwatch = new Set(made.map((c) => `${c.scheduleName}|${c.coverName}|${c.start}`));
  const elsewhere = (input.overrides ?? [])
    .filter((s) => s.end !== undefined && overlaps(s))
    .filter((s) => !fromOnwatch.has(`${s.scheduleName}|${s.userName}|${s.start}`))
    .map((s) => ({
      scheduleName: s.scheduleName,
      coverName: s.userName,
      forName: s.override?.forUserName ?? 'the rotation',
      start: s.start,
      end: s.end!,
      state: 'override at the provider',
    }));
  return [...made, ...elsewhere];
}

function occurrencesOf(entries: readonly ShiftLogEntry[]): Occurrence[] {
  const all: Occurrence[] = [];
  const current = new Map<string, Occurrence>();
  for (const entry of entries) {
    if (entry.t === 'page') {
      const occurrence: Occurrence = {
        key: entry.key,
        sourceId: entry.sourceId,
        title: entry.title,
        urgency: entry.urgency,
        ...(entry.number !== undefined && { number: entry.number }),
        ...(entry.webUrl !== undefined && { webUrl: entry.webUrl }),
        triggeredAt: entry.triggeredAt,
        assignees: [],
      };
      all.push(occurrence);
      current.set(entry.key, occurrence);
      continue;
    }
    if (!('key' in entry)) continue;
    const occurrence = current.get(entry.key);
    if (!occurrence) continue;
    if (entry.t === 'ack' && occurrence.ackAt === undefined) {
      occurrence.ackAt = entry.at;
      occurrence.assignees = entry.assignees;
    } else if (entry.t === 'resolved' && occurrence.resolvedAt === undefined) {
      occurrence.resolvedAt = entry.at;
    } else if (entry.t === 'action') {
      if (entry.type === 'ack' && occurrence.ackBy === undefined) occurrence.ackBy = entry.by;
      if (entry.type === 'resolve' || entry.type === 'pause') occurrence.resolveBy = entry.by;
    }
  }
  return all;
}

function reportIncident(
  o: Occurrence,
  input: ShiftReportInput,
  goneUnseen: boolean,
): ReportIncident {
  const iso = (ms: number) => new Date(ms).toISOString();
  const state =
    o.resolvedAt !== undefined || goneUnseen
      ? 'resolved'
      : o.ackAt !== undefined
        ? 'acknowledged'
        : 'triggered';
  const ackBy = o.ackBy ?? (o.assignees.length > 0 ? o.assignees.join(', ') : undefined);
  return {
    key: o.key,
    ...(o.number !== undefined && { number: o.number }),
    title: o.title,
    sourceName: input.sourceName(o.sourceId),
    urgency: o.urgency,
    ...(o.webUrl !== undefined && { webUrl: o.webUrl }),
    triggeredAt: iso(o.triggeredAt),
    night: isNightHour(wallTime(o.triggeredAt, input.timeZone).hour),
    ...(o.ackAt !== undefined && {
      acknowledgedAt: iso(o.ackAt),
      timeToAckMs: Math.max(0, o.ackAt - o.triggeredAt),
    }),
    ...(o.ackAt !== undefined && ackBy !== undefined && { acknowledgedBy: ackBy }),
    ...(o.resolvedAt !== undefined && {
      resolvedAt: iso(o.resolvedAt),
      timeToResolveMs: Math.max(0, o.resolvedAt - o.triggeredAt),
    }),
    ...(o.resolvedAt !== undefined && o.resolveBy !== undefined && { resolvedBy: o.resolveBy }),
    state,
  };
}

/**
 * Cut now, what is open is what the sources say now. Cut at an end that has passed, it is what
 * the log says was open then, with today's owners where the incident is still open.
 */
function stillOpenAt(
  occurrences: readonly Occurrence[],
  input: ShiftReportInput,
  cutNow: boolean,
): ReportOpenIncident[] {
  const live = new Map(input.openNow.map((incident) => [incident.key, incident]));
  const fromLive = (incident: Incident): ReportOpenIncident => ({
    key: incident.key,
    ...(incident.number !== undefined && { number: incident.number }),
    title: incident.title,
    sourceName: input.sourceName(incident.sourceId),
    status: incident.status === 'triggered' ? 'triggered' : 'acknowledged',
    urgency: incident.urgency,
    owners: incident.assignees,
    ...(incident.webUrl !== undefined && { webUrl: incident.webUrl }),
    takesNotes: incident.capabilities.note,
  });
  const open = (incident: Incident) => incident.status !== 'resolved';
  if (cutNow) return input.openNow.filter(open).map(fromLive);
  const latest = new Map(occurrences.map((o) => [o.key, o]));
  return [...latest.values()]
    .filter((o) => o.resolvedAt === undefined)
    .map((o) => {
      const incident = live.get(o.key);
      if (incident && open(incident)) return fromLive(incident);
      return {
        key: o.key,
        ...(o.number !== undefined && { number: o.number }),
        title: o.title,
        sourceName: input.sourceName(o.sourceId),
        status: o.ackAt === undefined ? 'triggered' : 'acknowledged',
        urgency: o.urgency,
        owners: o.assignees,
        ...(o.webUrl !== undefined && { webUrl: o.webUrl }),
        takesNotes: false,
      } satisfies ReportOpenIncident;
    });
}

function postedIn(entries: readonly ShiftLogEntry[], start: number): ShiftReport['posted'] {
  const posted: ShiftReport['posted'] = [];
  for (const entry of entries) {
    if (entry.at < start) continue;
    if (entry.t === 'action' && entry.type === 'note') {
      posted.push({
        at: new Date(entry.at).toISOString(),
        kind: entry.transcript ? 'transcript' : 'note',
        on: entry.title,
        summary: entry.summary ?? '',
      });
    } else if (entry.t === 'status-page') {
      posted.push({
        at: new Date(entry.at).toISOString(),
        kind: 'status-page',
        on: entry.pageName,
        summary: `${entry.kind}: ${entry.summary}`,
      });
    }
  }
  return posted.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Silences, snoozes and maintenances that run out during the next shift. Where a source's own
 * silences were read, they are the truth: one Onwatch made is listed once, from the provider,
 * as made here (its action is in the log), and one that was lifted early is not listed.
 */
function endingIn(
  entries: readonly ShiftLogEntry[],
  input: ShiftReportInput,
  from: number,
  until: number,
): ReportEnding[] {
  const ending: ReportEnding[] = [];
  const within = (ms: number) => ms > from && ms <= until;
  const read = new Map((input.providerSilences ?? []).map((s) => [s.sourceId, s]));
  // Who made a silence is not an event of the shift: an ack after the cut still made it here.
  const actionIds = input.entries.flatMap((entry) => (entry.t === 'action' ? [entry.id] : []));
  for (const entry of entries) {
    if (entry.t !== 'action' || entry.minutes === undefined) continue;
    if (entry.type !== 'silence' && entry.type !== 'snooze') continue;
    if (entry.type === 'silence' && read.has(sourceOfKey(entry.key))) continue;
    const endsAt = entry.at + entry.minutes * 60_000;
    if (within(endsAt)) {
      ending.push({ kind: entry.type, title: entry.title, endsAt: new Date(endsAt).toISOString() });
    }
  }
  for (const source of read.values()) {
    for (const silence of source.silences) {
      const endsAt = Date.parse(silence.endsAt);
      if (!within(endsAt)) continue;
      const ref = silence.onwatchRef;
      const here = ref !== undefined && actionIds.some((id) => id.startsWith(ref));
      ending.push({
        kind: 'silence',
        title: silence.matchers,
        endsAt: new Date(endsAt).toISOString(),
        madeAt: here ? 'here' : 'provider',
        sourceName: source.sourceName,
        matchers: silence.matchers,
        createdBy: silence.createdBy,
        comment: silence.comment,
      });
    }
  }
  for (const maintenance of input.maintenances ?? []) {
    if (within(maintenance.endsAt)) {
      ending.push({
        kind: 'maintenance',
        title: maintenance.title,
        endsAt: new Date(maintenance.endsAt).toISOString(),
      });
    }
  }
  return ending.sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt));
}

/** The source part of an incident key (`sourceId:externalId`). */
function sourceOfKey(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

/**
 * Each stretch a source could not be seen, clipped to the shift; the time Onwatch itself was
 * not running counts too, as a spell of its own.
 */
function blindSpells(
  entries: readonly ShiftLogEntry[],
  start: number,
  cut: number,
): ReportBlindSpell[] {
  const open = new Map<string, { from: number; name: string; reason?: string }>();
  const spells: ReportBlindSpell[] = [];
  const close = (id: string, to: number | undefined) => {
    const spell = open.get(id);
    if (!spell) return;
    open.delete(id);
    const from = Math.max(spell.from, start);
    const until = Math.min(to ?? cut, cut);
    if (until <= from) return;
    spells.push({
      sourceName: spell.name,
      from: new Date(from).toISOString(),
      ...(to !== undefined && to <= cut && { to: new Date(to).toISOString() }),
      durationMs: until - from,
      ...(spell.reason !== undefined && { reason: spell.reason }),
    });
  };
  for (const entry of entries) {
    if (entry.t === 'blind' && !open.has(entry.sourceId)) {
      open.set(entry.sourceId, {
        from: entry.at,
        name: entry.name,
        ...(entry.reason !== undefined && { reason: entry.reason }),
      });
    } else if (entry.t === 'seen') {
      close(entry.sourceId, entry.at);
    } else if (entry.t === 'stopped' && !open.has(notRunning)) {
      open.set(notRunning, { from: entry.at, name: notRunning });
    } else if (entry.t === 'started') {
      close(notRunning, entry.at);
    }
  }
  for (const id of [...open.keys()]) close(id, undefined);
  return spells.sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
}
