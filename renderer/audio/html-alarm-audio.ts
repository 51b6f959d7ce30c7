import chimeUrl from '../../assets/sounds/chime.wav';
import klaxonUrl from '../../assets/sounds/klaxon.wav';
import pulseUrl from '../../assets/sounds/pulse.wav';
import type { AlarmSound } from '../../electron/common/alarm-sounds.js';
import type { AlarmAudio } from './alarm-audio.js';

const soundUrls: Record<AlarmSound, string> = {
  pulse: pulseUrl,
  chime: chimeUrl,
  klaxon: klaxonUrl,
};

/** One HTMLAudioElement for the window, so a new ring or a test cuts off the last one. */
export function createHtmlAlarmAudio(): AlarmAudio {
  const element = new Audio();
  element.preload = 'auto';
  let loaded: AlarmSound | null = null;
  return {
    // Async, so anything the element throws (a bad volume, say) arrives as a rejection.
    async play(sound, volume) {
      // Reloading the same file on every ring would delay it by a fetch.
      if (loaded !== sound) {
        element.src = soundUrls[sound];
        loaded = sound;
      }
      element.currentTime = 0;
      element.volume = volume;
      await element.play();
    },
    stop() {
      element.pause();
      element.currentTime = 0;
    },
  };
}
