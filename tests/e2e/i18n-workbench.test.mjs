// i18n-workbench.test.mjs: the Model tab (inputs, KPIs with their formulas, the funnel table, the reverse
// funnel, files), Compare, Sensitivity, Goal seek, Saved scenarios and the embed calculator and dialog in
// French (issue 7): opened with ?lang=fr they read in French, numbers as French writes them, bad input
// gives French messages, and no English text of these views is left; switching with #lang-select
// translates what is shown (notices, field errors, link and storage messages included), and back.
import assert from 'node:assert/strict';
import {
  server,
  appTest,
  openApp,
  waitForMount,
  setField,
  expectKpi,
  gotoTab,
  assertChartDrawn,
  seedLocalStorageOnce,
} from './harness.mjs';

/** The text of `selector`, trimmed. */
const textOf = async (page, selector) => ((await page.locator(selector).first().textContent()) ?? '').trim();

/**
 * The text of `selector` without the charts' download buttons (src/ui/chart.rs, translated apart from
 * these views).
 */
const viewText = (page, selector) =>
  page.locator(selector).first().evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const buttons of copy.querySelectorAll('.chart-downloads')) buttons.remove();
    return copy.textContent;
  });

/** Fails when `text` holds any of `english`. */
function noEnglish(text, english, where) {
  for (const words of english) assert.ok(!text.includes(words), `English “${words}” left in ${where}: ${text}`);
}

/** Waits until `selector` holds `text`. */
const expectText = (page, selector, text) => page.locator(selector, { hasText: text }).first().waitFor();

// English texts of these views (the French example's stages are Visiteurs … Clients).
const ENGLISH = [
  'Results per', 'per year', 'Funnel', 'Numbers are counted', 'Stage ', 'top of funnel', 'conversion from',
  'Conversion rate', 'Add a stage', 'counts as the lead stage', 'Economics', 'Average basket', 'Gross margin',
  'Customer lifetime', 'Derived from', 'Entered directly', 'Purchases per', 'Marketing spend', 'An amount',
  'Target', 'Revenue', 'revenue', 'First-purchase', 'customers ×', 'spend ÷', 'Customer acquisition',
  'Marketing ROI', 'LTV of one', 'Lifetime value', 'CAC payback', 'Value of one', 'Cost per', 'Largest drop',
  'Benchmarks', 'Compare the rates with', 'No benchmark', 'Furthest below',
  'No stage', 'stage by stage', 'Count', 'From previous', 'From top', 'Reverse funnel', 'requires',
  'needed at the current', 'Customers needed', 'Required', 'Current', 'Gap', 'unreachable', 'Save',
  'Name', 'e.g.', 'Add to comparison', 'Download', 'Import JSON', 'Compare scenarios', 'baseline',
  'Make baseline', 'Remove', 'Open', 'Every input', 'Inputs', 'Results', 'variants', 'Sensitivity',
  'which lever', 'Step', 'Rates move', 'share of their value', 'percentage points', 'Effect on', 'Fix first',
  'Lever', 'Down to', 'Up to', 'Swing', 'With a relative step', 'Goal seek', 'what it takes', 'today:',
  'Reach', 'By changing', 'Set ', 'becomes', 'Apply to', 'on its own', 'Input', 'Now', 'Needed', 'Change',
  'Choose', 'out of reach', 'no effect', 'Saved scenarios', 'Kept in this browser', 'Save the current',
  'No saved scenario', 'Duplicate', 'Delete', 'Undo', 'Saved ', 'open now', 'Enter a number', 'not a number',
  'Must be', 'Visitors', 'Customers', 'Opportunities',
];

