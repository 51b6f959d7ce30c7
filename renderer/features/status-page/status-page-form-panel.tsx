import { selectStatusPages } from '../../store/status-page-selectors.js';
import { useAppStore } from '../../store/store-context.js';
import type { StatusPageForm } from '../../store/types.js';
import { DeclareForm } from './declare-form.js';
import { MaintenanceForm } from './maintenance-form.js';
import { UpdateForm } from './update-form.js';

/** The open status-page form, keyed by what it is for so a new request starts it afresh. */
export function StatusPageFormPanel({ form }: { form: StatusPageForm }) {
  const pages = useAppStore(selectStatusPages);
  const incidents = useAppStore((s) => s.incidents);
  const close = useAppStore((s) => s.closeStatusPageForm);
  if (form.kind === 'declare') {
    const incident = incidents.find((i) => i.key === form.pagingIncidentKey);
    return (
      <DeclareForm
        key={`declare:${form.pagingIncidentKey ?? ''}:${form.statusPageId ?? ''}`}
        pages={pages}
        {...(incident ? { incident } : {})}
        {...(form.statusPageId ? { asked: form.statusPageId } : {})}
      />
    );
  }
  const page = pages.find((p) => p.id === form.statusPageId && p.view);
  const gone = (
    <p className="form-error">
      That status page is not available right now.{' '}
      <button type="button" className="button button-small" onClick={close}>
        Close
      </button>
    </p>
  );
  if (!page) return gone;
  if (form.kind === 'maintenance') return <MaintenanceForm key={page.id} page={page} />;
  const incident = page.view!.openIncidents.find((i) => i.id === form.incidentId);
  if (!incident) return gone;
  return <UpdateForm key={`${page.id}:${incident.id}`} page={page} incident={incident} />;
}
