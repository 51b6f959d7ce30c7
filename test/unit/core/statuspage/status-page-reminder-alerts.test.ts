import { describe, expect, it } from 'vitest';
import type { StatusPageReminder } from '../../../../electron/common/contract/status-page-state.js';
import { StatusPageReminderAlerts } from '../../../../electron/core/statuspage/status-page-reminder-alerts.js';
import { FakeNotifier } from '../../../support/fake-notifier.js';

const resolve: StatusPageReminder = {
  kind: 'resolve-status-page',
  id: 'statuspage-resolve:p:i1',
  title: 'Checkout latency resolved 10 min ago — status page still says Investigating',
  body: '“Slow responses on Checkout” is still open on Acme Status.',
  action: 'Resolve status page',
  statusPageId: 'acme',
  incidentId: 'i1',
  pagingIncidentKey: 'drill:checkout',
};
const declare: StatusPageReminder = {
  kind: 'declare',
  id: 'statuspage-declare:drill:payments',
  title: 'Payment webhooks failing has been open 15 min — tell customers on Acme Status?',
  body: 'It touches Payments, and the status page says nothing about it yet.',
  action: 'Update status page',
  statusPageId: 'acme',
  pagingIncidentKey: 'drill:payments',
  componentIds: ['cmppayments1'],
};

function setup() {
  const notifier = new FakeNotifier();
  const resolved: string[] = [];
  const opened: string[] = [];
  const alerts = new StatusPageReminderAlerts(notifier, {
    resolve: (r) => resolved.push(r.incidentId),
    open: (key) => opened.push(key),
  });
  return { notifier, alerts, resolved, opened };
}

describe('StatusPageReminderAlerts', () => {
  it('shows each due reminder once, quietly, and takes it down when no longer due', () => {
    const { notifier, alerts } = setup();
    alerts.update([resolve]);
    alerts.update([resolve]);
    expect(notifier.history).toEqual([
      {
        id: resolve.id,
        title: resolve.title,
        body: resolve.body,
        urgency: 'low',
        actions: [{ id: 'statuspage-reminder', label: 'Resolve status page' }],
      },
    ]);
    alerts.update([{ ...resolve, title: 'Checkout latency resolved 11 min ago — …' }]);
    expect(notifier.history).toHaveLength(2);
    alerts.update([]);
    expect(notifier.shown.size).toBe(0);
  });

  it('resolves from the button, opens the page from the body or a declare prompt', () => {
    const { notifier, alerts, resolved, opened } = setup();
    alerts.update([resolve, declare]);
    notifier.press(resolve.id, 'statuspage-reminder');
    notifier.press(resolve.id, 'open');
    notifier.press(declare.id, 'statuspage-reminder');
    notifier.press('someone-else', 'statuspage-reminder');
    expect(resolved).toEqual(['i1']);
    expect(opened).toEqual(['drill:checkout', 'drill:payments']);
  });

  it('stops hearing buttons and closes what it showed when stopped', () => {
    const { notifier, alerts, resolved } = setup();
    alerts.update([resolve]);
    alerts.stop();
    notifier.press(resolve.id, 'statuspage-reminder');
    expect(resolved).toEqual([]);
    expect(notifier.shown.size).toBe(0);
  });
});
