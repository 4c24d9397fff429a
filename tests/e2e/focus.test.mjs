// focus.test.mjs: keyboard users see where they are: every control reached with Tab shows a focus ring of at
// least 2 px with 3:1 contrast against the page (WCAG 2.4.7, 1.4.11), and every chart has a text alternative.
import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { allViews, openView, openEmbed } from './views.mjs';

/** Tabs through the page (at most `limit` stops) and describes each focused element's focus indicator. */
async function tabThrough(page, limit = 400) {
  const seen = [];
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const lum = (rgb) => {
        const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((c) => {
          const v = Number(c) / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      // An invisible control (a file input over its label) shows its ring on the visible wrapper.
      const shown = getComputedStyle(el).opacity === '0' ? el.closest('.file-button') || el : el;
      const s = getComputedStyle(shown, null);
      const ring = Number.parseFloat(s.outlineWidth) || 0;
      const contrast = s.outlineStyle !== 'none' ? (1.05) / (lum(s.outlineColor) + 0.05) : 0; // against white
      const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
      return { name, ring, style: s.outlineStyle, contrast: Math.round(contrast * 10) / 10, visible: el.matches(':focus-visible') };
    });
    if (!stop || seen.some((s) => s.name === stop.name && s.index === 0)) break;
    if (seen.length > 0 && stop.name === seen[0].name) break; // wrapped around
    seen.push({ ...stop, index: seen.length });
  }
  return seen;
}

appTest('every control of every view shows a visible focus ring from the keyboard', async ({ page }) => {
  const problems = [];
  let stops = 0;
  for (const view of await allViews(page)) {
    await openView(page, view);
    for (const s of await tabThrough(page)) {
      stops++;
      if (!s.visible || s.style === 'none' || s.ring < 2 || s.contrast < 3) problems.push(`view=${view}: ${s.name} (outline ${s.style} ${s.ring}px, contrast ${s.contrast}:1)`);
    }
  }
  await openEmbed(page);
  for (const s of await tabThrough(page)) {
    stops++;
    if (!s.visible || s.style === 'none' || s.ring < 2 || s.contrast < 3) problems.push(`embed=1: ${s.name} (outline ${s.style} ${s.ring}px, contrast ${s.contrast}:1)`);
  }
  assert.ok(stops > 20, `the keyboard reaches the controls (${stops} stops)`);
  assert.deepEqual(problems, [], 'focus indicators missing or too faint');
});

appTest('every chart has a text alternative', async ({ page }) => {
  for (const view of ['model', 'compare', 'sensitivity']) {
    await openView(page, view);
    const charts = await page.locator('canvas[data-chart]').evaluateAll((cs) =>
      cs.map((c) => ({ chart: c.dataset.chart, role: c.getAttribute('role'), label: (c.getAttribute('aria-label') || '').trim() })),
    );
    if (view === 'model') assert.ok(charts.length >= 2, `charts in the model view: ${JSON.stringify(charts)}`);
    for (const c of charts) {
      assert.equal(c.role, 'img', `canvas ${c.chart} in ${view} has role=img`);
      assert.ok(c.label.length > 20, `canvas ${c.chart} in ${view} describes itself: "${c.label}"`);
    }
  }
});
