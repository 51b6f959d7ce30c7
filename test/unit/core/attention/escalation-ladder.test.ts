import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  attentionConfigSchema,
  type AttentionConfig,
} from '../../../../electron/common/attention-config.js';
import {
  deriveAttention,
  type DesktopView,
} from '../../../../electron/core/attention/attention-view.js';
import { EscalationLadder } from '../../../../electron/core/attention/escalation-ladder.js';
import type { StageEffect } from '../../../../electron/core/attention/incident-stage.js';
import { decideRing, type RingPolicy } from '../../../../electron/core/attention/ring-policy.js';
import type { RingDecision } from '../../../../electron/common/contract/app-state.js';
import type { IncidentEvent } from '../../../../electron/common/model/incident-event.js';
import { IncidentStore } from '../../../../electron/core/engine/incident-store.js';
import type { Incident } from '../../../../electron/common/model/incident.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { anIncident } from '../../../support/incidents.js';

const start = Date.parse('2026-11-22T09:00:00Z');
const seconds = (s: number) => s * 1000;
const at = (s: number) => new Date(start + seconds(s)).toISOString();

/**
 * Every change to what is raised (read off the stages as the attention center does), then every
 * effect, as one line stamped with seconds since the clock's start, so a test reads like a log.
 */
function recorder(
  clock: FakeClock,
  config: () => AttentionConfig,
  ringOf: (incident: Incident) => RingDecision = everyPageRings,
) {
  const calls: string[] = [];
  const origin = clock.now();
  const record = (line: string) => calls.push(`${(clock.now() - origin) / 1000} ${line}`);
  const handedOut: string[] = [];
  const effects = (effect: StageEffect) => {
    if (effect.type === 'notify') handedOut.push(`notify ${effect.incident.key} ${effect.level}`);
    else if (effect.type === 'withdraw') handedOut.push(`withdraw ${effect.incidentKey}`);
    else handedOut.push(`alarm ${effect.incidentKey} #${effect.ring}`);
  };
  let alarm: string | null = null;
  let held: DesktopView = { takeover: null, fronts: [], pinned: true };
  const watch = (ladder: EscalationLadder) =>
    ladder.onChange(() => {
      const { view, desktop } = deriveAttention(ladder.snapshot(), config(), ringOf);
      if (alarm !== null && view.alarm === null) record(`stopAlarm ${alarm}`);
      alarm = view.alarm?.incidentKey ?? null;
      const takeoverMoved = desktop.takeover !== held.takeover;
      if (takeoverMoved && held.takeover) record(`endTakeover ${held.takeover}`);
      for (const key of held.fronts) {
        if (!desktop.fronts.includes(key)) record(`releaseFront ${key}`);
      }
      for (const key of desktop.fronts) {
        if (!held.fronts.includes(key) || desktop.pinned !== held.pinned) {
          record(`front ${key}${desktop.pinned ? ' on top' : ''}`);
        }
      }
      if (takeoverMoved && desktop.takeover) record(`takeover ${desktop.takeover}`);
      held = desktop;
      for (const line of handedOut.splice(0)) record(line);
    });
  return { effects, calls, watch };
}

/** An Alertmanager-like source: it cannot tell who a page is for, and rings for all of them. */
const ringsForEverything: RingPolicy = { assignment: 'none', ringFor: 'everything' };
const everyPageRings = (incident: Incident) => decideRing(incident, ringsForEverything, false);

interface SetupOptions {
  config?: unknown;
  timeZone?: string;
  startAt?: number;
  /** The source's "Ring for" policy; by default every page rings. */
  policy?: RingPolicy;
  onCall?: boolean;
}

