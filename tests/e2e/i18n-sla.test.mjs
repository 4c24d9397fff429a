// i18n-sla.test.mjs: the SLA tab in French (issue 7): opened with ?lang=fr, its four steps (in the seed
// article's words), tables, pacing, commitments, the leads import and its messages read in French, bad
// input too, with no English sentence of the tab left; switching with #lang-select translates what is
// shown (messages already on the page included), and switching back gives the English again.
import assert from 'node:assert/strict';
import { server, appTest, assertChartDrawn, expectKpi, readKpi, setField, waitForMount } from './harness.mjs';

/** The text of `selector` (textContent: off-screen SLA steps skip rendering, and innerText with them). */
const textOf = (page, selector) => page.locator(selector).first().textContent();

/** Fails when `text` holds any of `english`. */
function noEnglish(text, english, where) {
  for (const words of english) assert.ok(!text.includes(words), `English “${words}” left in ${where}: ${text}`);
}

/** Waits until the error under SLA field `key` reads `message` (attached: an off-screen step is not painted). */
const fieldError = (page, key, message) =>
  page.locator(`#field-${key}-error`, { hasText: message }).waitFor({ state: 'attached' });

// English texts of the SLA tab (the example's names are data: made in French here, they are French).
const SLA_ENGLISH = [
  'Marketing–sales SLA',
  'Per channel and persona',
  'Saved and shared',
  'Close rate',
  'close rate',
  'per channel and persona',
  'Lead → customer',
  'Add a channel',
  'Add a persona',
  'Remove',
  'What one lead is worth',
  'Average sale',
  'Value of one lead',
  'Monthly lead generation',
  'Month (YYYY-MM)',
  'Pacing as of day',
  'Plan: leads per month',
  'Enter the leads of day',
  'Leads delivered on',
  'Paste leads',
  'Import the pasted',
  'Import a CSV',
  'Download the',
  'Clear the leads',
  'Month to date',
  'leads delivered of',
  'a day needed',
  'Month-to-date pacing',
  'Committed',
  'Delivered',
  'Expected by day',
  'Needed per day',
  'behind',
  'The SLA commitment',
  'Monthly revenue target',
  'Sales follows up',
  'hours',
  'Leads required per month',
  'Marketing commits',
  'Sales commits',
  'to deliver',
  'to follow up',
  'Committed SLA',
  'of revenue for',
  'unreachable',
  'Channel',
  'Organic search',
  'Small business',
  'Imported',
  'Nothing was imported',
  'Line ',
  'is empty',
  'has no average sale',
  'Enter a',
];

