import { useState } from 'react';
import { selectCalendarFeeds, selectSchedule, selectSourceName } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

type Feed = { sourceId: string; scheduleId: string };

/**
 * The schedules whose provider serves a live feed: subscribe in the system's calendar app, or
 * copy the address for a cloud calendar. The address is fetched from the keychain at the click.
 */
export function CalendarFeedCard() {
  const feeds = useAppStore(selectCalendarFeeds);
  if (feeds.length === 0) return null;
  return (
    <section className="schedule-card" aria-labelledby="calendar-feeds-heading">
      <header className="card-header">
        <h2 id="calendar-feeds-heading" className="card-heading">
          Live calendar feeds
        </h2>
      </header>
      <p className="card-empty calendar-feed-warning">
        A feed address is a secret: anyone who has it can read the schedule. Paste it only into your
        own calendar.
      </p>
      <ul className="card-list">
        {feeds.map((feed) => (
          <CalendarFeedRow key={`${feed.sourceId}:${feed.scheduleId}`} feed={feed} />
        ))}
      </ul>
    </section>
  );
}

function CalendarFeedRow({ feed }: { feed: Feed }) {
  const scheduleName = useAppStore(
    (s) =>
      selectSchedule(s)?.timeline.find(
        (shift) => shift.sourceId === feed.sourceId && shift.scheduleId === feed.scheduleId,
      )?.scheduleName ?? feed.scheduleId,
  );
  const sourceName = useAppStore(selectSourceName(feed.sourceId));
  const subscribeToFeed = useAppStore((s) => s.subscribeToFeed);
  const copyFeedAddress = useAppStore((s) => s.copyFeedAddress);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: 'subscribe' | 'copy') => {
    setBusy(true);
    const outcome =
      action === 'subscribe'
        ? await subscribeToFeed(feed.sourceId, feed.scheduleId)
        : await copyFeedAddress(feed.sourceId, feed.scheduleId);
    setBusy(false);
    setResult(
      !outcome.ok
        ? { ok: false, text: outcome.error }
        : action === 'subscribe'
          ? { ok: true, text: 'Handed to your calendar app.' }
          : { ok: true, text: 'Copied. Keep it secret: anyone with it can read this schedule.' },
    );
  };

  return (
    <li className="card-row calendar-feed-row" data-testid="calendar-feed">
      <span className="card-row-main">
        <span className="card-row-title">{scheduleName}</span>
        <span className="card-row-sub">{sourceName}</span>
        {result && (
          <span
            className={`calendar-export-result${result.ok ? '' : ' is-error'}`}
            role="status"
            data-testid="calendar-feed-result"
          >
            {result.text}
          </span>
        )}
      </span>
      <span className="calendar-feed-actions">
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void run('subscribe')}
          title="Opens the feed (webcal) in your system's calendar app, which keeps it up to date"
        >
          Subscribe in your calendar
        </button>
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={busy}
          onClick={() => void run('copy')}
          title="For Google Calendar or Outlook on the web: add a calendar from this URL"
        >
          Copy feed address
        </button>
      </span>
    </li>
  );
}
