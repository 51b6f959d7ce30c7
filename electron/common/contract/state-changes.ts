/**
 * The window gets changes, not the world: after one full snapshot (on connect, or after a
 * gap), each emission carries only the parts of the state that changed, numbered so a client
 * can tell it missed one and ask for a fresh snapshot.
 */
import { z } from 'zod';
import { incidentSchema } from '../model/incident.js';
import { checkViewSchema } from './checks-state.js';
import { replaceInOrder } from '../model/incidents-in-order.js';
import { sourceStatusSchema } from '../model/source-status.js';
import {
  actionViewSchema,
  appStateSchema,
  attentionViewSchema,
  noticeSchema,
  publicSettingsSchema,
  scheduleViewSchema,
  ringDecisionSchema,
  stageViewSchema,
  type AppState,
} from './app-state.js';
import { statusPagesStateSchema } from './status-page-state.js';

/** A full state with the number of the last change it includes. */
export const stateSnapshotSchema = z.object({
  seq: z.number().int().min(0),
  state: appStateSchema,
});
export type StateSnapshot = z.infer<typeof stateSnapshotSchema>;

/** Per-incident entries of the attention view that changed: added or changed whole, or gone. */
const keyedChangesSchema = <T extends z.ZodType>(entry: T) =>
  z.object({ upserted: z.record(z.string(), entry), removed: z.array(z.string()) });

/** The attention view's entries kept per incident, which change one by one like incidents. */
export const keyedAttentionParts = ['stages', 'ring'] as const;

/**
 * What changed since change `seq - 1`. Incidents, and their stages on the escalation ladder,
 * change one by one (a storm has thousands); every other part is small and is sent whole when
 * anything in it changed (the attention view without its per-incident entries, which come as
 * `stages` and `ring`).
 */
export const stateChangeSchema = z.object({
  seq: z.number().int().min(1),
  incidents: z
    .object({
      /** Added or changed, whole. */
      upserted: z.array(incidentSchema),
      /** Keys of incidents no longer in the state. */
      removed: z.array(z.string()),
    })
    .optional(),
  sources: z.array(sourceStatusSchema).optional(),
  actions: z.array(actionViewSchema).optional(),
  schedule: scheduleViewSchema.optional(),
  attention: attentionViewSchema.omit({ stages: true, ring: true }).optional(),
  stages: keyedChangesSchema(stageViewSchema).optional(),
  ring: keyedChangesSchema(ringDecisionSchema).optional(),
  notices: z.array(noticeSchema).optional(),
  settings: publicSettingsSchema.optional(),
  statusPages: statusPagesStateSchema.optional(),
  checks: z.array(checkViewSchema).optional(),
});
export type StateChange = z.infer<typeof stateChangeSchema>;

/** The state after `change`; incidents stay in the one sort order both sides use. */
export function applyStateChange(state: AppState, change: StateChange): AppState {
  const next: AppState = { ...state };
  if (change.sources) next.sources = change.sources;
  if (change.actions) next.actions = change.actions;
  if (change.schedule) next.schedule = change.schedule;
  if (change.attention || change.stages || change.ring) {
    const { stages, ring, ...rest } = state.attention;
    next.attention = {
      stages: change.stages ? patchKeyed(stages, change.stages) : stages,
      ring: change.ring ? patchKeyed(ring, change.ring) : ring,
      ...(change.attention ?? rest),
    };
  }
  if (change.notices) next.notices = change.notices;
  if (change.settings) next.settings = change.settings;
  if (change.statusPages) next.statusPages = change.statusPages;
  if (change.checks) next.checks = change.checks;
  if (change.incidents) {
    const { removed, upserted } = change.incidents;
    const replaced = new Set([...removed, ...upserted.map((incident) => incident.key)]);
    next.incidents = replaceInOrder(state.incidents, replaced, upserted);
  }
  return next;
}

function patchKeyed<T>(
  entries: Record<string, T>,
  { upserted, removed }: { upserted: Record<string, T>; removed: string[] },
): Record<string, T> {
  const next = { ...entries, ...upserted };
  for (const key of removed) delete next[key];
  return next;
}
