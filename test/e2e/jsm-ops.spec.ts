import { startJsmOpsFake, type JsmFake } from '../fakes/jsm-ops-fake.js';
import { fakeUsername, startOpsgenieFake, type OpsgenieFake } from '../fakes/opsgenie-fake.js';
import { expect, test } from './onwatch-fixture.js';

let jsm: JsmFake;
let opsgenie: OpsgenieFake;

test.beforeEach(async () => {
  jsm = await startJsmOpsFake();
  opsgenie = await startOpsgenieFake();
});

test.afterEach(async () => {
  await jsm.stop();
  await opsgenie.stop();
});

const checkout = '70413a06-38d6-4c85-92b8-5ebc900d42e2';
const rows = '[data-testid="incident-row"]';

test('a JSM Operations source set up in the UI names the user and scopes, one ack reaches JSM once, unack undoes it, and a note typed with an ack follows it as a note of its own', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('jsm-ops');
  await page.getByLabel('Name', { exact: true }).fill('JSM');
  await page.getByLabel('Atlassian site').fill(jsm.url);
  await page.getByLabel('Atlassian email').fill(jsm.email);
  await page.getByLabel('API token').fill(jsm.token);
  await page.getByLabel('API URL (advanced)').fill(jsm.url);
  await page.getByLabel('Poll interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const report = page.getByRole('status');
  await expect(report).toContainText(`cloud ${jsm.cloudId}`);
  await expect(report).toContainText('Signed in as Dana Scully');
  await expect(report).toContainText('write alerts yes, read config yes');
  await expect(report).toContainText(/Can: acknowledge/);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`text=${jsm.token}`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Incidents' }).click();
  const mine = page.locator(`${rows}[data-key="jsm:${checkout}"]`);
  await expect(mine).toHaveAttribute('data-status', 'triggered');
  await mine.click();
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.locator('[data-testid="action-status"]')).toHaveAttribute('data-state', 'done');
  await expect(mine).toHaveAttribute('data-status', 'acknowledged');
  const acks = jsm.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/acknowledge'));
  expect(acks).toHaveLength(1);

  // Once JSM reports it acked, it can be handed back: triggered again, confirmed by JSM.
  await page.getByRole('button', { name: 'Unacknowledge' }).click();
  await expect(mine).toHaveAttribute('data-status', 'triggered');
  expect(jsm.alerts.get(checkout)).toMatchObject({ acknowledged: false, status: 'open' });

  // A note typed with the ack: JSM's ack takes none, so the note follows it as one of its own.
  await page
    .getByRole('group', { name: 'More actions' })
    .getByRole('button', { name: 'Add note' })
    .click();
  await page.getByLabel('Note').fill('Rolling back deploy 4512');
  await expect(page.getByText('Your note is posted separately')).toBeVisible();
  await page.getByRole('button', { name: 'Acknowledge with note' }).click();
  await expect(
    page.locator('[data-testid="action-status"][data-action-type="note"]'),
  ).toHaveAttribute('data-state', 'done');
  await expect(mine).toHaveAttribute('data-status', 'acknowledged');
  expect(jsm.notesOf(checkout).map((n) => n.note)).toEqual([
    expect.stringMatching(/^Rolling back deploy 4512\n\n\(onwatch ref /),
  ]);
  const bareAcks = jsm.requests.filter(
    (r) => r.method === 'POST' && r.path.endsWith('/acknowledge'),
  );
  expect(bareAcks.map((r) => r.requestBody)).toEqual(['', '']);
});

test('moving from Opsgenie: the end date, a prefilled JSM form, both side by side, each alert once', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('opsgenie');
  await page.getByLabel('Name', { exact: true }).fill('Opsgenie');
  await page.getByLabel('Username').fill(fakeUsername);
  await page.getByLabel('API key').fill(opsgenie.apiKey);
  await page.getByLabel('API URL (advanced)').fill(opsgenie.url);
  await page.getByLabel('Poll interval (seconds)').fill('5');
  await page.getByRole('button', { name: 'Save' }).click();

  const row = page.locator('[data-testid="configured-source"][data-source-id="opsgenie"]');
  await expect(row.getByTestId('api-ends')).toContainText('5 April 2027');
  await page.getByRole('button', { name: 'Incidents' }).click();
  await expect(page.locator(`${rows}[data-key="opsgenie:${checkout}"]`)).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  await row.getByRole('button', { name: 'Move to Jira Service Management' }).click();
  await expect(
    page.getByRole('heading', { name: 'Move “Opsgenie” to Jira Service Management' }),
  ).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Opsgenie (JSM)');
  await expect(page.getByLabel('Atlassian email')).toHaveValue(fakeUsername);
  await expect(page.getByLabel('Poll interval (seconds)')).toHaveValue('5');
  await page.getByLabel('Atlassian site').fill(jsm.url);
  await page.getByLabel('API token').fill(jsm.token);
  await page.getByLabel('API URL (advanced)').fill(jsm.url);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Both sources run side by side');
  await expect(page.locator('[data-testid="configured-source"]')).toHaveCount(2);

  // The same alerts, by alias, from both: each is listed once, as JSM's.
  await page.getByRole('button', { name: 'Incidents' }).click();
  await expect(page.locator(`${rows}[data-key="opsgenie-jsm:${checkout}"]`)).toBeVisible();
  await expect(page.locator(`${rows}[data-key^="opsgenie:"]`)).toHaveCount(0);
  // Counted as the list counts them: it draws only the rows in view.
  await expect(page.getByTestId('search-result')).toHaveText('7 open');
});
