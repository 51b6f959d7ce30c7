import type { Incident } from '../../common/model/incident.js';

/** A rung of the escalation ladder, in the order an unhandled incident climbs them. */
export type LadderStage = 'notified' | 'critical' | 'repeating' | 'takeover';

/**
 * What the escalation ladder asks of the desktop; the shell (or the browser host) carries it
 * out. The ladder decides every when, including each repeat of the sound, so an
 * implementation only acts. Every call names one incident; several may be raised at once.
 */
export interface AttentionEffects {
  /** Shows the incident's notification, replacing the one shown before for the same incident. */
  notify(request: { incident: Incident; level: 'normal' | 'critical'; stage: LadderStage }): void;
  withdrawNotification(incidentKey: string): void;
  /**
   * Plays the alarm sound once. `ring` counts the plays for this incident from 1, so the
   * player can raise the volume as the ladder climbs.
   */
  playAlarm(request: { incidentKey: string; ring: number }): void;
  /** Cuts off the incident's alarm if it is still playing. */
  stopAlarm(incidentKey: string): void;
  /**
   * Shows the incident window in front. A second call for the same incident only changes
   * `alwaysOnTop`; the window stays pinned while any incident holds it pinned.
   */
  bringToFront(request: { incidentKey: string; alwaysOnTop: boolean }): void;
  releaseFront(incidentKey: string): void;
  /** Covers the screen with the incident until `endTakeover`. */
  takeover(incidentKey: string): void;
  endTakeover(incidentKey: string): void;
}
