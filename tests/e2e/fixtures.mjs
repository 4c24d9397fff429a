// fixtures.mjs: test data shared by the e2e tests and the browser benchmark (the largest SLA as a scenario file).

/** The scenario file of the largest SLA: the same data as `Sla::synthetic(20, 10, 12, 2026-11, 15)`. */
export function largestSlaFile() {
  const channels = 20;
  const personas = 10;
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  const daysIn = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const actuals = range(12).map((k) => {
    const month = k === 0 ? 12 : k; // 2025-12, then 2026-01 … 2026-11
    const year = k === 0 ? 2025 : 2026;
    return {
      month: `${year}-${String(month).padStart(2, '0')}`,
      days: range(daysIn(year, month)).map((d) => range(channels * personas).map((cell) => (d * 31 + cell * 17 + month) % 5)),
    };
  });
  const scenario = {
    period: 'year',
    stages: [
      ['Visitors', 120000], ['Leads', 2.5], ['MQL', 40], ['SQL', 50], ['Opportunities', 60], ['Customers', 25],
    ].map(([name, value]) => ({ name, value })),
    basket: 15000, ltv_mode: 'derived', ltv: 42000, purchases_per_year: 1, lifetime_years: 4, margin_pct: 70,
    spend_mode: 'amount', spend: 300000, spend_pct: 10, target_revenue: 2000000,
    sla: {
      channels: range(channels).map((c) => `Channel ${c + 1}`),
      personas: range(personas).map((p) => ({ name: `Persona ${p + 1}`, average_sale: 1000 * (p + 1) })),
      rate_source: 'entered',
      close_rates: range(channels).map((c) => range(personas).map((p) => 1 + ((c * 7 + p * 3) % 9))),
      plan: range(channels).map((c) => range(personas).map((p) => ((c + p) % 12) * 5)),
      monthly_target: 500000,
      follow_up_hours: 24,
      month: '2026-11',
      as_of_day: 15,
      actuals,
    },
  };
  return JSON.stringify({ format: 'funnelsim.scenario', version: 1, name: 'SLA 20 x 10 x 12', scenario });
}
