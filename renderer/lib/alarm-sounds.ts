import type { AlarmSound } from './contract-types.js';

// A Record, so a sound added to the contract fails the type check until it has a name here.
const alarmSoundNames: Record<AlarmSound, string> = {
  pulse: 'Pulse — urgent two-tone beeps',
  chime: 'Chime — a softer rising chime',
  klaxon: 'Klaxon — rising whoops',
};

/** The shipped sounds with the names the settings show, in menu order. */
export const alarmSoundOptions = Object.entries(alarmSoundNames) as [AlarmSound, string][];

/** What plays when the main side names a sound this renderer does not ship. */
export const fallbackAlarmSound: AlarmSound = 'pulse';

export function isAlarmSound(value: unknown): value is AlarmSound {
  return typeof value === 'string' && Object.hasOwn(alarmSoundNames, value);
}
