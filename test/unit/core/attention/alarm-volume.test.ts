import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alarmSounds } from '../../../../electron/common/alarm-sounds.js';
import { alarmVolume } from '../../../../electron/core/attention/alarm-volume.js';

const soundsDir = fileURLToPath(new URL('../../../../assets/sounds/', import.meta.url));

describe('alarmVolume', () => {
  it('starts audible and rises to full volume by the fifth ring', () => {
    expect(alarmVolume(1)).toBeCloseTo(0.35);
    expect(alarmVolume(5)).toBe(1);
    const rings = [1, 2, 3, 4, 5, 6, 20, 1_000];
    const volumes = rings.map(alarmVolume);
    for (let i = 1; i < volumes.length; i++) {
      expect(volumes[i]!, `ring ${rings[i]}`).toBeGreaterThanOrEqual(volumes[i - 1]!);
    }
    expect(volumes.slice(0, 5).every((v, i) => i === 0 || v > volumes[i - 1]!)).toBe(true);
  });

  it('stays within 0..1 for any ring', () => {
    for (const ring of [-5, 0, 0.5, 1.5, 7, Infinity, -Infinity, NaN]) {
      const volume = alarmVolume(ring);
      expect(volume, String(ring)).toBeGreaterThanOrEqual(0.35);
      expect(volume, String(ring)).toBeLessThanOrEqual(1);
    }
    expect(alarmVolume(0)).toBeCloseTo(0.35);
    expect(alarmVolume(Infinity)).toBe(1);
    expect(alarmVolume(NaN)).toBe(1);
  });
});

describe('alarm sounds', () => {
  it.each(alarmSounds)('%s.wav is a short 16-bit mono PCM WAV', (id) => {
    const wav = readFileSync(`${soundsDir}${id}.wav`);
    const ascii = (start: number) => wav.toString('ascii', start, start + 4);

    expect(ascii(0)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(ascii(8)).toBe('WAVE');
    expect(ascii(12)).toBe('fmt ');
    expect(wav.readUInt32LE(16)).toBe(16);
    expect(wav.readUInt16LE(20)).toBe(1); // PCM
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    const sampleRate = wav.readUInt32LE(24);
    expect([22_050, 44_100, 48_000]).toContain(sampleRate);
    expect(wav.readUInt32LE(28)).toBe(sampleRate * 2); // bytes per second
    expect(wav.readUInt16LE(32)).toBe(2); // block align
    expect(wav.readUInt16LE(34)).toBe(16); // bits per sample
    expect(ascii(36)).toBe('data');
    const dataBytes = wav.readUInt32LE(40);
    expect(dataBytes).toBe(wav.length - 44);

    const seconds = dataBytes / 2 / sampleRate;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(2);
    expect(wav.length).toBeLessThan(100 * 1024);

    // Loud, not clipped, and not silence.
    let peak = 0;
    for (let offset = 44; offset < wav.length; offset += 2) {
      peak = Math.max(peak, Math.abs(wav.readInt16LE(offset)));
    }
    expect(peak).toBeGreaterThan(0.5 * 32767);
    expect(peak).toBeLessThan(32767);
  });

  it('has a licence for the sounds', () => {
    const licence = readFileSync(`${soundsDir}LICENSE.md`, 'utf8');
    expect(licence).toContain('CC0-1.0');
    expect(licence).toContain('scripts/make-alarm-sounds.ts');
    for (const id of alarmSounds) expect(licence).toContain(`${id}.wav`);
  });
});
