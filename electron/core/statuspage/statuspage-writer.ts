import { z } from 'zod';
import type { ActionContext } from '../../common/model/action.js';
import {
  incidentDraftSchema,
  incidentUpdateDraftSchema,
  maintenanceDraftSchema,
  maintenanceStepSchema,
  pagingIncidentRefSchema,
} from '../../common/model/status-page.js';
import { withTimeout } from '../engine/with-timeout.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { SourceError } from '../sources/source-error.js';
import type { Listed, SpIncidentFields, StatuspageApi } from './statuspage-api.js';
import {
  createIncidentFields,
  maintenanceFields,
  maintenanceStepFields,
  updateIncidentFields,
} from './statuspage-requests.js';
import { onwatchMetadataOf, type SpIncident } from './statuspage-schemas.js';

/** Every write Onwatch makes to a status page, as the outbox writes it down. */
const statuspageWriteSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('create-incident'),
    /** Made before the first send; travels in `metadata.onwatch.key`. */
    key: z.uuid(),
    draft: incidentDraftSchema,
    pagingIncident: pagingIncidentRefSchema.optional(),
  }),
  z.object({
    type: z.literal('update-incident'),
    incidentId: z.string().min(1),
    draft: incidentUpdateDraftSchema,
  }),
  z.object({
    type: z.literal('schedule-maintenance'),
    key: z.uuid(),
    draft: maintenanceDraftSchema,
  }),
  z.object({
    type: z.literal('advance-maintenance'),
    incidentId: z.string().min(1),
    step: maintenanceStepSchema,
  }),
]);
export type StatuspageWrite = z.infer<typeof statuspageWriteSchema>;

export const statuspageEntrySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  /** The configured status page, whose API key sends it. */
  statusPageId: z.string().min(1),
  /** Statuspage's page id, as it was when the responder posted. */
  pageId: z.string().min(1),
  write: statuspageWriteSchema,
});
export type StatuspageEntry = z.infer<typeof statuspageEntrySchema>;

/** A confirmed write: `sent` by this attempt, or `found` already done by an earlier one. */
export interface WriteConfirmation {
  entry: StatuspageEntry;
  incident: SpIncident;
  how: 'sent' | 'found';
}

export interface StatuspageWriterOptions {
  /** The API of a configured status page; undefined once it has been removed. */
  apiFor(statusPageId: string): StatuspageApi | undefined;
  clock: Clock;
  log: Log;
  /** One attempt's deadline, lookups and the budget's wait included. */
  timeoutMs?: number;
  /** Told before the outbox records the write done, so a link is never lost to a crash. */
  onConfirmed?(confirmation: WriteConfirmation): void | Promise<void>;
}

/**
 * An update whose answer was lost is recognised as ours when Statuspage has an update with our
 * status and words that is no older than the write, give or take this much clock skew.
 */
const clockSkewMs = 5 * 60_000;

/**
 * Delivers Statuspage writes for the outbox, never twice. Statuspage has no idempotency key
 * and a duplicate notifies every subscriber, so a write whose earlier attempt may have
 * arrived is first looked for: a create by the key it carries in `metadata.onwatch.key`
 * (unresolved incidents or maintenances, then a search by name), an update by comparing
 * the incident's newest updates. Only when it is not there is it sent again.
 */
export class StatuspageWriter {
  constructor(private readonly options: StatuspageWriterOptions) {}

  /** One attempt at one write; the outbox's `deliver`. */
  readonly deliver = async (entry: StatuspageEntry, context: ActionContext): Promise<void> => {
    const { apiFor, clock, log, onConfirmed, timeoutMs = 30_000 } = this.options;
    const api = apiFor(entry.statusPageId);
    if (!api) throw new SourceError('rejected', 'this status page has been removed from settings');
    const confirmation = await withTimeout(clock, timeoutMs, (signal) =>
      this.attempt(api, entry, context, signal),
    );
    log.info(
      `statuspage ${entry.write.type} on ${entry.pageId}: ${confirmation.how} as ${confirmation.incident.id}`,
    );
    await onConfirmed?.(confirmation);
  };

  private async attempt(
    api: StatuspageApi,
    entry: StatuspageEntry,
    context: ActionContext,
    signal: AbortSignal,
  ): Promise<WriteConfirmation> {
    const { pageId, write } = entry;
    const sent = (incident: SpIncident): WriteConfirmation => ({ entry, incident, how: 'sent' });
    const found = (incident: SpIncident): WriteConfirmation => ({ entry, incident, how: 'found' });
    switch (write.type) {
      case 'create-incident':
      case 'schedule-maintenance': {
        if (context.mayHaveBeenSent) {
          const earlier = await findOwn(api, entry, signal);
          if (earlier) return found(earlier);
        }
        const fields: SpIncidentFields =
          write.type === 'create-incident'
            ? createIncidentFields(write.draft, {
                key: write.key,
                ...(write.pagingIncident ? { source: write.pagingIncident.key } : {}),
              })
            : maintenanceFields(write.draft, { key: write.key });
        return sent(await api.createIncident(pageId, fields, signal));
      }
      case 'update-incident':
      case 'advance-maintenance': {
        const fields =
          write.type === 'update-incident'
            ? updateIncidentFields(write.draft)
            : maintenanceStepFields(write.step);
        // Without a body nothing public is added, and setting statuses twice is harmless.
        if (context.mayHaveBeenSent && fields.body !== undefined) {
          const current = await api.getIncident(pageId, write.incidentId, signal);
          if (alreadyPosted(current, fields, entry.createdAt)) return found(current);
        }
        return sent(await api.updateIncident(pageId, write.incidentId, fields, signal));
      }
    }
  }
}

/** The incident or maintenance an earlier attempt of this create made, if it exists. */
async function findOwn(
  api: StatuspageApi,
  entry: StatuspageEntry,
  signal: AbortSignal,
): Promise<SpIncident | undefined> {
  const { pageId, write } = entry;
  if (write.type !== 'create-incident' && write.type !== 'schedule-maintenance') return undefined;
  const ours = (list: Listed<SpIncident>) =>
    list.items.find((incident) => onwatchMetadataOf(incident)?.key === write.key);
  const open =
    write.type === 'create-incident'
      ? [() => api.listUnresolvedIncidents(pageId, signal)]
      : [
          () => api.listUpcomingMaintenances(pageId, signal),
          () => api.listActiveMaintenances(pageId, signal),
        ];
  for (const list of open) {
    const match = ours(await list());
    if (match) return match;
  }
  // Someone may have closed it already; the search covers every status, by name.
  return ours(await api.searchIncidents(pageId, write.draft.name, signal));
}

/**
 * Whether the update these fields would post is already there: the newest update, or one
 * posted since the write was queued (a colleague may have posted right after ours).
 */
function alreadyPosted(incident: SpIncident, fields: SpIncidentFields, since: number): boolean {
  return incident.incident_updates.some(
    (update) =>
      Date.parse(update.created_at) >= since - clockSkewMs &&
      update.status === fields.status &&
      (update.body ?? '').trim() === (fields.body ?? '').trim(),
  );
}
