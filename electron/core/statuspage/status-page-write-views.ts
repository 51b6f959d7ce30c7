import type { StatusPageWriteView } from '../../common/contract/status-page-state.js';
import { statusWords } from '../../common/model/status-page.js';
import type { StatusPageWriteItem } from './status-page-writes.js';

/** The Statuspage outbox's entries as the window lists them, oldest first, dismissed left out. */
export function statusPageWriteViews(items: readonly StatusPageWriteItem[]): StatusPageWriteView[] {
  return items.filter((item) => !item.dismissed).map(writeView);
}

function writeView(item: StatusPageWriteItem): StatusPageWriteView {
  const { write } = item;
  const common = {
    id: item.id,
    statusPageId: item.statusPageId,
    state: item.state,
    attempts: item.attempts,
    createdAt: new Date(item.createdAt).toISOString(),
    ...(item.lastError ? { lastError: item.lastError } : {}),
  };
  switch (write.type) {
    case 'create-incident':
      return {
        ...common,
        kind: 'declare',
        summary: write.draft.name,
        ...(write.pagingIncident ? { pagingIncidentKey: write.pagingIncident.key } : {}),
      };
    case 'update-incident':
      return {
        ...common,
        kind: 'update',
        summary: statusWords[write.draft.status],
        incidentId: write.incidentId,
      };
    case 'schedule-maintenance':
      return { ...common, kind: 'schedule', summary: write.draft.name };
    case 'advance-maintenance':
      return {
        ...common,
        kind: 'advance',
        summary: statusWords[write.step.status],
        incidentId: write.incidentId,
      };
  }
}
