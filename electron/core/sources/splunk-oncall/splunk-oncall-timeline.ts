import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import { oldestFirst, plainText } from '../timeline-entries.js';
import type { SourceTimeline } from '../source.js';
import type { SplunkIncident } from './splunk-oncall-schemas.js';

const kinds: [RegExp, TimelineEntry['kind']][] = [
  [/^trigger/i, 'opened'],
  [/^unack/i, 'unacknowledged'],
  [/^ack/i, 'acknowledged'],
  [/^resolve/i, 'resolved'],
  [/^(reroute|assign)/i, 'assigned'],
  [/^escalat/i, 'escalated'],
  [/^snooz/i, 'snoozed'],
];

/**
 * An incident's phase changes, as the incident list gives them with each incident: who acked
 * or resolved it and with what message. Nothing more is asked of the API, whose budget is small.
 */
export function splunkTimeline(incident: SplunkIncident): SourceTimeline {
  const entries = incident.transitions.flatMap((transition): TimelineEntry[] => {
    const name = transition.name?.trim();
    // Without a name or a readable time a change cannot be placed: it is left out.
    if (!name || !transition.at) return [];
    const message = transition.message?.trim();
    const phase = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    return [
      {
        at: transition.at,
        kind: kinds.find(([pattern]) => pattern.test(name))?.[1] ?? 'other',
        text: plainText(message ? `${phase}: ${message}` : phase),
        ...(transition.by?.trim() && { by: plainText(transition.by) }),
      },
    ];
  });
  if (incident.startTime && !entries.some((entry) => entry.kind === 'opened')) {
    entries.push({ at: incident.startTime, kind: 'opened', text: 'Triggered' });
  }
  return { entries: oldestFirst(entries) };
}
