/**
 * What the tray shows, decided from the app state alone so the shell only has to paint it.
 * The rule that matters: the tray never looks calm while a source is blind.
 */
import type { AppState } from '../../common/contract/app-state.js';
import { compareIncidents } from '../../common/model/incident.js';
import { formatDuration } from '../../common/time-format.js';
import type { Health, SourceStatus } from '../../common/model/source-status.js';
import { ackableMine, keysWithPendingActions } from './my-incidents.js';

/** Loudest first, as `iconOf` ranks them. */
export const trayIcons = ['triggered', 'blind', 'acknowledged', 'on-call', 'idle'] as const;
export type TrayIcon = (typeof trayIcons)[number];

interface TrayIncident {
  key: string;
  title: string;
  sourceName: string;
  canAck: boolean;
  /** Undefined when the source cannot resolve it, so the menu leaves the item out. */
  canResolve?: boolean;
}

interface TraySource {
  id: string;
  name: string;
  health: Health;
  /** One line for the menu, e.g. "ok · polled 14:02" or "blind: connection refused". */
  detail: string;
}

/** The alarm item: silence it, or say until when it is silenced and offer to undo that. */
interface TrayAlarm {
  silenced: boolean;
  label: string;
}

/** A status-page reminder: resolve the status page too, or tell customers about a page. */
interface TrayReminder {
  id: string;
  label: string;
  action: string;
  /** Where "Resolve status page" goes; absent for a declare prompt, which opens the page. */
  resolve?: { statusPageId: string; incidentId: string };
  incidentKey: string;
}

/** "I need cover" for a shift of mine running now: opens the window on its cover form. */
interface TrayCover {
  label: string;
  sourceId: string;
  scheduleId: string;
  start: string;
}

export interface TrayModel {
  icon: TrayIcon;
  /** Triggered pages that ring; everyone else's are counted in `quietCount`. */
  triggeredCount: number;
  /** Triggered pages the responder's sources do not ring for: listed in the window, quietly. */
  quietCount: number;
  acknowledgedCount: number;
  /** The responder is on call now on some schedule. */
  onCall: boolean;
  /** e.g. "on call · 2 triggered, 1 acknowledged"; the menu's header line. */
  summary: string;
  tooltip: string;
  /** Triggered incidents that ring, most urgent first. */
  triggered: TrayIncident[];
  /** What "Ack all mine" acks: every triggered incident of mine that can be acked now. */
  mineToAck: string[];
  alarm: TrayAlarm;
  /** Status-page reminders due now: low urgency, so they never change the icon. */
  reminders: TrayReminder[];
  /** One per shift of mine running now that cover can be made on; empty off shift. */
  needCover: TrayCover[];
  sources: TraySource[];
}

/** What the tray's "Silence alarm" item asks for; its label promises exactly this. */
export const traySilenceMinutes = 5;

/** Windows cuts tray tooltips at 127 characters; we cut first so the ellipsis is ours. */
const maxTooltip = 127;
const maxTooltipReason = 40;
const maxMenuText = 60;

export function trayModelOf(state: AppState, now: number): TrayModel {
  const open = state.incidents.filter((incident) => incident.status === 'triggered');
  const quiet = (key: string) => state.attention.ring[key]?.rings === false;
  const triggered = open.filter((incident) => !quiet(incident.key)).sort(compareIncidents);
  const quietCount = open.length - triggered.length;
  const acknowledgedCount = state.incidents.filter((i) => i.status === 'acknowledged').length;
  const onCall = state.schedule.onCallNow.some((shift) => shift.isMe);
  const sourceNames = new Map(state.sources.map((source) => [source.id, source.name]));
  const pending = keysWithPendingActions(state);
  const blind = state.sources.filter((source) => source.health === 'blind');
  const degraded = state.sources.filter((source) => source.health === 'degraded');
  const summary = summaryOf(onCall, triggered.length, acknowledgedCount, quietCount);

  return {
    icon: iconOf({
      triggered: triggered.length,
      acknowledged: acknowledgedCount,
      blind: blind.length > 0 || state.sources.length === 0,
      onCall,
    }),
    triggeredCount: triggered.length,
    quietCount,
    acknowledgedCount,
    onCall,
    summary,
    tooltip: tooltipOf(summary, quietCount, state.sources, blind, degraded, now),
    triggered: triggered.map((incident) => ({
      key: incident.key,
      title: shorten(incident.title, maxMenuText),
      sourceName: sourceNames.get(incident.sourceId) ?? incident.sourceId,
      canAck: incident.capabilities.ack && !pending.has(incident.key),
      ...(incident.capabilities.resolve && { canResolve: !pending.has(incident.key) }),
    })),
    mineToAck: ackableMine(state).map((incident) => incident.key),
    alarm: alarmOf(state.attention.silencedUntil, now),
    reminders: state.statusPages.reminders.map((reminder) => ({
      id: reminder.id,
      label: shorten(reminder.title, maxMenuText),
      action: reminder.action,
      incidentKey: reminder.pagingIncidentKey,
      ...(reminder.kind === 'resolve-status-page'
        ? { resolve: { statusPageId: reminder.statusPageId, incidentId: reminder.incidentId } }
        : {}),
    })),
    needCover: needCoverOf(state, now),
    sources: state.sources.map((source) => ({
      id: source.id,
      name: source.name,
      health: source.health,
      detail: detailOf(source, now),
    })),
  };
}