function setup(options: SetupOptions = {}) {
  const clock = new FakeClock(options.startAt ?? start);
  let config: AttentionConfig = attentionConfigSchema.parse(options.config ?? {});
  let policy = options.policy ?? ringsForEverything;
  let onCall = options.onCall ?? false;
  const ringOf = (incident: Incident) => decideRing(incident, policy, onCall);
  const { effects, calls, watch } = recorder(clock, () => config, ringOf);
  const ladder = new EscalationLadder({
    clock,
    effects,
    config: () => config,
    rings: (incident) => ringOf(incident).rings,
    timeZone: options.timeZone ?? 'UTC',
  });
  watch(ladder);
  const view = () => deriveAttention(ladder.snapshot(), config, ringOf).view;
  return {
    clock,
    ladder,
    /** The lines since the last call. */
    effects: () => calls.splice(0),
    stages: () => view().stages,
    ring: () => view().ring,
    setConfig: (input: unknown) => (config = attentionConfigSchema.parse(input)),
    setPolicy: (next: RingPolicy) => (policy = next),
    setOnCall: (next: boolean) => (onCall = next),
  };
}

const triggered = (incident: Incident): IncidentEvent => ({ type: 'new', incident });
const changed = (previous: Incident, change: Partial<Incident>): IncidentEvent => ({
  type: 'changed',
  incident: { ...previous, ...change },
  previous,
});
const resolved = (incident: Incident): IncidentEvent => ({
  type: 'resolved',
  incident: { ...incident, status: 'resolved' },
});

const high = anIncident({ externalId: 'a', urgency: 'high' });
const low = anIncident({ externalId: 'b', urgency: 'low' });

describe('EscalationLadder, high urgency', () => {
  it('notifies, then sounds, then repeats with the window on top, then takes over', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    expect(effects()).toEqual(['0 notify am:a normal']);

    await clock.advance(seconds(59));
    expect(effects()).toEqual([]);
    await clock.advance(seconds(1));
    expect(effects()).toEqual(['60 notify am:a critical', '60 alarm am:a #1']);

    await clock.advance(seconds(59));
    expect(effects()).toEqual([]);
    await clock.advance(seconds(1));
    expect(effects()).toEqual(['120 front am:a on top', '120 alarm am:a #2']);

    await clock.advance(seconds(179));
    expect(effects()).toEqual([
      '150 alarm am:a #3',
      '180 alarm am:a #4',
      '210 alarm am:a #5',
      '240 alarm am:a #6',
      '270 alarm am:a #7',
    ]);
    await clock.advance(seconds(1));
    expect(effects()).toEqual(['300 takeover am:a', '300 alarm am:a #8']);

    await clock.advance(seconds(60));
    expect(effects()).toEqual(['330 alarm am:a #9', '360 alarm am:a #10']);
    expect(clock.pendingTimers()).toBe(1);
    ladder.stop();
  });

  it('hands out the incident as it is now', async () => {
    const clock = new FakeClock(start);
    const effects = vi.fn<(effect: StageEffect) => void>();
    const config = attentionConfigSchema.parse({});
    const ladder = new EscalationLadder({
      clock,
      effects,
      config: () => config,
      rings: () => true,
    });
    ladder.handle([triggered(high)]);
    const renamed = { ...high, title: 'API error rate above 20%' };
    ladder.handle([changed(high, { title: renamed.title })]);
    await clock.advance(seconds(60));

    expect(effects.mock.calls).toEqual([
      [{ type: 'notify', incident: high, level: 'normal' }],
      [{ type: 'notify', incident: renamed, level: 'critical' }],
      [{ type: 'ring', incidentKey: 'am:a', ring: 1 }],
    ]);
    ladder.stop();
  });

  it('shows each rung with when the next is due', async () => {
    const { clock, ladder, stages } = setup();
    const seen: unknown[] = [];
    ladder.onChange(() => {
      if (!isDeepStrictEqual(seen.at(-1), stages())) seen.push(stages());
    });
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(400));

    expect(seen).toEqual([
      { 'am:a': { stage: 'notified', since: at(0), nextAt: at(60) } },
      { 'am:a': { stage: 'critical', since: at(60), nextAt: at(120) } },
      { 'am:a': { stage: 'repeating', since: at(120), nextAt: at(300) } },
      { 'am:a': { stage: 'takeover', since: at(300) } },
    ]);
    ladder.stop();
    expect(seen.at(-1)).toEqual({});
  });
});

