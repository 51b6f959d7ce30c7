/**
 * The status pages' part of the contract: connecting a page (its API key goes to the keychain
 * and never comes back), reading it again, and every write, which answers once the Statuspage
 * outbox has written it down; its progress arrives as state.
 */
import { z } from 'zod';
import {
  incidentDraftSchema,
  incidentUpdateDraftSchema,
  maintenanceDraftSchema,
  maintenanceStepSchema,
  pagingIncidentRefSchema,
} from '../model/status-page.js';
import { statusPageConfigSchema } from '../model/status-page-config.js';

const statusPageId = z.string().min(1).max(64);
const incidentId = z.string().min(1).max(64);
const queuedWrite = z.object({ writeId: z.string() });
/** Blank means "keep the stored one"; the key is never sent back to a window. */
const apiKey = z.string().trim().max(500).optional();
const withKey = z.object({ config: statusPageConfigSchema, apiKey });

const statusPageTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** Every page the key reaches, each with its component count (groups not counted). */
    pages: z.array(z.object({ id: z.string(), name: z.string(), components: z.number().int() })),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type StatusPageTestResult = z.infer<typeof statusPageTestResultSchema>;

export const statusPageCommands = {
  /** Lists the pages a key reaches: the form's key, else the one stored for `id`. */
  testStatusPage: {
    request: z.object({
      id: statusPageId.optional(),
      apiKey,
      apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    }),
    response: statusPageTestResultSchema,
  },
  addStatusPage: { request: withKey, response: z.object({ id: z.string() }) },
  editStatusPage: { request: withKey, response: z.object({ id: z.string() }) },
  removeStatusPage: { request: z.object({ id: statusPageId }), response: z.object({}) },
  /** Reads one page (or every page) again now, within its key's budget. */
  refreshStatusPages: {
    request: z.object({ id: statusPageId.optional() }),
    response: z.object({}),
  },
  declareStatusPageIncident: {
    request: z.object({
      statusPageId,
      draft: incidentDraftSchema,
      pagingIncident: pagingIncidentRefSchema.optional(),
    }),
    response: queuedWrite,
  },
  updateStatusPageIncident: {
    request: z.object({ statusPageId, incidentId, draft: incidentUpdateDraftSchema }),
    response: queuedWrite,
  },
  /** Status resolved and every linked component operational, in the default words: one click. */
  resolveStatusPageIncident: {
    request: z.object({ statusPageId, incidentId }),
    response: queuedWrite,
  },
  scheduleMaintenance: {
    request: z.object({ statusPageId, draft: maintenanceDraftSchema }),
    response: queuedWrite,
  },
  advanceMaintenance: {
    request: z.object({ statusPageId, incidentId, step: maintenanceStepSchema }),
    response: queuedWrite,
  },
  retryStatusPageWrite: { request: z.object({ id: z.string() }), response: z.object({}) },
  dismissStatusPageWrite: { request: z.object({ id: z.string() }), response: z.object({}) },
} as const;
