import type { AlarmSound } from '../../electron/common/alarm-sounds.js';

/** The window's one sound output, injected into the store so tests can listen in. */
export interface AlarmAudio {
  /** Plays `sound` once from the start at `volume` (0..1); rejects as `HTMLMediaElement.play()` does. */
  play(sound: AlarmSound, volume: number): Promise<void>;
  /** Stops and rewinds. */
  stop(): void;
}