describe('EscalationLadder, low urgency', () => {
  it('notifies once and never raises anything else', async () => {
    const { clock, ladder, effects, stages } = setup();
    ladder.handle([triggered(low)]);
    await clock.advance(seconds(3600));

    expect(effects()).toEqual(['0 notify am:b normal']);
    expect(stages()).toEqual({ 'am:b': { stage: 'notified', since: at(0) } });
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('EscalationLadder stops when the incident is handled', () => {
  it('lowers everything at once when acknowledged here, and raises nothing more', async () => {
    const { clock, ladder, effects, stages } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(310));
    effects();

    ladder.acknowledgedLocally('am:a');
    expect(effects()).toEqual([
      '310 stopAlarm am:a',
      '310 endTakeover am:a',
      '310 releaseFront am:a',
      '310 withdraw am:a',
    ]);
    expect(clock.pendingTimers()).toBe(0);
    expect(stages()).toEqual({});

    // The poll that confirms the ack changes nothing.
    ladder.handle([changed(high, { status: 'acknowledged' })]);
    await clock.advance(seconds(3600));
    expect(effects()).toEqual([]);
  });

  it('undoes only what was raised', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(70));
    effects();

    ladder.acknowledgedLocally('am:a');
    expect(effects()).toEqual(['70 stopAlarm am:a', '70 withdraw am:a']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stops on an ack made elsewhere, seen on the next poll', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(130));
    effects();

    ladder.handle([changed(high, { status: 'acknowledged' })]);
    expect(effects()).toEqual(['130 stopAlarm am:a', '130 releaseFront am:a', '130 withdraw am:a']);
    await clock.advance(seconds(3600));
    expect(effects()).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stops when resolved', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(30));
    effects();

    ladder.handle([resolved(high)]);
    expect(effects()).toEqual(['30 withdraw am:a']);
    await clock.advance(seconds(3600));
    expect(effects()).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('with a fake clock reaches takeover at 300 s and stops on an ack seen at the source', async () => {
    const { clock, ladder, effects } = setup();
    const store = new IncidentStore();
    ladder.handle(store.applySnapshot('am', [high]));
    await clock.advance(seconds(299));
    expect(effects().at(-1)).toBe('270 alarm am:a #7');
    await clock.advance(seconds(1));
    expect(effects()).toEqual(['300 takeover am:a', '300 alarm am:a #8']);

    await clock.advance(seconds(15));
    ladder.handle(store.applySnapshot('am', [{ ...high, status: 'acknowledged' }]));
    expect(effects()).toEqual([
      '315 stopAlarm am:a',
      '315 endTakeover am:a',
      '315 releaseFront am:a',
      '315 withdraw am:a',
    ]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('climbs again from the start when the incident is triggered again', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(130));
    const acked = { ...high, status: 'acknowledged' as const };
    ladder.handle([changed(high, { status: 'acknowledged' })]);
    await clock.advance(seconds(20));
    effects();

    ladder.handle([changed(acked, { status: 'triggered' })]);
    await clock.advance(seconds(125));
    expect(effects()).toEqual([
      '150 notify am:a normal',
      '210 notify am:a critical',
      '210 alarm am:a #1',
      '270 front am:a on top',
      '270 alarm am:a #2',
    ]);
    ladder.stop();
  });

  it('ignores changes that leave the incident triggered', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(50));
    ladder.handle([changed(high, { title: 'renamed', labels: { team: 'api' } })]);
    await clock.advance(seconds(10));

    expect(effects()).toEqual([
      '0 notify am:a normal',
      '60 notify am:a critical',
      '60 alarm am:a #1',
    ]);
    ladder.stop();
  });

  it('keeps the rung when a re-created source reports the incident as new again', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(130));
    effects();

    ladder.handle([triggered(high)]);
    await clock.advance(seconds(20));
    expect(effects()).toEqual(['150 alarm am:a #3']);
    ladder.stop();
  });

  it('climbs the new ladder when the urgency changes', async () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered(low)]);
    await clock.advance(seconds(100));
    ladder.handle([changed(low, { urgency: 'high' })]);
    await clock.advance(seconds(60));

    expect(effects()).toEqual([
      '0 notify am:b normal',
      '100 withdraw am:b',
      '100 notify am:b normal',
      '160 notify am:b critical',
      '160 alarm am:b #1',
    ]);
    ladder.stop();
  });
});

