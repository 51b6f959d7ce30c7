import { useState } from 'react';
import type { ConnectedStatusPage } from '../../../electron/common/contract/status-page-state.js';
import type { StatusPageIncident } from '../../../electron/common/model/status-page-view.js';
import { checkIncidentUpdate } from '../../../electron/common/status-page/draft-checks.js';
import { followUpDraft } from '../../../electron/common/status-page/incident-form.js';
import {
  liveIncidentStatusSchema,
  type IncidentUpdateDraft,
} from '../../../electron/common/model/status-page.js';
import { useAppStore } from '../../store/store-context.js';
import { FormActions } from './declare-form.js';
import { draftIssues, noIssues, type DraftIssues } from './draft-issues.js';
import { IncidentDraftFields } from './incident-draft-fields.js';

type Props = { page: ConnectedStatusPage; incident: StatusPageIncident };

/** The next step from what the incident says now: investigating → identified → monitoring → resolved. */
function nextStatus(incident: StatusPageIncident) {
  const order = liveIncidentStatusSchema.options;
  const index = order.indexOf(incident.status as (typeof order)[number]);
  return order[Math.min(order.length - 1, Math.max(0, index + 1))]!;
}

/** A follow-up on an open incident: a new public update and the components' statuses. */
export function UpdateForm({ page, incident }: Props) {
  const update = useAppStore((s) => s.updateStatusPageIncident);
  const close = useAppStore((s) => s.closeStatusPageForm);
  const [draft, setDraft] = useState(() => followUpDraft(incident, nextStatus(incident)));
  const [issues, setIssues] = useState<DraftIssues>(noIssues);
  const [busy, setBusy] = useState(false);
  const view = page.view!;

  async function post() {
    const checked = checkIncidentUpdate(draft, view.catalog);
    if (!checked.ok) return setIssues(draftIssues(checked.issues));
    setBusy(true);
    const result = await update({
      statusPageId: page.id,
      incidentId: incident.id,
      draft: checked.draft,
    });
    setBusy(false);
    if (result.ok) close();
    else setIssues({ ...draftIssues(result.issues), other: [result.error] });
  }

  return (
    <form
      className="source-form sp-form"
      aria-label="Update the status-page incident"
      onSubmit={(event) => {
        event.preventDefault();
        void post();
      }}
    >
      <h2>
        Update “{incident.name}” on {view.pageName}
      </h2>
      <div className="form-grid">
        <IncidentDraftFields<IncidentUpdateDraft>
          draft={draft}
          onChange={setDraft}
          // A new status brings its own words and, for resolved, every component back up.
          onStatusChange={(status) => setDraft(followUpDraft(incident, status))}
          statuses={liveIncidentStatusSchema.options}
          catalog={view.catalog}
          pageName={view.pageName}
          incidentName={incident.name}
          issues={issues}
        />
      </div>
      <FormActions busy={busy} label="Post update" issues={issues} onCancel={close} />
    </form>
  );
}
