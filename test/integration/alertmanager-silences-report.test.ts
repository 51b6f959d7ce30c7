import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerSourceConfigSchema } from '../../electron/common/providers/alertmanager.js';
import { shiftReportMarkdown } from '../../electron/common/shift-report-markdown.js';
import type { ShiftLogEntry } from '../../electron/core/handoff/shift-log.js';
import { buildShiftReport } from '../../electron/core/handoff/shift-report.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { AlertmanagerSource } from '../../electron/core/sources/alertmanager/alertmanager-source.js';
import { startAlertmanager, type AlertmanagerHarness } from '../support/alertmanager-harness.js';

/**
 * Silences made outside Onwatch reach the shift report: read from the real
 * prometheus-alertmanager 0.25.0, beside the one an ack from Onwatch made, which is listed once.
 */

const minute = 60_000;
const hour = 60 * minute;
const signal = () => AbortSignal.timeout(10_000);

describe('the shift report lists the silences Alertmanager holds', () => {
  let am: AlertmanagerHarness;
  let source: AlertmanagerSource;

  beforeAll(async () => {
    am = await startAlertmanager();
    source = new AlertmanagerSource({
      config: alertmanagerSourceConfigSchema.parse({
        kind: 'alertmanager',
        id: 'am',
        name: 'Prod Alertmanager',
        baseUrl: am.baseUrl,
        ackSilenceMinutes: 120,
      }),
      secrets: {},
      responderName: () => 'Ana',
      clock: systemClock,
    });
    await am.postAlerts([
      { labels: { alertname: 'DiskFull', instance: 'db-1', severity: 'critical' } },
    ]);
  });
  afterAll(async () => {
    source.dispose();
    await am.stop();
  });

  /** A silence posted straight to the API, as amtool or the Alertmanager UI would. */
  const postSilence = async (body: Record<string, unknown>): Promise<string> => {
    const response = await fetch(`${am.baseUrl}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { silenceID: string }).silenceID;
  };

  it('reads active and pending silences however made, and lists each once', async () => {
    const now = Date.now();
    // The shift ended an hour ago; the next runs until 23 hours from now.
    const shiftEnd = now - hour;
    const [incident] = await source.fetchIncidents(signal());
    const actionId = randomUUID();
    await source.act(incident!, { type: 'ack' }, signal(), { actionId, mayHaveBeenSent: false });

    const outside = await postSilence({
      matchers: [
        { name: 'alertname', value: 'Backup.*', isRegex: true, isEqual: true },
        { name: 'env', value: 'staging', isRegex: false, isEqual: false },
      ],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3 * hour).toISOString(),
      createdBy: '<img src=x onerror=alert(1)> ops',
      comment: 'Backups [paused](javascript:alert(1))\n# forged',
    });
    const pending = await postSilence({
      matchers: [{ name: 'job', value: 'batch', isRegex: false }],
      startsAt: new Date(now + hour).toISOString(),
      endsAt: new Date(now + 5 * hour).toISOString(),
      createdBy: 'mei',
      comment: 'batch window',
    });
    const lifted = await postSilence({
      matchers: [{ name: 'job', value: 'old', isRegex: false }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 2 * hour).toISOString(),
      createdBy: 'mei',
      comment: 'lifted already',
    });
    await fetch(`${am.baseUrl}/api/v2/silence/${lifted}`, { method: 'DELETE' });

    const silences = await source.fetchSilences(signal());
    const byComment = new Map(silences.map((s) => [s.comment, s]));
    expect(silences.map((s) => s.id).sort()).toEqual(
      [outside, pending, silences.find((s) => s.onwatchRef)!.id].sort(),
    );
    expect(byComment.get('batch window')).toMatchObject({ id: pending, matchers: 'job="batch"' });
    expect(byComment.get('Backups [paused](javascript:alert(1))\n# forged')).toMatchObject({
      matchers: 'alertname=~"Backup.*", env!="staging"',
      createdBy: '<img src=x onerror=alert(1)> ops',
    });
    const ours = silences.find((s) => s.onwatchRef !== undefined)!;
    expect(ours).toMatchObject({ createdBy: 'onwatch (Ana)', onwatchRef: actionId.slice(0, 8) });

    const entries: ShiftLogEntry[] = [
      { t: 'started', at: shiftEnd - 12 * hour },
      {
        t: 'action',
        at: now,
        id: actionId,
        key: incident!.key,
        title: incident!.title,
        type: 'ack',
        by: 'Ana',
      },
    ];
    const report = buildShiftReport({
      shift: {
        sourceId: 'pd',
        scheduleId: 'P1',
        scheduleName: 'Checkout',
        start: new Date(shiftEnd - 12 * hour).toISOString(),
        end: new Date(shiftEnd).toISOString(),
      },
      now,
      timeZone: 'UTC',
      outgoing: 'Ana',
      nextShiftEnd: now + 23 * hour,
      entries,
      openNow: [],
      sourceName: () => 'Prod Alertmanager',
      covers: [],
      maintenances: [],
      providerSilences: [{ sourceId: 'am', sourceName: 'Prod Alertmanager', silences }],
    });
    expect(report.endingNextShift.map((e) => [e.madeAt, e.createdBy])).toEqual([
      ['here', 'onwatch (Ana)'],
      ['provider', '<img src=x onerror=alert(1)> ops'],
      ['provider', 'mei'],
    ]);
    const markdown = shiftReportMarkdown(report);
    expect(markdown).toContain(
      'silence (made at the provider) on Prod Alertmanager: alertname=\\~"Backup.\\*", env\\!="staging" by \\<img src=x onerror=alert\\(1\\)\\> ops (“Backups \\[paused\\]\\(javascript:alert\\(1\\)\\) \\# forged”)',
    );
    expect(markdown).not.toContain('\n# forged');
  });
});
