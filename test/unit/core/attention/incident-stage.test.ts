import { describe, expect, it } from 'vitest';
import { attentionConfigSchema } from '../../../../electron/common/attention-config.js';
import {
  transition,
  type ClimbingStage,
  type IncidentStage,
  type LadderContext,
  type StageEvent,
} from '../../../../electron/core/attention/incident-stage.js';
import { decideRing } from '../../../../electron/core/attention/ring-policy.js';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { anIncident } from '../../../support/incidents.js';

const t0 = Date.parse('2026-11-22T09:00:00Z');
const at = (s: number) => t0 + s * 1000;
const high = anIncident({ externalId: 'a' });
const low = anIncident({ externalId: 'b', urgency: 'low' });

/** A PagerDuty-like source that rings for the responder's own pages only. */
const onlyMine = (incident: Incident) =>
  decideRing(incident, { assignment: 'teams', ringFor: 'mine' }, false).rings;

/** The ladder's context, with settings as a settings file would give them; every page rings. */
function context(
  options: { config?: unknown; silenced?: boolean; rings?: LadderContext['rings'] } = {},
): LadderContext {
  return {
    config: attentionConfigSchema.parse(options.config ?? {}),
    timeZone: 'UTC',
    silenced: options.silenced ?? false,
    rings: options.rings ?? (() => true),
  };
}

/** Runs events in order, each at its own second, and returns every step's result. */
function run(
  steps: [seconds: number, event: StageEvent][],
  ctx: LadderContext = context(),
  from?: IncidentStage,
) {
  let state = from;
  return steps.map(([seconds, event]) => {
    const result = transition(state, event, at(seconds), ctx);
    state = result.state;
    return result;
  });
}

