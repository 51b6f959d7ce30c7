import { selectStatusPageReminders } from '../../store/status-page-selectors.js';
import { useAppStore } from '../../store/store-context.js';

/**
 * The status-page reminders the main side has due, with what each offers in one click. They
 * go when they are no longer due (the status page was resolved or an incident declared).
 */
export function ReminderBanners() {
  const reminders = useAppStore(selectStatusPageReminders);
  const resolve = useAppStore((s) => s.resolveStatusPageIncident);
  const openForm = useAppStore((s) => s.openStatusPageForm);
  return reminders.map((reminder) => (
    <div
      key={reminder.id}
      className="banner banner-warning"
      data-testid="statuspage-reminder"
      data-kind={reminder.kind}
    >
      <span className="banner-text">
        {reminder.title} <span className="muted">{reminder.body}</span>
      </span>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          reminder.kind === 'resolve-status-page'
            ? void resolve({ statusPageId: reminder.statusPageId, incidentId: reminder.incidentId })
            : openForm({
                kind: 'declare',
                statusPageId: reminder.statusPageId,
                pagingIncidentKey: reminder.pagingIncidentKey,
              })
        }
      >
        {reminder.action}
      </button>
    </div>
  ));
}
