import { describe, expect, it } from 'vitest';
import type { CoverView } from '../../../../electron/common/model/cover.js';
import {
  buildShiftReport,
  type ShiftReportInput,
} from '../../../../electron/core/handoff/shift-report.js';
import type { ShiftLogEntry } from '../../../../electron/core/handoff/shift-log.js';
import { noCapabilities } from '../../../../electron/common/model/incident.js';
import type { ProviderSilence } from '../../../../electron/core/sources/source.js';
import { anIncident } from '../../../support/incidents.js';

const minute = 60_000;
const hour = 60 * minute;
/** Shift: Tue 1 Dec 2026 09:00 UTC for 24 hours. */
const start = Date.parse('2026-12-01T09:00:00Z');
const end = start + 24 * hour;
const t = (h: number, m = 0) => start + h * hour + m * minute;

const page = (key: string, at: number, overrides: Partial<ShiftLogEntry & { t: 'page' }> = {}) =>
  ({
    t: 'page',
    at: at + 20_000,
    key,
    sourceId: 'pd',
    title: `Page ${key}`,
    urgency: 'high',
    triggeredAt: at,
    webUrl: `https://acme.pagerduty.com/incidents/${key}`,
    ...overrides,
  }) satisfies ShiftLogEntry;

/** The log of one shift, in the order Onwatch wrote it. */
const entries: ShiftLogEntry[] = [
  { t: 'started', at: start - 2 * hour },
  // Open since before the shift, cleared during it: listed, not counted as a page of this shift.
  page('carried', start - hour),
  // 10:00, day: acked from Onwatch after 4 min, resolved from Onwatch 1 h after it fired.
  page('checkout', t(1)),
  { t: 'ack', at: t(1, 4), key: 'checkout', assignees: ['Ana'] },
  {
    t: 'action',
    at: t(1, 4),
    id: 'a1',
    key: 'checkout',
    title: 'Page checkout',
    type: 'ack',
    by: 'Ana',
  },
  {
    t: 'action',
    at: t(1, 30),
    id: 'a2',
    key: 'checkout',
    title: 'Page checkout',
    type: 'note',
    by: 'Ana',
    summary: 'Runbook transcript: Checkout latency (checkout), 3 steps',
    transcript: true,
  },
  {
    t: 'action',
    at: t(2),
    id: 'a3',
    key: 'checkout',
    title: 'Page checkout',
    type: 'resolve',
    by: 'Ana',
  },
  { t: 'resolved', at: t(2, 1), key: 'checkout' },
  { t: 'resolved', at: t(3), key: 'carried' },
  // 02:30 the next night: low urgency, acked in PagerDuty by Ravi after 12 min, still open.
  page('disk', t(17, 30), { urgency: 'low', title: 'Disk [91%](javascript:alert(1)) | full' }),
  { t: 'ack', at: t(17, 42), key: 'disk', assignees: ['Ravi Patel'] },
  // 04:00: triggered, never acked.
  page('queue', t(19)),
  // Alertmanager blind 12:00–12:45; Onwatch itself not running 20:00–21:00.
  { t: 'blind', at: t(3), sourceId: 'am', name: 'Alertmanager', reason: 'connection refused' },
  { t: 'seen', at: t(3, 45), sourceId: 'am' },
  { t: 'stopped', at: t(11) },
  { t: 'started', at: t(12) },
  // A silence from Onwatch that runs into the next shift, and one that ends in this one.
  {
    t: 'action',
    at: t(22),
    id: 'a4',
    key: 'queue',
    title: 'Page queue',
    type: 'silence',
    by: 'Ana',
    minutes: 240,
  },
  {
    t: 'action',
    at: t(20),
    id: 'a5',
    key: 'queue',
    title: 'Page queue',
    type: 'snooze',
    by: 'Ana',
    minutes: 30,
  },
  {
    t: 'status-page',
    at: t(1, 10),
    id: 'w1',
    pageName: 'Acme Status',
    kind: 'declare',
    summary: 'Checkout is slow',
  },
  // After the shift: must not count.
  page('late', end + hour),
];

const live = [
  anIncident({
    sourceId: 'pd',
    externalId: 'disk',
    key: 'disk',
    title: 'Disk [91%](javascript:alert(1)) | full',
    status: 'acknowledged',
    urgency: 'low',
    assignees: ['Ravi Patel'],
    capabilities: { ...noCapabilities, ack: true, note: true },
  }),
  anIncident({ sourceId: 'pd', externalId: 'queue', key: 'queue', title: 'Page queue' }),
];

