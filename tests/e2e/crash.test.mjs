// crash.test.mjs: if the release build panics (panic = "abort"), the crash page replaces the frozen app in the
// user's language, with a reload link to the same address (the scenario lives in it) that brings the app back.
// The panic is provoked through the test-only export funnelsim_test_panic (src/ui/crash.rs).
import assert from 'node:assert/strict';
import { appTest, openApp, readKpi, waitForApp, DEFAULT_QUERY } from './harness.mjs';

const WORDS = {
  en: { heading: 'funnelsim stopped', reload: 'Reload the page', details: 'Technical details' },
  fr: { heading: "funnelsim s'est arrêté", reload: 'Recharger la page', details: 'Détails techniques' },
};

for (const lang of ['en', 'fr']) {
  appTest(`a panic shows the crash page in ${lang} and reloading brings the scenario back`, async ({ page, expectPanic }) => {
    expectPanic();
    const query = DEFAULT_QUERY.replace('basket=15000', 'basket=20000') + `&lang=${lang}`;
    await openApp(page, query);
    const customers = await readKpi(page, 'customers');
    const crashed = await page.evaluate(() => {
      try {
        window.wasmBindings.funnelsim_test_panic();
        return 'returned';
      } catch (error) {
        return String(error);
      }
    });
    assert.match(crashed, /unreachable/i, 'the release build aborts on a panic');
    const crash = page.locator('#crash[role="alert"]');
    await crash.waitFor();
    assert.equal(await page.locator('#crash-heading').textContent(), WORDS[lang].heading);
    assert.equal(await page.locator('#crash-details summary').textContent(), WORDS[lang].details);
    assert.match(await page.locator('#crash-details pre').textContent(), /test panic requested/);
    // The frozen app is hidden and inert; only the crash page is shown.
    assert.equal(await page.locator('[data-kpi="customers"]').isVisible(), false);
    const reload = page.locator('#crash-reload');
    assert.equal(await reload.textContent(), WORDS[lang].reload);
    assert.equal(await reload.getAttribute('href'), page.url());
    await reload.click();
    await waitForApp(page);
    assert.equal(await page.locator('#crash').count(), 0);
    assert.equal(await readKpi(page, 'customers'), customers);
    assert.match(page.url(), /basket=20000/);
  });
}
