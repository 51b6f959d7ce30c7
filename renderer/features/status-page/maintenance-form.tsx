import { useState } from 'react';
import type { ConnectedStatusPage } from '../../../electron/common/contract/status-page-state.js';
import type { MaintenanceDraft } from '../../../electron/common/model/status-page.js';
import { checkMaintenanceDraft } from '../../../electron/common/status-page/draft-checks.js';
import {
  blankMaintenanceDraft,
  maintenanceWarnings,
} from '../../../electron/common/status-page/maintenance-form.js';
import { FormField } from '../../components/form-field.js';
import { useNow } from '../../lib/use-now.js';
import { useAppStore } from '../../store/store-context.js';
import { FormActions } from './declare-form.js';
import { draftIssues, noIssues, type DraftIssues } from './draft-issues.js';
import { fromLocalInput, toLocalInput } from './form-defaults.js';

type Options = Pick<
  MaintenanceDraft,
  | 'deliverNotifications'
  | 'remindPrior'
  | 'autoInProgress'
  | 'autoCompleted'
  | 'notifyAtStart'
  | 'notifyAtEnd'
>;

const optionLabels: Record<keyof Options, string> = {
  deliverNotifications: 'Notify subscribers now',
  remindPrior: 'Remind subscribers an hour before',
  autoInProgress: 'Start it automatically at the start time',
  autoCompleted: 'Complete it automatically at the end time',
  notifyAtStart: 'Notify subscribers when it starts',
  notifyAtEnd: 'Notify subscribers when it ends',
};

/** A maintenance announced ahead: components under maintenance while it runs. */
export function MaintenanceForm({ page }: { page: ConnectedStatusPage }) {
  const schedule = useAppStore((s) => s.scheduleMaintenance);
  const close = useAppStore((s) => s.closeStatusPageForm);
  const [draft, setDraft] = useState(() => blankMaintenanceDraft(Date.now()));
  const [issues, setIssues] = useState<DraftIssues>(noIssues);
  const [busy, setBusy] = useState(false);
  const view = page.view!;
  const now = useNow(60_000);
  const warnings = maintenanceWarnings(draft, now);
  const setTime = (field: 'scheduledFor' | 'scheduledUntil', value: string) => {
    const iso = fromLocalInput(value);
    if (iso) setDraft({ ...draft, [field]: iso });
  };
  const toggle = (id: string, on: boolean) =>
    setDraft({
      ...draft,
      componentIds: on ? [...draft.componentIds, id] : draft.componentIds.filter((c) => c !== id),
    });

  async function post() {
    const checked = checkMaintenanceDraft(draft, view.catalog);
    if (!checked.ok) return setIssues(draftIssues(checked.issues));
    setBusy(true);
    const result = await schedule({ statusPageId: page.id, draft: checked.draft });
    setBusy(false);
    if (result.ok) close();
    else setIssues({ ...draftIssues(result.issues), other: [result.error] });
  }

  return (
    <form
      className="source-form sp-form"
      aria-label="Schedule maintenance"
      onSubmit={(event) => {
        event.preventDefault();
        void post();
      }}
    >
      <h2>Schedule maintenance on {view.pageName}</h2>
      <div className="form-grid">
        <FormField label="Maintenance name" error={issues.fields.name}>
          {(control) => (
            <input
              {...control}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Message" error={issues.fields.body}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Starts" hint={warnings.join(' ') || undefined}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              value={toLocalInput(draft.scheduledFor)}
              onChange={(e) => setTime('scheduledFor', e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Ends" error={issues.fields.scheduledUntil}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              value={toLocalInput(draft.scheduledUntil)}
              onChange={(e) => setTime('scheduledUntil', e.target.value)}
            />
          )}
        </FormField>
        <fieldset className="sp-picker">
          <legend>Components under maintenance</legend>
          {view.catalog.components.map((component) => (
            <div key={component.id} className="field">
              <label>
                <input
                  type="checkbox"
                  checked={draft.componentIds.includes(component.id)}
                  onChange={(e) => toggle(component.id, e.target.checked)}
                />{' '}
                {component.name}
              </label>
              {issues.components[component.id] && (
                <p className="field-error">{issues.components[component.id]}</p>
              )}
            </div>
          ))}
        </fieldset>
        <fieldset className="sp-picker">
          <legend>Statuspage options</legend>
          {(Object.keys(optionLabels) as (keyof Options)[]).map((option) => (
            <div key={option} className="field">
              <label>
                <input
                  type="checkbox"
                  checked={draft[option]}
                  onChange={(e) => setDraft({ ...draft, [option]: e.target.checked })}
                />{' '}
                {optionLabels[option]}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      {warnings.length > 0 && (
        <p className="form-note" data-testid="sp-maintenance-warning">
          {warnings.join(' ')}
        </p>
      )}
      <FormActions busy={busy} label="Schedule maintenance" issues={issues} onCancel={close} />
    </form>
  );
}
