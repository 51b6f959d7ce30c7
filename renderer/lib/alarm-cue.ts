import { fallbackAlarmSound, isAlarmSound } from './alarm-sounds.js';
import type { AlarmSound } from '../../electron/common/alarm-sounds.js';
import type { AttentionView } from '../../electron/common/contract/app-state.js';

/** One ring of the alarm, as this window plays it. */
export type AlarmRing = { incidentKey: string; ring: number; sound: AlarmSound; volume: number };

/** What the player does after a state push; null means carry on as before. */
export type AlarmCue = { type: 'play'; ring: AlarmRing } | { type: 'stop' } | null;

/**
 * Decides, from the ring this window last answered (`heard`) and the new attention state,
 * whether to play: once per ring, never again for a repeated state push. Rings count per
 * climb, so another incident, or a fresh climb of the same one (a lower ring), plays too.
 */
export function nextAlarmCue(heard: AlarmRing | null, attention: AttentionView | null): AlarmCue {
  // The main side already drops the alarm while silenced; this keeps a stale push from ringing.
  const alarm = attention && attention.silencedUntil === undefined ? attention.alarm : null;
  if (!alarm) return heard ? { type: 'stop' } : null;
  if (heard?.incidentKey === alarm.incidentKey && heard.ring === alarm.ring) return null;
  return {
    type: 'play',
    ring: {
      incidentKey: alarm.incidentKey,
      ring: alarm.ring,
      sound: isAlarmSound(alarm.sound) ? alarm.sound : fallbackAlarmSound,
      volume: playableVolume(alarm.volume),
    },
  };
}

/** A media element throws outside 0..1; an impossible volume plays loud rather than not at all. */
export function playableVolume(volume: number): number {
  return Number.isFinite(volume) ? Math.min(Math.max(volume, 0), 1) : 1;
}

export type PlayFailure = 'blocked' | 'superseded' | 'failed';

/**
 * Why `HTMLMediaElement.play()` rejected: the browser wants a click first (autoplay policy),
 * a newer play or a stop cut it short, or the sound itself could not play.
 */
export function classifyPlayFailure(error: unknown): PlayFailure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError') return 'blocked';
  return name === 'AbortError' ? 'superseded' : 'failed';
}