appTest('the Model tab reads in French with ?lang=fr: inputs, KPIs and formulas, tables, reverse funnel, files, bad input', async ({ page }) => {
  await openApp(page, '?lang=fr&v=1');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');

  // Inputs.
  assert.equal(await page.locator('#field-stage-name-0').inputValue(), 'Visiteurs');
  assert.equal(await page.locator('#field-stage-name-5').inputValue(), 'Clients');
  assert.equal(await textOf(page, 'label[for="field-stage-name-1"]'), 'Étape 2 · conversion depuis Visiteurs');
  assert.equal(await textOf(page, 'label[for="field-top"]'), 'Visiteurs par an');
  assert.equal(await textOf(page, 'label[for="field-stage-rate-2"]'), 'Taux de conversion vers MQL (%)');
  assert.equal(await textOf(page, 'label[for="field-basket"]'), 'Panier moyen (premier achat, HT)');
  assert.equal(await textOf(page, 'label[for="field-period"]'), 'Les chiffres sont comptés');
  assert.deepEqual(await page.locator('#field-period option').allTextContents(), ['par mois', 'par trimestre', 'par an']);
  assert.deepEqual(await page.locator('#field-spend-mode option').allTextContents(), [
    'Un montant',
    "Un % du chiffre d'affaires",
    'Un % de la LTV des clients',
  ]);
  assert.equal(await textOf(page, '#add-stage'), 'Ajouter une étape à la fin');
  assert.equal(await page.locator('#remove-stage-2').getAttribute('aria-label'), "Supprimer l'étape MQL");
  assert.equal(await page.locator('#field-stage-slider-2').getAttribute('aria-label'), 'Taux de conversion vers MQL (%) (curseur)');
  assert.equal(await page.locator('form.inputs').getAttribute('aria-label'), 'Données du scénario');

  // KPIs with their formulas, numbers as French writes them.
  assert.equal(await textOf(page, '#results-heading'), 'Résultats par an');
  await expectKpi(page, 'revenue', 1_350_000);
  assert.equal(await textOf(page, '[data-kpi="revenue"]'), '1\u202f350\u202f000\u00a0€');
  assert.equal(await textOf(page, '[data-kpi="cac"]'), '3\u202f333\u00a0€');
  assert.equal(await textOf(page, '[data-kpi="roi_revenue"]'), '350\u202f%');
  assert.equal(await textOf(page, '[data-kpi="payback_months"]'), '3,8 mois');
  const kpis = await textOf(page, '.results');
  for (const words of [
    'Clients par an',
    "Chiffre d'affaires du premier achat",
    'clients × panier',
    "Coût d'acquisition client (CAC)",
    'dépenses ÷ clients',
    "ROI marketing sur le chiffre d'affaires",
    "(chiffre d'affaires × marge brute − dépenses) ÷ dépenses",
    'panier × achats/an × durée de vie × marge brute',
    'Délai de récupération du CAC',
    "Valeur d'un lead",
    'Coût par lead',
    'Coût par client (CAC)',
    "Étape à corriger d'abord : choisissez un segment de repère.",
  ]) {
    assert.ok(kpis.includes(words), `${words} in the KPIs: ${kpis}`);
  }

  // The funnel table and chart.
  assert.equal(await textOf(page, '#funnel-heading'), 'Entonnoir');
  assert.equal(await textOf(page, 'table[data-table="funnel"] caption'), 'Entonnoir, étape par étape');
  assert.deepEqual(await page.locator('table[data-table="funnel"] thead th').allTextContents(), [
    'Étape',
    'Volume',
    "Depuis l'étape précédente",
    'Depuis le haut',
    'Coût par',
  ]);
  await assertChartDrawn(page, 'funnel');

  // The reverse funnel.
  assert.equal(await textOf(page, '#reverse-heading'), "Entonnoir inversé : ce qu'il faut pour 2\u202f000\u202f000\u00a0€ par an");
  assert.deepEqual(await page.locator('table[data-table="gap"] thead th').allTextContents(), ['Étape', 'Nécessaire', 'Actuel', 'Écart']);
  assert.match(await textOf(page, '.panel[aria-labelledby="reverse-heading"]'), /Dépenses marketing nécessaires au coût par lead actuel/);
  await assertChartDrawn(page, 'gap');

  // Files.
  assert.equal(await textOf(page, '#files-heading'), 'Enregistrer, comparer, exporter');
  assert.equal(await textOf(page, '#export-results-csv'), 'Télécharger les résultats (CSV)');
  assert.equal(await page.locator('#save-name').getAttribute('placeholder'), 'ex. Plan 2027');

  noEnglish(await viewText(page, '#view-panel'), ENGLISH, 'the Model tab');

  // Bad input: French messages next to the fields.
  await setField(page, 'field-basket', 'abc');
  await expectText(page, '#field-basket-error', "Ce n'est pas un nombre.");
  await setField(page, 'field-stage-rate-2', '120');
  await expectText(page, '#field-stage-rate-2-error', 'Doit être inférieur ou égal à 100\u00a0%.');
  await setField(page, 'field-spend', '-5');
  await expectText(page, '#field-spend-error', 'Doit être positif ou nul.');
  await setField(page, 'field-stage-name-3', '');
  await expectText(page, '#field-stage-name-3-error', "Donnez un nom à l'étape.");
  await setField(page, 'field-basket', '0');
  await expectText(page, '[data-kpi="unreachable"]', "Inatteignable : le panier moyen est de 0, aucun client n'apporte donc de chiffre d'affaires.");
});