describe('EscalationLadder silence', () => {
  it('mutes the alarm for five minutes without acking, then gets loud again', async () => {
    const { clock, ladder, effects, stages } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(130));
    effects();

    ladder.silenceAlarm();
    expect(effects()).toEqual(['130 stopAlarm am:a', '130 front am:a']);
    expect(stages()['am:a']).toEqual({
      stage: 'repeating',
      since: at(120),
      nextAt: at(300),
      silencedUntil: at(430),
    });

    // The takeover rung is reached on time but held back; no sound plays.
    await clock.advance(seconds(299));
    expect(effects()).toEqual([]);
    expect(stages()['am:a']?.stage).toBe('takeover');

    await clock.advance(seconds(1));
    expect(effects()).toEqual(['430 front am:a on top', '430 takeover am:a', '430 alarm am:a #3']);
    await clock.advance(seconds(30));
    expect(effects()).toEqual(['460 alarm am:a #4']);
    expect(stages()['am:a']).toEqual({ stage: 'takeover', since: at(300) });
    ladder.stop();
  });

  it('ends a takeover on screen and still shows notifications of new incidents', async () => {
    const { clock, ladder, effects } = setup({ config: { silenceMinutes: 2 } });
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(300));
    effects();

    ladder.silenceAlarm();
    await clock.advance(seconds(10));
    ladder.handle([triggered(anIncident({ externalId: 'c' }))]);
    await clock.advance(seconds(120));

    expect(effects()).toEqual([
      '300 stopAlarm am:a',
      '300 endTakeover am:a',
      '300 front am:a',
      '310 notify am:c normal',
      '370 notify am:c critical',
      // The silence ends: each incident plays the sound it owes.
      '420 front am:a on top',
      '420 takeover am:a',
      '420 alarm am:a #9',
      '420 alarm am:c #1',
      '430 front am:c on top',
      '430 alarm am:c #2',
    ]);
    ladder.stop();
  });

  it('ends early on unsilence, and a second silence extends the first', async () => {
    const { clock, ladder, effects, stages } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(125));
    ladder.silenceAlarm(1);
    await clock.advance(seconds(30));
    ladder.silenceAlarm(10);
    await clock.advance(seconds(60));
    expect(stages()['am:a']?.silencedUntil).toBe(at(755));
    effects();

    ladder.unsilence();
    expect(effects()).toEqual(['215 front am:a on top', '215 alarm am:a #3']);
    expect(stages()['am:a']?.silencedUntil).toBeUndefined();
    ladder.stop();
  });

  it('rejects a silence of no length', () => {
    const { ladder } = setup();
    expect(() => ladder.silenceAlarm(0)).toThrow(RangeError);
  });
});

