import { describe, expect, it } from 'vitest';
import { alertTimeline } from '../../../../electron/core/sources/alertmanager/alertmanager-timeline.js';
import type { ReportSilence } from '../../../../electron/core/sources/alertmanager/alertmanager-schemas.js';
import { anIncident } from '../../../support/incidents.js';

const now = Date.parse('2026-11-22T09:30:00Z');
const alert = anIncident({
  createdAt: '2026-11-22T08:55:00.000Z',
  labels: { alertname: 'ApiErrors', severity: 'critical', instance: 'api-1:9090' },
});

function silence(overrides: Partial<ReportSilence> = {}): ReportSilence {
  return {
    id: 's1',
    createdBy: 'Sam',
    comment: 'Acknowledged in Onwatch',
    startsAt: '2026-11-22T09:00:00.000Z',
    endsAt: '2026-11-22T10:00:00.000Z',
    status: { state: 'active' },
    matchers: [{ name: 'alertname', value: 'ApiErrors', isRegex: false, isEqual: true }],
    ...overrides,
  };
}

describe('alertTimeline', () => {
  it('starts with the alert firing and lists each silence that fits it, with who, why and until', () => {
    expect(alertTimeline(alert, [silence()], 0, now)).toEqual({
      entries: [
        { at: '2026-11-22T08:55:00.000Z', kind: 'opened', text: 'Started firing' },
        {
          at: '2026-11-22T09:00:00.000Z',
          kind: 'silenced',
          text: 'Silenced: Acknowledged in Onwatch',
          by: 'Sam',
          until: '2026-11-22T10:00:00.000Z',
        },
      ],
    });
  });

  it('matches as Alertmanager does: regexes anchored, negations, a missing label as empty', () => {
    const fits = (matchers: ReportSilence['matchers']) =>
      alertTimeline(alert, [silence({ matchers })], 0, now).entries.length === 2;
    expect(fits([{ name: 'instance', value: 'api-.*', isRegex: true }])).toBe(true);
    expect(fits([{ name: 'instance', value: 'api', isRegex: true }])).toBe(false);
    expect(fits([{ name: 'severity', value: 'warning', isRegex: false, isEqual: false }])).toBe(
      true,
    );
    expect(fits([{ name: 'severity', value: 'crit.*', isRegex: true, isEqual: false }])).toBe(
      false,
    );
    expect(fits([{ name: 'team', value: '', isRegex: false }])).toBe(true);
    expect(
      fits([
        { name: 'alertname', value: 'ApiErrors', isRegex: false },
        { name: 'instance', value: 'db-1', isRegex: false },
      ]),
    ).toBe(false);
  });

  it('shows when an expired silence ended, oldest first', () => {
    const old = silence({
      id: 's0',
      startsAt: '2026-11-22T08:56:00.000Z',
      endsAt: '2026-11-22T08:58:00.000Z',
      status: { state: 'expired' },
      comment: '',
      createdBy: ' ',
    });
    const timeline = alertTimeline(alert, [silence(), old], 0, now);
    expect(timeline.entries.map((e) => [e.kind, e.text])).toEqual([
      ['opened', 'Started firing'],
      ['silenced', 'Silenced'],
      ['other', 'Silence ended'],
      ['silenced', 'Silenced: Acknowledged in Onwatch'],
    ]);
    expect(timeline.entries[1]).not.toHaveProperty('by');
  });

  it('says how many silences could not be read', () => {
    expect(alertTimeline(alert, [], 2, now).partial).toBe('2 silences could not be read.');
  });

  it('keeps a hostile comment as plain text', () => {
    const comment = '<img src=x onerror=alert(1)>';
    const [, silenced] = alertTimeline(alert, [silence({ comment })], 0, now).entries;
    expect(silenced!.text).toBe(`Silenced: ${comment}`);
  });
});
