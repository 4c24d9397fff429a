// quality.test.mjs: axe-core (npm axe-core, injected with Playwright) finds no accessibility violation in any
// view of the app: every tab as opened from its link, the model (its sales team planned), SLA, forecast (with its Monte Carlo) and CRM views
// once started, the Embed dialog, and the compact embedded calculator (embed=1).
//
// All of axe's rules but the experimental ones run (WCAG 2.0/2.1/2.2 A and AA, and best practices). The gate is
// budget.json's "axe.max_violations" (0). The failure lists every violation: rule, impact, what it checks,
// and each element's selector and what to fix. The full results are written to target/axe/violations.json.
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO, appTest } from './harness.mjs';
import { STARTS, allViews, openView, openEmbed } from './views.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const MAX_VIOLATIONS = JSON.parse(readFileSync(path.join(REPO, 'budget.json'), 'utf8')).axe?.max_violations ?? 0;
const OUT = path.join(REPO, 'target', 'axe');

/** Runs axe in the page (evaluated through the DevTools protocol: the page's CSP allows no injected script). */
async function audit(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      tags: v.tags.filter((t) => /^wcag|best-practice/.test(t)),
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), fix: n.failureSummary })),
    }));
  });
  return violations.map((v) => ({ where, ...v }));
}

/** The violations grouped by rule, then by element, each with the views where it shows. */
function describe(found) {
  const rules = new Map();
  for (const v of found) {
    if (!rules.has(v.id)) rules.set(v.id, { ...v, elements: new Map() });
    for (const n of v.nodes) {
      const rule = rules.get(v.id);
      if (!rule.elements.has(n.target)) rule.elements.set(n.target, { ...n, where: [] });
      rule.elements.get(n.target).where.push(v.where);
    }
  }
  const lines = [];
  for (const rule of rules.values()) {
    lines.push(`- ${rule.id} (${rule.impact}; ${rule.tags.join(', ')}): ${rule.help}`);
    for (const n of rule.elements.values()) {
      lines.push(`    ${n.target}   [${n.where.join('; ')}]`);
      lines.push(`      ${n.html}`);
      lines.push(`      ${(n.fix || '').split('\n').map((l) => l.trim()).join(' ')}`);
    }
  }
  return lines.join('\n');
}

appTest('axe-core: no accessibility violation in any view, started or not, nor in the embed', async ({ page }) => {
  const found = [];
  const views = await allViews(page);
  for (const view of views) {
    await openView(page, view);
    found.push(...(await audit(page, `view=${view}`)));
    if (STARTS[view]) {
      await STARTS[view](page);
      found.push(...(await audit(page, `view=${view}, started`)));
    }
  }
  await openView(page, 'model');
  await page.locator('#embed-open').click();
  await page.locator('#embed-snippet').waitFor();
  found.push(...(await audit(page, 'Embed dialog')));
  await openEmbed(page);
  found.push(...(await audit(page, 'embed=1')));

  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'violations.json'), JSON.stringify(found, null, 2) + '\n');
  const count = found.reduce((n, v) => n + v.nodes.length, 0);
  const rules = [...new Set(found.map((v) => v.id))];
  assert.ok(
    count <= MAX_VIOLATIONS,
    `axe-core found ${count} violating element(s) of ${rules.length} rule(s) (${rules.join(', ')}) across ${views.length + 2} views ` +
      `(budget.json axe.max_violations = ${MAX_VIOLATIONS}); full list in target/axe/violations.json:\n${describe(found)}`,
  );
});