/** Deeply frozen, so a transition that changed its input would throw. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

const climbing = (overrides: Partial<ClimbingStage> = {}): ClimbingStage => ({
  kind: 'climbing',
  incident: high,
  rung: 'notified',
  since: at(0),
  startedAt: at(0),
  rings: 0,
  ringMuted: false,
  ...overrides,
});

describe('transition up the ladder', () => {
  it('notifies a new page at once and wakes when the next rung is due', () => {
    expect(transition(undefined, { type: 'appeared', incident: high }, at(0), context())).toEqual({
      state: climbing(),
      effects: [{ type: 'notify', incident: high, level: 'normal' }],
      wakeAt: at(60),
    });
  });

  it('rings on the critical rung, and repeats from the repeating rung on', () => {
    const [, critical, repeating, repeat] = run([
      [0, { type: 'appeared', incident: high }],
      [60, { type: 'timer' }],
      [120, { type: 'timer' }],
      [150, { type: 'timer' }],
    ]);
    expect(critical).toMatchObject({
      state: { rung: 'critical', since: at(60), rings: 1, lastRingAt: at(60) },
      effects: [
        { type: 'notify', incident: high, level: 'critical' },
        { type: 'ring', incidentKey: high.key, ring: 1 },
      ],
      wakeAt: at(120),
    });
    expect(repeating).toMatchObject({
      state: { rung: 'repeating', rings: 2, nextRingAt: at(150) },
      effects: [{ type: 'ring', incidentKey: high.key, ring: 2 }],
      wakeAt: at(150),
    });
    expect(repeat).toMatchObject({
      state: { rung: 'repeating', since: at(120), rings: 3, nextRingAt: at(180) },
      effects: [{ type: 'ring', incidentKey: high.key, ring: 3 }],
    });
  });

  it('enters every rung that came due while it slept, with one ring', () => {
    const result = transition(frozen(climbing()), { type: 'timer' }, at(400), context());
    expect(result).toMatchObject({
      state: { rung: 'takeover', since: at(400), rings: 1, nextRingAt: at(430) },
      effects: [
        { type: 'notify', level: 'critical' },
        { type: 'ring', ring: 1 },
      ],
      wakeAt: at(430),
    });
  });

  it('leaves the stage it was given untouched', () => {
    const before = frozen(climbing({ rung: 'repeating', rings: 2, nextRingAt: at(150) }));
    const copy = structuredClone(before);
    transition(before, { type: 'timer' }, at(150), context());
    transition(before, { type: 'silence' }, at(140), context({ silenced: true }));
    expect(before).toEqual(copy);
  });

  it('stops at the top of a ladder with no rungs left', () => {
    const [notified, later] = run([
      [0, { type: 'appeared', incident: low }],
      [3600, { type: 'timer' }],
    ]);
    expect(notified!.wakeAt).toBeUndefined();
    expect(later).toMatchObject({ state: { rung: 'notified' }, effects: [] });
  });
});

describe('transition off the ladder', () => {
  it.each<StageEvent>([
    { type: 'resolved' },
    { type: 'handled-locally' },
    { type: 'stopped' },
    { type: 'changed', incident: { ...high, status: 'acknowledged' }, previous: high },
  ])('withdraws the notification on $type', (event) => {
    const result = transition(frozen(climbing({ rung: 'takeover' })), event, at(310), context());
    expect(result).toEqual({
      state: undefined,
      effects: [{ type: 'withdraw', incidentKey: high.key }],
      wakeAt: undefined,
    });
  });

  it('has nothing to withdraw for a page held for quiet hours', () => {
    const quiet: IncidentStage = { kind: 'quiet', incident: low, since: at(0), wakeAt: at(3600) };
    expect(transition(quiet, { type: 'resolved' }, at(10), context())).toEqual({
      state: undefined,
      effects: [],
      wakeAt: undefined,
    });
  });

  it('stops paging for others once their source rings only for mine', () => {
    const theirs = climbing({ incident: { ...high, assignedToMe: false } });
    const result = transition(
      theirs,
      { type: 'config-changed' },
      at(5),
      context({ rings: onlyMine }),
    );
    expect(result.state).toBeUndefined();
    expect(result.effects).toEqual([{ type: 'withdraw', incidentKey: high.key }]);
  });
});

describe('transition on changes', () => {
  it('keeps the rung when the page appears again or only its text changes', () => {
    const renamed = { ...high, title: 'renamed' };
    const stage = frozen(climbing({ rung: 'critical', rings: 1 }));
    expect(transition(stage, { type: 'appeared', incident: renamed }, at(90), context())).toEqual({
      state: { ...stage, incident: renamed },
      effects: [],
      wakeAt: at(120),
    });
    expect(
      transition(stage, { type: 'changed', incident: renamed, previous: high }, at(90), context())
        .effects,
    ).toEqual([]);
  });

  it('climbs afresh when the urgency changes or the page triggers again', () => {
    const stage = climbing({ incident: low });
    const raised = { ...low, urgency: 'high' as const };
    expect(
      transition(stage, { type: 'changed', incident: raised, previous: low }, at(100), context()),
    ).toEqual({
      state: climbing({ incident: raised, since: at(100), startedAt: at(100) }),
      effects: [
        { type: 'withdraw', incidentKey: low.key },
        { type: 'notify', incident: raised, level: 'normal' },
      ],
      wakeAt: at(160),
    });
    const acked = { ...high, status: 'acknowledged' as const };
    const retriggered = transition(
      undefined,
      { type: 'changed', incident: high, previous: acked },
      at(200),
      context(),
    );
    expect(retriggered.state).toMatchObject({ rung: 'notified', startedAt: at(200) });
  });

  it('climbs again when the provider refuses the ack', () => {
    const result = transition(
      undefined,
      { type: 'handling-failed', incident: high },
      at(5),
      context(),
    );
    expect(result.state).toMatchObject({ kind: 'climbing', rung: 'notified', startedAt: at(5) });
  });

  it('never pages for an acknowledged incident, or for others when paging only for mine', () => {
    const acked = { ...high, status: 'acknowledged' as const };
    expect(
      transition(undefined, { type: 'appeared', incident: acked }, at(0), context()).state,
    ).toBeUndefined();
    const theirs = { ...high, assignedToMe: false };
    const mineOnly = context({ rings: onlyMine });
    expect(
      transition(undefined, { type: 'appeared', incident: theirs }, at(0), mineOnly).state,
    ).toBeUndefined();
    expect(
      transition(undefined, { type: 'appeared', incident: high }, at(0), mineOnly).state,
    ).toMatchObject({ kind: 'climbing', rung: 'notified' });
  });
});

describe('transition while silenced', () => {
  it('owes the ring that fell due and plays it when the silence ends', () => {
    const silenced = context({ silenced: true });
    const [hushed, muted] = run(
      [
        [130, { type: 'silence' }],
        [300, { type: 'timer' }],
      ],
      silenced,
      climbing({ rung: 'repeating', rings: 2, since: at(120), nextRingAt: at(150) }),
    );
    expect(hushed).toMatchObject({
      state: { nextRingAt: undefined, ringMuted: true },
      effects: [],
      wakeAt: at(300),
    });
    // The takeover rung is reached on time; only the sound waits.
    expect(muted).toMatchObject({
      state: { rung: 'takeover', rings: 2, ringMuted: true },
      effects: [],
    });
    expect(muted!.wakeAt).toBeUndefined();

    const loud = transition(muted!.state, { type: 'unsilence' }, at(430), context());
    expect(loud).toMatchObject({
      state: { rung: 'takeover', rings: 3, ringMuted: false, nextRingAt: at(460) },
      effects: [{ type: 'ring', incidentKey: high.key, ring: 3 }],
      wakeAt: at(460),
    });
  });

  it('still notifies, but holds back the sound of a rung reached meanwhile', () => {
    const result = transition(climbing(), { type: 'timer' }, at(60), context({ silenced: true }));
    expect(result).toMatchObject({
      state: { rung: 'critical', rings: 0, ringMuted: true },
      effects: [{ type: 'notify', level: 'critical' }],
    });
  });
});

describe('transition in quiet hours', () => {
  const quietHours = { enabled: true, start: '22:00', end: '07:00' };
  const night = Date.parse('2026-11-22T23:00:00Z');
  const quietContext = context({ config: { quietHours, low: { criticalAfterSeconds: 120 } } });

  it('holds low urgency with nothing raised, and climbs from the start when they end', () => {
    const held = transition(undefined, { type: 'appeared', incident: low }, night, quietContext);
    const morning = Date.parse('2026-11-23T07:00:00Z');
    expect(held).toEqual({
      state: { kind: 'quiet', incident: low, since: night, wakeAt: morning },
      effects: [],
      wakeAt: morning,
    });
    expect(transition(held.state, { type: 'timer' }, morning, quietContext)).toEqual({
      state: climbing({ incident: low, since: morning, startedAt: morning }),
      effects: [{ type: 'notify', incident: low, level: 'normal' }],
      wakeAt: morning + 120_000,
    });
  });

  it('lowers a climbing low page when they begin', () => {
    const stage = climbing({ incident: low, startedAt: night - 60_000, since: night - 60_000 });
    expect(transition(stage, { type: 'timer' }, night, quietContext)).toMatchObject({
      state: { kind: 'quiet', since: night },
      effects: [{ type: 'withdraw', incidentKey: low.key }],
    });
  });

  it('never holds back high urgency', () => {
    const result = transition(undefined, { type: 'appeared', incident: high }, night, quietContext);
    expect(result.state).toMatchObject({ kind: 'climbing', rung: 'notified' });
  });
});
