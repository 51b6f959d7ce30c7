/**
 * Synthesises the alarm sounds into assets/sounds/<id>.wav as 16-bit mono PCM, so the sounds
 * are ours to license and every build can make them again byte for byte.
 * Run: npx tsx scripts/make-alarm-sounds.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AlarmSound } from '../electron/common/alarm-sounds.js';

/** Plenty for alarm tones, and it keeps each file well under 100 KB. */
const sampleRate = 22_050;
/** -1 dBFS: loud, without clipping once a player adds its own gain stages. */
const peak = 0.89;

/** A sound is one function of time, in seconds, to a sample in -1..1 (before normalising). */
type Voice = (t: number) => number;

/** A sum of odd harmonics (a softened square wave): piercing, like a pager. */
const square = (phase: number) => [1, 3, 5, 7].reduce((sum, n) => sum + Math.sin(n * phase) / n, 0);

/** A sawtooth's first harmonics, all below Nyquist for the frequencies used here. */
const sawtooth = (phase: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].reduce((sum, n) => sum + Math.sin(n * phase) / n, 0);

/** 1 inside [start, start + length) with short linear ramps at both ends, so nothing clicks. */
function gate(t: number, start: number, length: number, ramp = 0.005): number {
  const u = t - start;
  if (u < 0 || u >= length) return 0;
  return Math.min(1, u / ramp, (length - u) / ramp);
}

/** Urgent two-tone beeps, four pairs: high-low, high-low. */
const pulse: Voice = (t) => {
  const pair = 0.35;
  const u = t % pair;
  const tone = (frequency: number, start: number) =>
    gate(u, start, 0.1) * square(2 * Math.PI * frequency * t);
  return tone(1280, 0) + tone(960, 0.13);
};

/** A softer rising chime: C major arpeggio, each note a bell that rings on. */
const chime: Voice = (t) =>
  [523.25, 659.25, 783.99, 1046.5].reduce((sum, frequency, i) => {
    const u = t - i * 0.16;
    if (u < 0) return sum;
    const bell =
      Math.sin(2 * Math.PI * frequency * u) +
      0.3 * Math.sin(2 * Math.PI * 2 * frequency * u) +
      0.1 * Math.sin(2 * Math.PI * 3 * frequency * u);
    return sum + Math.min(1, u / 0.005) * Math.exp(-u / 0.45) * bell;
  }, 0);

/** Two rising whoops, like a ship's klaxon. */
const klaxon: Voice = (t) => {
  const whoop = 0.75;
  const sweep = 0.65;
  const u = t % whoop;
  // The phase of a linear sweep from f0 to f1 over `sweep` seconds: the integral of frequency.
  const [f0, f1] = [380, 720];
  const phase = 2 * Math.PI * (f0 * u + ((f1 - f0) * u * u) / (2 * sweep));
  return gate(u, 0, sweep, 0.02) * sawtooth(phase);
};

const sounds: Record<AlarmSound, { voice: Voice; seconds: number }> = {
  pulse: { voice: pulse, seconds: 1.4 },
  chime: { voice: chime, seconds: 1.8 },
  klaxon: { voice: klaxon, seconds: 1.5 },
};

function render({ voice, seconds }: { voice: Voice; seconds: number }): Float64Array {
  // Faded out over the last 50 ms, so a ringing bell ends without a click.
  const samples = Float64Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => {
    const t = i / sampleRate;
    return voice(t) * Math.min(1, (seconds - t) / 0.05);
  });
  const loudest = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  return samples.map((s) => (s / loudest) * peak);
}

/** A canonical 44-byte-header WAV: RIFF, a PCM `fmt ` chunk, then the `data` chunk. */
function wav(samples: Float64Array): Buffer {
  const bytesPerSample = 2;
  const data = Buffer.alloc(samples.length * bytesPerSample);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(s * 32767), i * bytesPerSample));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * bytesPerSample, 28);
  header.writeUInt16LE(bytesPerSample, 32);
  header.writeUInt16LE(8 * bytesPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const soundsDir = path.join(import.meta.dirname, '..', 'assets', 'sounds');
mkdirSync(soundsDir, { recursive: true });
for (const [id, sound] of Object.entries(sounds)) {
  const file = path.join(soundsDir, `${id}.wav`);
  writeFileSync(file, wav(render(sound)));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${sound.seconds} s)`);
}
