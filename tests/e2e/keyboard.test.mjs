// keyboard.test.mjs: the tabs work from the keyboard as the WAI-ARIA tabs pattern says: one tab stop (the
// selected tab), arrows move and wrap around, Home and End go to the ends, focus follows the selection.
import assert from 'node:assert/strict';
import { server, appTest, waitForMount } from './harness.mjs';

const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

appTest('the tabs follow the arrow keys, Home and End', async ({ page }) => {
  await page.goto(server.url);
  await waitForMount(page);
  const tabStops = await page.locator('[role="tab"][tabindex="0"]').count();
  assert.equal(tabStops, 1, 'only the selected tab is in the Tab order');
  await page.locator('#tab-model').focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('#tab-compare[aria-selected="true"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'tab-compare');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.locator('#tab-scenarios[aria-selected="true"]').waitFor();
  await page.keyboard.press('Home');
  await page.locator('#tab-model[aria-selected="true"]').waitFor();
  await page.keyboard.press('End');
  await page.locator('#tab-scenarios[aria-selected="true"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'tab-scenarios');
  assert.equal(await focusedId(page), 'tab-scenarios');
});
