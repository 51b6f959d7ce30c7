import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../../../electron/common/model/incident.js';
import {
  ackSilence,
  actionRef,
  alertLinks,
  alertToIncident,
  alertUiUrl,
  urgencyFromSeverity,
  type AlertContext,
} from '../../../../electron/core/sources/alertmanager/alertmanager-mapping.js';
import {
  gettableAlertSchema,
  gettableSilenceSchema,
  type GettableAlert,
  type GettableSilence,
} from '../../../../electron/core/sources/alertmanager/alertmanager-schemas.js';

/** An alert as Alertmanager 0.25 returns it from GET /api/v2/alerts. */
function rawAlert(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    annotations: {
      summary: 'Disk almost full on db-1',
      description: 'Only 3% left',
      runbook_url: 'https://runbooks.example.com/disk-full',
    },
    endsAt: '2026-11-22T09:05:00.000Z',
    fingerprint: '34bea90dbf99e83c',
    receivers: [{ name: 'null' }],
    startsAt: '2026-11-22T08:55:00.000Z',
    status: { inhibitedBy: [], silencedBy: [], state: 'active' },
    updatedAt: '2026-11-22T08:59:00.000Z',
    generatorURL: 'http://prometheus:9090/graph?g0.expr=disk',
    labels: { alertname: 'DiskFull', instance: 'db-1:9100', job: 'node', severity: 'critical' },
    ...overrides,
  };
}

function alert(overrides: Record<string, unknown> = {}): GettableAlert {
  return gettableAlertSchema.parse(rawAlert(overrides));
}

const firstSeen = '2026-11-22T09:10:00.000Z';
const context: AlertContext = {
  sourceId: 'am-prod',
  uiRoot: 'http://am.example.com:9093/am',
  status: 'triggered',
  silences: new Map(),
  startedAt: (_fingerprint, startsAt) => startsAt ?? firstSeen,
};