describe('EscalationLadder quiet hours', () => {
  const quietHours = { enabled: true, start: '22:00', end: '07:00' };
  const night = Date.parse('2026-11-22T23:00:00Z');

  it('holds low urgency until they end, then notifies if still triggered', async () => {
    const { clock, ladder, effects, stages } = setup({ config: { quietHours }, startAt: night });
    ladder.handle([triggered(low)]);
    expect(effects()).toEqual([]);
    expect(stages()).toEqual({
      'am:b': {
        stage: 'quiet',
        since: '2026-11-22T23:00:00.000Z',
        nextAt: '2026-11-23T07:00:00.000Z',
      },
    });

    await clock.advance(seconds(8 * 3600 - 1));
    expect(effects()).toEqual([]);
    await clock.advance(seconds(1));
    expect(effects()).toEqual([`${8 * 3600} notify am:b normal`]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('raises nothing for a low incident handled during quiet hours', async () => {
    const { clock, ladder, effects } = setup({ config: { quietHours }, startAt: night });
    ladder.handle([triggered(low)]);
    ladder.handle([changed(low, { status: 'acknowledged' })]);
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(seconds(12 * 3600));
    expect(effects()).toEqual([]);
  });

  it('never holds back high urgency', async () => {
    const { clock, ladder, effects } = setup({ config: { quietHours }, startAt: night });
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(60));
    expect(effects()).toEqual([
      '0 notify am:a normal',
      '60 notify am:a critical',
      '60 alarm am:a #1',
    ]);
    ladder.stop();
  });

  it('lowers a louder low ladder when quiet hours begin and climbs afresh after', async () => {
    const { clock, ladder, effects } = setup({
      config: { quietHours, low: { criticalAfterSeconds: 120 } },
      startAt: Date.parse('2026-11-22T21:59:00Z'),
    });
    ladder.handle([triggered(low)]);
    await clock.advance(seconds(120));
    expect(effects()).toEqual(['0 notify am:b normal', '120 withdraw am:b']);

    await clock.advance(seconds(9 * 3600 + 60));
    expect(effects()).toEqual([
      `${60 + 9 * 3600} notify am:b normal`,
      `${180 + 9 * 3600} notify am:b critical`,
      `${180 + 9 * 3600} alarm am:b #1`,
    ]);
    ladder.stop();
  });
});

describe('EscalationLadder', () => {
  it('reads its settings live, and applies them at once when told they changed', async () => {
    const { clock, ladder, effects, setConfig } = setup();
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(130));
    const faster = { takeoverAfterSeconds: 200, repeatEverySeconds: 60 };
    setConfig({ high: faster });
    ladder.handle([triggered(low)]);
    await clock.advance(seconds(30));
    // The low ladder had nothing left to do, so only configChanged makes it look again.
    setConfig({ high: faster, low: { criticalAfterSeconds: 20 } });
    ladder.configChanged();
    await clock.advance(seconds(60));

    expect(effects()).toEqual([
      '0 notify am:a normal',
      '60 notify am:a critical',
      '60 alarm am:a #1',
      '120 front am:a on top',
      '120 alarm am:a #2',
      '130 notify am:b normal',
      // The next step of each ladder uses the new settings.
      '150 alarm am:a #3',
      '160 notify am:b critical',
      '160 alarm am:b #1',
      '200 takeover am:a',
      '210 alarm am:a #4',
    ]);
    ladder.stop();
  });

  it('moves pages due at the same instant together, on one timer and in one change', async () => {
    const { clock, ladder, effects } = setup();
    const pages = ['a', 'b', 'c'].map((externalId) => anIncident({ externalId }));
    ladder.handle(pages.map(triggered));
    await clock.advance(seconds(30));
    ladder.handle([triggered(anIncident({ externalId: 'd' }))]);
    expect(clock.pendingTimers()).toBe(2);
    effects();
    let changes = 0;
    ladder.onChange(() => changes++);

    await clock.advance(seconds(30));
    expect(changes).toBe(1);
    expect(effects()).toEqual(
      ['a', 'b', 'c'].flatMap((id) => [`60 notify am:${id} critical`, `60 alarm am:${id} #1`]),
    );
    ladder.acknowledgedLocally('am:b');
    expect(clock.pendingTimers()).toBe(2);
    ladder.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps many incidents independent', async () => {
    const { clock, ladder, effects, stages } = setup();
    const a = anIncident({ externalId: 'a' });
    const b = anIncident({ externalId: 'b' });
    const c = anIncident({ externalId: 'c', urgency: 'low' });
    ladder.handle([triggered(a)]);
    await clock.advance(seconds(30));
    ladder.handle([triggered(b), triggered(c)]);
    await clock.advance(seconds(40));
    ladder.acknowledgedLocally('am:a');
    await clock.advance(seconds(80));

    expect(effects()).toEqual([
      '0 notify am:a normal',
      '30 notify am:b normal',
      '30 notify am:c normal',
      '60 notify am:a critical',
      '60 alarm am:a #1',
      '70 stopAlarm am:a',
      '70 withdraw am:a',
      '90 notify am:b critical',
      '90 alarm am:b #1',
      '150 front am:b on top',
      '150 alarm am:b #2',
    ]);
    expect(Object.keys(stages())).toEqual(['am:b', 'am:c']);
    ladder.stop();
  });

  it('never pages for an incident that is already acknowledged', () => {
    const { clock, ladder, effects } = setup();
    ladder.handle([triggered({ ...high, status: 'acknowledged' })]);
    expect(effects()).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stop() lowers everything and leaves no timer behind', async () => {
    const { clock, ladder, effects, stages } = setup();
    ladder.handle([triggered(high), triggered(anIncident({ externalId: 'c' }))]);
    await clock.advance(seconds(130));
    ladder.silenceAlarm();
    effects();

    ladder.stop();
    expect(effects()).toEqual([
      '130 releaseFront am:a',
      '130 releaseFront am:c',
      '130 withdraw am:a',
      '130 withdraw am:c',
    ]);
    expect(clock.pendingTimers()).toBe(0);
    expect(stages()).toEqual({});
  });

  it('logs an effect that fails and keeps climbing', async () => {
    const clock = new FakeClock(start);
    const config = attentionConfigSchema.parse({});
    const { effects, calls, watch } = recorder(clock, () => config);
    const errors: string[] = [];
    const log: Log = { info() {}, warn() {}, error: (message) => errors.push(message) };
    const ladder = new EscalationLadder({
      clock,
      effects: (effect) => {
        if (effect.type === 'notify') throw new Error('no notification daemon');
        effects(effect);
      },
      config: () => config,
      rings: () => true,
      log,
    });
    watch(ladder);
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(120));

    expect(errors).toEqual([
      'attention: notify failed: no notification daemon',
      'attention: notify failed: no notification daemon',
    ]);
    expect(calls).toEqual(['60 alarm am:a #1', '120 front am:a on top', '120 alarm am:a #2']);
    ladder.stop();
  });
});

