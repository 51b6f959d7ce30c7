import {
  startAlertmanager,
  type AlertmanagerHarness,
  type TestAlert,
} from '../support/alertmanager-harness.js';
import { expect, test } from './onwatch-fixture.js';

/** Alertmanager's own route groups by cluster: its groups, not the rule, decide what collapses. */
let alertmanager: AlertmanagerHarness;

const alert = (alertname: string, cluster: string, summary: string): TestAlert => ({
  labels: { alertname, cluster, severity: 'critical', job: 'api' },
  annotations: { summary },
});

test.beforeAll(async () => {
  alertmanager = await startAlertmanager({ groupBy: ['cluster'] });
  await alertmanager.postAlerts([
    alert('HighLatency', 'eu-1', 'EU latency above 2 s'),
    alert('ErrorRate', 'eu-1', 'EU error rate above 5%'),
    alert('HighLatency', 'us-1', 'US latency above 2 s'),
  ]);
});

test.afterAll(async () => {
  await alertmanager.stop();
});

test.use({
  // Playwright reads a fixture's dependencies from its first parameter, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  settings: async ({}, use: (settings: unknown) => Promise<void>) =>
    use({
      version: 1,
      responderName: 'dana',
      sources: [
        {
          kind: 'alertmanager',
          id: 'grouped-am',
          name: 'Grouped AM',
          baseUrl: alertmanager.baseUrl,
          auth: { type: 'none' },
          pollIntervalSeconds: 5,
        },
      ],
    }),
});

test('an Alertmanager group collapses into one row across rules, as its route groups them', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await expect(page.getByTestId('search-result')).toHaveText('3 open');
  const rows = page.locator('[data-testid="incident-row"]');
  // The two eu-1 alerts share a group though their rules differ; us-1 is a group of its own.
  await expect(rows).toHaveCount(2);
  const eu = rows.filter({ hasText: '1 more like this' });
  await expect(eu).toContainText(/EU (latency|error rate)/);
  await expect(eu).toContainText('cluster=eu-1');
  // Collapsed by rule instead, the US alert would hide under an EU one, or lead it.
  await expect(rows.filter({ hasText: 'US latency above 2 s' })).toHaveCount(1);

  await eu.getByTestId('row-siblings').click();
  const euRows = rows.filter({ hasText: 'EU ' });
  await expect(euRows).toHaveCount(2);
  await expect(euRows.nth(1)).toContainText(/alertname=(HighLatency|ErrorRate)/);
  await expect(euRows.nth(1)).not.toContainText('cluster=eu-1');
  await expect(rows.filter({ hasText: 'US latency above 2 s' })).not.toContainText(
    'more like this',
  );
});