const cover: CoverView = {
  id: 'c1',
  sourceId: 'pd',
  scheduleId: 'P1',
  scheduleName: 'Checkout',
  start: new Date(t(5)).toISOString(),
  end: new Date(t(7)).toISOString(),
  coverUser: { id: 'PRAVI', name: 'Ravi Patel' },
  forUser: { name: 'Ana' },
  state: 'confirmed',
};

const input = (overrides: Partial<ShiftReportInput> = {}): ShiftReportInput => ({
  shift: {
    sourceId: 'pd',
    scheduleId: 'P1',
    scheduleName: 'Checkout',
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  },
  now: end + 2 * hour,
  timeZone: 'UTC',
  outgoing: 'Ana',
  incoming: 'Ravi Patel',
  nextShiftEnd: end + 24 * hour,
  entries,
  openNow: live,
  sourceName: (id) => ({ pd: 'PagerDuty', am: 'Alertmanager' })[id] ?? id,
  covers: [cover],
  maintenances: [
    { title: 'DB upgrade (Acme Status)', endsAt: end + 3 * hour },
    { title: 'Old one', endsAt: end - hour },
  ],
  ...overrides,
});

describe('buildShiftReport', () => {
  it('counts the pages of the shift by urgency and by night and day', () => {
    const report = buildShiftReport(input());
    expect(report.pages).toEqual({ total: 3, high: 2, low: 1, night: 2, day: 1 });
    expect(report.incidents.map((i) => i.key)).toEqual(['carried', 'checkout', 'disk', 'queue']);
  });

  it('gives each incident its time to acknowledge and resolve, and who acted', () => {
    const byKey = new Map(buildShiftReport(input()).incidents.map((i) => [i.key, i]));
    expect(byKey.get('checkout')).toMatchObject({
      timeToAckMs: 4 * minute,
      acknowledgedBy: 'Ana',
      timeToResolveMs: hour + minute,
      resolvedBy: 'Ana',
      state: 'resolved',
      night: false,
    });
    expect(byKey.get('disk')).toMatchObject({
      timeToAckMs: 12 * minute,
      acknowledgedBy: 'Ravi Patel',
      state: 'acknowledged',
      night: true,
    });
    expect(byKey.get('disk')?.timeToResolveMs).toBeUndefined();
    expect(byKey.get('queue')).toMatchObject({ state: 'triggered' });
    expect(byKey.get('queue')?.timeToAckMs).toBeUndefined();
    // Cleared by itself or elsewhere: the time is known, who did it is not.
    expect(byKey.get('carried')).toMatchObject({ timeToResolveMs: 4 * hour, state: 'resolved' });
    expect(byKey.get('carried')?.resolvedBy).toBeUndefined();
  });

  it('lists what was open at handoff, with owners, links and whether a note can go on it', () => {
    const report = buildShiftReport(input());
    expect(report.stillOpen).toEqual([
      expect.objectContaining({ key: 'disk', status: 'acknowledged', owners: ['Ravi Patel'] }),
      expect.objectContaining({ key: 'queue', status: 'triggered' }),
    ]);
    expect(report.stillOpen.map((open) => open.takesNotes)).toEqual([true, false]);
  });

  it('measures blind time within the shift, Onwatch not running included', () => {
    expect(buildShiftReport(input()).blind).toEqual([
      expect.objectContaining({
        sourceName: 'Alertmanager',
        durationMs: 45 * minute,
        reason: 'connection refused',
      }),
      expect.objectContaining({ sourceName: 'Onwatch (not running)', durationMs: hour }),
    ]);
  });

  it('cuts a running shift at now: later entries do not count, and a blind source is still blind', () => {
    const now = t(3, 15);
    const report = buildShiftReport(input({ now, openNow: [] }));
    expect(report.cutAt).toBe(new Date(now).toISOString());
    expect(report.pages.total).toBe(1);
    expect(report.blind).toEqual([
      expect.objectContaining({ sourceName: 'Alertmanager', durationMs: 15 * minute }),
    ]);
    expect(report.blind[0]?.to).toBeUndefined();
    expect(report.stillOpen).toEqual([]);
  });

  it('names the notes, transcripts and status-page incidents posted, and what ends next shift', () => {
    const report = buildShiftReport(input());
    expect(report.posted.map((p) => [p.kind, p.on])).toEqual([
      ['status-page', 'Acme Status'],
      ['transcript', 'Page checkout'],
    ]);
    expect(report.endingNextShift.map((e) => [e.kind, e.title])).toEqual([
      ['silence', 'Page queue'],
      ['maintenance', 'DB upgrade (Acme Status)'],
    ]);
    expect(report.covers).toEqual([
      expect.objectContaining({ coverName: 'Ravi Patel', forName: 'Ana', state: 'confirmed' }),
    ]);
  });

  it('lists silences read from the provider once, marked made here or at the provider', () => {
    const amSilence = (id: string, at: number, minutes: number) =>
      ({
        t: 'action',
        at,
        id,
        key: `am:${id}-alert`,
        title: `Alert ${id}`,
        type: 'silence',
        by: 'Ana',
        minutes,
      }) satisfies ShiftLogEntry;
    const silence = (id: string, endsAt: number, rest: Partial<ProviderSilence> = {}) => ({
      id,
      matchers: `alertname="${id}"`,
      createdBy: 'ops@example.com',
      comment: 'deploy window',
      startsAt: new Date(t(20)).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      ...rest,
    });
    const report = buildShiftReport(
      input({
        entries: [
          ...entries,
          // Made here: its own silence, extended at the provider since, is what counts.
          amSilence('b7c1d2e3-0000-4000-8000-000000000001', t(23), 60),
          // Made here and lifted early at the provider: no longer in its list, so not listed.
          amSilence('c0ffee00-0000-4000-8000-000000000002', t(23), 120),
        ],
        maintenances: [],
        providerSilences: [
          {
            sourceId: 'am',
            sourceName: 'Alertmanager',
            silences: [
              silence('s-here', end + 5 * hour, {
                createdBy: 'onwatch (Ana)',
                onwatchRef: 'b7c1d2e3',
              }),
              silence('s-there', end + 2 * hour),
              silence('s-later', end + 30 * hour),
              silence('s-over', end - hour),
            ],
          },
        ],
      }),
    );
    expect(
      report.endingNextShift.map((e) => [e.kind, e.madeAt, e.matchers ?? e.title, e.endsAt]),
    ).toEqual([
      ['silence', undefined, 'Page queue', new Date(t(26)).toISOString()],
      ['silence', 'provider', 'alertname="s-there"', new Date(end + 2 * hour).toISOString()],
      ['silence', 'here', 'alertname="s-here"', new Date(end + 5 * hour).toISOString()],
    ]);
    expect(report.endingNextShift[1]).toMatchObject({
      sourceName: 'Alertmanager',
      createdBy: 'ops@example.com',
      comment: 'deploy window',
    });
  });

  it('lists overrides the schedules show beside cover made here, without doubling that cover', () => {
    const onTimeline = (userName: string, from: number, to: number, forUserName?: string) => ({
      sourceId: 'pd',
      scheduleId: 'P1',
      scheduleName: 'Checkout',
      userName,
      isMe: false,
      start: new Date(from).toISOString(),
      end: new Date(to).toISOString(),
      override: forUserName === undefined ? {} : { forUserName },
    });
    const report = buildShiftReport(
      input({
        overrides: [
          onTimeline('Ravi Patel', t(5), t(7)), // the cover made from Onwatch, as PagerDuty shows it
          onTimeline('Mei Chen', t(2), t(3), 'Ana'),
          onTimeline('Lee', end + 30 * hour, end + 31 * hour), // after the next shift
        ],
      }),
    );
    expect(report.covers.map((c) => [c.coverName, c.forName, c.state])).toEqual([
      ['Ravi Patel', 'Ana', 'confirmed'],
      ['Mei Chen', 'Ana', 'override at the provider'],
    ]);
  });

  it('says what it could not know rather than guessing', () => {
    const report = buildShiftReport(
      input({ entries: entries.slice(3), maintenances: undefined, nextShiftEnd: undefined }),
    );
    expect(report.notAvailable.join('\n')).toMatch(/record begins/);
    expect(report.notAvailable.join('\n')).toMatch(/No status page is connected/);
    expect(report.notAvailable.join('\n')).toMatch(/next shift’s end is not on the schedule/);
  });
});
