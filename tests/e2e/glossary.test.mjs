// glossary.test.mjs: end-to-end tests of the Definitions tab (issue 7): the articles' defaults in English and
// French, a definition written by the team carried by the link, one too long refused next to its box with the
// last good one kept, and "back to the default".
import assert from 'node:assert/strict';
import { server, appTest, waitForMount } from './harness.mjs';

appTest('the team writes its definitions; the link carries them', async ({ page }) => {
  await page.goto(server.url + '?view=definitions');
  await waitForMount(page);
  assert.equal(await page.locator('.glossary-entry textarea').count(), 6);
  assert.match(await page.locator('#glossary-opportunity').inputValue(), /Budget.*Authority.*Need.*Timeframe/);
  await page.locator('#glossary-mql').fill('Score of 60 or more, company e-mail, in our ICP.');
  await page.waitForFunction(() => location.search.includes('gl_mql='));
  await page.locator('.glossary-entry[data-term="mql"][data-written="true"]').waitFor();

  const other = await page.context().newPage();
  await other.goto(page.url());
  await waitForMount(other);
  assert.equal(await other.locator('#glossary-mql').inputValue(), 'Score of 60 or more, company e-mail, in our ICP.');

  // Too long: a message next to the box; the link keeps the last good definition.
  const before = page.url();
  await page.locator('#glossary-mql').fill('x'.repeat(601));
  await page.locator('#glossary-mql-error', { hasText: 'At most 600 characters' }).waitFor();
  assert.equal(await page.locator('#glossary-mql').getAttribute('aria-invalid'), 'true');
  assert.equal(page.url(), before);

  await page.locator('#glossary-mql-restore').click();
  await page.waitForFunction(() => !location.search.includes('gl_mql'));
  assert.match(await page.locator('#glossary-mql').inputValue(), /ideal customer profile/);
});

appTest('the default definitions read in French', async ({ page }) => {
  await page.goto(server.url + '?view=definitions&lang=fr');
  await waitForMount(page);
  await page.locator('#glossary-heading', { hasText: 'Définitions partagées' }).waitFor();
  assert.match(await page.locator('#glossary-opportunity').inputValue(), /enveloppe disponible \(Budget\)/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('#tab-definitions').textContent(), 'Définitions');
});
