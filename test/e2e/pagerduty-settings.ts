import type { Page } from '@playwright/test';
import type { PagerDutyFake } from '../fakes/pagerduty-fake.js';

/** Adds the fake as a PagerDuty source the way a responder does: Settings, the form, Save. */
export async function savePagerDutySource(page: Page, pagerduty: PagerDutyFake): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Source type').selectOption('pagerduty');
  await page.getByLabel('Name', { exact: true }).fill('PagerDuty');
  await page.getByLabel('Email').fill(pagerduty.me.email);
  await page.getByLabel('API key').fill(pagerduty.tokens.user);
  await page.getByLabel('API URL (advanced)').fill(pagerduty.baseUrl);
  await page.getByRole('button', { name: 'Save' }).click();
}
