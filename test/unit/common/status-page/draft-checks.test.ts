import { describe, expect, it } from 'vitest';
import type {
  IncidentDraft,
  MaintenanceDraft,
} from '../../../../electron/common/model/status-page.js';
import { blankIncidentDraft } from '../../../../electron/common/status-page/incident-form.js';
import {
  checkIncidentDraft,
  checkIncidentUpdate,
  checkMaintenanceDraft,
} from '../../../../electron/common/status-page/draft-checks.js';
import { catalog } from './catalog.js';

const draft: IncidentDraft = {
  name: 'Elevated errors on Checkout',
  status: 'investigating',
  body: 'We are investigating.',
  components: { checkout: 'partial_outage' },
  deliverNotifications: true,
};

describe('checking a draft before it is posted', () => {
  it('passes a good draft through, trimmed', () => {
    expect(checkIncidentDraft({ ...draft, name: '  Elevated errors  ' }, catalog)).toEqual({
      ok: true,
      draft: { ...draft, name: 'Elevated errors' },
    });
  });

  it("holds Statuspage's limits and says how far over a text is", () => {
    const result = checkIncidentDraft(
      { ...draft, name: 'n'.repeat(256), body: 'b'.repeat(25_001) },
      catalog,
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: ['name'], message: '256 characters; Statuspage takes at most 255' },
        { path: ['body'], message: '25,001 characters; Statuspage takes at most 25,000' },
      ],
    });
    expect(
      checkIncidentDraft({ ...draft, name: 'n'.repeat(255), body: 'b'.repeat(25_000) }, catalog).ok,
    ).toBe(true);
  });

  it('wants a name and a known status', () => {
    expect(checkIncidentDraft(blankIncidentDraft(), catalog)).toEqual({
      ok: false,
      issues: [{ path: ['name'], message: 'a name is required' }],
    });
    const result = checkIncidentDraft({ ...draft, name: '   ', status: 'open' }, catalog);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'a name is required'],
      ['status', expect.stringMatching(/investigating/)],
    ]);
  });

  it("refuses to set a group's own status, and components the page does not have", () => {
    const result = checkIncidentUpdate(
      {
        status: 'identified',
        body: '',
        components: { api: 'major_outage', nowhere: 'partial_outage', website: 'operational' },
        deliverNotifications: true,
      },
      catalog,
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: ['components', 'api'],
          message:
            '“API” is a group: set the status of its components; the group shows the worst of them',
        },
        {
          path: ['components', 'nowhere'],
          message: 'component nowhere is not on this page (any more)',
        },
      ],
    });
  });

  it('refuses an unknown component status', () => {
    const result = checkIncidentDraft({ ...draft, components: { checkout: 'on_fire' } }, catalog);
    expect(!result.ok && result.issues[0]!.path).toEqual(['components', 'checkout']);
  });

  it('wants a maintenance to end after it starts', () => {
    const maintenance: MaintenanceDraft = {
      name: 'Database upgrade',
      body: '',
      componentIds: ['checkout'],
      scheduledFor: '2026-12-01T10:00:00.000Z',
      scheduledUntil: '2026-12-01T09:00:00.000Z',
      deliverNotifications: true,
      remindPrior: true,
      autoInProgress: true,
      autoCompleted: true,
      notifyAtStart: true,
      notifyAtEnd: true,
    };
    expect(checkMaintenanceDraft(maintenance, catalog)).toEqual({
      ok: false,
      issues: [{ path: ['scheduledUntil'], message: 'the end must be after the start' }],
    });
    const grouped = {
      ...maintenance,
      scheduledUntil: '2026-12-01T12:00:00Z',
      componentIds: ['api'],
    };
    expect(checkMaintenanceDraft(grouped, catalog)).toMatchObject({
      ok: false,
      issues: [{ path: ['componentIds', 'api'] }],
    });
  });
});
