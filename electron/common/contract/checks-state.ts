/**
 * Every check Onwatch knows of, for the Checks page: the local health checks (which it probes
 * itself, with phase timings) and the hosted monitors' checks (Healthchecks.io, Pingdom,
 * NodePing), which it only reads. One shape for both, so the page never asks where one came from.
 */
import { z } from 'zod';
import { healthCheckSchema } from '../providers/health-check-schema.js';

/** The phases of one probe, in the order a connection goes through them (Blackbox's names). */
export const checkPhases = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const;
export type CheckPhase = (typeof checkPhases)[number];

/** Milliseconds per phase; a phase the probe never reached is absent. */
const phaseTimingsSchema = z.object({
  dns: z.number().optional(),
  connect: z.number().optional(),
  tls: z.number().optional(),
  ttfb: z.number().optional(),
  download: z.number().optional(),
  total: z.number(),
});
export type CheckPhaseTimings = z.infer<typeof phaseTimingsSchema>;

/**
 * up / down as the check's own verdict; `pending`: failing, not yet often enough to page;
 * `recovering`: down, passing, not yet often enough to resolve; `late`: a dead-man's switch in
 * its grace period; `paused`: not monitoring (paused, disabled or in maintenance); `unknown`: no
 * verdict yet (never probed, or the monitor gives none).
 */
const checkStates = ['up', 'pending', 'down', 'recovering', 'late', 'paused', 'unknown'] as const;
export type CheckState = (typeof checkStates)[number];

const lastResultSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  /** One line: "HTTP 200", "connection refused", "last ping 3 min ago". */
  summary: z.string(),
  /** Where a failing probe failed: a phase, or `expectation` (status, body, answers). */
  failedPhase: z.enum([...checkPhases, 'expectation']).optional(),
  phases: phaseTimingsSchema.optional(),
});

/**
 * The last hour's totals in fixed buckets, oldest first: the slowest probe of each bucket in
 * milliseconds, whether any probe in it failed; null where nothing was probed.
 */
const sparkBucketSchema = z.object({ ms: z.number(), failed: z.boolean() }).nullable();

export const checkViewSchema = z.object({
  sourceId: z.string(),
  /** The kind of the source that holds it: `health-checks`, `drill`, `pingdom`, … */
  sourceKind: z.string(),
  /** Unique within its source. */
  checkId: z.string(),
  name: z.string(),
  /** What it probes: `http`, `tcp`, `dns`, `tls`, or the monitor's own type (`cron`, `ping`). */
  type: z.string(),
  /** URL, host:port or name; absent where the monitor does not say. */
  target: z.string().optional(),
  state: z.enum(checkStates),
  flapping: z.boolean().optional(),
  last: lastResultSchema.optional(),
  sparkline: z.array(sparkBucketSchema).optional(),
  certificateDaysLeft: z.number().int().optional(),
  /** The open incident of its outage, to jump to. */
  incidentKey: z.string().optional(),
  /** Only local checks of a `health-checks` source are edited from the Checks page. */
  config: healthCheckSchema.optional(),
  /** Local and practice checks can be probed at once. */
  canRunNow: z.boolean(),
});
export type CheckView = z.infer<typeof checkViewSchema>;

/** Minutes the sparkline covers and how many buckets it has. */
export const sparklineMinutes = 60;
export const sparklineBuckets = 30;
