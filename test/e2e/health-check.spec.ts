import { createServer, type Server } from 'node:http';
import { closeServer, listenOnLoopback } from '../support/check-servers.js';
import { expect, test } from './onwatch-fixture.js';

let server: Server;
let port: number;

async function serve(onPort = 0): Promise<number> {
  server = createServer((_req, res) => res.end('{"status":"ok"}'));
  if (onPort === 0) return listenOnLoopback(server);
  await new Promise<void>((resolve) => server.listen(onPort, '127.0.0.1', resolve));
  return onPort;
}

test.beforeAll(async () => {
  port = await serve();
});
test.afterAll(() => closeServer(server));

test('a local HTTP check added in Settings pages when its server stops and resolves when it is back', async ({
  page,
  onwatch,
}) => {
  test.setTimeout(90_000);
  await page.goto(onwatch.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('health-checks');
  await page.getByLabel('Name', { exact: true }).fill('Local checks');
  await page
    .getByLabel('Checks (YAML)')
    .fill(
      `- name: Shop API\n  kind: http\n  url: http://127.0.0.1:${port}/health\n  intervalSeconds: 5\n  timeoutSeconds: 2\n  json: { path: status, equals: ok }\n`,
    );
  await page.getByLabel('Re-check while unsure (seconds)').fill('1');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 check, all passing' })).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.locator('[data-testid="source-status"][data-source-id="local-checks"]'),
  ).toHaveAttribute('data-health', 'ok');

  await closeServer(server);
  await page.getByRole('button', { name: 'Incidents' }).click();
  const row = page.locator('[data-testid="incident-row"]', { hasText: 'Shop API is failing' });
  await expect(row).toHaveAttribute('data-status', 'triggered', { timeout: 30_000 });
  await row.click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail).toContainText('connection refused');
  await expect(detail.getByRole('row', { name: /failed phase/ })).toContainText('connect');
  await expect(detail.getByRole('row', { name: /timings/ })).toContainText(/connect \d/);

  await serve(port);
  await expect(row).toHaveCount(0, { timeout: 30_000 });
});
