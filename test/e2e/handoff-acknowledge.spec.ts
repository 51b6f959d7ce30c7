import { parseHandoffMarker, reportMarkerLine } from '../../electron/common/handoff-marker.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { expect, test } from './onwatch-fixture.js';

/**
 * The incoming responder's side of the handoff in Chromium: Jane's shift report is a note on
 * an open PagerDuty incident; Ravi's Onwatch shows it on the Hand off card, and one click
 * acknowledges it with a reply note, which reaches PagerDuty once.
 */

let pagerduty: PagerDutyFake;
const reportId = 'sr-5ca1ab1e0042';

test.beforeAll(async () => {
  pagerduty = await startPagerDutyFake();
  const marker = reportMarkerLine({
    reportId,
    outgoing: 'Jane Doe',
    incoming: 'Ravi Patel',
    window: 'Tue 1 Dec 09:00 – Wed 2 Dec 09:00 UTC',
  });
  pagerduty.incident('PINC001').notes.push({
    id: 'PNOTEJ1',
    userId: 'PJANE01',
    content: `${marker}\n\n# Shift report: Payments\n\n## Watch items\n\n- watch the payments queue <img src=x onerror="window.pwned=1"> [docs](javascript:alert(1))\n`,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
  });
});

test.afterAll(async () => {
  await pagerduty.stop();
});

test.use({ settings: { version: 1, responderName: 'Ravi Patel', sources: [] } });

test('the incoming responder reads the shift report from the notes and acknowledges it once', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  // Ravi's own PagerDuty source, set up in the UI.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('pagerduty');
  await page.getByLabel('Name', { exact: true }).fill('PagerDuty');
  await page.getByLabel('Email').fill('ravi@example.com');
  await page.getByLabel('API key').fill(pagerduty.tokens.user);
  await page.getByLabel('API URL (advanced)').fill(pagerduty.baseUrl);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Incidents' }).click();
  await expect(
    page.locator('[data-testid="incident-row"][data-key="pagerduty:PINC001"]'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Schedule' }).click();
  const received = page.getByRole('region', { name: 'Shift report from Jane Doe' });
  await expect(received).toContainText('Shift report from Jane Doe for you');
  await received.getByText('Read the report').click();
  const text = received.getByTestId('handoff-report-text');
  await expect(text).toContainText('watch the payments queue');
  // The note is anyone's to write: no image, no script link made of it.
  await expect(text.locator('img')).toHaveCount(0);
  await expect(text.locator('a[href^="javascript"]')).toHaveCount(0);

  await received.getByRole('button', { name: 'Acknowledge handoff' }).click();
  await expect(received.getByTestId('handoff-ack-result')).toHaveText(
    'Acknowledging on 1 incident (see the outbox).',
  );
  const acks = () =>
    pagerduty
      .incident('PINC001')
      .notes.filter((note) => parseHandoffMarker(note.content)?.kind === 'ack');
  await expect.poll(() => acks().length).toBe(1);
  expect(parseHandoffMarker(acks()[0]!.content)).toEqual({
    kind: 'ack',
    reportId,
    by: 'Ravi Patel',
  });

  await page.getByRole('button', { name: 'Read notes again' }).click();
  await expect(received.getByRole('button', { name: 'Acknowledged' })).toBeDisabled();
  await expect(received).toContainText('acknowledged by Ravi Patel at');
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  expect(acks()).toHaveLength(1);
});
