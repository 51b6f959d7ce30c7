import { alarmSounds, type AlarmSound } from '../../electron/common/alarm-sounds.js';

// A Record, so a sound added to the ground floor fails the type check until it has a name here.
const alarmSoundNames: Record<AlarmSound, string> = {
  pulse: 'Pulse — urgent two-tone beeps',
  chime: 'Chime — a softer rising chime',
  klaxon: 'Klaxon — rising whoops',
};

/** The shipped sounds with the names the settings show, in the ground floor's order. */
export const alarmSoundOptions = alarmSounds.map(
  (sound) => [sound, alarmSoundNames[sound]] as const,
);

/** What plays when the main side names a sound this renderer does not ship. */
export const fallbackAlarmSound: AlarmSound = alarmSounds[0];

export function isAlarmSound(value: unknown): value is AlarmSound {
  return (alarmSounds as readonly unknown[]).includes(value);
}
