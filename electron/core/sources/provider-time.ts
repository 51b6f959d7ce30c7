import { z } from 'zod';

/*
 * Timestamps from providers, read one way everywhere. A provider may send any string its spec
 * allows, or a number of milliseconds, or a value far outside what a Date can hold; none of
 * that may throw (`new Date(NaN).toISOString()` does), and an unreadable time is a missing
 * time, never a failed poll.
 */

/** Already what `toISOString` makes: most of what providers send, and cheap to recognise. */
const utcMilliseconds = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The last timestamp found to be in that form already: a storm's alerts mostly share the
 * instant they started and the one they were updated, so most are recognised at a glance.
 */
let lastUtcMilliseconds = '';

/** The instant as UTC ISO-8601 (sortable as text), or undefined when it names none. */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === lastUtcMilliseconds) return value;
  if (utcMilliseconds.test(value) && !Number.isNaN(Date.parse(value))) {
    lastUtcMilliseconds = value;
    return value;
  }
  return fromMilliseconds(value.trim() === '' ? Number.NaN : Date.parse(value));
}

/** `iso` moved by `ms`, or undefined when either is unusable or the sum leaves a Date's range. */
export function isoPlus(iso: string | undefined, ms: number | undefined): string | undefined {
  if (iso === undefined || ms === undefined) return undefined;
  return fromMilliseconds(Date.parse(iso) + ms);
}

function fromMilliseconds(ms: number): string | undefined {
  // Date holds ±8.64e15 ms; outside, or NaN, toISOString throws "Invalid time value".
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

/** A timestamp the item cannot do without: unreadable fails that item's validation. */
export const timestampSchema = z.unknown().transform((value, context) => {
  const iso = isoInstant(value);
  if (iso !== undefined) return iso;
  context.issues.push({ code: 'custom', message: 'expected a timestamp', input: value });
  return z.NEVER;
});

/** A timestamp the item can do without: absent, null or unreadable all read as undefined. */
export const optionalTimestampSchema = z
  .unknown()
  .transform((value) => isoInstant(value))
  .optional();

/** A number of `unitMs` since the epoch (Pingdom: seconds; NodePing: milliseconds), or undefined. */
function fromEpoch(value: unknown, unitMs: number): string | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  // 0 is what these APIs send for "never"; it is no instant anyone means.
  if (typeof number !== 'number' || number <= 0) return undefined;
  return fromMilliseconds(number * unitMs);
}

/** UNIX seconds, as Pingdom sends every time: absent, 0 or unreadable read as undefined. */
export const optionalEpochSecondsSchema = z
  .unknown()
  .transform((value) => fromEpoch(value, 1000))
  .optional();

/** Milliseconds since the epoch, as NodePing sends every time; otherwise as above. */
export const optionalEpochMillisecondsSchema = z
  .unknown()
  .transform((value) => fromEpoch(value, 1))
  .optional();
