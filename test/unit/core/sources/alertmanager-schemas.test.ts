import { describe, expect, it } from 'vitest';
import {
  gettableAlert,
  gettableAlertSchema,
} from '../../../../electron/core/sources/alertmanager/alertmanager-schemas.js';
import { ItemReader } from '../../../../electron/core/sources/item-reader.js';
import { PollFindings } from '../../../../electron/core/sources/poll-report.js';

/** An alert as Alertmanager 0.25 lists it in GET /api/v2/alerts/groups. */
const wellFormed = {
  annotations: { summary: 'Disk almost full on db-1', runbook_url: 'https://rb.example/disk' },
  endsAt: '2026-11-22T09:05:00.000Z',
  fingerprint: '34bea90dbf99e83c',
  receivers: [{ name: 'team-sre' }],
  startsAt: '2026-11-22T08:55:00.000Z',
  status: { inhibitedBy: [], mutedBy: [], silencedBy: ['a1b2'], state: 'suppressed' },
  updatedAt: '2026-11-22T08:59:00.000Z',
  generatorURL: 'http://prometheus:9090/graph?g0.expr=disk',
  labels: { alertname: 'DiskFull', instance: 'db-1:9100', severity: 'critical' },
};

/** What each part of an alert may be, from what Alertmanager sends to what a broken proxy might. */
const variants: Record<string, unknown[]> = {
  fingerprint: ['34bea90dbf99e83c', '', 7, null, undefined],
  labels: [{ alertname: 'A' }, {}, { alertname: 1 }, [], 'x', null, undefined],
  annotations: [{ summary: 'S' }, {}, { summary: 7, description: 'D' }, [], 'x', null, undefined],
  startsAt: [
    '2026-11-22T08:55:00.000Z',
    '2026-11-22T09:55:00+01:00',
    'yesterday',
    '',
    1e20,
    null,
    undefined,
  ],
  updatedAt: ['2026-11-22T08:59:00.123Z', '2026-13-45T99:99:99.000Z', 0, undefined],
  generatorURL: ['http://prometheus:9090/graph', '', ['http://x'], null, undefined],
  status: [
    { state: 'active', silencedBy: [] },
    { state: 'suppressed', silencedBy: ['s1', 's2'] },
    { state: 'suppressed', silencedBy: ['s1', 3, null] },
    { state: 'active' },
    { state: 'active', silencedBy: null },
    { state: 4, silencedBy: [] },
    [],
    null,
    undefined,
  ],
};

/** Every variant of one part at a time, then pseudo-random mixes of several. */
function oddAlerts(): Record<string, unknown>[] {
  const alerts: Record<string, unknown>[] = [];
  for (const [part, values] of Object.entries(variants)) {
    for (const value of values) alerts.push({ ...wellFormed, [part]: value });
  }
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 500; i++) {
    const alert: Record<string, unknown> = { ...wellFormed };
    for (const [part, values] of Object.entries(variants)) {
      if (next() % 3 === 0) alert[part] = values[next() % values.length];
    }
    alerts.push(alert);
  }
  return alerts;
}

describe('reading an alert without zod', () => {
  it('reads a well-formed alert exactly as the schema does, keeping its label sets as they came', () => {
    const raw = JSON.parse(JSON.stringify(wellFormed)) as typeof wellFormed;
    const plain = gettableAlert.plain(raw);
    expect(plain).toEqual(gettableAlertSchema.parse(raw));
    expect(plain?.labels).toBe(raw.labels);
    expect(plain?.annotations).toBe(raw.annotations);
  });

  it('either agrees with the schema or leaves the alert to it, whatever the parts are', () => {
    let shortcuts = 0;
    for (const raw of oddAlerts()) {
      const plain = gettableAlert.plain(raw);
      if (plain === undefined) continue;
      shortcuts += 1;
      expect(plain, JSON.stringify(raw)).toEqual(gettableAlertSchema.parse(raw));
    }
    // Odd timestamps and links are read by the shortcut too, not only the perfect alert.
    expect(shortcuts).toBeGreaterThan(50);
  });

  it('leaves an alert the schema refuses to the schema, which names the problem', async () => {
    const reader = new ItemReader(gettableAlert, (alert) => alert.fingerprint, {
      one: 'alert',
      many: 'alerts',
    });
    const read = await reader.readAll([wellFormed, { ...wellFormed, labels: { alertname: 1 } }]);
    expect(read).toEqual(['34bea90dbf99e83c']);
    const findings = new PollFindings();
    reader.finish(findings);
    expect(findings.notes).toEqual([
      expect.stringMatching(/^1 alert could not be read: labels: expected a set of string labels/),
    ]);
  });
});
