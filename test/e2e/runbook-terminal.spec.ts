import type { Locator, Page } from '@playwright/test';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty-fake.js';
import { expect, test } from './onwatch-fixture.js';
import { savePagerDutySource } from './pagerduty-settings.js';

/** The terminal as xterm draws it, one text per row. */
const terminalText = (page: Page) => page.locator('[data-testid="terminal-screen"] .xterm-rows');

const step = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="runbook-step"][data-step="${name}"]`);

test.describe('with the terminal on in the browser host', () => {
  test.use({ hostArgs: ['--allow-terminal'] });

  test('a drill page opens its runbook beside a terminal; Run fills the label in, a dangerous step waits for confirmation and Cancel runs nothing', async ({
    page,
    onwatch,
  }) => {
    await page.goto(onwatch.url);
    await page.locator('[data-testid="incident-row"][data-key^="drill:replica-disk-"]').click();

    const runbook = page.getByTestId('runbook');
    await expect(runbook).toHaveAttribute('data-runbook-id', 'drill-replica-disk');
    await expect(runbook.getByRole('heading', { level: 2 })).toHaveText(
      'Database replica disk filling up',
    );
    await expect(page.getByTestId('runbook-source')).toContainText(
      'assets/runbooks/drill/replica-disk.md',
    );
    await expect(page.getByTestId('runbook-why')).toContainText(
      'alertname="NodeFilesystemAlmostFull"',
    );
    // Prose placeholders are filled in as text.
    await expect(runbook).toContainText('/var/lib/postgresql on db-replica-2:9100 is above 90 %');

    // The shell is up: its prompt is on the screen.
    const screen = terminalText(page);
    await expect(screen).toHaveText(/[$#]/);

    const diskUsage = step(page, 'disk-usage');
    await expect(diskUsage.locator('pre')).toHaveText(
      "df -h -- '/var/lib/postgresql' && df -i -- '/var/lib/postgresql'",
    );
    await diskUsage.getByRole('button', { name: 'Run', exact: true }).click();
    // Typed with the label filled in (and quoted), after the runbook's env export; then df's
    // answer, whether this machine has that folder or not.
    await expect(screen).toContainText("export INSTANCE='db-replica-2:9100'");
    await expect(screen).toContainText("df -h -- '/var/lib/postgresql' && df -i --");
    await expect(screen).toHaveText(/Mounted on|No such file or directory/);
    await expect(diskUsage.getByTestId('step-outcome')).toHaveText(/^Exit \d+$/);

    const dangerous = step(page, 'delete-old-logs');
    await dangerous.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByTestId('confirm-step');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('confirm-command')).toHaveText(
      "sudo find '/var/lib/postgresql' -path '*/log/postgresql-*.log' -mtime +7 -print -delete",
    );
    // Cancel is the default: it has the focus, and Run it waits for the typed instance.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(dialog.getByRole('button', { name: 'Run it' })).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill('db-replica-2:9100');
    await expect(dialog.getByRole('button', { name: 'Run it' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    // Nothing was typed: whatever is typed next shows up, and no find before it.
    await page
      .locator('[data-testid="terminal-screen"] textarea')
      .pressSequentially('echo after-$((40+2))');
    await page.keyboard.press('Enter');
    await expect(screen).toContainText('after-42');
    await expect(screen).not.toContainText('find');
    await expect(dangerous.getByTestId('step-outcome')).toHaveText('Not run yet');
    await page.screenshot({ path: test.info().outputPath('runbook-beside-terminal.png') });

    // The drill keeps no notes: the transcript stays on this computer, and the window says so.
    await runbook.getByRole('button', { name: 'Post transcript' }).click();
    const transcript = page.getByTestId('transcript-dialog');
    await expect(page.getByTestId('transcript-where')).toContainText('keeps no notes');
    await expect(transcript.getByRole('textbox')).toHaveValue(/## disk-usage: exit \d+/);
    await transcript.getByRole('button', { name: 'Save locally' }).click();
    await expect(page.getByTestId('transcript-sent')).toContainText('Kept on this computer only');
    await expect(page.getByTestId('transcript-sent')).toContainText('transcripts');
  });

  test('the terminal survives a reload: the view is drawn again from the core', async ({
    page,
    onwatch,
  }) => {
    await page.goto(onwatch.url);
    await page.locator('[data-testid="incident-row"][data-key^="drill:replica-disk-"]').click();
    const screen = terminalText(page);
    await expect(screen).toHaveText(/[$#]/);
    await page
      .locator('[data-testid="terminal-screen"] textarea')
      .pressSequentially('echo kept-$((6*7))');
    await page.keyboard.press('Enter');
    await expect(screen).toContainText('kept-42');

    await page.reload();
    await page.locator('[data-testid="incident-row"][data-key^="drill:replica-disk-"]').click();
    await expect(terminalText(page)).toContainText('kept-42');
  });
});

test.describe('beside a file that does not load', () => {
  test.use({
    runbooks: {
      'broken.md': [
        '---',
        'onwatch:',
        '  match:',
        `    - ['alertname=~"("']`,
        '---',
        '# Broken',
        '',
      ].join('\n'),
    },
  });

  test('an alert no runbook answers: the panel says so, and a runbook made for it opens at once', async ({
    page,
    onwatch,
  }) => {
    await page.goto(onwatch.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Send me a test page' }).click();
    const none = page.getByTestId('runbook-none');
    await expect(none).toContainText('No runbook for this alert');
    await expect(none).toContainText('carries no runbook link');
    await none.getByRole('button', { name: 'Create a runbook for this alert' }).click();
    await expect(none).toHaveCount(0);
    await expect(page.getByTestId('runbook-why')).toContainText('test="true"');
    await expect(page.getByTestId('runbook-source')).toContainText(`${onwatch.dataDir}/runbooks/`);

    // The Runbooks page lists them all, and the file that did not load with its error.
    await page.getByRole('button', { name: 'Runbooks' }).click();
    await expect(page.getByTestId('runbook-list')).toContainText('Test page');
    await expect(page.getByTestId('runbook-list')).toContainText('drill-payment-webhooks');
    await expect(page.getByTestId('runbook-problems')).toContainText('broken.md:4');
    await expect(page.getByTestId('runbook-problems')).toContainText('onwatch.match[0]');
  });
});

test('the browser host keeps the terminal off unless it is turned on', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await page.locator('[data-testid="incident-row"][data-key^="drill:replica-disk-"]').click();
  await expect(page.getByTestId('terminal-off')).toContainText('--allow-terminal');
  await expect(
    step(page, 'disk-usage').getByRole('button', { name: 'Run', exact: true }),
  ).toBeDisabled();
});

test.describe('a PagerDuty incident with a runbook of the responder’s', () => {
  let pagerduty: PagerDutyFake;
  test.beforeAll(async () => {
    pagerduty = await startPagerDutyFake();
  });
  test.afterAll(async () => {
    await pagerduty.stop();
  });

  test.use({
    hostArgs: ['--allow-terminal'],
    runbooks: {
      'checkout-5xx.md': [
        '---',
        'onwatch:',
        '  id: checkout-5xx',
        '  title: Checkout answers 5xx',
        '  match:',
        `    - ['incident_key="checkout-api/5xx-rate"']`,
        '---',
        '# Checkout answers 5xx',
        '',
        '```sh {"name":"which-service"}',
        'echo "looking at" {{labels.service}}',
        '```',
        '',
      ].join('\n'),
    },
  });

  test('Post transcript reaches PagerDuty exactly once, as a note', async ({ page, onwatch }) => {
    await page.goto(onwatch.url);
    await savePagerDutySource(page, pagerduty);
    await page.getByRole('button', { name: 'Incidents' }).click();

    await page.locator('[data-testid="incident-row"][data-key="pagerduty:PINC001"]').click();
    await expect(page.getByTestId('runbook')).toHaveAttribute('data-runbook-id', 'checkout-5xx');
    const screen = terminalText(page);
    await expect(screen).toHaveText(/[$#]/);
    const which = step(page, 'which-service');
    await which.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(screen).toContainText('looking at Checkout API');
    await expect(which.getByTestId('step-outcome')).toHaveText('Exit 0');

    const post = async () => {
      await page.getByRole('button', { name: 'Post transcript' }).click();
      const dialog = page.getByTestId('transcript-dialog');
      await expect(page.getByTestId('transcript-where')).toContainText('as a note');
      const box = dialog.getByRole('textbox');
      await expect(box).toHaveValue(/looking at Checkout API/);
      await box.fill(`${await box.inputValue()}\n\nChecked by the e2e test.`);
      await dialog.getByRole('button', { name: 'Send as note' }).click();
      const sent = page.getByTestId('transcript-sent');
      await expect(sent).toBeVisible();
      const text = await sent.textContent();
      await dialog.getByRole('button', { name: 'Close' }).click();
      return text;
    };
    expect(await post()).toContain('Queued as a note');
    await expect
      .poll(() => pagerduty.applied.filter((c) => c.kind === 'note' && c.incidentId === 'PINC001'))
      .toHaveLength(1);
    // The same transcript again is recognised, and PagerDuty still has one note.
    expect(await post()).toContain('not sent twice');
    await expect(page.locator('[data-testid="action-status"]').first()).toHaveAttribute(
      'data-state',
      'done',
    );
    expect(pagerduty.writes('POST', '/incidents/PINC001/notes')).toHaveLength(1);
  });
});
