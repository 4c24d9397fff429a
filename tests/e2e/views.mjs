// views.mjs: every view of the app, opened from its link and brought to its "started" state, for the
// whole-app checks (csp.test.mjs, quality.test.mjs). Not a test file itself.
//
// Selectors are ids and data attributes only (the UI text is translated), never labels.
import { DEFAULT_QUERY, server, waitForApp, waitForMount, waitForDraws } from './harness.mjs';

/** The tabs, by their `view=` key ('model' is the app without `view=`): at least these (see allViews). */
export const VIEWS = ['model', 'compare', 'sensitivity', 'goal', 'forecast', 'sla', 'crm', 'scenarios'];

/** Every tab the app shows (VIEWS and any newer one), read from the tab ids of the page. */
export async function allViews(page) {
  await openView(page, 'model');
  const shown = await page.locator('[role="tablist"] [role="tab"][id^="tab-"]').evaluateAll((tabs) =>
    tabs.map((t) => t.id.slice('tab-'.length)),
  );
  const missing = VIEWS.filter((v) => !shown.includes(v));
  if (missing.length > 0) throw new Error(`tabs missing from the page: ${missing.join(', ')} (shown: ${shown.join(', ')})`);
  return shown;
}

/** A comparison link: the default scenario as baseline and a variant with twice the visitors. */
const COMPARISON = (() => {
  const base = DEFAULT_QUERY.slice(1);
  const variant = base.replace('Visitors:120000', 'Visitors:240000');
  return `?view=compare&s=${encodeURIComponent(`name=Baseline&${base}`)}&s=${encodeURIComponent(`name=Double traffic&${variant}`)}`;
})();

/** Views with a "start" step (their filled-in state), and what starting them shows. */
export const STARTS = {
  model: async (page) => {
    await page.locator('#team-start').click();
    await page.locator('#tm-count-0').waitFor();
    await waitForDraws(page, 'capacity');
  },
  compare: async (page) => {
    await page.goto(server.url + COMPARISON);
    await page.locator('table[data-table="comparison"]').waitFor();
    await waitForDraws(page, 'comparison');
  },
  scenarios: async (page) => {
    await page.locator('#library-save-name').fill('Plan B');
    await page.locator('#library-save').click();
    await page.locator('#saved-list li[data-saved-id]').first().waitFor();
  },
  sla: async (page) => {
    await page.locator('#sla-start').click();
    await page.locator('#field-sla-rate-0-0').waitFor();
  },
  forecast: async (page) => {
    await page.locator('#forecast-start').click();
    await page.locator('[data-kpi="fc_break_even"]').waitFor();
    await page.locator('#mc-start').click();
    await page.locator('#mc-progress[data-done="true"]').waitFor({ timeout: 120_000 });
  },
  crm: async (page) => {
    await page.locator('#crm-sample-en').click();
    await page.locator('#crm-by-channel tbody tr').first().waitFor();
  },
};

/** Opens `view` from its link and waits until it is shown (and, for the model, its KPIs and funnel chart). */
export async function openView(page, view) {
  await page.goto(server.url + (view === 'model' ? '' : `?view=${view}`));
  await waitForMount(page);
  if (view === 'model') {
    await waitForApp(page);
    await waitForDraws(page, 'funnel');
  } else {
    await page.locator(`#tab-${view}[aria-selected="true"]`).waitFor();
  }
}

/** Opens the compact embedded calculator (`embed=1`) on its own, and waits for its KPIs and chart. */
export async function openEmbed(page) {
  await page.goto(server.url + '?embed=1');
  await page.locator('.embed').waitFor();
  await waitForApp(page);
  await waitForDraws(page, 'funnel');
}
