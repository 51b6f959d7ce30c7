import { describe, expect, it } from 'vitest';
import {
  AttentionCenter,
  type DesktopAttention,
} from '../../../../electron/core/attention/attention-center.js';
import {
  attentionConfigSchema,
  type AttentionConfig,
} from '../../../../electron/common/attention-config.js';
import type { DesktopView } from '../../../../electron/core/attention/attention-view.js';
import type { IncidentEvent } from '../../../../electron/common/model/incident-event.js';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { silentLog } from '../../../../electron/core/ports/log.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakeNotifier } from '../../../support/fake-notifier.js';
import { anIncident } from '../../../support/incidents.js';
import { decideRing } from '../../../../electron/core/attention/ring-policy.js';

const everyPageRings = (incident: Incident) =>
  decideRing(incident, { assignment: 'none', ringFor: 'everything' }, false);

const seconds = (s: number) => s * 1000;
const triggered = (incident: Incident): IncidentEvent => ({ type: 'new', incident });

function setup(input: unknown = {}) {
  const clock = new FakeClock();
  const notifier = new FakeNotifier();
  const applied: DesktopView[] = [];
  const desktop: DesktopAttention = { apply: (view) => applied.push(view) };
  let changes = 0;
  const config: AttentionConfig = attentionConfigSchema.parse(input);
  const center = new AttentionCenter({
    clock,
    log: silentLog,
    config: () => config,
    ringOf: everyPageRings,
    notifier,
    desktop,
    intervalOf: () => undefined,
    ack: () => Promise.resolve(),
    openIncident: () => {},
    sourceName: () => undefined,
    onChange: () => changes++,
    timeZone: 'UTC',
  });
  return {
    clock,
    center,
    notifier,
    changes: () => changes,
    /** What the desktop window was last told to do. */
    desktop: () => applied.at(-1),
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const [a, b, c] = ['a', 'b', 'c'].map((externalId) => anIncident({ externalId })) as [
  Incident,
  Incident,
  Incident,
];

describe('AttentionCenter takeover', () => {
  it('keeps showing the takeover of A after B, which also took over, is acknowledged', async () => {
    const { clock, center, desktop } = setup();
    center.incidentEvents([triggered(a)]);
    await clock.advance(seconds(10));
    center.incidentEvents([triggered(b)]);
    await clock.advance(seconds(300));
    expect(center.view().stages[b.key]?.stage).toBe('takeover');

    center.handledLocally(b.key);
    expect(center.view().takeover).toBe(a.key);
    expect(center.view().stages[a.key]?.stage).toBe('takeover');
    expect(desktop()).toEqual({ takeover: a.key, fronts: [a.key], pinned: true });

    center.handledLocally(a.key);
    expect(center.view()).toMatchObject({ takeover: null, alarm: null, stages: {} });
    expect(desktop()).toEqual({ takeover: null, fronts: [], pinned: true });
    center.stop();
  });

  it('shows the takeovers reached in one tick one after another, as each is acknowledged', async () => {
    const { clock, center, desktop } = setup();
    center.incidentEvents([triggered(c), triggered(b), triggered(a)]);
    await clock.advance(seconds(300));

    const shown: string[] = [];
    for (let takeover = center.view().takeover; takeover; takeover = center.view().takeover) {
      expect(desktop()?.takeover).toBe(takeover);
      shown.push(takeover);
      center.handledLocally(takeover);
    }
    // Takeovers reached together are taken in key order.
    expect(shown).toEqual([a.key, b.key, c.key]);
    expect(center.view().stages).toEqual({});
    expect(desktop()?.takeover).toBeNull();
    center.stop();
  });

  it('shows the page that has waited longest, and a newer one never takes its place', async () => {
    const { clock, center } = setup();
    center.incidentEvents([triggered(b)]);
    await clock.advance(seconds(300));
    expect(center.view().takeover).toBe(b.key);
    center.incidentEvents([triggered(a)]);
    await clock.advance(seconds(300));
    expect(center.view().takeover).toBe(b.key);

    // Acked at the provider: the next poll moves the takeover on.
    center.incidentEvents([
      { type: 'changed', incident: { ...b, status: 'acknowledged' }, previous: b },
    ]);
    expect(center.view().takeover).toBe(a.key);
    center.stop();
  });

  it('holds every takeover back while silenced and brings the first back after', async () => {
    const { clock, center, desktop } = setup();
    center.incidentEvents([triggered(a), triggered(b)]);
    await clock.advance(seconds(300));
    center.silence(5);
    expect(center.view()).toMatchObject({ takeover: null, alarm: null });
    expect(desktop()).toEqual({ takeover: null, fronts: [a.key, b.key], pinned: false });

    await clock.advance(seconds(300));
    expect(center.view()).toMatchObject({ takeover: a.key, silencedUntil: undefined });
    expect(desktop()).toEqual({ takeover: a.key, fronts: [a.key, b.key], pinned: true });
    center.stop();
  });
});

describe('AttentionCenter', () => {
  it('stops the alarm with the page that rang it, without replaying another page', async () => {
    const { clock, center } = setup();
    center.incidentEvents([triggered(a)]);
    await clock.advance(seconds(10));
    center.incidentEvents([triggered(b)]);
    await clock.advance(seconds(60));
    expect(center.view().alarm).toMatchObject({ incidentKey: b.key, ring: 1, sound: 'pulse' });

    center.handledLocally(b.key);
    expect(center.view().alarm).toBeNull();
    await clock.advance(seconds(50));
    expect(center.view().alarm).toMatchObject({ incidentKey: a.key, ring: 2 });
    center.stop();
  });

  it('tells the state owner after each move, with a view that changes only when one is seen', async () => {
    const { clock, center, changes } = setup();
    center.incidentEvents([triggered(a)]);
    expect(changes()).toBe(1);
    const notified = center.view();
    center.incidentEvents([{ type: 'changed', incident: { ...a, title: 'renamed' }, previous: a }]);
    expect(center.view()).toEqual(notified);
    await clock.advance(seconds(60));
    expect(center.view().stages[a.key]).toMatchObject({ stage: 'critical' });
    expect(changes()).toBe(3);
    center.stop();
  });

  it('notifies each rung and takes the notification down once handled', async () => {
    const { clock, center, notifier } = setup();
    center.incidentEvents([triggered(a)]);
    expect(notifier.shown.get(a.key)).toMatchObject({ urgency: 'normal' });
    await clock.advance(seconds(60));
    expect(notifier.shown.get(a.key)).toMatchObject({ urgency: 'critical' });
    center.handledLocally(a.key);
    expect(notifier.shown.has(a.key)).toBe(false);

    center.handlingFailed(a);
    expect(center.view().stages[a.key]).toMatchObject({ stage: 'notified' });
    expect(notifier.shown.get(a.key)).toMatchObject({ urgency: 'normal' });
    center.stop();
  });

  it('keeps climbing when the desktop window fails to follow', async () => {
    const clock = new FakeClock();
    const errors: string[] = [];
    const config = attentionConfigSchema.parse({});
    const center = new AttentionCenter({
      clock,
      log: { ...silentLog, error: (message) => errors.push(message) },
      config: () => config,
      ringOf: everyPageRings,
      desktop: {
        apply: () => {
          throw new Error('window gone');
        },
      },
      intervalOf: () => undefined,
      ack: () => Promise.resolve(),
      openIncident: () => {},
      sourceName: () => undefined,
      onChange: () => {},
    });
    center.incidentEvents([triggered(a)]);
    await clock.advance(seconds(300));
    expect(center.view().takeover).toBe(a.key);
    expect(errors[0]).toBe('attention: the desktop window failed to follow: window gone');
    center.stop();
  });

  it('hands a storm to the ladder a thousand pages per turn, and an ack finds its page known', async () => {
    const { center, notifier } = setup();
    const pages = Array.from({ length: 2500 }, (_, i) => anIncident({ externalId: `s${i}` }));
    center.incidentEvents(pages.map((incident) => triggered(incident)));
    expect(Object.keys(center.view().stages)).toHaveLength(0);
    await nextTurn();
    expect(Object.keys(center.view().stages)).toHaveLength(1000);

    // Acting on a page still queued hands its own events over first, so the ack is not lost on
    // it; the rest of the storm keeps its place in the queue.
    center.handledLocally(pages[2400]!.key);
    expect(Object.keys(center.view().stages)).toHaveLength(1000);
    await nextTurn();
    await nextTurn();
    const { stages } = center.view();
    expect(Object.keys(stages)).toHaveLength(2499);
    expect(stages[pages[2400]!.key]).toBeUndefined();
    expect([...notifier.shown.keys()]).toEqual(['storm-summary']);
    center.stop();
  });

  it('tells the window once a storm is through the ladder, and at once of an ack meanwhile', async () => {
    const { center, changes } = setup();
    const pages = Array.from({ length: 2500 }, (_, i) => anIncident({ externalId: `s${i}` }));
    center.incidentEvents(pages.map((incident) => triggered(incident)));
    await nextTurn();
    expect(changes()).toBe(0);
    center.handledLocally(pages[0]!.key);
    expect(changes()).toBe(1);
    await nextTurn();
    await nextTurn();
    expect(changes()).toBe(2);
    expect(Object.keys(center.view().stages)).toHaveLength(2499);
    center.stop();
  });
});

describe('AttentionCenter shift reminders', () => {
  it('reminds as far ahead as the settings say, and follows a change at once', async () => {
    const clock = new FakeClock(Date.parse('2026-11-22T09:00:00Z'));
    const notifier = new FakeNotifier();
    let config = attentionConfigSchema.parse({ shiftReminderLeadMinutes: 90 });
    const center = new AttentionCenter({
      clock,
      log: silentLog,
      config: () => config,
      ringOf: everyPageRings,
      notifier,
      intervalOf: () => undefined,
      ack: () => Promise.resolve(),
      openIncident: () => {},
      sourceName: () => undefined,
      onChange: () => {},
      timeZone: 'UTC',
    });
    const shift = (start: string) => ({
      sourceId: 'pd',
      scheduleId: 'P1',
      scheduleName: 'Payments',
      userName: 'Me',
      isMe: true,
      start,
    });
    center.myShiftsChanged([shift('2026-11-22T11:00:00Z'), shift('2026-11-23T11:00:00Z')]);
    await clock.advance(30 * 60_000);
    const soon = () => notifier.history.filter((n) => n.id.endsWith('/soon')).map((n) => n.title);
    expect(soon()).toEqual(['Your on-call shift for Payments starts at 11:00']);

    config = attentionConfigSchema.parse({ shiftReminderLeadMinutes: 10 });
    center.configChanged();
    await clock.advance(24 * 60 * 60_000 + 79 * 60_000); // 10:49 the next day
    expect(soon()).toHaveLength(1);
    await clock.advance(60_000);
    expect(soon()).toHaveLength(2);
    center.stop();
  });
});
