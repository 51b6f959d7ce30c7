/**
 * What the tray shows, decided from the app state alone so the shell only has to paint it.
 * The rule that matters: the tray never looks calm while a source is blind.
 */
import type { AppState } from '../../contract/ipc-contract.js';
import { compareIncidents } from '../model/incident.js';
import type { Health, SourceStatus } from '../model/source-status.js';

export type TrayIcon = 'idle' | 'triggered' | 'acknowledged' | 'blind';

export interface TrayIncident {
  key: string;
  title: string;
  sourceName: string;
  canAck: boolean;
}

export interface TraySource {
  id: string;
  name: string;
  health: Health;
  /** One line for the menu, e.g. "ok · polled 14:02" or "blind: connection refused". */
  detail: string;
}

export interface TrayModel {
  icon: TrayIcon;
  triggeredCount: number;
  acknowledgedCount: number;
  /** The counts in words, e.g. "2 triggered, 1 acknowledged"; the menu's header line. */
  summary: string;
  tooltip: string;
  /** Triggered incidents, most urgent first. */
  triggered: TrayIncident[];
  sources: TraySource[];
}

/** Windows cuts tray tooltips at 127 characters; we cut first so the ellipsis is ours. */
const maxTooltip = 127;
const maxTooltipReason = 40;
const maxMenuText = 60;

export function trayModelOf(state: AppState, now: number): TrayModel {
  const triggered = state.incidents
    .filter((incident) => incident.status === 'triggered')
    .sort(compareIncidents);
  const acknowledgedCount = state.incidents.filter((i) => i.status === 'acknowledged').length;
  const sourceNames = new Map(state.sources.map((source) => [source.id, source.name]));
  // An action already in the outbox will be retried until confirmed; a second ack adds nothing.
  const pending = new Set(
    state.actions.filter((a) => a.state === 'pending').map((action) => action.incidentKey),
  );
  const blind = state.sources.filter((source) => source.health === 'blind');
  const degraded = state.sources.filter((source) => source.health === 'degraded');
  const summary = summaryOf(triggered.length, acknowledgedCount);

  return {
    icon: iconOf(
      triggered.length,
      acknowledgedCount,
      blind.length > 0 || state.sources.length === 0,
    ),
    triggeredCount: triggered.length,
    acknowledgedCount,
    summary,
    tooltip: tooltipOf(summary, state.sources, blind, degraded, now),
    triggered: triggered.map((incident) => ({
      key: incident.key,
      title: shorten(incident.title, maxMenuText),
      sourceName: sourceNames.get(incident.sourceId) ?? incident.sourceId,
      canAck: incident.capabilities.ack && !pending.has(incident.key),
    })),
    sources: state.sources.map((source) => ({
      id: source.id,
      name: source.name,
      health: source.health,
      detail: detailOf(source, now),
    })),
  };
}

/** A page beats blindness (it is the more urgent truth); blindness beats anything calm. */
function iconOf(triggered: number, acknowledged: number, blind: boolean): TrayIcon {
  if (triggered > 0) return 'triggered';
  if (blind) return 'blind';
  return acknowledged > 0 ? 'acknowledged' : 'idle';
}

function summaryOf(triggered: number, acknowledged: number): string {
  const counts = [
    triggered > 0 ? `${triggered} triggered` : '',
    acknowledged > 0 ? `${acknowledged} acknowledged` : '',
  ].filter(Boolean);
  return counts.length > 0 ? counts.join(', ') : 'nothing open';
}

function tooltipOf(
  summary: string,
  sources: SourceStatus[],
  blind: SourceStatus[],
  degraded: SourceStatus[],
  now: number,
): string {
  if (sources.length === 0) return 'Onwatch — no sources: nothing is being watched';
  const parts = [`Onwatch — ${summary}`];
  const [onlyBlind] = blind;
  if (blind.length === 1 && onlyBlind) {
    parts.push(`${onlyBlind.name} blind: ${shorten(reasonOf(onlyBlind), maxTooltipReason)}`);
  } else if (blind.length > 1) {
    parts.push(`${blind.map((source) => source.name).join(', ')} blind`);
  }
  if (degraded.length > 0)
    parts.push(`${degraded.map((source) => source.name).join(', ')} degraded`);
  const lastPoll = latest(sources.map((source) => source.lastSuccessAt));
  parts.push(lastPoll === undefined ? 'no poll yet' : `last poll ${timeOf(lastPoll, now)}`);
  return shorten(parts.join(' · '), maxTooltip);
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

function latest(isoTimes: (string | undefined)[]): number | undefined {
  const times = isoTimes.filter((t): t is string => t !== undefined).map((t) => Date.parse(t));
  return times.length > 0 ? Math.max(...times) : undefined;
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
