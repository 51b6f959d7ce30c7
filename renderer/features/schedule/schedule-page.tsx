import { useNow } from '../../lib/use-now.js';
import { selectSchedule } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { CalendarFeedCard } from './calendar-feed-card.js';
import { HandoffList } from './handoff-list.js';
import { MyShiftList } from './my-shift-list.js';
import { OnCallNowList } from './on-call-now-list.js';
import { ScheduleTimeline } from './schedule-timeline.js';
import { ShiftReportCard } from './shift-report-card.js';
import './schedule.css';

export function SchedulePage() {
  const hasSchedules = useAppStore((s) => {
    const schedule = selectSchedule(s);
    return !!schedule && (schedule.onCallNow.length > 0 || schedule.timeline.length > 0);
  });
  // A minute is fine-grained enough for "now" on a 14-day timeline and "until 18:00".
  const now = useNow(60_000);
  if (!hasSchedules) {
    return (
      <div className="schedule-page">
        <p className="empty-state schedule-empty">
          No schedules yet. Add a PagerDuty, Opsgenie or Splunk On-Call source in Settings to see
          who is on call.
        </p>
      </div>
    );
  }
  return (
    <div className="schedule-page">
      <div className="schedule-cards">
        <OnCallNowList now={now} />
        <MyShiftList now={now} />
        <HandoffList now={now} />
      </div>
      <ShiftReportCard now={now} />
      <ScheduleTimeline now={now} />
      <CalendarFeedCard />
    </div>
  );
}
