import type { Teammate } from '../../common/model/cover.js';

/** One cover as a provider is asked to make it: `start`/`end` in epoch ms. */
export interface CoverTarget {
  /** Onwatch's id for the cover: stable across retries and restarts (Opsgenie's alias). */
  coverId: string;
  scheduleId: string;
  /** When the responder asked: Splunk On-Call's choice of method depends on it. */
  requestedAt: number;
  start: number;
  end: number;
  coverUser: { id: string; name: string };
  forUser: { id?: string; name: string };
}

/** What the provider made. */
export interface CoverMade {
  /** Splunk On-Call: policies on which the absent person is still on duty (not yet covered). */
  unassignedPolicies?: string[];
}

/**
 * A source that can hand part of a shift to a teammate. Every method throws SourceError; a
 * refusal the provider gives for good (not allowed, bad range) is `rejected`.
 */
export interface CoverageProvider {
  /** Why this key or schedule cannot take cover from Onwatch, in words; undefined when it can. */
  whyNot(scheduleId: string, signal: AbortSignal): Promise<string | undefined>;
  /**
   * The provider's own page for this schedule (https), linked where Onwatch cannot make the
   * cover or it failed; undefined when the provider gave none.
   */
  providerPage?(scheduleId: string): string | undefined;
  /** The account's users who may be picked to cover. */
  teammates(signal: AbortSignal): Promise<Teammate[]>;
  /** The provider already holds exactly this cover (an earlier attempt got through). */
  findCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade | undefined>;
  createCover(target: CoverTarget, signal: AbortSignal): Promise<CoverMade>;
  /**
   * Deletes a cover that has not started, cuts a running one short at `now`; one that is no
   * longer there counts as removed.
   */
  removeCover(target: CoverTarget, now: number, signal: AbortSignal): Promise<void>;
}
