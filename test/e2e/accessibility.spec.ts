import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './onwatch-fixture.js';

/** Serious and critical violations, each with the elements that fail, readable in a report. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
    }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page passes an axe-core scan with no serious or critical violations (${scheme})`, async ({
    page,
    onwatch,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(onwatch.url);
    await expect(page.locator('[data-testid="incident-row"]').first()).toBeVisible();
    // The list's rows and the detail's actions are what axe must see.
    await expect(page.getByTestId('incident-detail')).toBeVisible();
    // And its timeline, which the drill tells from its script.
    await expect(page.getByTestId('timeline-entry').first()).toBeVisible();

    for (const name of ['Incidents', 'Checks', 'Runbooks', 'Schedule', 'Settings']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      if (name === 'Checks') {
        // The drill's practice checks, probed once, and the form that adds one.
        await expect(page.locator('[data-testid="check-row"][data-state="up"]')).toHaveCount(2);
        await page.getByRole('button', { name: 'Add check' }).click();
        await expect(page.getByRole('form', { name: 'Add a check' })).toBeVisible();
      }
      expect(await seriousViolations(page), `${name} page`).toEqual([]);
    }

    // The shortcut sheet is a page of its own while open.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Incidents' })
      .click();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await seriousViolations(page), 'shortcut sheet').toEqual([]);
  });
}