function needCoverOf(state: AppState, now: number): TrayCover[] {
  // An escalation level is not a schedule: its cover is made on the schedule behind it.
  const running = state.schedule.myShifts.filter(
    (shift) =>
      shift.escalationLevel === undefined &&
      Date.parse(shift.start) <= now &&
      (shift.end === undefined || Date.parse(shift.end) > now),
  );
  return running.map((shift) => ({
    label:
      running.length === 1
        ? 'I need cover…'
        : `I need cover on ${shorten(shift.scheduleName, maxMenuText)}…`,
    sourceId: shift.sourceId,
    scheduleId: shift.scheduleId,
    start: shift.start,
  }));
}

/**
 * A page beats blindness (it is the more urgent truth); blindness beats anything calm, so the
 * tray is never green while a source cannot be seen.
 */
function iconOf(counts: {
  triggered: number;
  acknowledged: number;
  blind: boolean;
  onCall: boolean;
}): TrayIcon {
  if (counts.triggered > 0) return 'triggered';
  if (counts.blind) return 'blind';
  if (counts.acknowledged > 0) return 'acknowledged';
  return counts.onCall ? 'on-call' : 'idle';
}

/** A silence that ran out is over, even before the next state says so. */
function alarmOf(silencedUntil: string | undefined, now: number): TrayAlarm {
  const until = silencedUntil === undefined ? undefined : Date.parse(silencedUntil);
  return until !== undefined && until > now
    ? { silenced: true, label: `Alarm silenced until ${timeOf(until, now)} — unsilence` }
    : { silenced: false, label: `Silence alarm ${formatDuration(traySilenceMinutes * 60_000)}` };
}

function summaryOf(
  onCall: boolean,
  triggered: number,
  acknowledged: number,
  quiet: number,
): string {
  const counts = [
    triggered > 0 ? `${triggered} triggered` : '',
    acknowledged > 0 ? `${acknowledged} acknowledged` : '',
  ].filter(Boolean);
  // Others' pages are open, just not ringing: "nothing open" would hide them.
  const open =
    counts.length > 0 ? counts.join(', ') : quiet > 0 ? 'nothing ringing' : 'nothing open';
  return onCall ? `on call · ${open}` : open;
}

function tooltipOf(
  summary: string,
  quietCount: number,
  sources: SourceStatus[],
  blind: SourceStatus[],
  degraded: SourceStatus[],
  now: number,
): string {
  if (sources.length === 0) return 'Onwatch — no sources: nothing is being watched';
  const parts = [`Onwatch — ${summary}`];
  if (quietCount > 0) {
    parts.push(
      quietCount === 1 ? '1 page of someone else’s, quiet' : `${quietCount} others’ pages, quiet`,
    );
  }
  const [onlyBlind] = blind;
  if (blind.length === 1 && onlyBlind) {
    parts.push(`${onlyBlind.name} blind: ${shorten(reasonOf(onlyBlind), maxTooltipReason)}`);
  } else if (blind.length > 1) {
    parts.push(`${namesOf(blind)} blind`);
  }
  if (degraded.length > 0) parts.push(`${namesOf(degraded)} degraded`);
  parts.push(lastPollOf(sources, now));
  return shorten(parts.join(' · '), maxTooltip);
}

/**
 * The oldest of the sources' last good polls: the newest would call the tray fresh while one
 * source has not been heard from for an hour.
 */
function lastPollOf(sources: SourceStatus[], now: number): string {
  const never = sources.filter((source) => source.lastSuccessAt === undefined);
  if (never.length === sources.length) return 'no poll yet';
  if (never.length > 0) return `no poll yet from ${namesOf(never)}`;
  const oldest = Math.min(...sources.map((source) => Date.parse(source.lastSuccessAt ?? '')));
  return `last poll ${ageOf(now - oldest)}`;
}

/** Coarse on purpose: the shell repaints the tooltip every few seconds, not every second. */
function ageOf(ms: number): string {
  return `${formatDuration(ms, { smallest: 'second', units: 1, rounding: 'floor' })} ago`;
}

function detailOf(source: SourceStatus, now: number): string {
  const lastGood = source.lastSuccessAt ? Date.parse(source.lastSuccessAt) : undefined;
  if (source.health === 'ok') {
    return lastGood === undefined
      ? 'waiting for first poll'
      : `ok · polled ${timeOf(lastGood, now)}`;
  }
  const reason = `${source.health}: ${shorten(reasonOf(source), maxMenuText)}`;
  return lastGood === undefined ? reason : `${reason} · last good poll ${timeOf(lastGood, now)}`;
}

function reasonOf(source: SourceStatus): string {
  return source.lastError ?? 'no data';
}

function namesOf(sources: SourceStatus[]): string {
  return sources.map((source) => source.name).join(', ');
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local 24-hour clock time, with the date when it is not today: a stale "14:02" would lie. */
function timeOf(at: number, now: number): string {
  const date = new Date(at);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.toDateString() === new Date(now).toDateString()
    ? time
    : `${months[date.getMonth()]} ${date.getDate()} ${time}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
