// print.test.mjs: a scenario prints as a clean one-page A4 report (assets/style.css, "Print" section):
// no app chrome, its inputs as values, its results, the funnel chart and tables, on one page, even with
// 12 stages (the most a scenario can have).
import assert from 'node:assert/strict';
import { appTest, openApp, waitForDraws, expectKpi } from './harness.mjs';

/** Pages of a PDF made by Chromium: its page objects (/Type /Page, not /Pages). */
function pdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
}

async function printReport(page) {
  await waitForDraws(page, 'funnel');
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
}

/** What print media shows: chrome hidden, report visible. */
async function printedParts(page) {
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.evaluate(() => {
      const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const all = (sel) => [...document.querySelectorAll(sel)];
      return {
        tabs: all('[role="tab"]').some(shown),
        buttons: all('button').filter(shown).map((b) => b.id || b.textContent.trim()),
        sliders: all('input[type="range"]').some(shown),
        downloads: all('[data-download]').some(shown),
        kpis: ['customers', 'revenue', 'spend', 'cac', 'roi_revenue', 'ltv_cac'].every((k) => shown(document.querySelector(`[data-kpi="${k}"]`))),
        inputs: ['field-top', 'field-basket', 'field-spend', 'field-target'].filter((id) => !shown(document.getElementById(id))),
        funnelChart: shown(document.querySelector('canvas[data-chart="funnel"]')),
        funnelTable: shown(document.querySelector('table[data-table="funnel"]')),
        title: shown(document.querySelector('h1')),
      };
    });
  } finally {
    await page.emulateMedia({ media: null });
  }
}

appTest('the model view prints as one A4 page: inputs, results and the funnel chart, no app chrome', async ({ page }) => {
  await openApp(page);
  const parts = await printedParts(page);
  assert.deepEqual(parts, {
    tabs: false,
    buttons: [],
    sliders: false,
    downloads: false,
    kpis: true,
    inputs: [],
    funnelChart: true,
    funnelTable: true,
    title: true,
  });
  const pdf = await printReport(page);
  assert.equal(pdfPages(pdf), 1, 'one page');
});

appTest('a 12-stage scenario still prints on one page', async ({ page }) => {
  const stages = ['Visitors:500000', 'Leads:3', ...Array.from({ length: 9 }, (_, i) => `Stage%20${i + 3}:80`), 'Customers:50'];
  await openApp(page, `?v=1&name=Twelve%20stages&period=year&${stages.map((s) => `stage=${s}`).join('&')}&basket=15000&spend=300000&target=2000000`);
  await expectKpi(page, 'customers', 500000 * 0.03 * 0.8 ** 9 * 0.5);
  const pdf = await printReport(page);
  assert.equal(pdfPages(pdf), 1, 'one page');
});
