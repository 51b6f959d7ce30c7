import { useEffect, useId, useState } from 'react';
import type {
  IncidentTimeline,
  TimelineEntry,
} from '../../../electron/common/model/incident-timeline.js';
import type { Incident } from '../../../electron/common/model/incident.js';
import { formatClock, formatUpcoming } from '../../lib/format-time.js';
import { useAppStore } from '../../store/store-context.js';
import type { Outcome } from '../../store/types.js';
import { LoadError } from '../../components/load-error.js';
import { ShowAllToggle } from '../../components/show-all-toggle.js';

interface Answer {
  outcome: Outcome<IncidentTimeline>;
  /** The read it answers: the status it was read for and the Refresh count. */
  read: string;
}

const kindLabels: Record<TimelineEntry['kind'], string> = {
  opened: 'Opened',
  notified: 'Notified',
  acknowledged: 'Acknowledged',
  unacknowledged: 'Unacknowledged',
  escalated: 'Escalated',
  assigned: 'Assigned',
  snoozed: 'Snoozed',
  silenced: 'Silenced',
  note: 'Note',
  resolved: 'Resolved',
  other: 'Event',
};

/** Past this an entry's text is clamped: one pasted stack trace must not bury the rest. */
const longTextChars = 280;
const isLong = (text: string) => text.length > longTextChars || text.split('\n').length > 4;

/**
 * The incident's history at its provider (keyed by incident: another one starts afresh), read
 * when the detail opens for it, when its status changes and on Refresh: never on a timer. The
 * last answer stays shown while the next is read. The provider's words are plain text.
 */
export function IncidentTimelineSection({ incident, now }: { incident: Incident; now: number }) {
  const loadTimeline = useAppStore((s) => s.loadTimeline);
  const [refreshes, setRefreshes] = useState(0);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const { key, status } = incident;
  // Which read the shown answer came from: another one still under way means "reading".
  const wanted = `${status}#${refreshes}`;

  useEffect(() => {
    let current = true;
    void loadTimeline(key).then((outcome) => {
      // Only the newest read is shown: a slow answer to an older one must not land.
      if (current) setAnswer({ outcome, read: `${status}#${refreshes}` });
    });
    return () => {
      current = false;
    };
  }, [loadTimeline, key, status, refreshes]);

  const loading = answer?.read !== wanted;
  const timeline = answer?.outcome.ok ? answer.outcome.value : null;
  const error = answer && !answer.outcome.ok ? answer.outcome.error : null;

  return (
    <section
      className="detail-section detail-timeline"
      aria-labelledby="incident-timeline-heading"
      aria-busy={loading}
      data-testid="detail-timeline"
    >
      <div className="timeline-bar">
        <h2 id="incident-timeline-heading">Timeline</h2>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => setRefreshes((n) => n + 1)}
          disabled={loading}
        >
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
      <LoadError error={error} />
      {!timeline && !error && <p className="card-empty">Reading the history…</p>}
      {timeline && !timeline.available && (
        <p className="card-empty" data-testid="timeline-unavailable">
          {timeline.why}
        </p>
      )}
      {timeline?.available && (
        <>
          {timeline.partial && (
            <p className="card-empty" data-testid="timeline-partial">
              Partly read: {timeline.partial}
            </p>
          )}
          {timeline.entries.length === 0 ? (
            <p className="card-empty">The provider lists nothing for this incident yet.</p>
          ) : (
            <ol className="timeline-list" aria-labelledby="incident-timeline-heading">
              {timeline.entries.map((entry, index) => (
                <TimelineItem key={`${entry.at}:${index}`} entry={entry} now={now} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function TimelineItem({ entry, now }: { entry: TimelineEntry; now: number }) {
  return (
    <li className="timeline-entry" data-testid="timeline-entry" data-kind={entry.kind}>
      <div className="timeline-meta">
        <time dateTime={entry.at}>{formatClock(entry.at, now)}</time>
        <span className={`timeline-kind timeline-kind-${entry.kind}`}>
          {kindLabels[entry.kind]}
        </span>
        {entry.by && <span className="timeline-by">{entry.by}</span>}
        {entry.until && (
          <span className="timeline-until">until {formatUpcoming(entry.until, now)}</span>
        )}
      </div>
      <TimelineText text={entry.text} />
    </li>
  );
}

/** Plain text, clamped when long, with "Show all" to read the rest in place. */
function TimelineText({ text }: { text: string }) {
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const long = isLong(text);
  return (
    <>
      <p id={id} className={`timeline-text${long && !expanded ? ' is-clamped' : ''}`}>
        {text}
      </p>
      {long && (
        <ShowAllToggle expanded={expanded} controls={id} onToggle={() => setExpanded(!expanded)} />
      )}
    </>
  );
}
