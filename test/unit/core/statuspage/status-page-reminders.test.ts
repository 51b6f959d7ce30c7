import { describe, expect, it } from 'vitest';
import { defaultStatusPageReminders } from '../../../../electron/common/model/status-page-config.js';
import type { StatusPageLink } from '../../../../electron/core/statuspage/status-page-links.js';
import {
  planStatusPageReminders,
  type ReminderInput,
  type ReminderPage,
} from '../../../../electron/core/statuspage/status-page-reminders.js';
import { anIncident } from '../../../support/incidents.js';
import { catalog } from '../../common/status-page/catalog.js';

const minute = 60_000;
const t0 = Date.parse('2026-11-22T09:00:00Z');

const page: ReminderPage = {
  statusPageId: 'acme',
  pageName: 'Acme Status',
  practice: false,
  rules: [{ componentIds: ['checkout', 'payments'], service: 'checkout-api' }],
  catalog,
  reminders: defaultStatusPageReminders,
};
const practicePage: ReminderPage = {
  ...page,
  statusPageId: 'practice',
  pageName: 'Practice status page',
  practice: true,
};

const link: StatusPageLink = {
  pagingIncidentKey: 'pd:PINC001',
  pagingTitle: 'Checkout latency',
  statusPageId: 'acme',
  pageId: 'acmepublic01',
  incidentId: 'sp1',
  incidentName: 'Slow responses on Checkout',
  status: 'investigating',
  pagingResolvedAt: t0,
};

const input = (overrides: Partial<ReminderInput>): ReminderInput => ({
  now: t0,
  pages: [page],
  links: [],
  openIncidents: [],
  practiceSourceIds: new Set(['drill']),
  ...overrides,
});

describe('the "status page still open" reminder', () => {
  it('waits out the grace period, then reminds at low urgency with one-click resolve', () => {
    const early = planStatusPageReminders(input({ links: [link], now: t0 + 9 * minute }));
    expect(early).toEqual({ due: [], nextCheckAt: t0 + 10 * minute });

    const due = planStatusPageReminders(input({ links: [link], now: t0 + 10 * minute }));
    expect(due).toEqual({
      due: [
        {
          kind: 'resolve-status-page',
          id: 'statuspage-resolve:acmepublic01:sp1',
          title: 'Checkout latency resolved 10 min ago — status page still says Investigating',
          body: '“Slow responses on Checkout” is still open on Acme Status.',
          action: 'Resolve status page',
          statusPageId: 'acme',
          incidentId: 'sp1',
          pagingIncidentKey: 'pd:PINC001',
        },
      ],
    });
  });

  it("follows the page's own grace setting and the incident's current status", () => {
    const patient = { ...page, reminders: { ...page.reminders, resolveGraceMinutes: 30 } };
    const monitoring = { ...link, status: 'monitoring' };
    expect(
      planStatusPageReminders(
        input({ pages: [patient], links: [monitoring], now: t0 + 29 * minute }),
      ).due,
    ).toEqual([]);
    const due = planStatusPageReminders(
      input({ pages: [patient], links: [monitoring], now: t0 + 31 * minute }),
    );
    expect(due.due[0]!.title).toBe(
      'Checkout latency resolved 31 min ago — status page still says Monitoring',
    );
  });

  it('says nothing while the page is open, or once the status page is resolved', () => {
    const open = { ...link, pagingResolvedAt: undefined };
    const closed = { ...link, status: 'resolved' };
    expect(
      planStatusPageReminders(input({ links: [open, closed], now: t0 + 60 * minute })),
    ).toEqual({ due: [] });
  });
});

describe('the "declare it?" prompt', () => {
  const page1 = anIncident({
    sourceId: 'pd',
    externalId: 'PINC002',
    title: 'Checkout API 5xx rate above 5%',
    service: 'checkout-api',
    urgency: 'high',
    createdAt: new Date(t0).toISOString(),
  });

  it('prompts once a high-urgency page on mapped components has been open the set time', () => {
    expect(
      planStatusPageReminders(input({ openIncidents: [page1], now: t0 + 14 * minute })),
    ).toEqual({
      due: [],
      nextCheckAt: t0 + 15 * minute,
    });
    expect(
      planStatusPageReminders(input({ openIncidents: [page1], now: t0 + 16 * minute })).due,
    ).toEqual([
      {
        kind: 'declare',
        id: 'statuspage-declare:pd:PINC002',
        title:
          'Checkout API 5xx rate above 5% has been open 16 min — tell customers on Acme Status?',
        body: 'It touches Checkout, Payments, and the status page says nothing about it yet.',
        action: 'Update status page',
        statusPageId: 'acme',
        pagingIncidentKey: 'pd:PINC002',
        componentIds: ['checkout', 'payments'],
      },
    ]);
  });

  it('lists the prompts newest page first, whatever order the incidents come in', () => {
    const later = { ...page1, externalId: 'PINC003', key: 'pd:PINC003' };
    const newer = { ...later, createdAt: new Date(t0 + minute).toISOString() };
    const plan = planStatusPageReminders(
      input({ openIncidents: [page1, newer], now: t0 + 20 * minute }),
    );
    const keys = plan.due.map((reminder) => reminder.pagingIncidentKey);
    expect(keys).toEqual(['pd:PINC003', 'pd:PINC002']);
    const reversed = planStatusPageReminders(
      input({ openIncidents: [newer, page1], now: t0 + 20 * minute }),
    );
    expect(reversed.due.map((reminder) => reminder.pagingIncidentKey)).toEqual(keys);
  });

  it('stays quiet for low urgency, unmapped services, and pages already declared', () => {
    const later = t0 + 60 * minute;
    const low = { ...page1, urgency: 'low' as const };
    const unmapped = { ...page1, key: 'pd:X', service: 'billing' };
    const declared = { ...link, pagingIncidentKey: page1.key, pagingResolvedAt: undefined };
    expect(
      planStatusPageReminders(input({ openIncidents: [low, unmapped], now: later })).due,
    ).toEqual([]);
    expect(
      planStatusPageReminders(input({ openIncidents: [page1], links: [declared], now: later })).due,
    ).toEqual([]);
  });

  it('pairs drill pages with the practice page only, and real pages with real pages only', () => {
    const later = t0 + 60 * minute;
    const drill = { ...page1, sourceId: 'drill', key: 'drill:checkout-latency' };
    const realOnly = planStatusPageReminders(input({ openIncidents: [drill], now: later }));
    expect(realOnly.due).toEqual([]);
    const both = planStatusPageReminders(
      input({ pages: [page, practicePage], openIncidents: [drill, page1], now: later }),
    );
    expect(both.due.map((r) => [r.pagingIncidentKey, r.statusPageId])).toEqual([
      ['drill:checkout-latency', 'practice'],
      ['pd:PINC002', 'acme'],
    ]);
  });
});