describe('alertToIncident', () => {
  it('maps a firing alert onto the incident model', () => {
    const incident = alertToIncident(alert(), context);
    expect(incidentSchema.parse(incident)).toEqual(incident);
    expect(incident).toMatchObject({
      key: 'am-prod:34bea90dbf99e83c',
      sourceId: 'am-prod',
      externalId: '34bea90dbf99e83c',
      title: 'Disk almost full on db-1',
      service: 'node',
      status: 'triggered',
      urgency: 'high',
      severity: 'critical',
      createdAt: '2026-11-22T08:55:00.000Z',
      updatedAt: '2026-11-22T08:59:00.000Z',
      acknowledgedAt: undefined,
      assignedToMe: true,
      assignees: [],
      labels: { alertname: 'DiskFull', instance: 'db-1:9100', job: 'node', severity: 'critical' },
      capabilities: {
        ack: true,
        silence: true,
        resolve: false,
        snooze: false,
        reassign: false,
        escalate: false,
        note: false,
      },
    });
    expect(incident.webUrl).toMatch(/^http:\/\/am\.example\.com:9093\/am\/#\/alerts\?/);
  });

  it('falls back to alertname, then the fingerprint, for the title', () => {
    expect(alertToIncident(alert({ annotations: {} }), context).title).toBe('DiskFull');
    expect(alertToIncident(alert({ annotations: { summary: '  ' } }), context).title).toBe(
      'DiskFull',
    );
    expect(alertToIncident(alert({ annotations: {}, labels: {} }), context).title).toBe(
      '34bea90dbf99e83c',
    );
  });

  it('takes the service from service, then job, then namespace', () => {
    const service = (labels: Record<string, string>) =>
      alertToIncident(alert({ labels }), context).service;
    expect(service({ service: 'checkout', job: 'node', namespace: 'shop' })).toBe('checkout');
    expect(service({ job: 'node', namespace: 'shop' })).toBe('node');
    expect(service({ namespace: 'shop' })).toBe('shop');
    expect(service({ alertname: 'X' })).toBeUndefined();
  });

  it('names who acknowledged and when, from the silences that mute the alert', () => {
    const silence = (id: string, createdBy: string, startsAt: string): GettableSilence => ({
      id,
      createdBy,
      comment: '',
      startsAt,
      status: { state: 'active' },
    });
    const silences = new Map<string, GettableSilence>([
      ['s1', silence('s1', 'onwatch (alice)', '2026-11-22T09:01:00.000Z')],
      ['s2', silence('s2', 'bob', '2026-11-22T09:00:30.000Z')],
      ['s3', silence('s3', 'onwatch (alice)', '2026-11-22T09:02:00.000Z')],
      ['other', silence('other', 'carol', '2026-11-22T08:00:00.000Z')],
    ]);
    const muted = alert({
      status: { state: 'suppressed', silencedBy: ['s1', 's2', 's3', 'gone'], inhibitedBy: [] },
    });
    const incident = alertToIncident(muted, { ...context, status: 'acknowledged', silences });
    expect(incident.status).toBe('acknowledged');
    expect(incident.assignees).toEqual(['onwatch (alice)', 'bob']);
    expect(incident.acknowledgedAt).toBe('2026-11-22T09:00:30.000Z');
  });

  it('normalises timestamps with an offset to UTC', () => {
    const incident = alertToIncident(alert({ startsAt: '2026-11-22T10:55:00.123+02:00' }), context);
    expect(incident.createdAt).toBe('2026-11-22T08:55:00.123Z');
  });
});

describe('urgencyFromSeverity', () => {
  it.each(['critical', 'page', 'high', 'error', 'emergency', 'CRITICAL'])('%s → high', (s) => {
    expect(urgencyFromSeverity(s)).toBe('high');
  });

  it.each(['warning', 'warn', 'info', 'low', 'none', ' Warning '])('%s → low', (s) => {
    expect(urgencyFromSeverity(s)).toBe('low');
  });

  // A page must never be quietly downgraded.
  it.each([undefined, '', 'sev1', 'disaster', 'constructor', '__proto__'])('%j → high', (s) => {
    expect(urgencyFromSeverity(s)).toBe('high');
  });
});

describe('alertLinks', () => {
  it('lists runbooks first, then other web links, then the generator', () => {
    const links = alertLinks(
      alert({
        annotations: {
          dashboard: 'https://grafana.example.com/d/disk',
          description: 'see https://wiki.example.com for details',
          runbook: 'https://wiki.example.com/runbooks/disk',
          runbook_url: 'https://runbooks.example.com/disk-full',
          summary: 'Disk almost full',
        },
      }),
    );
    expect(links).toEqual([
      { label: 'Runbook', url: 'https://runbooks.example.com/disk-full' },
      { label: 'Runbook', url: 'https://wiki.example.com/runbooks/disk' },
      { label: 'dashboard', url: 'https://grafana.example.com/d/disk' },
      { label: 'Source', url: 'http://prometheus:9090/graph?g0.expr=disk' },
    ]);
  });

  it('lists a URL once', () => {
    const links = alertLinks(
      alert({
        annotations: { runbook_url: 'https://r.example.com/a', runbook: 'https://r.example.com/a' },
        generatorURL: '',
      }),
    );
    expect(links).toEqual([{ label: 'Runbook', url: 'https://r.example.com/a' }]);
  });

  it('never turns a non-web URL into a link', () => {
    const links = alertLinks(
      alert({
        annotations: {
          runbook_url: 'javascript:alert(document.cookie)',
          runbook: 'file:///etc/passwd',
          other: 'data:text/html,<script>alert(1)</script>',
        },
        generatorURL: 'vbscript:msgbox(1)',
      }),
    );
    expect(links).toEqual([]);
  });
});

describe('alertUiUrl', () => {
  it("filters Alertmanager's alert list to exactly this alert's labels", () => {
    const url = alertUiUrl('http://am:9093', { alertname: 'Disk"Full', path: 'C:\\data' });
    const [root, query] = url.split('#/alerts?');
    expect(root).toBe('http://am:9093/');
    const params = new URLSearchParams(query);
    expect(params.get('silenced')).toBe('true');
    expect(params.get('inhibited')).toBe('true');
    expect(params.get('filter')).toBe('{alertname="Disk\\"Full",path="C:\\\\data"}');
  });
});

describe('hostile alert content', () => {
  it('keeps markup and control characters as plain data, untouched', () => {
    const summary = '<img src=x onerror="alert(1)">\u202e\n{{ .Secret }}';
    const incident = alertToIncident(
      alert({ annotations: { summary }, labels: { alertname: '<b>x</b>', severity: 'page' } }),
      context,
    );
    expect(incident.title).toBe(summary);
    expect(incident.labels.alertname).toBe('<b>x</b>');
  });

  it('cannot pollute prototypes through label keys', () => {
    const parsed = gettableAlertSchema.parse(
      JSON.parse(
        JSON.stringify(rawAlert()).replace(
          '"labels":{',
          '"labels":{"__proto__":"x","polluted":"y",',
        ),
      ),
    );
    const incident = alertToIncident(parsed, context);
    expect(Object.getPrototypeOf(incident.labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(incident.labels.polluted).toBe('y');
  });

  it.each([
    ['a non-string label value', { labels: { alertname: 1 } }],
    ['no labels', { labels: undefined }],
    ['a missing fingerprint', { fingerprint: undefined }],
  ])('rejects an alert with %s: its silence could not match it exactly', (_name, overrides) => {
    expect(gettableAlertSchema.safeParse(rawAlert(overrides)).success).toBe(false);
  });

  it('keeps an alert whose optional parts are odd, without them', () => {
    const odd = alert({
      startsAt: 'yesterday',
      updatedAt: 1e20,
      status: { state: 'active' },
      annotations: { summary: 7, runbook_url: 'https://runbooks.example.com/disk-full' },
      generatorURL: ['http://prometheus:9090'],
    });
    expect(odd).toMatchObject({
      startsAt: undefined,
      updatedAt: undefined,
      status: { state: 'active', silencedBy: [] },
      annotations: { runbook_url: 'https://runbooks.example.com/disk-full' },
      generatorURL: undefined,
    });
    const incident = alertToIncident(odd, context);
    expect(incident.createdAt).toBe(firstSeen);
    expect(incident.title).toBe('DiskFull');
  });
});

describe('ackSilence', () => {
  const incident = alertToIncident(alert(), context);
  const now = Date.parse('2026-11-22T09:00:00Z');
  const actionId = '3f2a9c1e-7b4d-4e2a-9f00-123456789abc';
  const options = { now, minutes: 90, responderName: 'alice', actionId };

  it('matches every label exactly, lasts the given minutes and names its action', () => {
    expect(ackSilence(incident, options)).toEqual({
      matchers: [
        { name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true },
        { name: 'instance', value: 'db-1:9100', isRegex: false, isEqual: true },
        { name: 'job', value: 'node', isRegex: false, isEqual: true },
        { name: 'severity', value: 'critical', isRegex: false, isEqual: true },
      ],
      startsAt: '2026-11-22T09:00:00.000Z',
      endsAt: '2026-11-22T10:30:00.000Z',
      createdBy: 'onwatch (alice)',
      comment: 'Acknowledged in Onwatch: Disk almost full on db-1 (Onwatch ref 3f2a9c1e)',
    });
  });

  it('keeps regex characters in label values literal', () => {
    const regexy = { ...incident, labels: { alertname: 'A', path: '/var/.*' } };
    const silence = ackSilence(regexy, { ...options, minutes: 1 });
    expect(silence.matchers[1]).toEqual({
      name: 'path',
      value: '/var/.*',
      isRegex: false,
      isEqual: true,
    });
  });

  it('still names Onwatch when the responder has no name', () => {
    expect(ackSilence(incident, { ...options, responderName: '  ' }).createdBy).toBe('onwatch');
  });
});

describe('actionRef', () => {
  it('is the first 8 characters of the action id, so distinct actions get distinct refs', () => {
    expect(actionRef('3f2a9c1e-7b4d-4e2a-9f00-123456789abc')).toBe('(Onwatch ref 3f2a9c1e)');
    expect(actionRef('a1b2c3d4-0000')).not.toBe(actionRef('a1b2c3d5-0000'));
  });
});

describe('gettableSilenceSchema', () => {
  const raw = {
    id: 'b8dcc010-d7fa-4069-884f-859447c30ba4',
    status: { state: 'expired' },
    updatedAt: '2026-11-22T09:00:00.000Z',
    comment: 'Acknowledged in Onwatch: Disk full (Onwatch ref 3f2a9c1e)',
    createdBy: 'onwatch (alice)',
    endsAt: '2026-11-22T10:00:00.000Z',
    startsAt: '2026-11-22T09:00:00.000Z',
    matchers: [{ name: 'alertname', value: 'X', isRegex: false, isEqual: true }],
  };

  it('keeps the comment and state that retries look for, and drops the rest', () => {
    expect(gettableSilenceSchema.parse(raw)).toEqual({
      id: raw.id,
      createdBy: 'onwatch (alice)',
      comment: 'Acknowledged in Onwatch: Disk full (Onwatch ref 3f2a9c1e)',
      startsAt: '2026-11-22T09:00:00.000Z',
      status: { state: 'expired' },
    });
  });

  it.each([
    ['no comment', { comment: undefined }],
    ['an unknown state', { status: { state: 'muted' } }],
  ])('rejects a silence with %s', (_name, overrides) => {
    expect(gettableSilenceSchema.safeParse({ ...raw, ...overrides }).success).toBe(false);
  });
});
