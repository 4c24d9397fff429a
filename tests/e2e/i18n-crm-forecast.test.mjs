// i18n-crm-forecast.test.mjs: the CRM import and the forecast tab in French (issue 7): opened with
// ?lang=fr, their headings, labels, tables and messages read in French (bad input too), with no
// English sentence of these tabs left; switching with #lang-select translates what is shown, and
// switching back gives the English again.
import assert from 'node:assert/strict';
import { server, appTest, assertChartDrawn, waitForMount, DEFAULT_QUERY, tempFile } from './harness.mjs';

// The default scenario with its stages named in French (stage names are the user's data: the
// English example's names would stay English).
const FRENCH_SCENARIO = DEFAULT_QUERY.replace('stage=Visitors:', 'stage=Visiteurs:')
  .replace('stage=Opportunities:', `stage=${encodeURIComponent('Opportunités')}:`)
  .replace('stage=Customers:', 'stage=Clients:');


/** The visible text of `selector`. */
const textOf = (page, selector) => page.locator(selector).first().innerText();

/** Fails when `text` holds any of `english`. */
function noEnglish(text, english, where) {
  for (const words of english) assert.ok(!text.includes(words), `English “${words}” left in ${where}: ${text}`);
}

/** Waits until the Monte Carlo has run every trial. */
const runDone = (page) => page.locator('#mc-progress[data-done="true"]').waitFor({ timeout: 120_000 });

// English texts of the CRM view (other than names and figures that are the same in French).
const CRM_ENGLISH = [
  'CRM export',
  'Drop a CSV',
  'Choose a CSV',
  'or drop it here',
  'HubSpot-style',
  '(English)',
  '(French)',
  'rows read',
  'read over',
  'months',
  'Nothing was uploaded',
  'Use as baseline',
  'Column mapping',
  'KPIs by',
  'Channel',
  'Accepted by sales',
  'Followed up',
  'Marketing share',
  'Win rate',
  'Response',
  'Within',
  'Opportunities',
  'Customers',
  'Cost per',
  'Spend',
  'Sales-sourced',
  'by owner',
  'days',
  '(none)',
];

// English texts of the forecast tab.
const FORECAST_ENGLISH = [
  'Month by month',
  'The funnel spread',
  'Horizon (1–36 months)',
  'First month',
  'Volume entering',
  'Sales cycle',
  'Churn per month',
  'Upsell and',
  'Customers',
  'Revenue',
  'Marketing spend',
  'over the horizon',
  'Break-even',
  'CAC payback',
  'in the last month',
  'The projection month',
  'Cumulative',
  'January',
  'Remove the',
  'Uncertainty',
  'Seed',
  'New seed',
  'Trials',
  'Uncertain inputs',
  'In the scenario',
  'Given as',
  'Range (low',
  'Likely',
  'trials',
  'per year',
  'of the trials reach',
  'Percentiles over',
  'Mean',
  'required for the target',
  'ROI on',
];

