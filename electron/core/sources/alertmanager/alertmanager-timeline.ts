import type { TimelineEntry } from '../../../common/model/incident-timeline.js';
import type { Incident } from '../../../common/model/incident.js';
import { goRegex } from '../../runbooks/go-regex.js';
import type { SourceTimeline } from '../source.js';
import { oldestFirst, partialReason, plainText, plural } from '../timeline-entries.js';
import type { ReportSilence } from './alertmanager-schemas.js';

/**
 * Alertmanager keeps no history of an alert, only the alert and the silences (expired ones
 * too, for its retention time): the timeline is when it started firing and every silence whose
 * matchers fit its labels, from when it was made to when it ended.
 */
export function alertTimeline(
  incident: Incident,
  silences: readonly ReportSilence[],
  unreadSilences: number,
  now: number,
): SourceTimeline {
  const entries: TimelineEntry[] = [
    { at: incident.createdAt, kind: 'opened', text: 'Started firing' },
  ];
  for (const silence of silences) {
    if (!mutes(silence, incident.labels)) continue;
    const comment = plainText(silence.comment);
    entries.push({
      at: silence.startsAt,
      kind: 'silenced',
      text: comment ? `Silenced: ${comment}` : 'Silenced',
      ...(silence.createdBy.trim() && { by: plainText(silence.createdBy) }),
      until: silence.endsAt,
    });
    if (silence.status.state === 'expired' && Date.parse(silence.endsAt) <= now) {
      entries.push({ at: silence.endsAt, kind: 'other', text: 'Silence ended' });
    }
  }
  return {
    entries: oldestFirst(entries),
    ...(unreadSilences > 0 && {
      partial: partialReason([
        `${plural(unreadSilences, 'silence', 'silences')} could not be read`,
      ]),
    }),
  };
}

/** As Alertmanager matches: every matcher holds, a missing label reads as empty. */
function mutes(silence: ReportSilence, labels: Readonly<Record<string, string>>): boolean {
  return silence.matchers.every(({ name, value, isRegex, isEqual }) => {
    const actual = labels[name] ?? '';
    let fits: boolean;
    if (isRegex) {
      try {
        fits = goRegex(value, { anchored: true }).test(actual);
      } catch {
        // A pattern JavaScript reads differently: say nothing rather than something wrong.
        return false;
      }
    } else fits = actual === value;
    return fits === (isEqual !== false);
  });
}
