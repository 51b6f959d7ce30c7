import type { AlarmAudio } from '../audio/alarm-audio.js';
import type { OnwatchBridge } from '../bridge/connection.js';
import { classifyPlayFailure, nextAlarmCue, type AlarmRing } from '../lib/alarm-cue.js';
import { commandRunner, outcome } from './command-results.js';
import { errorMessage } from './error-message.js';
import type { AlarmPlayback, AttentionSlice, SliceCreator } from './types.js';

export const createAttentionSlice =
  (api: OnwatchBridge, audio: AlarmAudio): SliceCreator<AttentionSlice> =>
  (set, get) => {
    const run = commandRunner(set);
    // Each alarm play is numbered, so the answer to one a newer play or a stop replaced is ignored.
    let attempt = 0;

    function setPlayback(state: AlarmPlayback, name: string) {
      set((s) => ({ alarmPlayer: { ...s.alarmPlayer, state } }), false, name);
    }

    function play(ring: AlarmRing) {
      const id = ++attempt;
      audio.play(ring.sound, ring.volume).then(
        () => {
          if (id === attempt) setPlayback('playing', 'attention/alarmPlaying');
        },
        (error: unknown) => {
          if (id !== attempt) return;
          const failure = classifyPlayFailure(error);
          if (failure === 'blocked') setPlayback('blocked', 'attention/alarmBlocked');
          else if (failure === 'failed') {
            setPlayback('idle', 'attention/alarmFailed');
            // Never silently silent: a sound that cannot play is said out loud.
            set(
              { commandError: `Onwatch could not play the alarm sound: ${errorMessage(error)}` },
              false,
              'attention/alarmFailed',
            );
          }
        },
      );
    }

    return {
      alarmPlayer: { state: 'idle', heard: null },
      hiddenTakeover: null,
      syncAttention() {
        const { appState, alarmPlayer, hiddenTakeover } = get();
        const attention = appState?.attention ?? null;
        // "Open incident" steps back from this takeover only; a later one covers the screen again.
        if (hiddenTakeover !== null && attention?.takeover !== hiddenTakeover) {
          set({ hiddenTakeover: null }, false, 'attention/takeoverEnded');
        }
        const cue = nextAlarmCue(alarmPlayer.heard, attention);
        if (cue?.type === 'play') {
          set(
            (s) => ({ alarmPlayer: { ...s.alarmPlayer, heard: cue.ring } }),
            false,
            'attention/alarmRing',
          );
          play(cue.ring);
        } else if (cue?.type === 'stop') {
          attempt++;
          audio.stop();
          set({ alarmPlayer: { state: 'idle', heard: null } }, false, 'attention/alarmStopped');
        }
      },
      retryAlarm() {
        const { state, heard } = get().alarmPlayer;
        if (state === 'blocked' && heard) play(heard);
      },
      playTestSound: (sound) => outcome(() => audio.play(sound, 1)),
      silenceAlarm: (minutes) => run('attention/silence', () => api.silenceAlarm({ minutes })),
      unsilenceAlarm: () => run('attention/unsilence', () => api.unsilenceAlarm({})),
      async sendTestPage() {
        const result = await outcome(() => api.sendTestPage({}));
        if (result.ok) get().showIncident(result.value.key);
        return result;
      },
      openTakeoverIncident() {
        const key = get().appState?.attention.takeover;
        if (!key) return;
        set({ hiddenTakeover: key }, false, 'attention/openTakeoverIncident');
        get().showIncident(key);
      },
    };
  };
