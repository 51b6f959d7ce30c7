import type { Shift } from '../../../../electron/common/model/shift.js';
import { describe, expect, it } from 'vitest';
import type { ActionView, AppState } from '../../../../electron/common/contract/app-state.js';
import { noCapabilities, type Incident } from '../../../../electron/common/model/incident.js';
import type { SourceStatus } from '../../../../electron/common/model/source-status.js';
import { trayModelOf } from '../../../../electron/core/tray/tray-model.js';
import { aSourceStatus, anAckOf, anAppState } from '../../../support/app-state.js';
import { anIncident } from '../../../support/incidents.js';

// Local times, so "14:02" holds in any time zone the tests run in.
const now = new Date(2025, 10, 22, 14, 5).getTime();
const at = (hours: number, minutes: number, day = 22) =>
  new Date(2025, 10, day, hours, minutes).toISOString();

const source = (overrides: Partial<SourceStatus> = {}) =>
  aSourceStatus({ lastSuccessAt: at(14, 2), ...overrides });

const incident = (overrides: Partial<Incident> & Pick<Incident, 'externalId'>) =>
  anIncident({
    sourceId: 'drill',
    title: `Incident ${overrides.externalId}`,
    createdAt: at(13, 0),
    capabilities: { ...noCapabilities, ack: true, resolve: true },
    ...overrides,
  });

const state = (overrides: Partial<AppState> = {}) =>
  anAppState({ sources: [source()], ...overrides });

const ackOf = (externalId: string, state: ActionView['state']) =>
  anAckOf(incident({ externalId }), {
    state,
    ...(state === 'failed' ? { lastError: 'refused' } : {}),
    ...(state === 'done' ? { completedAt: at(14, 4) } : {}),
  });

const alertmanagerBlind = source({
  id: 'am',
  name: 'Alertmanager',
  kind: 'alertmanager',
  health: 'blind',
  lastError: 'cannot connect to http://alertmanager:9093 (connection refused)',
  lastSuccessAt: at(13, 40),
  consecutiveFailures: 4,
});

