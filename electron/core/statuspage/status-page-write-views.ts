import type { StatusPageWriteView } from '../../common/contract/status-page-state.js';
import { statusWords } from '../../common/model/status-page.js';
import type { StatusPageWriteItem } from './status-page-writes.js';

/** The Statuspage outbox's entries as the window lists them, oldest first, dismissed left out. */
export function statusPageWriteViews(items: readonly StatusPageWriteItem[]): StatusPageWriteView[] {
  return items.filter((item) => !item.dismissed).map(writeView);
}

/** In the schema's order, as the window's parsed copy has it. */
function writeView(item: StatusPageWriteItem): StatusPageWriteView {
  const { write } = item;
  const what = describe(write);
  return {
    id: item.id,
    statusPageId: item.statusPageId,
    kind: what.kind,
    summary: what.summary,
    ...('incidentId' in write ? { incidentId: write.incidentId } : {}),
    ...(write.type === 'create-incident' && write.pagingIncident
      ? { pagingIncidentKey: write.pagingIncident.key }
      : {}),
    state: item.state,
    attempts: item.attempts,
    ...(item.lastError ? { lastError: item.lastError } : {}),
    createdAt: new Date(item.createdAt).toISOString(),
  };
}

function describe(
  write: StatusPageWriteItem['write'],
): Pick<StatusPageWriteView, 'kind' | 'summary'> {
  switch (write.type) {
    case 'create-incident':
      return { kind: 'declare', summary: write.draft.name };
    case 'update-incident':
      return { kind: 'update', summary: statusWords[write.draft.status] };
    case 'schedule-maintenance':
      return { kind: 'schedule', summary: write.draft.name };
    case 'advance-maintenance':
      return { kind: 'advance', summary: statusWords[write.step.status] };
  }
}