appTest('the CRM import reads in French with ?lang=fr, bad input too', async ({ page }) => {
  await page.goto(server.url + '?view=crm&lang=fr');
  await waitForMount(page);
  await page.locator('#crm-heading', { hasText: "Export CRM : les KPI d'alignement tirés de vos données réelles" }).waitFor();
  assert.equal((await textOf(page, '#crm-sample-en')).trim(), 'Façon HubSpot (anglais)');
  assert.equal((await textOf(page, '#crm-sample-fr')).trim(), 'Excel (français)');
  assert.match(await textOf(page, '#crm-drop'), /Choisir un export CSV…/);

  await page.locator('#crm-sample-fr').click();
  await page.locator('#crm-summary', { hasText: '400 lignes lues sur 6 mois.' }).waitFor();
  assert.match(await textOf(page, '#crm-summary'), /Rien n'a été envoyé : le fichier a été lu dans ce navigateur\./);
  assert.equal((await textOf(page, '#crm-baseline')).trim(), 'Utiliser comme base (un scénario mensuel tiré de ces données réelles)');
  const channels = await textOf(page, '#crm-by-channel');
  for (const words of ['KPI par canal', 'Canal', 'Opportunités', 'Clients', 'Acceptés par les ventes', 'Suivis par les ventes', 'Part du marketing dans le pipeline', 'Taux de closing', 'Délai de réponse (médiane)', 'Sous 30 min', 'Total', '\u202f%']) {
    assert.ok(channels.includes(words), `${words} in the channel table`);
  }
  assert.match(await textOf(page, '#crm-costs'), /Dépenses \(€\)[\s\S]*Coût par lead[\s\S]*Coût par opportunité/);
  assert.match(await textOf(page, '#crm-by-month'), /KPI par mois de création/);
  assert.match(await textOf(page, '#crm-by-owner'), /Opportunités par propriétaire \(taux de closing\)/);
  assert.match(await textOf(page, '#crm-sales-channels'), /Canaux d'origine commerciale/);
  assert.match(await textOf(page, '.crm-mapping'), /Date de création[\s\S]*Étape du cycle de vie[\s\S]*Propriétaire/);
  await assertChartDrawn(page, 'crm-channels');
  await assertChartDrawn(page, 'crm-months');

  // A bad amount: the message in French.
  await page.locator('#crm-costs-spend-0').fill('-5');
  await page.locator('#crm-costs-spend-0-error', { hasText: 'Saisissez un montant positif ou nul.' }).waitFor();
  noEnglish(await textOf(page, '#view-panel'), CRM_ENGLISH, 'the CRM view');

  // Skipped rows and refused files: French messages.
  await page.setInputFiles('#crm-file', await tempFile('skips.csv', 'Created,Stage,Source\n2026-01-05,lead,\nhier,lead,Web\n2026-01-06,évangéliste,Web\n'));
  await page.locator('#crm-summary', { hasText: '1 ligne lue sur 1 mois ; 2 ignorées (voir ci-dessous).' }).waitFor();
  const problems = await textOf(page, '#crm-problems');
  assert.match(problems, /2 lignes ignorées/);
  assert.match(problems, /ligne 3 : « hier » n'est pas une date/);
  assert.match(problems, /ligne 4 : étape du cycle de vie inconnue « évangéliste »/);
  assert.match(await textOf(page, '#crm-by-channel'), /\(sans source\)/);
  await page.locator('#crm-by-channel tr[data-crm-row="(none)"]').waitFor();
  for (const [name, content, message] of [
    ['empty.csv', '', 'Le fichier est vide.'],
    ['contacts.csv', 'Name,Email\nAnn,ann@example.com\n', "Aucune colonne n'a été reconnue pour : Date de création, Étape du cycle de vie."],
    ['dates.csv', 'Created,Stage\nnope,lead\n', "Aucune des 1 lignes n'a pu être utilisée (première : ligne 2 : « nope » n'est pas une date)."],
  ]) {
    await page.setInputFiles('#crm-file', await tempFile(name, content));
    await page.locator('#crm-error', { hasText: message }).waitFor();
  }
  noEnglish(await textOf(page, '#view-panel'), CRM_ENGLISH, 'the CRM view with an error');
});

appTest('the forecast tab reads in French with ?lang=fr, bad input too', async ({ page }) => {
  await page.goto(server.url + FRENCH_SCENARIO + '&view=forecast&lang=fr');
  await waitForMount(page);
  await page.locator('#forecast-heading', { hasText: 'Mois par mois' }).waitFor();
  assert.equal((await textOf(page, '#forecast-start')).trim(), 'Lancer une projection mensuelle');
  assert.equal((await textOf(page, '#mc-heading')).trim(), 'Incertitude (Monte Carlo)');
  await page.locator('#forecast-start').click();
  await page.locator('[data-kpi="fc_break_even"]').waitFor();
  const figures = await textOf(page, '.kpis');
  for (const words of ["Clients gagnés sur l'horizon", 'Clients actifs à la fin', "Chiffre d'affaires sur l'horizon", "Dépenses marketing sur l'horizon", 'Seuil de rentabilité', 'mois ', 'Délai de récupération du CAC', '\u00a0€']) {
    assert.ok(figures.includes(words), `${words} in the figures`);
  }
  const table = await textOf(page, '#forecast-months');
  assert.match(table, /La projection mois par mois/);
  assert.match(table, /Nouveaux clients[\s\S]*Clients actifs[\s\S]*Chiffre d'affaires cumulé[\s\S]*Marge brute cumulée[\s\S]*Dépenses cumulées/);
  assert.match(table, /1 \(Janvier\)/);
  assert.deepEqual(
    (await page.locator('#fc-start option').allInnerTexts()).slice(0, 3).map((t) => t.trim()),
    ['Janvier', 'Février', 'Mars'],
  );
  assert.deepEqual(
    (await page.locator('#fc-growth-kind option').allInnerTexts()).map((t) => t.trim()),
    ['Constant', "En croissance (ou en baisse) d'un pourcentage par mois", 'Profil saisonnier'],
  );
  for (const chart of ['forecast-cash', 'forecast-customers', 'forecast-volumes']) await assertChartDrawn(page, chart);

  // Bad input: French messages next to the fields.
  await page.locator('#fc-months').fill('40');
  await page.locator('#fc-months-error', { hasText: 'La projection couvre de 1 à 36 mois, pas 40.' }).waitFor();
  await page.locator('#fc-cycle').fill('5000');
  await page.locator('#fc-cycle-error', { hasText: 'Cycle de vente (jours) : doit être entre 0 et 1\u202f095 (saisi : 5\u202f000).' }).waitFor();
  await page.locator('#fc-growth-kind').selectOption('seasonal');
  assert.match(await textOf(page, '.season-weights'), /Volume relatif de chaque mois de l'année[\s\S]*Janvier[\s\S]*Décembre/);

  // The Monte Carlo, in French.
  await page.locator('#mc-start').click();
  await runDone(page);
  assert.match(await textOf(page, '#mc-results'), /Percentiles sur 10\u202f000 tirages \(par an\)/);
  assert.match(await textOf(page, '#mc-results'), /P50 \(médiane\)[\s\S]*Moyenne[\s\S]*Clients[\s\S]*ROI sur la marge brute[\s\S]*nécessaires pour l'objectif/);
  assert.match(await textOf(page, '#mc-target-probability'), /des tirages atteignent l'objectif de chiffre d'affaires de 2\u202f000\u202f000\u00a0€ par an\./);
  assert.match(await textOf(page, '#mc-progress-label, label[for="mc-progress"]'), /10\u202f000 tirages sur 10\u202f000/);
  assert.match(await textOf(page, '#mc-inputs'), /Données incertaines[\s\S]*Type de valeur[\s\S]*Panier moyen[\s\S]*Churn par mois/);
  await page.locator('#fc-low-rate-1').fill('9');
  await page.locator('#fc-low-rate-1-error', { hasText: 'il faut bas ≤ probable ≤ haut' }).waitFor();
  await page.locator('#fc-trials').fill('2.5');
  await page.locator('#fc-trials-error', { hasText: 'Saisissez un nombre entier.' }).waitFor();
  await page.locator('#fc-kind-rate-5').selectOption('observed');
  await page.locator('#fc-successes-rate-5').fill('200');
  await page.locator('#fc-successes-rate-5-error', { hasText: "200 succès sur 100, c'est plus que le total." }).waitFor();
  await assertChartDrawn(page, 'forecast-histogram');
  await assertChartDrawn(page, 'forecast-fan');
  noEnglish(await textOf(page, '#view-panel'), FORECAST_ENGLISH, 'the forecast tab');
});

appTest('switching the language with #lang-select translates the CRM and forecast tabs, and back', async ({ page }) => {
  await page.goto(server.url + '?view=crm&lang=en');
  await waitForMount(page);
  await page.locator('#crm-heading', { hasText: 'CRM export: the alignment KPIs from your actuals' }).waitFor();
  await page.locator('#crm-sample-en').click();
  await page.locator('#crm-summary', { hasText: '600 rows read over 6 months.' }).waitFor();
  await page.locator('#lang-select').selectOption('fr');
  await page.locator('#crm-summary', { hasText: '600 lignes lues sur 6 mois.' }).waitFor();
  await page.locator('#crm-heading', { hasText: 'Export CRM' }).waitFor();
  assert.match(await textOf(page, '#crm-by-channel'), /Taux de closing/);
  assert.equal((await textOf(page, '#crm-sample-en')).trim(), 'Façon HubSpot (anglais)');
  await page.waitForFunction(() => location.search.includes('lang=fr'));
  // An error already shown follows the language too.
  await page.setInputFiles('#crm-file', await tempFile('contacts.csv', 'Name,Email\nAnn,ann@example.com\n'));
  await page.locator('#crm-error', { hasText: 'Aucune colonne n\'a été reconnue' }).waitFor();
  await page.locator('#lang-select').selectOption('en');
  await page.locator('#crm-error', { hasText: 'No column was recognised for: Created date, Lifecycle stage' }).waitFor();
  await page.locator('#crm-heading', { hasText: 'CRM export: the alignment KPIs from your actuals' }).waitFor();

  // The forecast tab (a scenario whose stages are named in French).
  await page.goto(server.url + FRENCH_SCENARIO + '&view=forecast&lang=en');
  await waitForMount(page);
  await page.locator('#forecast-start').click();
  await page.locator('[data-kpi="fc_break_even"]').waitFor();
  await page.locator('#forecast-heading', { hasText: 'Month by month' }).waitFor();
  await page.locator('#mc-start').click();
  await runDone(page);
  assert.match(await textOf(page, '#mc-results'), /Percentiles over 10,000 trials \(per year\)/);
  await page.locator('#lang-select').selectOption('fr');
  await page.locator('#forecast-heading', { hasText: 'Mois par mois' }).waitFor();
  await page.locator('#mc-results caption', { hasText: 'Percentiles sur 10\u202f000 tirages (par an)' }).waitFor();
  assert.match(await textOf(page, '#forecast-months'), /1 \(Janvier\)/);
  assert.match(await textOf(page, '.kpis'), /Clients gagnés sur l'horizon/);
  noEnglish(await textOf(page, '#view-panel'), FORECAST_ENGLISH, 'the forecast tab after switching');
  await page.locator('#lang-select').selectOption('en');
  await page.locator('#forecast-heading', { hasText: 'Month by month' }).waitFor();
  await page.locator('#mc-results caption', { hasText: 'Percentiles over 10,000 trials (per year)' }).waitFor();
  assert.match(await textOf(page, '#forecast-months'), /1 \(January\)/);
});
