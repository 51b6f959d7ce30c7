import { describe, expect, it } from 'vitest';
import { attentionConfigSchema } from '../../../../electron/common/attention-config.js';
import {
  AttentionEntries,
  deriveAttention,
  type LadderSnapshot,
} from '../../../../electron/core/attention/attention-view.js';
import type {
  ClimbingStage,
  IncidentStage,
} from '../../../../electron/core/attention/incident-stage.js';
import { anIncident } from '../../../support/incidents.js';
import type { Incident } from '../../../../electron/common/model/incident.js';

const t0 = Date.parse('2026-11-22T09:00:00Z');
const at = (s: number) => t0 + s * 1000;
const iso = (s: number) => new Date(at(s)).toISOString();
const config = attentionConfigSchema.parse({ sound: 'chime' });

function climbing(externalId: string, overrides: Partial<ClimbingStage> = {}): ClimbingStage {
  return {
    kind: 'climbing',
    incident: anIncident({ externalId }),
    rung: 'takeover',
    since: at(300),
    startedAt: at(0),
    rings: 8,
    lastRingAt: at(300),
    ringMuted: false,
    ...overrides,
  };
}

const snapshot = (stages: IncidentStage[], more: Partial<LadderSnapshot> = {}): LadderSnapshot => ({
  stages: new Map(stages.map((stage) => [stage.incident.key, stage])),
  listedQuietly: new Map(),
  ...more,
});

/** Stands in for the ring policy: a page rings when it is mine. */
const ringOf = (incident: Incident) =>
  incident.assignedToMe
    ? { rings: true, reason: 'Rings: assigned to you' }
    : { rings: false, reason: 'Quiet: not assigned to you' };

describe('deriveAttention', () => {
  it('takes the screen over for the first page to reach the takeover rung, then by key', () => {
    const stages = [
      climbing('c'),
      climbing('b', { startedAt: at(-5), since: at(295) }),
      climbing('a'),
      // Climbing longer on a slower ladder, it reached the takeover after the others: it waits.
      climbing('slow', { startedAt: at(-100), since: at(400) }),
      climbing('old', { startedAt: at(-60), rung: 'repeating' }),
    ];
    const { view, desktop } = deriveAttention(snapshot(stages), config, ringOf);
    expect(view.takeover).toBe('am:b');
    expect(desktop).toEqual({
      takeover: 'am:b',
      // In front, the newest climb is shown: it comes last.
      fronts: ['am:slow', 'am:old', 'am:b', 'am:a', 'am:c'],
      pinned: true,
    });

    const next = deriveAttention(
      snapshot(stages.filter((s) => s.incident.key !== 'am:b')),
      config,
      ringOf,
    );
    expect(next.view.takeover).toBe('am:a');
    expect(next.desktop.takeover).toBe('am:a');
  });

  it('holds the takeover back and unpins the window while silenced, and says until when', () => {
    const { view, desktop } = deriveAttention(
      snapshot([climbing('a')], { silencedUntil: at(600) }),
      config,
      ringOf,
    );
    expect(view).toEqual({
      stages: { 'am:a': { stage: 'takeover', since: iso(300), silencedUntil: iso(600) } },
      ring: { 'am:a': { rings: true, reason: 'Rings: assigned to you' } },
      alarm: null,
      takeover: null,
      silencedUntil: iso(600),
    });
    expect(desktop).toEqual({ takeover: null, fronts: ['am:a'], pinned: false });
  });

  it('plays the latest ring while its incident is still on the climb that rang it', () => {
    const a = climbing('a', { rung: 'critical', rings: 1, lastRingAt: at(60) });
    const b = climbing('b', { rung: 'repeating', rings: 3, lastRingAt: at(90) });
    const latestRing = { incidentKey: 'am:b', at: at(90) };
    expect(deriveAttention(snapshot([a, b], { latestRing }), config, ringOf).view.alarm).toEqual({
      incidentKey: 'am:b',
      ring: 3,
      volume: expect.closeTo(0.675, 5),
      sound: 'chime',
    });
    // B handled: the sound stops; A rings again on its own cadence rather than replaying now.
    expect(deriveAttention(snapshot([a], { latestRing }), config, ringOf).view.alarm).toBeNull();
    // B triggered again and climbs afresh: the old ring is not its own.
    const fresh = climbing('b', { rung: 'notified', rings: 0, lastRingAt: undefined });
    expect(
      deriveAttention(snapshot([a, fresh], { latestRing }), config, ringOf).view.alarm,
    ).toBeNull();
  });

  it('says when the next rung is due, and when quiet hours release a held page', () => {
    const held: IncidentStage = {
      kind: 'quiet',
      incident: anIncident({ externalId: 'q', urgency: 'low' }),
      since: at(0),
      wakeAt: at(3600),
    };
    const notified = climbing('n', { rung: 'notified', since: at(0), rings: 0 });
    const { view, desktop } = deriveAttention(snapshot([held, notified]), config, ringOf);
    expect(view.stages).toEqual({
      'am:q': { stage: 'quiet', since: iso(0), nextAt: iso(3600) },
      'am:n': { stage: 'notified', since: iso(0), nextAt: iso(60) },
    });
    expect(desktop).toEqual({ takeover: null, fronts: [], pinned: true });
  });

  it('says for every page on the ladder or listed quietly whether it rings, and why', () => {
    const theirs = anIncident({ externalId: 't', assignedToMe: false });
    const { view } = deriveAttention(
      snapshot([climbing('a')], { listedQuietly: new Map([[theirs.key, theirs]]) }),
      config,
      ringOf,
    );
    expect(view.ring).toEqual({
      'am:a': { rings: true, reason: 'Rings: assigned to you' },
      'am:t': { rings: false, reason: 'Quiet: not assigned to you' },
    });
    expect(Object.keys(view.stages)).toEqual(['am:a']);
  });

  it('works out again only the pages the ladder touched, and says which those were', () => {
    const entries = new AttentionEntries();
    const a = climbing('a', { rung: 'notified', since: at(0), rings: 0 });
    const b = climbing('b', { rung: 'notified', since: at(0), rings: 0 });
    const first = deriveAttention(snapshot([a, b]), config, ringOf, entries).view;
    const entryOfA = first.stages['am:a'];
    expect(entries.takeTouched()).toBeUndefined(); // all were worked out

    // B acked and gone: the live records lose it, A's entry is kept as it was.
    const next = deriveAttention(snapshot([a]), config, ringOf, entries, new Set(['am:b'])).view;
    expect(next.stages).toBe(first.stages);
    expect(Object.keys(next.stages)).toEqual(['am:a']);
    expect(Object.keys(next.ring)).toEqual(['am:a']);
    expect(next.stages['am:a']).toBe(entryOfA);
    expect([...entries.takeTouched()!]).toEqual(['am:b']);
    expect([...entries.takeTouched()!]).toEqual([]);

    // A silence reaches every view, touched or not, in new records.
    const silenced = deriveAttention(
      snapshot([a], { silencedUntil: at(600) }),
      config,
      ringOf,
      entries,
      new Set(),
    ).view;
    expect(silenced.stages).not.toBe(first.stages);
    expect(silenced.stages['am:a']).toEqual({
      stage: 'notified',
      since: iso(0),
      nextAt: iso(60),
      silencedUntil: iso(600),
    });
    expect(entries.takeTouched()).toBeUndefined();
  });
});
