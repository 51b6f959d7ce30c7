import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback } from '../support/check-servers.js';
import { expect, test } from './onwatch-fixture.js';

let server: Server;
let port: number;

async function serve(onPort = 0): Promise<number> {
  server = createServer((_req, res) => res.end('ok'));
  if (onPort === 0) return listenOnLoopback(server);
  await new Promise<void>((resolve) => server.listen(onPort, '127.0.0.1', resolve));
  return onPort;
}

test.beforeAll(async () => {
  port = await serve();
});
test.afterAll(() => closeServer(server));

test('the drill lists practice checks on the Checks page, probed for real', async ({
  page,
  onwatch,
}) => {
  await page.goto(onwatch.url);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Checks' })
    .click();
  const practice = page.locator('[data-testid="check-row"][data-check-id="practice-api"]');
  await expect(practice).toHaveAttribute('data-state', 'up');
  await expect(practice.getByRole('img', { name: /first byte .* total/ })).toBeVisible();
  await practice.getByRole('button', { name: 'Run now: Practice API' }).click();
  await expect(practice.getByRole('status')).toHaveText(/Passed: HTTP 200/);
});

test('an HTTP check added on the Checks page goes red after three failures, names the failed phase, and recovers', async ({
  page,
  onwatch,
}) => {
  test.setTimeout(90_000);
  await page.goto(onwatch.url);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Checks' })
    .click();
  await page.getByRole('button', { name: 'Add check' }).click();
  const form = page.getByRole('form', { name: 'Add a check' });
  await form.getByLabel('Check name').fill('Shop API');
  await form.getByLabel('URL').fill(`http://127.0.0.1:${port}/health`);
  await form.getByLabel('Every (seconds)').fill('5');
  await form.getByLabel('Timeout (seconds)').fill('2');
  await form.getByRole('button', { name: 'Add check' }).click();

  const row = page.locator('[data-testid="check-row"][data-check-id="shop-api"]');
  await expect(row).toHaveAttribute('data-state', 'up', { timeout: 20_000 });
  await expect(row.getByTestId('check-last')).toContainText('HTTP 200');
  await expect(row.getByRole('img', { name: /connect .* total/ })).toBeVisible();

  await closeServer(server);
  // Run now does not wait for the schedule: the first failure shows at once, not yet down.
  await row.getByRole('button', { name: 'Run now: Shop API' }).click();
  await expect(row.getByRole('status')).toHaveText(/Failed: .*connection refused/);
  await expect(row).toHaveAttribute('data-state', 'pending');
  await expect(row).toHaveAttribute('data-state', 'down', { timeout: 30_000 });
  await expect(row.getByTestId('check-last')).toContainText('failed in connect');

  await row.getByRole('button', { name: 'Open the incident of Shop API' }).click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail).toContainText('Shop API is failing');
  await expect(detail.getByRole('row', { name: /failed phase/ })).toContainText('connect');
  await expect(detail.getByRole('row', { name: /timings/ })).toContainText(/connect \d/);
  const incident = page.locator('[data-testid="incident-row"]', { hasText: 'Shop API is failing' });
  await expect(incident).toHaveAttribute('data-status', 'triggered');

  await serve(port);
  await expect(incident).toHaveCount(0, { timeout: 30_000 });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Checks' })
    .click();
  await expect(row).toHaveAttribute('data-state', 'up');
});
