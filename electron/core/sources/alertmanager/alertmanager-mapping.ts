import {
  incidentKey,
  noCapabilities,
  type Capabilities,
  type Incident,
  type IncidentLink,
  type Urgency,
} from '../../../common/model/incident.js';
import type { ProviderSilence } from '../source.js';
import type {
  GettableAlert,
  GettableSilence,
  PostableSilence,
  ReportSilence,
} from './alertmanager-schemas.js';

export interface AlertContext {
  sourceId: string;
  /** The Alertmanager root the user configured (route prefix included, no trailing slash). */
  uiRoot: string;
  status: 'triggered' | 'acknowledged';
  /** Silences by ID, to say who acknowledged and when. */
  silences: ReadonlyMap<string, GettableSilence>;
  /** A steady creation time for the alert, from its `startsAt` when it has a readable one. */
  startedAt: (fingerprint: string, startsAt: string | undefined) => string;
  /** The alert group the alert came in, when Alertmanager groups by some labels. */
  group?: Incident['group'];
}

/** Severities that clearly mean "can wait"; anything else, including none, pages loudly. */
const lowSeverities = new Set(['warning', 'warn', 'info', 'low', 'none']);

/** A page must never be quietly downgraded, so an unknown or missing severity is high. */
export function urgencyFromSeverity(severity: string | undefined): Urgency {
  return lowSeverities.has(severity?.trim().toLowerCase() ?? '') ? 'low' : 'high';
}

/** What Onwatch can do to any alert: ack it, which is a silence. One object for a storm's all. */
const alertCapabilities: Capabilities = Object.freeze({
  ...noCapabilities,
  ack: true,
  silence: true,
});

export function alertToIncident(alert: GettableAlert, context: AlertContext): Incident {
  const { labels, annotations } = alert;
  const silences = alert.status.silencedBy.flatMap((id) => context.silences.get(id) ?? []);
  const acknowledged = context.status === 'acknowledged';
  return {
    key: incidentKey(context.sourceId, alert.fingerprint),
    sourceId: context.sourceId,
    externalId: alert.fingerprint,
    webUrl: alertUiUrl(context.uiRoot, labels),
    title: nonBlank(annotations.summary) ?? nonBlank(labels.alertname) ?? alert.fingerprint,
    service: nonBlank(labels.service) ?? nonBlank(labels.job) ?? nonBlank(labels.namespace),
    status: context.status,
    urgency: urgencyFromSeverity(labels.severity),
    severity: nonBlank(labels.severity),
    createdAt: context.startedAt(alert.fingerprint, alert.startsAt),
    updatedAt: alert.updatedAt,
    acknowledgedAt: acknowledged ? silences.map((s) => s.startsAt).sort()[0] : undefined,
    assignedToMe: true,
    assignees: acknowledged ? [...new Set(silences.map((s) => s.createdBy))] : [],
    labels,
    ...(Object.keys(annotations).length > 0 && { annotations }),
    links: alertLinks(alert),
    capabilities: alertCapabilities,
    ...(context.group && { group: context.group }),
  };
}

/** Runbooks first, then any other annotation that is a web link, then the alert's source. */
export function alertLinks(alert: GettableAlert): IncidentLink[] {
  const links: IncidentLink[] = [];
  const add = (label: string, value: string | undefined) => {
    const url = webUrl(value);
    if (url && !links.some((link) => link.url === url)) links.push({ label, url });
  };
  add('Runbook', alert.annotations.runbook_url);
  add('Runbook', alert.annotations.runbook);
  for (const [name, value] of Object.entries(alert.annotations)) add(name, value);
  add('Source', alert.generatorURL);
  return links;
}

/**
 * Links already read, by their text: the alerts of one rule share their generatorURL, so a
 * storm parses a few dozen URLs rather than ten thousand. Emptied when full.
 */
const readLinks = new Map<string, string>();
const readLinksAtMost = 1000;

/** Only http(s): a `javascript:` or `file:` link from an alert must never become clickable. */
function webUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  // Anything else would fail below; most annotations are prose, and a throw costs.
  if (!trimmed || /\s/.test(trimmed) || !/^https?:/i.test(trimmed)) return undefined;
  const known = readLinks.get(trimmed);
  if (known !== undefined) return known;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (readLinks.size >= readLinksAtMost) readLinks.clear();
  readLinks.set(trimmed, url.href);
  return url.href;
}

/**
 * The alert list in Alertmanager's own UI, filtered to exactly this alert's labels; it
 * includes silenced and inhibited alerts so the link still works after an ack.
 */
export function alertUiUrl(uiRoot: string, labels: Record<string, string>): string {
  // Written out as one string rather than mapped and joined: a storm builds ten thousand.
  let matchers = '';
  for (const name in labels) {
    matchers += `${matchers ? ',' : ''}${name}="${escapeMatcherValue(labels[name]!)}"`;
  }
  const filter = encodeURIComponent(`{${matchers}}`);
  return `${uiRoot}/#/alerts?silenced=true&inhibited=true&filter=${filter}`;
}

function escapeMatcherValue(value: string): string {
  if (!/[\\"\n]/.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export interface AckOptions {
  now: number;
  minutes: number;
  responderName: string;
  actionId: string;
}

/**
 * Acknowledging an alert silences exactly it: one equality matcher per label, so the
 * silence cannot swallow a sibling alert that differs in any label.
 */
export function ackSilence(incident: Incident, options: AckOptions): PostableSilence {
  const responder = options.responderName.trim();
  return {
    matchers: Object.entries(incident.labels).map(([name, value]) => ({
      name,
      value,
      isRegex: false,
      isEqual: true,
    })),
    startsAt: new Date(options.now).toISOString(),
    endsAt: new Date(options.now + options.minutes * 60_000).toISOString(),
    createdBy: responder ? `onwatch (${responder})` : 'onwatch',
    comment: `Acknowledged in Onwatch: ${incident.title} ${actionRef(options.actionId)}`,
  };
}

/**
 * Marks a silence with the outbox action that created it, so a retry after a lost answer can
 * find it instead of creating a second one.
 */
export function actionRef(actionId: string): string {
  return `(Onwatch ref ${shortRef(actionId)})`;
}

const shortRef = (actionId: string) => actionId.slice(0, 8);
const refPattern = /\(Onwatch ref ([0-9a-zA-Z-]{1,8})\)/;

/** A silence for the shift report, with the action's ref when Onwatch made it. */
export function providerSilence(silence: ReportSilence): ProviderSilence {
  const ref = refPattern.exec(silence.comment)?.[1];
  return {
    id: silence.id,
    matchers: silence.matchers
      .map(({ name, value, isRegex, isEqual }) => {
        const op = `${isEqual === false ? '!' : '='}${isRegex ? '~' : isEqual === false ? '=' : ''}`;
        return `${name}${op}"${escapeMatcherValue(value)}"`;
      })
      .join(', '),
    createdBy: silence.createdBy,
    comment: silence.comment,
    startsAt: silence.startsAt,
    endsAt: silence.endsAt,
    ...(ref !== undefined && { onwatchRef: ref }),
  };
}

function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}
