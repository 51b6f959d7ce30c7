import { describe, expect, it } from 'vitest';
import type { StatusPageIncident } from '../../../../electron/common/model/status-page-view.js';
import {
  blankMaintenanceDraft,
  maintenanceStepDraft,
  maintenanceWarnings,
  nextMaintenanceStatus,
} from '../../../../electron/common/status-page/maintenance-form.js';

const now = Date.parse('2026-11-22T09:17:00Z');
const day = 24 * 3_600_000;

describe('the maintenance form', () => {
  it('starts a blank draft more than a week out, on the hour, two hours long', () => {
    const draft = blankMaintenanceDraft(now);
    expect(draft.scheduledFor).toBe('2026-11-30T10:00:00.000Z');
    expect(draft.scheduledUntil).toBe('2026-11-30T12:00:00.000Z');
    expect(maintenanceWarnings(draft, now)).toEqual([]);
    expect(draft).toMatchObject({ remindPrior: true, autoInProgress: true, autoCompleted: true });
  });

  it('warns, without stopping anyone, when subscribers would hear less than a week ahead', () => {
    const soon = {
      ...blankMaintenanceDraft(now),
      scheduledFor: new Date(now + 3 * day + 7_200_000).toISOString(),
    };
    expect(maintenanceWarnings(soon, now)).toEqual([
      'It starts in 3 d 2 h: subscribers should hear at least a week ahead.',
    ]);
    const justUnder = { ...soon, scheduledFor: new Date(now + 7 * day - 60_000).toISOString() };
    expect(maintenanceWarnings(justUnder, now)).toHaveLength(1);
    const aWeek = { ...soon, scheduledFor: new Date(now + 7 * day).toISOString() };
    expect(maintenanceWarnings(aWeek, now)).toEqual([]);
    const past = { ...soon, scheduledFor: new Date(now - 60_000).toISOString() };
    expect(maintenanceWarnings(past, now)).toEqual([
      'The start is in the past: it will show as in progress at once.',
    ]);
  });

  it('walks the lifecycle scheduled → in progress → verifying → completed', () => {
    expect(nextMaintenanceStatus('scheduled')).toBe('in_progress');
    expect(nextMaintenanceStatus('in_progress')).toBe('verifying');
    expect(nextMaintenanceStatus('verifying')).toBe('completed');
    expect(nextMaintenanceStatus('completed')).toBeUndefined();
    expect(nextMaintenanceStatus('investigating')).toBeUndefined();
  });

  it('drafts each step with the maintenance components', () => {
    const maintenance: StatusPageIncident = {
      id: 'm1',
      name: 'Database upgrade',
      status: 'scheduled',
      createdAt: '2026-11-20T09:00:00.000Z',
      components: [{ id: 'checkout', name: 'Checkout', status: 'operational' }],
    };
    expect(maintenanceStepDraft(maintenance, 'completed')).toEqual({
      status: 'completed',
      body: 'The scheduled maintenance has been completed.',
      componentIds: ['checkout'],
      deliverNotifications: true,
    });
  });
});