describe('EscalationLadder, who rings', () => {
  const mineOnly: RingPolicy = { assignment: 'teams', ringFor: 'mine' };
  const myTeams: RingPolicy = { assignment: 'teams', ringFor: 'my-teams' };
  const everything: RingPolicy = { assignment: 'teams', ringFor: 'everything' };
  const whileOnCall: RingPolicy = { assignment: 'none', ringFor: 'while-on-call' };
  const mine = anIncident({ sourceId: 'pd', externalId: 'm', assignees: ['Sam Roe'] });
  const teammates = anIncident({
    sourceId: 'pd',
    externalId: 't',
    assignedToMe: false,
    assignees: ['Dana Lee'],
  });
  const teamPage = { ...teammates, externalId: 'p', key: 'pd:p', assignedToMyTeam: 'Payments' };

  it('never notifies or takes over for a teammate’s page, and says why', async () => {
    const { clock, ladder, effects, stages, ring } = setup({ policy: mineOnly });
    ladder.handle([triggered(teammates)]);
    await clock.advance(seconds(600));

    expect(effects()).toEqual([]);
    expect(stages()).toEqual({});
    expect(clock.pendingTimers()).toBe(0);
    expect(ring()).toEqual({
      'pd:t': {
        rings: false,
        reason: 'Quiet: assigned to Dana Lee — this source rings for your pages only',
      },
    });
    ladder.stop();
  });

  it('climbs the whole ladder for my page', async () => {
    const { clock, ladder, effects, ring } = setup({ policy: mineOnly });
    ladder.handle([triggered(mine), triggered(teammates)]);
    await clock.advance(seconds(300));

    const lines = effects();
    expect(lines).toEqual(
      expect.arrayContaining(['0 notify pd:m normal', '60 alarm pd:m #1', '300 takeover pd:m']),
    );
    expect(lines.filter((line) => line.includes('pd:t'))).toEqual([]);
    expect(ring()['pd:m']).toEqual({ rings: true, reason: 'Rings: assigned to you' });
    ladder.stop();
  });

  it('rings for my team’s page with “my teams”, and not with “mine”', () => {
    const teams = setup({ policy: myTeams });
    teams.ladder.handle([triggered(teamPage), triggered(teammates)]);
    expect(teams.effects()).toEqual(['0 notify pd:p normal']);
    expect(teams.ring()).toEqual({
      'pd:p': { rings: true, reason: 'Rings: your team Payments' },
      'pd:t': {
        rings: false,
        reason:
          'Quiet: assigned to Dana Lee — this source rings for your and your teams’ pages only',
      },
    });
    teams.ladder.stop();

    const own = setup({ policy: mineOnly });
    own.ladder.handle([triggered(teamPage)]);
    expect(own.effects()).toEqual([]);
    own.ladder.stop();
  });

  it('rings for every Alertmanager alert', () => {
    const { ladder, effects, ring } = setup({ policy: ringsForEverything });
    ladder.handle([triggered(anIncident({ externalId: 'x' }))]);
    expect(effects()).toEqual(['0 notify am:x normal']);
    expect(ring()['am:x']).toEqual({
      rings: true,
      reason: 'Rings: this source rings for every page',
    });
    ladder.stop();
  });

  it('rings “only while on call” with a current shift, from the moment it starts', async () => {
    const { clock, ladder, effects, ring, setOnCall } = setup({ policy: whileOnCall });
    ladder.handle([triggered(high)]);
    await clock.advance(seconds(120));
    expect(effects()).toEqual([]);
    expect(ring()['am:a']).toEqual({ rings: false, reason: 'Quiet: you are not on call' });

    setOnCall(true);
    ladder.configChanged();
    expect(effects()).toEqual(['120 notify am:a normal']);
    expect(ring()['am:a']).toEqual({ rings: true, reason: 'Rings: you are on call' });
    await clock.advance(seconds(60));
    expect(effects()).toEqual(['180 notify am:a critical', '180 alarm am:a #1']);

    setOnCall(false);
    ladder.configChanged();
    expect(effects()).toEqual(['180 stopAlarm am:a', '180 withdraw am:a']);
    expect(clock.pendingTimers()).toBe(0);
    ladder.stop();
  });

  it('applies a changed setting at once, to pages listed quietly as well as climbing', () => {
    const { ladder, effects, ring, setPolicy } = setup({ policy: mineOnly });
    ladder.handle([triggered(mine), triggered(teammates)]);
    expect(effects()).toEqual(['0 notify pd:m normal']);

    setPolicy(everything);
    ladder.configChanged();
    expect(effects()).toEqual(['0 notify pd:t normal']);
    expect(ring()['pd:t']).toEqual({
      rings: true,
      reason: 'Rings: this source rings for every page',
    });

    setPolicy(mineOnly);
    ladder.configChanged();
    expect(effects()).toEqual(['0 withdraw pd:t']);
    expect(ring()['pd:t']?.rings).toBe(false);
    ladder.stop();
  });

  it('starts climbing when a teammate’s page is reassigned to me', () => {
    const { ladder, effects } = setup({ policy: mineOnly });
    ladder.handle([triggered(teammates)]);
    ladder.handle([changed(teammates, { assignedToMe: true, assignees: ['Sam Roe'] })]);
    expect(effects()).toEqual(['0 notify pd:t normal']);
    ladder.stop();
  });

  it('goes quiet, taking its notification back, when my page is reassigned to a teammate', () => {
    const { ladder, effects, ring } = setup({ policy: mineOnly });
    ladder.handle([triggered(mine)]);
    ladder.handle([changed(mine, { assignedToMe: false, assignees: ['Dana Lee'] })]);
    expect(effects()).toEqual(['0 notify pd:m normal', '0 withdraw pd:m']);
    expect(ring()['pd:m']?.reason).toBe(
      'Quiet: assigned to Dana Lee — this source rings for your pages only',
    );
    ladder.stop();
  });

  it('forgets a quiet page once it is handled, so no setting can make it ring', () => {
    const { ladder, effects, ring, setPolicy } = setup({ policy: mineOnly });
    const other = { ...teammates, externalId: 'u', key: 'pd:u' };
    ladder.handle([triggered(teammates), triggered(other)]);
    ladder.acknowledgedLocally(teammates.key);
    ladder.handle([resolved(other)]);
    expect(ring()).toEqual({});

    setPolicy(everything);
    ladder.configChanged();
    expect(effects()).toEqual([]);
    ladder.stop();
  });
});