appTest('Compare, Sensitivity, Goal seek and Saved scenarios read in French, their messages too', async ({ page }) => {
  await openApp(page, '?lang=fr&v=1');

  // Compare.
  await gotoTab(page, 'compare');
  assert.equal(await textOf(page, '#compare-heading'), 'Comparer des scénarios');
  assert.match(await textOf(page, '#compare-empty'), /^Ajoutez le scénario actuel/);
  await page.locator('#compare-add-current-view').click();
  await expectText(page, '#notice', '« Scénario actuel » a été ajouté à la comparaison.');
  await page.locator('#compare-add-current-view').click();
  await page.locator('[data-compare-index="1"]').waitFor();
  assert.equal(await textOf(page, '[data-compare-index="0"] .badge'), 'référence');
  const table = await textOf(page, 'table[data-table="comparison"]');
  for (const words of ["Chaque donnée et chaque résultat, avec l'écart par rapport à la référence", 'Données', 'Résultats', 'Panier moyen', 'Volume Visiteurs', 'Taux Visiteurs → Leads', 'Coût par opportunité', 'Valeur vie de la cohorte', '4 ans', '1 par an']) {
    assert.ok(table.includes(words), `${words} in the comparison: ${table}`);
  }
  await assertChartDrawn(page, 'comparison');
  noEnglish(await viewText(page, '#view-panel'), ENGLISH, 'Compare');

  // Sensitivity.
  await gotoTab(page, 'sensitivity');
  assert.equal(await textOf(page, '#sensitivity-heading'), 'Sensibilité : quel levier compte le plus');
  assert.match(await textOf(page, '#fix-first'), /^À corriger en premier : Visiteurs → Leads \(2,5\u202f% aujourd'hui\)\. \+1 point à cette étape apporte 40\u202f% de clients en plus/);
  assert.deepEqual(await page.locator('table[data-table="sensitivity"] thead th').allTextContents(), [
    'Levier',
    'Baissé à',
    "Chiffre d'affaires",
    'Monté à',
    "Chiffre d'affaires",
    'Amplitude',
  ]);
  await assertChartDrawn(page, 'tornado');
  await setField(page, 'field-sensitivity-step', 'abc');
  await expectText(page, '#field-sensitivity-step-error', 'Le pas doit être supérieur à 0 et inférieur ou égal à 100. Le dernier pas valide, ±10\u202f%, reste affiché.');
  await setField(page, 'field-sensitivity-step', '2,5');
  await page.locator('#field-sensitivity-step-error').waitFor({ state: 'detached' });
  noEnglish(await viewText(page, '#view-panel'), ENGLISH, 'Sensitivity');

  // Goal seek.
  await gotoTab(page, 'goal');
  assert.equal(await textOf(page, '#goal-heading'), "Valeur cible : ce qu'il faut");
  assert.match(await textOf(page, '#goal-result'), /^Réglez « Volume Visiteurs » sur 240\u202f000 \(actuellement 120\u202f000\) : le nombre de clients devient 180\./);
  assert.equal(await textOf(page, '#goal-apply'), 'Appliquer au scénario');
  assert.match(await textOf(page, 'table[data-table="goal-levers"] caption'), /^Chaque donnée qui pourrait à elle seule porter le nombre de clients à 180/);
  await page.locator('#field-goal-lever').selectOption('margin');
  await expectText(page, '#goal-unreachable', 'Modifier « marge brute » ne change pas le nombre de clients : choisissez une autre donnée.');
  await page.locator('#field-goal-lever').selectOption('stage-rate-5');
  await setField(page, 'field-goal-target', '1000');
  await expectText(page, '#goal-unreachable', 'Inatteignable : même à 100\u202f% (la plus haute valeur possible de « Taux Opportunités → Clients »), le nombre de clients n\'atteint que 360 ; l\'objectif est 1\u202f000.');
  await expectText(page, '[data-goal-lever="margin"]', 'sans effet');
  await setField(page, 'field-goal-target', 'beaucoup');
  await expectText(page, '#field-goal-target-error', "Ce n'est pas un nombre.");
  noEnglish(await viewText(page, '#view-panel'), ENGLISH, 'Goal seek');

  // Saved scenarios.
  await gotoTab(page, 'scenarios');
  assert.equal(await textOf(page, '#library-heading'), 'Scénarios enregistrés');
  assert.equal(await textOf(page, '#library-empty'), "Aucun scénario enregistré pour l'instant.");
  await page.locator('#library-save').click();
  await expectText(page, '#notice', 'Donnez un nom au scénario.');
  await page.locator('#library-save-name').fill('Plan B');
  await page.locator('#library-save').click();
  await expectText(page, '#notice', '« Plan B » a été enregistré.');
  await page.locator('[data-saved-id] [data-action="duplicate"]').first().click();
  await expectText(page, '#notice', '« Plan B » a été dupliqué.');
  assert.deepEqual(
    await page.locator('[data-saved-id] input[type="text"]').evaluateAll((inputs) => inputs.map((i) => i.value)),
    ['Plan B', 'Copie de Plan B'],
  );
  assert.match(await textOf(page, '[data-saved-id] .hint'), /^Enregistré : \d\d\/\d\d\/\d{4}/);
  await page.locator('[data-saved-id] [data-action="delete"]').last().click();
  await expectText(page, '#notice', '« Copie de Plan B » a été supprimé.');
  assert.equal(await textOf(page, '#notice-undo'), 'Annuler');
  noEnglish(await viewText(page, '#view-panel'), ENGLISH, 'Saved scenarios');
});

appTest('the embed calculator and the embed dialog read in French', async ({ page }) => {
  await openApp(page, '?lang=fr&embed=1');
  assert.equal(await textOf(page, '#open-full-app'), 'Ouvrir le simulateur complet ↗');
  const embed = await textOf(page, '.embed');
  for (const words of ['Visiteurs par an', 'Panier moyen', 'Dépenses marketing par an', 'Clients par an', "Chiffre d'affaires du premier achat", "ROI sur le chiffre d'affaires", 'Visiteurs nécessaires pour 2\u202f000\u202f000\u00a0€']) {
    assert.ok(embed.includes(words), `${words} in the embed: ${embed}`);
  }
  await setField(page, 'field-basket', '-1');
  await expectText(page, '#field-basket-error', 'Doit être positif ou nul.');
  noEnglish(await viewText(page, '.embed'), ENGLISH, 'the embed calculator');

  await openApp(page, '?lang=fr&v=1');
  await page.locator('#embed-open').click();
  assert.equal(await textOf(page, '#embed-heading'), 'Intégrer ce calculateur');
  assert.equal(await textOf(page, 'label[for="embed-snippet"]'), 'Code iframe');
  assert.match(await page.locator('#embed-snippet').inputValue(), /title="funnelsim : simulateur d'entonnoir marketing et ventes"/);
  assert.equal(await textOf(page, '#embed-copy'), 'Copier le code');
  assert.equal(await textOf(page, '#embed-close'), 'Fermer');
  noEnglish(await textOf(page, '#embed-dialog'), ['Embed this', 'Paste this', 'snippet', 'Copy', 'Preview', 'Close'], 'the embed dialog');
});

appTest('switching with #lang-select translates the workbench, its messages included, and back', async ({ page }) => {
  await openApp(page, '?lang=en&v=1');
  assert.equal(await textOf(page, '#results-heading'), 'Results per year');
  // A field error and a notice on the page before switching.
  await setField(page, 'field-basket', 'abc');
  await expectText(page, '#field-basket-error', 'This is not a number.');
  await page.locator('#compare-add-current').click();
  await expectText(page, '#notice', 'Added “Current scenario” to the comparison.');

  await page.locator('#lang-select').selectOption('fr');
  await expectText(page, '#results-heading', 'Résultats par an');
  await expectText(page, '#field-basket-error', "Ce n'est pas un nombre.");
  await expectText(page, '#notice', '« Current scenario » a été ajouté à la comparaison.');
  assert.equal(await textOf(page, 'label[for="field-basket"]'), 'Panier moyen (premier achat, HT)');
  assert.equal(await textOf(page, '[data-kpi="revenue"]'), '1\u202f350\u202f000\u00a0€');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'fr');
  // The comparison and its labels follow.
  await gotoTab(page, 'compare');
  await expectText(page, 'table[data-table="comparison"]', 'Panier moyen');

  await page.locator('#lang-select').selectOption('en');
  await expectText(page, 'table[data-table="comparison"]', 'Average basket');
  await gotoTab(page, 'model');
  await expectText(page, '#results-heading', 'Results per year');
  await expectText(page, '#field-basket-error', 'This is not a number.');
});

appTest('a bad link and unreadable storage are explained in French, and again after a switch', async ({ page, context }) => {
  await seedLocalStorageOnce(context, { 'funnelsim.scenarios': '{' });
  await page.goto(server.url + '?lang=fr&v=9');
  await waitForMount(page);
  await expectText(page, '#url-message', 'Ce lien a été créé par une version plus récente ou inconnue de funnelsim (v=9) ; le scénario par défaut est affiché à la place.');
  await expectText(page, '#storage-message', "Vos scénarios enregistrés n'ont pas pu être lus : le texte stocké n'est pas du JSON valide");
  await expectText(page, '#storage-message', 'Rien n\'a été supprimé : le texte stocké a été mis de côté dans ce navigateur sous « funnelsim.scenarios.unreadable.');
  assert.equal(await textOf(page, '#download-unreadable'), 'Télécharger les données illisibles');
  // The example shown instead is the French one.
  assert.equal(await page.locator('#field-stage-name-0').inputValue(), 'Visiteurs');

  await page.locator('#lang-select').selectOption('en');
  await expectText(page, '#url-message', 'This link was made by a newer or unknown version of funnelsim (v=9); showing the default scenario instead.');
  await expectText(page, '#storage-message', 'Your saved scenarios could not be read: the stored text is not valid JSON');
  await page.locator('#lang-select').selectOption('fr');
  await expectText(page, '#url-message', 'Ce lien a été créé');

  // A link with a bad value, in French from the start.
  await page.goto(server.url + '?lang=fr&v=1&basket=-3');
  await waitForMount(page);
  await expectText(page, '#url-message', 'Ce lien n\'a pas pu être lu (basket=-3 : Doit être positif ou nul.) ; le scénario par défaut est affiché à la place.');
});
