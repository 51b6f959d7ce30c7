/**
 * The state the main side shows every window: incidents, sources, actions, schedule,
 * attention, notices and the settings a window may see (never a secret).
 */
import { z } from 'zod';
import { alarmSounds } from '../alarm-sounds.js';
import { checkViewSchema } from './checks-state.js';
import { fastLaneChoices } from '../attention-config.js';
import { escalationStageSchema } from '../escalation-stage.js';
import { incidentActionSchema } from '../model/action.js';
import { coverViewSchema } from '../model/cover.js';
import { incidentSchema } from '../model/incident.js';
import { shiftSchema } from '../model/shift.js';
import { sourceConfigSchema } from '../model/source-config.js';
import { sourceStatusSchema } from '../model/source-status.js';
import { runbookFolderSettingSchema, terminalSettingsSchema } from './runbook-contract.js';
import { statusPageSettingSchema, statusPagesStateSchema } from './status-page-state.js';

export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** A configured source as the renderer may see it: which secrets exist, never their values. */
const sourceViewSchema = z.object({
  config: sourceConfigSchema,
  secretsConfigured: z.object({ password: z.boolean(), token: z.boolean() }),
});
export type SourceView = z.infer<typeof sourceViewSchema>;

export const publicSettingsSchema = z.object({
  responderName: z.string(),
  alarmSound: z.enum(alarmSounds),
  /** When sources that have a fast lane poll faster. */
  fastLane: z.enum(fastLaneChoices),
  /** Minutes before a shift of mine starts that I am reminded; 0: no such reminder. */
  shiftReminderLeadMinutes: z.number().int(),
  /** Unset means the default, Ctrl/Cmd+Shift+A. */
  ackShortcut: z.string().optional(),
  sources: z.array(sourceViewSchema),
  /** Connected status pages, without their API keys. */
  statusPages: z.array(statusPageSettingSchema),
  /** True when nothing is configured and the built-in drill source is playing. */
  drillIsDefault: z.boolean(),
  /** Runbook folders and the terminal, as set; the main side always sends them. */
  runbooks: z
    .object({
      /** Absent: the default, a `runbooks` folder in the data folder. */
      folders: z.array(runbookFolderSettingSchema).optional(),
      terminal: terminalSettingsSchema,
      terminalInBrowser: z.boolean(),
    })
    .optional(),
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

/**
 * An action as the outbox tracks it: `pending` until the provider confirms (`done`) or
 * definitively refuses it (`failed`, with the reason). Done actions linger briefly so the UI
 * can say so.
 */
export const actionViewSchema = z.object({
  id: z.string(),
  incidentKey: z.string(),
  incidentTitle: z.string(),
  sourceId: z.string(),
  action: incidentActionSchema,
  state: z.enum(['pending', 'failed', 'done']),
  attempts: z.number().int(),
  createdAt: z.string(),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  completedAt: z.string().optional(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

const onCallNowSchema = z.object({
  sourceId: z.string(),
  scheduleId: z.string(),
  scheduleName: z.string(),
  userNames: z.array(z.string()),
  isMe: z.boolean(),
  /** When the current shift hands over, if known. */
  until: z.string().optional(),
});
export type OnCallNow = z.infer<typeof onCallNowSchema>;

const handoffSchema = z.object({
  sourceId: z.string(),
  scheduleId: z.string(),
  scheduleName: z.string(),
  at: z.string(),
  from: z.string().optional(),
  to: z.string(),
  involvesMe: z.boolean(),
});
export type Handoff = z.infer<typeof handoffSchema>;

/** Who is on call, merged across every source that knows about schedules. */
export const scheduleViewSchema = z.object({
  onCallNow: z.array(onCallNowSchema),
  /** My shifts that are running now or start within the next 14 days. */
  myShifts: z.array(shiftSchema),
  /** Every shift of the 14-day window, for the timeline. */
  timeline: z.array(shiftSchema),
  handoffs: z.array(handoffSchema),
  windowStart: z.string(),
  windowEnd: z.string(),
  /** Covers made from Onwatch, until they end or are removed. */
  covers: z.array(coverViewSchema).optional(),
  /**
   * The schedules whose provider offers a live calendar feed. Only which: the address is a
   * secret the window asks for (`calendarFeed`) when the responder subscribes or copies it.
   */
  calendarFeeds: z.array(z.object({ sourceId: z.string(), scheduleId: z.string() })).optional(),
});
export type ScheduleView = z.infer<typeof scheduleViewSchema>;

export const stageViewSchema = z.object({
  stage: escalationStageSchema,
  /** When the incident reached this stage. */
  since: z.string(),
  /** When the next rung is due; while quiet, when quiet hours end. */
  nextAt: z.string().optional(),
  silencedUntil: z.string().optional(),
});
export type StageView = z.infer<typeof stageViewSchema>;

/** Whether a page climbs the ladder, per its source's "Ring for" setting, and why, in words. */
export const ringDecisionSchema = z.object({
  rings: z.boolean(),
  /** e.g. "Rings: assigned to you", "Quiet: you are not on call". */
  reason: z.string(),
});
export type RingDecision = z.infer<typeof ringDecisionSchema>;

/**
 * How loudly Onwatch is asking for attention right now, derived from the escalation ladder's
 * stages. The window plays `alarm` (each new `ring` is one more play, at `volume`) and covers
 * the screen for `takeover`: one incident at a time, the first to have reached the takeover
 * rung, so acknowledging it shows the next.
 */
export const attentionViewSchema = z.object({
  /** The escalation rung of every incident still climbing, by incident key. */
  stages: z.record(z.string(), stageViewSchema),
  /**
   * For every triggered incident still unhandled, by key: whether it rings. Those that do not
   * are everyone else's pages, listed quietly.
   */
  ring: z.record(z.string(), ringDecisionSchema),
  alarm: z
    .object({
      incidentKey: z.string(),
      ring: z.number().int(),
      volume: z.number(),
      sound: z.string(),
    })
    .nullable(),
  takeover: z.string().nullable(),
  /** While set, the alarm and the takeover are held back. */
  silencedUntil: z.string().optional(),
});
export type AttentionView = z.infer<typeof attentionViewSchema>;

export const appStateSchema = z.object({
  incidents: z.array(incidentSchema),
  sources: z.array(sourceStatusSchema),
  actions: z.array(actionViewSchema),
  schedule: scheduleViewSchema,
  attention: attentionViewSchema,
  notices: z.array(noticeSchema),
  settings: publicSettingsSchema,
  statusPages: statusPagesStateSchema,
  /** Every check, local and hosted, for the Checks page. */
  checks: z.array(checkViewSchema),
});
export type AppState = z.infer<typeof appStateSchema>;
