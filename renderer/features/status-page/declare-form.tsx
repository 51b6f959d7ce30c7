import { useState } from 'react';
import type { ConnectedStatusPage } from '../../../electron/common/contract/status-page-state.js';
import type { Incident } from '../../../electron/common/model/incident.js';
import {
  statusPageLimits,
  type IncidentDraft,
} from '../../../electron/common/model/status-page.js';
import { checkIncidentDraft } from '../../../electron/common/status-page/draft-checks.js';
import {
  applyTemplate,
  blankIncidentDraft,
  prefillIncidentDraft,
  proposedComponentStatus,
} from '../../../electron/common/status-page/incident-form.js';
import { FormField } from '../../components/form-field.js';
import { useAppStore } from '../../store/store-context.js';
import { draftIssues, noIssues, type DraftIssues } from './draft-issues.js';
import { defaultPageId, postablePages } from './form-defaults.js';
import { IncidentDraftFields } from './incident-draft-fields.js';

type Props = { pages: ConnectedStatusPage[]; incident?: Incident; asked?: string };

function initialDraft(page: ConnectedStatusPage | undefined, incident?: Incident): IncidentDraft {
  if (!page?.view || !incident) return blankIncidentDraft();
  return prefillIncidentDraft({ incident, rules: page.mappings, catalog: page.view.catalog });
}

/** A new public incident: prefilled from a paging incident, or blank; posted in one click. */
export function DeclareForm({ pages, incident, asked }: Props) {
  const declare = useAppStore((s) => s.declareStatusPageIncident);
  const close = useAppStore((s) => s.closeStatusPageForm);
  const postable = postablePages(pages);
  const [pageId, setPageId] = useState(() => defaultPageId(pages, incident, asked));
  const page = postable.find((p) => p.id === pageId);
  const [draft, setDraft] = useState(() => initialDraft(page, incident));
  const [templateId, setTemplateId] = useState('');
  const [issues, setIssues] = useState<DraftIssues>(noIssues);
  const [busy, setBusy] = useState(false);
  if (!page?.view) return <p className="form-error">No status page has been read yet.</p>;
  const { catalog, templates, pageName } = page.view;

  const choosePage = (id: string) => {
    const next = postable.find((p) => p.id === id);
    setPageId(id);
    setTemplateId('');
    setDraft(initialDraft(next, incident));
    setIssues(noIssues);
  };
  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    const template = templates.find((t) => t.id === id);
    const proposed = proposedComponentStatus(incident?.urgency ?? 'high');
    setDraft(
      template ? applyTemplate(draft, template, catalog, proposed) : initialDraft(page, incident),
    );
  };
  async function post() {
    const checked = checkIncidentDraft(draft, catalog);
    if (!checked.ok) return setIssues(draftIssues(checked.issues));
    setBusy(true);
    const result = await declare({
      statusPageId: page!.id,
      draft: checked.draft,
      ...(incident ? { pagingIncident: { key: incident.key, title: incident.title } } : {}),
    });
    setBusy(false);
    if (result.ok) close();
    else setIssues({ ...draftIssues(result.issues), other: [result.error] });
  }

  return (
    <form
      className="source-form sp-form"
      aria-label="Declare a status-page incident"
      onSubmit={(event) => {
        event.preventDefault();
        void post();
      }}
    >
      <h2>
        {incident ? `Tell customers about “${incident.title}”` : 'Declare a status-page incident'}
      </h2>
      <div className="form-grid">
        <FormField label="Status page">
          {(control) => (
            <select {...control} value={page.id} onChange={(e) => choosePage(e.target.value)}>
              {postable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.view!.pageName}
                  {p.practice ? ' (practice)' : ''}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Template">
          {(control) => (
            <select
              {...control}
              value={templateId}
              onChange={(e) => chooseTemplate(e.target.value)}
            >
              <option value="">No template</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          label="Incident name"
          error={issues.fields.name}
          hint={`${draft.name.length} of ${statusPageLimits.nameChars} characters`}
        >
          {(control) => (
            <input
              {...control}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          )}
        </FormField>
        <IncidentDraftFields<IncidentDraft>
          draft={draft}
          onChange={setDraft}
          statuses={['investigating', 'identified', 'monitoring']}
          catalog={catalog}
          pageName={pageName}
          incidentName={draft.name}
          issues={issues}
        />
      </div>
      <FormActions busy={busy} label="Post to status page" issues={issues} onCancel={close} />
    </form>
  );
}

export function FormActions({
  busy,
  label,
  issues,
  onCancel,
}: {
  busy: boolean;
  label: string;
  issues: DraftIssues;
  onCancel(): void;
}) {
  const unplaced = issues.other;
  const placed = Object.keys(issues.fields).length + Object.keys(issues.components).length;
  return (
    <>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Posting…' : label}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {(unplaced.length > 0 || placed > 0) && (
        <p role="alert" className="form-error">
          {unplaced.length > 0 ? unplaced.join(' ') : 'Check the highlighted fields.'}
        </p>
      )}
    </>
  );
}