describe('trayModelOf', () => {
  it('is idle and says so when not on call with nothing open', () => {
    const model = trayModelOf(state(), now);
    expect(model).toMatchObject({
      icon: 'idle',
      triggeredCount: 0,
      acknowledgedCount: 0,
      onCall: false,
      summary: 'nothing open',
      tooltip: 'Onwatch — nothing open · last poll 3 min ago',
      triggered: [],
      mineToAck: [],
      alarm: { silenced: false, label: 'Silence alarm 5 min' },
      sources: [{ id: 'drill', name: 'Drill', health: 'ok', detail: 'ok · polled 14:02' }],
    });
  });

  it('is on call when one of my schedules has me on call now, and not for others', () => {
    const onCallNow = (isMe: boolean) => ({
      sourceId: 'pd',
      scheduleId: 'primary',
      scheduleName: 'Primary',
      userNames: [isMe ? 'Sam' : 'Alex'],
      isMe,
    });
    const schedule = (isMe: boolean) => ({ ...state().schedule, onCallNow: [onCallNow(isMe)] });
    const mine = trayModelOf(state({ schedule: schedule(true) }), now);
    expect(mine).toMatchObject({
      icon: 'on-call',
      onCall: true,
      summary: 'on call · nothing open',
    });
    expect(mine.tooltip).toBe('Onwatch — on call · nothing open · last poll 3 min ago');
    expect(trayModelOf(state({ schedule: schedule(false) }), now).icon).toBe('idle');

    // Something open, or a blind source, beats the calm on-call icon.
    const acked = incident({ externalId: 'a', status: 'acknowledged' });
    expect(trayModelOf(state({ schedule: schedule(true), incidents: [acked] }), now).icon).toBe(
      'acknowledged',
    );
    const blind = source({ health: 'blind', lastError: 'timeout' });
    expect(trayModelOf(state({ schedule: schedule(true), sources: [blind] }), now).icon).toBe(
      'blind',
    );
  });

  it('offers "I need cover" for each shift of mine running now, never for one to come or an escalation level', () => {
    const shift = (overrides: Partial<Shift>): Shift => ({
      sourceId: 'pd',
      scheduleId: 'primary',
      scheduleName: 'Primary',
      userName: 'Sam',
      isMe: true,
      start: new Date(now - 60 * 60_000).toISOString(),
      end: new Date(now + 60 * 60_000).toISOString(),
      ...overrides,
    });
    const withShifts = (myShifts: Shift[]) =>
      trayModelOf(state({ schedule: { ...state().schedule, myShifts } }), now).needCover;
    expect(withShifts([])).toEqual([]);
    expect(withShifts([shift({ start: new Date(now + 60_000).toISOString() })])).toEqual([]);
    expect(withShifts([shift({ end: new Date(now).toISOString() })])).toEqual([]);
    expect(withShifts([shift({ escalationLevel: 1 })])).toEqual([]);
    expect(withShifts([shift({})])).toEqual([
      { label: 'I need cover…', sourceId: 'pd', scheduleId: 'primary', start: shift({}).start },
    ]);
    expect(
      withShifts([
        shift({}),
        shift({ scheduleId: 'db', scheduleName: 'Databases', end: undefined }),
      ]).map((cover) => cover.label),
    ).toEqual(['I need cover on Primary…', 'I need cover on Databases…']);
  });

  it('counts others’ pages apart, quietly, and lists only the pages that ring', () => {
    const ringing = ['1', '2', '3'].map((externalId) => incident({ externalId }));
    const others = Array.from({ length: 12 }, (_, i) =>
      incident({ externalId: `other-${i}`, assignedToMe: false }),
    );
    const quiet = { rings: false, reason: 'Quiet: assigned to Dana Lee' };
    const ring = Object.fromEntries([
      ...ringing.map((i) => [i.key, { rings: true, reason: 'Rings: assigned to you' }]),
      ...others.map((i) => [i.key, quiet]),
    ]);
    const attention = { ...state().attention, ring };
    const model = trayModelOf(state({ incidents: [...ringing, ...others], attention }), now);

    expect(model.tooltip).toBe(
      'Onwatch — 3 triggered · 12 others’ pages, quiet · last poll 3 min ago',
    );
    expect(model).toMatchObject({ icon: 'triggered', triggeredCount: 3, quietCount: 12 });
    expect(model.triggered.map((i) => i.key)).toEqual(['drill:1', 'drill:2', 'drill:3']);

    const onlyOthers = trayModelOf(
      state({ incidents: others.slice(0, 1), attention: { ...attention, ring } }),
      now,
    );
    expect(onlyOthers).toMatchObject({ icon: 'idle', triggeredCount: 0, quietCount: 1 });
    expect(onlyOthers.tooltip).toBe(
      'Onwatch — nothing ringing · 1 page of someone else’s, quiet · last poll 3 min ago',
    );
  });

  it('counts triggered incidents, most urgent first, with their source names', () => {
    const model = trayModelOf(
      state({
        incidents: [
          incident({ externalId: 'low', urgency: 'low' }),
          incident({ externalId: 'old', createdAt: at(9, 0) }),
          incident({ externalId: 'new', createdAt: at(14, 0) }),
        ],
      }),
      now,
    );
    expect(model.icon).toBe('triggered');
    expect(model.triggeredCount).toBe(3);
    expect(model.tooltip).toBe('Onwatch — 3 triggered · last poll 3 min ago');
    expect(model.triggered.map((i) => i.key)).toEqual(['drill:new', 'drill:old', 'drill:low']);
    expect(model.triggered[0]).toEqual({
      key: 'drill:new',
      title: 'Incident new',
      sourceName: 'Drill',
      canAck: true,
      canResolve: true,
    });
  });

  it('offers ack only where the source supports it and no action is already pending', () => {
    const model = trayModelOf(
      state({
        incidents: [
          incident({ externalId: 'a', createdAt: at(13, 3) }),
          incident({ externalId: 'b', createdAt: at(13, 2), capabilities: noCapabilities }),
          incident({ externalId: 'c', createdAt: at(13, 1) }),
          incident({ externalId: 'd', createdAt: at(13, 0) }),
          incident({ externalId: 'e', createdAt: at(12, 59) }),
        ],
        actions: [ackOf('c', 'pending'), ackOf('d', 'failed'), ackOf('e', 'done')],
      }),
      now,
    );
    // Only a pending action blocks a second ack; after a failure (or a done one that a poll
    // contradicts) acking again is the way forward.
    expect(model.triggered.map((i) => [i.key, i.canAck])).toEqual([
      ['drill:a', true],
      ['drill:b', false],
      ['drill:c', false],
      ['drill:d', true],
      ['drill:e', true],
    ]);
  });

  it('shows acknowledged when everything open is acknowledged', () => {
    const model = trayModelOf(
      state({
        incidents: [
          incident({ externalId: 'a', status: 'acknowledged' }),
          incident({ externalId: 'b', status: 'acknowledged' }),
        ],
      }),
      now,
    );
    expect(model).toMatchObject({ icon: 'acknowledged', triggeredCount: 0, acknowledgedCount: 2 });
    expect(model.tooltip).toBe('Onwatch — 2 acknowledged · last poll 3 min ago');
  });

  it('goes blind, never calm, when a source is blind, and says why', () => {
    const model = trayModelOf(
      state({
        sources: [source(), alertmanagerBlind],
        incidents: [incident({ externalId: 'a', status: 'acknowledged' })],
      }),
      now,
    );
    expect(model.icon).toBe('blind');
    expect(model.tooltip).toBe(
      'Onwatch — 1 acknowledged · Alertmanager blind: cannot connect to http://alertmanager:9… · last poll 25 min ago',
    );
    expect(model.sources[1]).toEqual({
      id: 'am',
      name: 'Alertmanager',
      health: 'blind',
      detail:
        'blind: cannot connect to http://alertmanager:9093 (connection refu… · last good poll 13:40',
    });
  });

  it('lets a page beat blindness for the icon but still reports the blind source', () => {
    const model = trayModelOf(
      state({ sources: [source(), alertmanagerBlind], incidents: [incident({ externalId: 'a' })] }),
      now,
    );
    expect(model.icon).toBe('triggered');
    expect(model.tooltip).toContain('1 triggered · Alertmanager blind: cannot connect');
  });

  it('names every blind source when several are blind, and mentions degraded ones', () => {
    const model = trayModelOf(
      state({
        sources: [
          alertmanagerBlind,
          source({ id: 'am2', name: 'AM eu', health: 'blind', lastError: 'timeout' }),
          source({ id: 'hc', name: 'Checks', health: 'degraded', lastError: 'HTTP 502' }),
        ],
      }),
      now,
    );
    expect(model.icon).toBe('blind');
    expect(model.tooltip).toBe(
      'Onwatch — nothing open · Alertmanager, AM eu blind · Checks degraded · last poll 25 min ago',
    );
    expect(model.sources[2]?.detail).toBe('degraded: HTTP 502 · last good poll 14:02');
  });

  it('is blind when nothing is being watched at all', () => {
    const model = trayModelOf(state({ sources: [] }), now);
    expect(model.icon).toBe('blind');
    expect(model.tooltip).toBe('Onwatch — no sources: nothing is being watched');
  });

  it('excludes resolved incidents from icon, counts and menu', () => {
    const model = trayModelOf(
      state({
        incidents: [
          incident({ externalId: 'a', status: 'resolved' }),
          incident({ externalId: 'b', status: 'acknowledged' }),
        ],
      }),
      now,
    );
    expect(model).toMatchObject({ icon: 'acknowledged', triggeredCount: 0, acknowledgedCount: 1 });
    expect(model.triggered).toEqual([]);
  });

  it('dates a last poll that was not today, and waits honestly before the first', () => {
    const stale = trayModelOf(state({ sources: [source({ lastSuccessAt: at(23, 58, 21) })] }), now);
    expect(stale.tooltip).toBe('Onwatch — nothing open · last poll 14 h ago');
    expect(stale.sources[0]?.detail).toBe('ok · polled Nov 21 23:58');
    const fresh = trayModelOf(state({ sources: [source({ lastSuccessAt: undefined })] }), now);
    expect(fresh.tooltip).toBe('Onwatch — nothing open · no poll yet');
    expect(fresh.sources[0]?.detail).toBe('waiting for first poll');
  });

  it('gives the age of the oldest last good poll, the one that is honest about every source', () => {
    const polled = (id: string, lastSuccessAt: string | undefined) =>
      source({ id, name: id.toUpperCase(), lastSuccessAt });
    const secondsAgo = (s: number) => new Date(now - s * 1000).toISOString();
    const tooltip = (...sources: SourceStatus[]) => trayModelOf(state({ sources }), now).tooltip;
    expect(tooltip(polled('a', secondsAgo(5)), polled('b', secondsAgo(40)))).toBe(
      'Onwatch — nothing open · last poll 40 s ago',
    );
    expect(tooltip(polled('a', secondsAgo(5)), polled('b', secondsAgo(125)))).toBe(
      'Onwatch — nothing open · last poll 2 min ago',
    );
    expect(tooltip(polled('a', secondsAgo(3 * 86_400)))).toBe(
      'Onwatch — nothing open · last poll 3 d ago',
    );
    expect(tooltip(polled('a', secondsAgo(5)), polled('b', undefined))).toBe(
      'Onwatch — nothing open · no poll yet from B',
    );
  });

  it('offers Resolve only where the source can, disabled while an action is pending', () => {
    const model = trayModelOf(
      state({
        incidents: [
          incident({ externalId: 'a', createdAt: at(13, 2) }),
          incident({
            externalId: 'b',
            createdAt: at(13, 1),
            capabilities: { ...noCapabilities, ack: true },
          }),
          incident({ externalId: 'c', createdAt: at(13, 0) }),
        ],
        actions: [ackOf('c', 'pending')],
      }),
      now,
    );
    expect(model.triggered.map((i) => [i.key, i.canResolve])).toEqual([
      ['drill:a', true],
      ['drill:b', undefined],
      ['drill:c', false],
    ]);
  });

  it('lists for "Ack all mine" every triggered page of mine that can be acked now', () => {
    const model = trayModelOf(
      state({
        incidents: [
          incident({ externalId: 'mine' }),
          incident({ externalId: 'theirs', assignedToMe: false }),
          incident({ externalId: 'no-ack', capabilities: noCapabilities }),
          incident({ externalId: 'acking' }),
          incident({ externalId: 'acked', status: 'acknowledged' }),
          incident({ externalId: 'mine-too', urgency: 'low' }),
        ],
        actions: [ackOf('acking', 'pending')],
      }),
      now,
    );
    expect(model.mineToAck).toEqual(['drill:mine', 'drill:mine-too']);
  });

  it('says until when the alarm is silenced, and forgets a silence that has run out', () => {
    const silencedUntil = (ms: number) => ({
      attention: {
        stages: {},
        ring: {},
        alarm: null,
        takeover: null,
        silencedUntil: new Date(ms).toISOString(),
      },
    });
    expect(trayModelOf(state(silencedUntil(now + 5 * 60_000)), now).alarm).toEqual({
      silenced: true,
      label: 'Alarm silenced until 14:10 — unsilence',
    });
    expect(trayModelOf(state(silencedUntil(now)), now).alarm).toEqual({
      silenced: false,
      label: 'Silence alarm 5 min',
    });
  });

  it('keeps the tooltip within what Windows shows and shortens long titles', () => {
    const longName = 'A'.repeat(80);
    const model = trayModelOf(
      state({
        sources: [
          source({ id: 'x', name: longName, health: 'blind', lastError: 'x' }),
          source({ id: 'y', name: longName, health: 'blind', lastError: 'y' }),
        ],
        incidents: [incident({ externalId: 'a', title: 'T'.repeat(200) })],
      }),
      now,
    );
    expect(model.tooltip.length).toBeLessThanOrEqual(127);
    expect(model.tooltip.endsWith('…')).toBe(true);
    expect(model.triggered[0]?.title).toHaveLength(60);
    expect(model.triggered[0]?.sourceName).toBe('drill');
  });
});