/** Opens the SLA tab in French, starts the example and tracks an empty month (2030-01, as of day 10). */
async function startFrenchSla(page) {
  // The baseline (`v=1`), its funnel and SLA without channels (a first visit plans by channel).
  await page.goto(server.url + '?view=sla&lang=fr&v=1');
  await waitForMount(page);
  await page.locator('#sla-heading', { hasText: 'SLA marketing–ventes' }).waitFor();
  assert.match(await textOf(page, '#view-panel'), /Convenez avec les ventes du nombre de leads que le marketing apporte chaque mois, par canal et par persona/);
  assert.equal((await textOf(page, '#sla-start')).trim(), "Démarrer un SLA à partir d'un exemple");
  await page.locator('#sla-start').click();
  await page.locator('#field-sla-rate-0-0').waitFor();
  assert.match(await textOf(page, '#sla-clear-month'), /^Effacer les leads du mois \((janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d\d\)$/);
  await page.locator('#sla-clear-month').click();
  await expectKpi(page, 'sla_delivered', 0);
  await setField(page, 'field-sla-month', '2030-01');
  await setField(page, 'field-sla-day', '10');
  await page.locator('#sla-clear-month', { hasText: 'Effacer les leads du mois (janvier 2030)' }).waitFor();
}

appTest('the SLA tab reads in French with ?lang=fr, its steps in the seed article’s words, bad input too', async ({ page }) => {
  await startFrenchSla(page);

  // The four steps, as the seed article words them.
  assert.equal((await textOf(page, '#sla-step-1')).trim(), '1. Renseigner le pourcentage de leads convertis en clients par canal et par persona');
  assert.equal((await textOf(page, '#sla-step-2')).trim(), '2. Déterminer la valeur de chaque lead');
  assert.equal((await textOf(page, '#sla-step-3')).trim(), '3. Suivre la génération mensuelle de leads par canal et par persona');
  assert.equal((await textOf(page, '#sla-step-4')).trim(), '4. Déterminer les engagements de chacune des parties prenantes');

  // Step 1: the example's channels and personas are named in French, the table too.
  assert.equal(await page.locator('#field-sla-channel-0').inputValue(), 'Référencement naturel');
  assert.equal(await page.locator('#field-sla-persona-0').inputValue(), 'Petite entreprise');
  const rates = await textOf(page, 'table[data-table="sla-rates"]');
  assert.match(rates, /Taux de closing lead → client \(%\)[\s\S]*Canal \\ persona[\s\S]*Retirer/);
  assert.equal(await page.locator('#field-sla-rate-1-2').getAttribute('aria-label'), 'Taux de closing, Contenus inbound × Grand compte');
  assert.equal(await page.locator('#sla-remove-channel-3').getAttribute('aria-label'), 'Retirer le canal Publicité');
  assert.deepEqual(
    (await page.locator('#field-sla-rate-source option').allTextContents()).map((t) => t.trim().replace(/\(.*\)/, '(…)')),
    ['saisis par canal et par persona', "le taux lead → client de l'entonnoir (…)"],
  );
  assert.equal((await textOf(page, '#sla-add-channel')).trim(), 'Ajouter un canal');

  // Step 2: the sale value per persona, in the currency in use.
  assert.equal((await textOf(page, 'label[for="field-sla-sale-0"]')).trim(), "Montant moyen d'une vente, Petite entreprise");
  assert.match(await textOf(page, 'table[data-table="sla-values"]'), /Valeur d'un lead = taux de closing × montant moyen d'une vente[\s\S]*\d\u00a0€/);

  // Step 3: tracking, pacing and both charts.
  assert.equal((await textOf(page, 'label[for="field-sla-month"]')).trim(), 'Mois (AAAA-MM)');
  assert.equal((await textOf(page, 'label[for="field-sla-day"]')).trim(), 'Rythme arrêté au jour (1–31)');
  assert.match(await textOf(page, 'table[data-table="sla-plan"]'), /Plan : leads par mois/);
  await setField(page, 'sla-entry-day', '1');
  await page.locator('table[data-table="sla-actuals"] caption', { hasText: 'Leads livrés le 1er janvier 2030' }).waitFor();
  await setField(page, 'sla-entry-day', '3');
  await page.locator('table[data-table="sla-actuals"] caption', { hasText: 'Leads livrés le 3 janvier 2030' }).waitFor();
  await setField(page, 'field-sla-actual-3-0-0', '12');
  await expectKpi(page, 'sla_delivered', 12);
  const total = await readKpi(page, 'sla_total_required');
  const kpiLine = await textOf(page, '.sla .kpi-line');
  assert.match(kpiLine, /^Depuis le début du mois : 12 leads livrés sur [\d\u202f,]+ attendus au jour 10 \([\d\u202f]+ engagés pour le mois\) ; [\d\u202f,]+ par jour nécessaires pour finir dans l'objectif\.$/);
  const channels = await textOf(page, '#sla-pace-channels');
  for (const words of ['Rythme depuis le début du mois par canal (en retard = moins de 90\u202f% de l\'engagement au prorata)', 'Canal', 'Engagés', 'Livrés', 'Attendus au jour 10', 'Rythme', 'Requis par jour', 'Total', ' — en retard']) {
    assert.ok(channels.includes(words), `${words} in the channel pacing`);
  }
  assert.match(await textOf(page, '#sla-pace-personas'), /Rythme depuis le début du mois par persona[\s\S]*Persona/);
  await assertChartDrawn(page, 'sla-pacing');
  await assertChartDrawn(page, 'sla-leads');

  // Step 4: the commitments.
  assert.equal((await textOf(page, 'label[for="field-sla-target"]')).trim(), "Objectif de chiffre d'affaires mensuel");
  assert.equal((await textOf(page, 'label[for="field-sla-follow-up"]')).trim(), 'Les ventes assurent le suivi de chaque lead sous');
  assert.match(await textOf(page, 'table[data-table="sla-required"]'), /Leads requis par mois pour que les segments produisent l'objectif/);
  const marketing = await textOf(page, '#sla-marketing-commitment');
  const totalText = total.toLocaleString('fr-FR').replace(/\s/g, '\u202f');
  assert.ok(marketing.startsWith(`Le marketing s'engage à livrer ${totalText} leads en janvier 2030 (`), marketing);
  assert.match(marketing, /Référencement naturel/);
  assert.match(await textOf(page, '#sla-sales-commitment'), /^Les ventes s'engagent à assurer le suivi de chaque lead accepté sous 24 heures : [\d\u202f]+ leads, environ [\d,]+ par jour, qui devraient donner [\d,]+ clients\.$/);
  assert.match(await textOf(page, '.commitments'), /SLA engagé : [\d\u202f]+\u00a0€ de chiffre d'affaires pour un objectif de [\d\u202f]+\u00a0€ \(arrondi au lead entier supérieur\)\./);
  assert.equal((await textOf(page, '#sla-export-csv')).trim(), 'Télécharger le SLA (CSV)');

  // Bad input: French messages next to the fields, and in the list of problems.
  await setField(page, 'field-sla-actual-3-0-0', '1.5');
  await fieldError(page, 'sla-actual-3-0-0', 'Saisissez un nombre entier de leads.');
  await setField(page, 'field-sla-month', '2030-13');
  await fieldError(page, 'sla-month', 'Saisissez un mois au format AAAA-MM, par exemple 2026-11.');
  await setField(page, 'field-sla-day', '32');
  await fieldError(page, 'sla-day', 'Saisissez un jour de 1 à 31.');
  await setField(page, 'field-sla-follow-up', '0');
  await fieldError(page, 'sla-follow-up', 'Doit être supérieur à 0 heure.');
  await setField(page, 'field-sla-channel-1', 'e-mail');
  await fieldError(page, 'sla-channel-1', '« e-mail » figure déjà dans la liste.');
  await setField(page, 'field-sla-rate-2-1', '0');
  await page.locator('[data-sla-required="2:1"]', { hasText: 'inatteignable' }).waitFor();
  assert.equal(await page.locator('[data-sla-required="2:1"]').getAttribute('title'), 'un taux de closing de 0\u202f% ne produit jamais de vente');
  await setField(page, 'field-sla-rate-2-1', '');
  await page.locator('#sla-problems', { hasText: 'Le taux de closing de E-mail × Entreprise de taille moyenne est vide : saisissez-le' }).waitFor();
  await setField(page, 'field-sla-sale-0', '');
  await page.locator('#sla-problems', { hasText: "Petite entreprise n'a pas de montant moyen de vente : ses leads valent 0\u00a0€" }).waitFor();

  // The leads import: a refusal and a summary in French.
  assert.match(await textOf(page, 'label[for="sla-csv-text"]'), /Collez les leads depuis un tableur ou un export CRM/);
  await page.locator('#sla-csv-text').fill('date,channel,persona,leads\n2030-01-04,Fax,Petite entreprise,4\n');
  await page.locator('#sla-csv-import').click();
  await page.locator('#sla-csv-message', { hasText: "Rien n'a été importé. Ligne 2 : aucun canal ne s'appelle « Fax » (canaux : Référencement naturel," }).waitFor();
  await page.locator('#sla-csv-text').fill('date,channel,persona,leads\n2030-01-04,E-mail,Petite entreprise,4\n');
  await page.locator('#sla-csv-import').click();
  await page.locator('#sla-csv-message', { hasText: '1 ligne importée : 4 leads en janvier 2030.' }).waitFor();

  // Removing the SLA asks first, in French.
  await page.locator('#sla-remove').click();
  await page.locator('#sla-remove', { hasText: 'Cliquez à nouveau pour retirer le SLA de ce scénario' }).waitFor();

  noEnglish(await textOf(page, '#view-panel'), SLA_ENGLISH, 'the SLA tab');
});

appTest('switching the language with #lang-select translates the SLA tab, and back', async ({ page }) => {
  await page.goto(server.url + '?view=sla&lang=en&v=1');
  await waitForMount(page);
  await page.locator('#sla-start').click();
  await page.locator('#field-sla-rate-0-0').waitFor();
  await setField(page, 'field-sla-month', '2030-01');
  await setField(page, 'field-sla-day', '10');
  assert.equal((await textOf(page, '#sla-step-4')).trim(), '4. The SLA commitment');
  // A message of each kind on the page before switching: an import summary, a field error, a problem
  // (in that order: an import replaces the set-up, which drops what was being typed).
  await page.locator('#sla-csv-text').fill('date,channel,persona,leads\n2030-01-04,E-mail,Small business,4\n2030-01-05,E-mail,Small business,2\n');
  await page.locator('#sla-csv-import').click();
  await page.locator('#sla-csv-message', { hasText: 'Imported 2 rows: 6 leads in 2030-01.' }).waitFor();
  await setField(page, 'field-sla-follow-up', '0');
  await fieldError(page, 'sla-follow-up', 'Must be more than 0 hours.');
  await setField(page, 'field-sla-rate-2-1', '');
  await page.locator('#sla-problems', { hasText: 'The close rate of E-mail × Mid-size company is empty' }).waitFor();

  await page.locator('#lang-select').selectOption('fr');
  await page.locator('#sla-heading', { hasText: 'SLA marketing–ventes' }).waitFor();
  assert.equal((await textOf(page, '#sla-step-1')).trim(), '1. Renseigner le pourcentage de leads convertis en clients par canal et par persona');
  await fieldError(page, 'sla-follow-up', 'Doit être supérieur à 0 heure.');
  await page.locator('#sla-problems', { hasText: 'Le taux de closing de E-mail × Mid-size company est vide' }).waitFor();
  await page.locator('#sla-csv-message', { hasText: '2 lignes importées : 6 leads en janvier 2030.' }).waitFor();
  await page.locator('#sla-marketing-commitment', { hasText: "Le marketing s'engage à livrer" }).waitFor();
  assert.match(await textOf(page, '#sla-pace-channels'), /Engagés[\s\S]*Livrés[\s\S]*Attendus au jour 10/);
  assert.match(await textOf(page, '#field-sla-target + .unit, .sla-input:has(#field-sla-target) .unit'), /€/);
  await assertChartDrawn(page, 'sla-pacing');
  // The example's names stay as they were made (data); everything else is French.
  noEnglish(
    await textOf(page, '#view-panel'),
    SLA_ENGLISH.filter((w) => !['Organic search', 'Small business'].includes(w)),
    'the SLA tab after switching to French',
  );

  await page.locator('#lang-select').selectOption('en');
  await page.locator('#sla-heading', { hasText: 'Marketing–sales SLA' }).waitFor();
  assert.equal((await textOf(page, '#sla-step-3')).trim(), '3. Monthly lead generation');
  await fieldError(page, 'sla-follow-up', 'Must be more than 0 hours.');
  await page.locator('#sla-csv-message', { hasText: 'Imported 2 rows: 6 leads in 2030-01.' }).waitFor();
  await page.locator('#sla-marketing-commitment', { hasText: 'Marketing commits to deliver' }).waitFor();
});
