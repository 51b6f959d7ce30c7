import { describe, expect, it } from 'vitest';
import type { AttentionView } from '../../../electron/common/contract/app-state.js';
import {
  classifyPlayFailure,
  nextAlarmCue,
  playableVolume,
  type AlarmRing,
} from '../../../renderer/lib/alarm-cue.js';

const attention = (
  alarm: AttentionView['alarm'],
  extra: Partial<AttentionView> = {},
): AttentionView => ({ stages: {}, ring: {}, alarm, takeover: null, ...extra });

const alarm = (ring: number, overrides: Partial<NonNullable<AttentionView['alarm']>> = {}) => ({
  incidentKey: 'drill:1',
  ring,
  volume: 0.35,
  sound: 'pulse',
  ...overrides,
});

const heard = (ring: number, overrides: Partial<AlarmRing> = {}): AlarmRing => ({
  incidentKey: 'drill:1',
  ring,
  sound: 'pulse',
  volume: 0.35,
  ...overrides,
});

describe('nextAlarmCue', () => {
  it('plays a first ring at its volume and sound', () => {
    expect(nextAlarmCue(null, attention(alarm(1, { sound: 'klaxon' })))).toEqual({
      type: 'play',
      ring: heard(1, { sound: 'klaxon' }),
    });
  });

  it('plays each higher ring, louder as the main side says', () => {
    expect(nextAlarmCue(heard(1), attention(alarm(2, { volume: 0.51 })))).toEqual({
      type: 'play',
      ring: heard(2, { volume: 0.51 }),
    });
  });

  it('does nothing when a state push repeats the ring it already played', () => {
    expect(nextAlarmCue(heard(3), attention(alarm(3)))).toBeNull();
    // Even if the sound setting changed meanwhile: the next ring uses it.
    expect(nextAlarmCue(heard(3), attention(alarm(3, { sound: 'chime' })))).toBeNull();
  });

  it('stops when the alarm ends, and stays quiet after that', () => {
    expect(nextAlarmCue(heard(2), attention(null))).toEqual({ type: 'stop' });
    expect(nextAlarmCue(null, attention(null))).toBeNull();
    expect(nextAlarmCue(heard(2), null)).toEqual({ type: 'stop' });
  });

  it('stops while silenced, even if a stale push still carries an alarm', () => {
    const silenced = attention(alarm(4), { silencedUntil: '2025-03-01T12:10:00.000Z' });
    expect(nextAlarmCue(heard(3), silenced)).toEqual({ type: 'stop' });
    expect(nextAlarmCue(null, silenced)).toBeNull();
  });

  it("plays another incident's alarm even at the same or a lower ring", () => {
    const other = attention(alarm(1, { incidentKey: 'drill:2' }));
    expect(nextAlarmCue(heard(1), other)).toEqual({
      type: 'play',
      ring: heard(1, { incidentKey: 'drill:2' }),
    });
    expect(nextAlarmCue(heard(5), other)?.type).toBe('play');
  });

  it('plays a fresh climb of the same incident (its ring count starts over)', () => {
    expect(nextAlarmCue(heard(6), attention(alarm(1)))).toEqual({ type: 'play', ring: heard(1) });
  });

  it('plays an unknown sound as the default and clamps the volume', () => {
    const cue = nextAlarmCue(null, attention(alarm(1, { sound: '../../etc/passwd', volume: 7 })));
    expect(cue).toEqual({ type: 'play', ring: heard(1, { volume: 1 }) });
  });
});

describe('playableVolume', () => {
  it('keeps 0..1, clamps outside it, and plays an impossible volume at full', () => {
    expect([0.35, 0, 1, -1, 2, Number.NaN, Infinity].map(playableVolume)).toEqual([
      0.35, 0, 1, 0, 1, 1, 1,
    ]);
  });
});

describe('classifyPlayFailure', () => {
  it('tells a blocked autoplay from a superseded play and a broken sound', () => {
    expect(classifyPlayFailure(new DOMException('no gesture', 'NotAllowedError'))).toBe('blocked');
    expect(classifyPlayFailure(new DOMException('paused', 'AbortError'))).toBe('superseded');
    expect(classifyPlayFailure(new DOMException('bad file', 'NotSupportedError'))).toBe('failed');
    expect(classifyPlayFailure('weird')).toBe('failed');
    expect(classifyPlayFailure(null)).toBe('failed');
  });
});
