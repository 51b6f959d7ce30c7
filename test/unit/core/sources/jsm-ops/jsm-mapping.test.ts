import { describe, expect, it } from 'vitest';
import { nextOffset } from '../../../../../electron/core/sources/jsm-ops/jsm-alert-list.js';
import {
  alertToIncident,
  urgencyFromPriority,
  type AlertContext,
} from '../../../../../electron/core/sources/jsm-ops/jsm-mapping.js';
import { alertSchema } from '../../../../../electron/core/sources/jsm-ops/jsm-schemas.js';
import { ItemReader } from '../../../../../electron/core/sources/item-reader.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';

const context: AlertContext = {
  sourceId: 'jsm',
  siteUrl: 'https://acme.atlassian.net/',
  accountId: '5b10ac8d82e05b22cc7d4ef5',
  displayName: 'Dana Scully',
  highUpTo: 'P2',
  firstSeen: () => '2026-11-22T08:00:00.000Z',
};

const map = (raw: unknown, ctx: AlertContext = context) =>
  alertToIncident(alertSchema.parse(raw), ctx);

describe('urgencyFromPriority', () => {
  it('is high up to the configured priority, low below it', () => {
    expect(['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => urgencyFromPriority(p, 'P2'))).toEqual([
      'high',
      'high',
      'low',
      'low',
      'low',
    ]);
    expect(urgencyFromPriority('P5', 'P5')).toBe('high');
    expect(urgencyFromPriority('p2 ', 'P1')).toBe('low');
  });

  it('never downgrades a page it cannot read', () => {
    expect(urgencyFromPriority(undefined, 'P1')).toBe('high');
    expect(urgencyFromPriority('critical', 'P1')).toBe('high');
  });
});

describe('alertToIncident', () => {
  it('needs only an id: the rest is filled in steadily', () => {
    expect(map({ id: 'a1' })).toMatchObject({
      key: 'jsm:a1',
      title: 'a1',
      status: 'triggered',
      urgency: 'high',
      createdAt: '2026-11-22T08:00:00.000Z',
      assignedToMe: false,
      assignees: [],
      labels: {},
      annotations: {},
      links: [],
      webUrl: 'https://acme.atlassian.net/jira/ops/alerts/a1',
    });
  });

  it('reads odd parts as absent instead of failing the alert', () => {
    const incident = map({
      id: 'a2',
      message: 42,
      tags: ['ok', 7, null, 'team:db'],
      extraProperties: { runbook: 'https://x.example/r', count: 3, note: 'plain' },
      responders: 'everyone',
      createdAt: 'not a time',
      updatedAt: '2026-11-22T08:30:00Z',
      acknowledged: 'yes',
      priority: null,
    });
    expect(incident).toMatchObject({
      title: 'a2',
      createdAt: '2026-11-22T08:30:00.000Z',
      status: 'triggered',
      labels: { ok: 'true', team: 'db', runbook: 'https://x.example/r', note: 'plain' },
      links: [{ label: 'runbook', url: 'https://x.example/r' }],
    });
  });

  it('is mine when routed to my accountId, or owned by my name', () => {
    const routed = { id: 'a', responders: [{ type: 'user', id: context.accountId }] };
    expect(map(routed).assignedToMe).toBe(true);
    expect(map({ id: 'b', owner: ' dana scully ' }).assignedToMe).toBe(true);
    expect(
      map({ id: 'c', responders: [{ type: 'team', id: context.accountId }] }).assignedToMe,
    ).toBe(false);
    expect(
      map({ id: 'd', owner: 'Dana Scully' }, { ...context, displayName: undefined }),
    ).toMatchObject({ assignedToMe: false });
  });

  it('treats acked and snoozed statuses as acknowledged, with the ack time', () => {
    expect(map({ id: 'a', status: 'acked', ackTime: '2026-11-22T08:10:00Z' })).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-22T08:10:00.000Z',
    });
    expect(map({ id: 'b', status: 'snoozed' }).status).toBe('acknowledged');
  });

  it('lets no tag or extra property disguise the alert’s own fields', () => {
    const incident = map({
      id: 'a',
      alias: 'real',
      tags: ['alias:fake'],
      extraProperties: { alias: 'also fake', service: 'billing' },
    });
    expect(incident.labels.alias).toBe('real');
    expect(incident.service).toBe('billing');
  });

  it('links only real web addresses from extraProperties', () => {
    const incident = map({
      id: 'a',
      extraProperties: { a: 'javascript:alert(1)', b: 'https://ok.example/x', c: 'http://' },
    });
    expect(incident.links).toEqual([{ label: 'b', url: 'https://ok.example/x' }]);
  });
});

describe('reading a page item by item', () => {
  it('keeps the readable alerts and counts the rest with their reasons', async () => {
    const reader = new ItemReader(alertSchema, (a) => a, { one: 'alert', many: 'alerts' });
    const read = await reader.readAll([{ id: 'ok' }, { id: '' }, 'garbage', null, { id: 'ok2' }]);
    expect(read.map((a) => a.id)).toEqual(['ok', 'ok2']);
    const findings = new PollFindings();
    reader.finish(findings);
    expect(findings.notes).toHaveLength(1);
    expect(findings.notes[0]).toMatch(/^3 alerts could not be read: /);
  });
});

describe('nextOffset', () => {
  it('takes the offset of a relative or absolute link to the alert list', () => {
    expect(nextOffset('/v1/alerts?offset=10&size=5')).toBe(10);
    expect(nextOffset('https://api.atlassian.com/jsm/ops/api/c/v1/alerts?offset=200')).toBe(200);
  });

  it('says why a link names no page', () => {
    expect(nextOffset('/v1/schedules?offset=10')).toBe(
      "JSM's next-page link does not lead to its alert list",
    );
    expect(nextOffset('/v1/alerts?offset=-1')).toBe("JSM's next-page link names no page");
    expect(nextOffset('/v1/alerts')).toBe("JSM's next-page link names no page");
    expect(nextOffset('http://[bad')).toBe("JSM's next-page link is not a link");
  });
});
