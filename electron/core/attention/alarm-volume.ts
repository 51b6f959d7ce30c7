const firstRingVolume = 0.35;
/** The ring that reaches full volume. */
const loudestRing = 5;

/**
 * The alarm's volume (0..1) for its `ring`th play: loud enough to notice at first, rising to
 * full volume as the incident stays unhandled, so a responder who slept through it wakes.
 */
export function alarmVolume(ring: number): number {
  // An impossible ring plays at full volume: never quieter than it should be.
  if (Number.isNaN(ring)) return 1;
  const progress = Math.min(Math.max((ring - 1) / (loudestRing - 1), 0), 1);
  return firstRingVolume + (1 - firstRingVolume) * progress;
}
