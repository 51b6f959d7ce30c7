import {
  startAlertmanager,
  type AlertmanagerHarness,
  type TestAlert,
} from '../support/alertmanager-harness.js';
import { expect, test } from './onwatch-fixture.js';

/**
 * A benchmark, not a timing assertion: 10,000 alerts from a real Alertmanager, the list scrolled
 * from top to bottom while a PerformanceObserver records long tasks. The figures are reported
 * (test annotations and stdout) for the README; only the DOM size is asserted.
 */
const alertCount = 10_000;
let alertmanager: AlertmanagerHarness;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  alertmanager = await startAlertmanager();
  const alerts: TestAlert[] = Array.from({ length: alertCount }, (_, i) => ({
    // One rule each, so no two collapse as siblings: ten thousand rows.
    labels: {
      alertname: `Storm${i}`,
      severity: i % 3 === 0 ? 'warning' : 'critical',
      job: `job-${i % 40}`,
      instance: `host-${i}:9100`,
    },
    annotations: { summary: `Storm alert ${i} on host-${i}` },
  }));
  for (let i = 0; i < alerts.length; i += 1_000) {
    await alertmanager.postAlerts(alerts.slice(i, i + 1_000));
  }
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
          id: 'storm-am',
          name: 'Storm AM',
          baseUrl: alertmanager.baseUrl,
          auth: { type: 'none' },
          pollIntervalSeconds: 30,
        },
      ],
    }),
});

type LoadFigures = { firstRowsMs: number; allRowsMs: number; longestTaskMs: number };
type Bench = { longTasks: PerformanceEntry[]; listed: Promise<LoadFigures> };
type Measurement = { longTasks: number[]; ms: number };
type ScrollMeasurement = Measurement & {
  frames: number;
  atBottom: boolean;
  scrollTop: number;
  scrollHeight: number;
};

test('10,000 incidents: only the visible rows are in the DOM, and the list scrolls to the bottom', async ({
  page,
  onwatch,
}) => {
  // Generous: on a loaded machine the flick takes minutes, and the figures say so.
  test.setTimeout(480_000);
  await page.addInitScript((count) => {
    const bench = window as unknown as Bench;
    const tasks: PerformanceEntry[] = [];
    bench.longTasks = tasks;
    new PerformanceObserver((list) => tasks.push(...list.getEntries())).observe({
      type: 'longtask',
      buffered: true,
    });
    // The host sends a storm in changes of 1,000 incidents, one per turn: the clock starts at
    // the first message big enough to carry incidents (an empty state is a few kilobytes), and
    // stops at the first frame with a row, then at the first that lists all of them.
    let arrived: number | undefined;
    let firstRowsMs: number | undefined;
    let resolveListed: (figures: LoadFigures) => void;
    bench.listed = new Promise((resolve) => (resolveListed = resolve));
    const check = () => {
      const now = performance.now();
      if (firstRowsMs === undefined && document.querySelector('[data-testid="incident-row"]')) {
        firstRowsMs = now - arrived!;
      }
      const shown = document.querySelector('[data-testid="search-result"]')?.textContent;
      if (firstRowsMs === undefined || shown !== `${count} open`) {
        requestAnimationFrame(check);
        return;
      }
      const during = tasks.filter((task) => task.startTime + task.duration >= arrived!);
      resolveListed({
        firstRowsMs,
        allRowsMs: now - arrived!,
        longestTaskMs: Math.max(0, ...during.map((task) => task.duration)),
      });
    };
    const Socket = window.WebSocket;
    window.WebSocket = class extends Socket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        // Added before the page's own handler, so this runs first and sees the arrival.
        this.addEventListener('message', (event: MessageEvent) => {
          const size = typeof event.data === 'string' ? event.data.length : 0;
          if (size < 100_000 || arrived !== undefined) return;
          arrived = performance.now();
          requestAnimationFrame(check);
        });
      }
    };
  }, alertCount);
  await page.goto(onwatch.url);
  // Awaited in the page rather than polled from here: Playwright's polling runs on the page's
  // main thread and would be timed as the page's own work.
  const load = await page.evaluate(
    (timeoutMs) =>
      Promise.race([
        (window as unknown as Bench).listed,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the storm was not listed in time')), timeoutMs),
        ),
      ]),
    120_000,
  );
  await expect(page.getByTestId('search-result')).toHaveText(`${alertCount} open`);

  const list = page.getByTestId('incident-list');
  const domRows = () => page.locator('[data-testid="incident-row"]').count();
  const rowsAtTop = await domRows();
  expect(rowsAtTop).toBeGreaterThan(0);
  expect(rowsAtTop).toBeLessThan(100);

  const scroll: ScrollMeasurement = await list.evaluate(async (element) => {
    const tasks = (window as unknown as Bench).longTasks;
    tasks.length = 0;
    const started = performance.now();
    // A fast flick: about 25 rows a frame, every frame, to the bottom. Bounded, so a list that
    // never reaches its end fails the assertion below instead of hanging.
    let frames = 0;
    while (element.scrollTop + element.clientHeight < element.scrollHeight - 1 && frames < 2_000) {
      element.scrollTop += 1_800;
      frames++;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    return {
      longTasks: tasks.map((task) => task.duration),
      ms: performance.now() - started,
      frames,
      atBottom: element.scrollTop + element.clientHeight >= element.scrollHeight - 1,
      scrollTop: element.scrollTop,
      scrollHeight: element.scrollHeight,
    };
  });
  console.log(`scroll: ${JSON.stringify({ ...scroll, longTasks: scroll.longTasks.length })}`);
  expect(scroll.atBottom).toBe(true);
  const rowsAtBottom = await domRows();
  expect(rowsAtBottom).toBeLessThan(100);
  await expect(page.locator('[data-testid="incident-row"]').last()).toBeVisible();

  // The keyboard's way to the far end: Home, then End.
  const jump: Measurement = await page.evaluate(async () => {
    const tasks = (window as unknown as Bench).longTasks;
    tasks.length = 0;
    const listbox = document.getElementById('incident-listbox')!;
    listbox.focus();
    const started = performance.now();
    for (const key of ['Home', 'End']) {
      listbox.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { longTasks: tasks.map((task) => task.duration), ms: performance.now() - started };
  });

  // Slots are reused as the list scrolls: each shows its own row, and the one clicked at the
  // bottom is the one the detail opens.
  const keys = await page
    .locator('[data-testid="incident-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));
  expect(new Set(keys).size).toBe(keys.length);
  const lastRow = page.locator('[data-testid="incident-row"]').last();
  const lastTitle = await lastRow.locator('.row-title').textContent();
  await lastRow.click();
  await expect(page.getByTestId('detail-title')).toHaveText(lastTitle!);

  const report = {
    incidents: alertCount,
    stateToFirstRowsMs: Math.round(load.firstRowsMs),
    stateToAllRowsMs: Math.round(load.allRowsMs),
    loadLongestTaskMs: Math.round(load.longestTaskMs),
    domRowsAtTop: rowsAtTop,
    domRowsAtBottom: rowsAtBottom,
    scrollMs: Math.round(scroll.ms),
    scrollFrames: scroll.frames,
    scrollLongTasks: scroll.longTasks.length,
    scrollLongestTaskMs: Math.round(Math.max(0, ...scroll.longTasks)),
    homeEndLongestTaskMs: Math.round(Math.max(0, ...jump.longTasks)),
  };
  test.info().annotations.push({ type: 'benchmark', description: JSON.stringify(report) });
  console.log(`incident list benchmark: ${JSON.stringify(report)}`);
});
