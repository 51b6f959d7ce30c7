/** The alarm sounds in assets/sounds/<id>.wav, made by scripts/make-alarm-sounds.ts. */
export const alarmSounds = ['pulse', 'chime', 'klaxon'] as const;
export type AlarmSound = (typeof alarmSounds)[number];
