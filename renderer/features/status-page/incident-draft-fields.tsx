import {
  impacts,
  statusPageLimits,
  type ComponentStatus,
  type Impact,
  type LiveIncidentStatus,
} from '../../../electron/common/model/status-page.js';
import { statusWords } from '../../../electron/common/model/status-page.js';
import type { ComponentCatalog } from '../../../electron/common/model/status-page-view.js';
import { impactSummary } from '../../../electron/common/status-page/impact.js';
import { subscriberPreview } from '../../../electron/common/status-page/subscriber-preview.js';
import { FormField } from '../../components/form-field.js';
import { ComponentPicker } from './component-picker.js';
import type { DraftIssues } from './draft-issues.js';

/** What a new incident and a follow-up have in common on the form. */
export interface DraftFields {
  status: LiveIncidentStatus;
  body: string;
  components: Record<string, ComponentStatus>;
  deliverNotifications: boolean;
  impactOverride?: Impact;
}

type Props<T extends DraftFields> = {
  draft: T;
  onChange(next: T): void;
  /** The statuses offered, in order. */
  statuses: readonly LiveIncidentStatus[];
  onStatusChange?(status: LiveIncidentStatus): void;
  catalog: ComponentCatalog;
  pageName: string;
  incidentName: string;
  issues: DraftIssues;
};

/**
 * Status, message, components, notifications and impact, with what subscribers will read: the
 * impact Statuspage computes from the components shown beside any override.
 */
export function IncidentDraftFields<T extends DraftFields>(props: Props<T>) {
  const { draft, onChange, statuses, catalog, pageName, incidentName, issues } = props;
  const impact = impactSummary(draft);
  const preview = subscriberPreview(pageName, incidentName || '(no name)', draft, catalog);
  const setStatus = (status: LiveIncidentStatus) =>
    props.onStatusChange ? props.onStatusChange(status) : onChange({ ...draft, status });
  return (
    <>
      <FormField label="Status" error={issues.fields.status}>
        {(control) => (
          <select
            {...control}
            value={draft.status}
            onChange={(event) => setStatus(event.target.value as LiveIncidentStatus)}
          >
            {statuses.map((status) => (
              <option key={status} value={status}>
                {statusWords[status]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Message"
        error={issues.fields.body}
        hint={`${draft.body.length.toLocaleString('en-US')} of ${statusPageLimits.bodyChars.toLocaleString('en-US')} characters`}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            value={draft.body}
            onChange={(event) => onChange({ ...draft, body: event.target.value })}
          />
        )}
      </FormField>
      <ComponentPicker
        catalog={catalog}
        value={draft.components}
        onChange={(components) => onChange({ ...draft, components })}
        errors={issues.components}
      />
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={draft.deliverNotifications}
            onChange={(event) => onChange({ ...draft, deliverNotifications: event.target.checked })}
          />{' '}
          Notify subscribers
        </label>
      </div>
      <FormField
        label="Impact override"
        hint={`Computed from the components: ${impact.computed}. Subscribers see: ${impact.shown}.`}
      >
        {(control) => (
          <select
            {...control}
            value={draft.impactOverride ?? ''}
            onChange={(event) => {
              const { impactOverride: _drop, ...rest } = draft;
              const value = event.target.value as Impact | '';
              onChange((value ? { ...rest, impactOverride: value } : rest) as T);
            }}
          >
            <option value="">No override (computed)</option>
            {impacts.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <section className="sp-preview" aria-label="What subscribers will read">
        <h4>
          What subscribers will read{' '}
          {!preview.notifies && <span className="muted">(no notification is sent)</span>}
        </h4>
        <p className="sp-preview-subject">{preview.subject}</p>
        <pre className="sp-preview-text" data-testid="sp-preview">
          {preview.text}
        </pre>
      </section>
    </>
  );
}
