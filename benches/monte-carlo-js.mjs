// monte-carlo-js.mjs: a plain JavaScript implementation of funnelsim's Monte Carlo
// (src/model/monte_carlo.rs, uncertainty.rs, projection.rs), kept as the yardstick for
// benches/monte-carlo-browser.mjs: the same trials, run the same way, written the way a web
// developer would write them without WebAssembly. No dependencies; ES module; runs in a page
// or in Node. Not used by the app.
//
//   import { simulate } from './monte-carlo-js.mjs';
//   const summary = await simulate(scenario, { trials: 100_000, onChunk: ({ done, trials }) => nextTask() });
//
//   node benches/monte-carlo-js.mjs [scenario.json] [trials]   # times it in Node, prints the summary
//
// `scenario` is the Rust Scenario as serde writes it (tests/golden/saas_forecast.json): period,
// stages [{name, value}], basket, ltv_mode, ltv, purchases_per_year, lifetime_years,
// margin_pct, spend_mode, spend, spend_pct, target_revenue, and optionally
// projection {months, growth {kind, pct_per_month | weights}, start_month, sales_cycle_days,
// churn_pct, upsell_pct, revenue_model} and uncertainty {seed, trials, top, rates {"i": spread},
// basket, churn}, a spread being {kind: "range", low, likely, high} or
// {kind: "observed", successes, trials}.
//
// What one trial does, as in the Rust code: draw top, each uncertain rate (by stage), basket
// and churn, in that order; compute customers, first-purchase revenue, spend, CAC, ROI on
// revenue and on margin, and the leads required for the revenue target; with a projection,
// project the month loop for the cumulative revenue (the fan) and break-even. The values of at
// most 100,000 trials are kept (every k-th trial beyond that): 4 numbers (Float64Array) and
// one Float32 per month. The summary: nearest-rank P10 / P50 / P90 (quickselect), means over
// every trial, a 30-bin revenue histogram, the fan and the target probability.
//
// Same distributions: a range is PERT, low + (high − low) × Beta(1 + 4 (likely − low) / w,
// 1 + 4 (high − likely) / w); observed counts are Beta(s + 1, n − s + 1) in percent. Beta is
// sampled with Cheng's (1978) algorithms BB and BC, ported line by line from rand_distr 0.4.3
// (the version funnelsim uses), uniforms in (0, 1) with 52 random bits like rand's Open01.
//
// Differences, on purpose:
// - The generator is sfc32 (Doty-Humphrey's Small Fast Counter, 32-bit, 128-bit state), one
//   stream for the whole run. funnelsim uses ChaCha8 (a cipher: stronger, slower) and re-keys a
//   stream for each trial, so trial i is reproducible on its own. The numbers therefore differ
//   from funnelsim's trial by trial; the distributions, and so the percentiles up to sampling
//   noise, are the same.
// - The scenario's own validation (src/model/validate.rs) is not repeated: spreads are checked,
//   the rest is trusted.

/** Most trials whose values are kept for quantiles, the histogram and the fan. */
export const MAX_KEPT_TRIALS = 100_000;
/** Bins of the revenue histogram. */
export const HISTOGRAM_BINS = 30;
/** Trials per chunk, as the Rust benchmark and the wasm-bindgen test run them. */
export const CHUNK = 5_000;

const DAYS_PER_MONTH = 30.4375;
const MAX_SALES_CYCLE_DAYS = 1095;
const MAX_GROWTH_PCT = 100;
const MAX_SEASONAL_WEIGHT = 1000;
const MAX_MONTHS = 36;
const MAX_REQUIRED = 1e15;
const F32_MAX = 3.4028234663852886e38;
const LN_4 = Math.log(4);
const LN_5 = Math.log(5);

// ---------------------------------------------------------------------------------------------
// Small numeric helpers, as in funnel.rs / projection.rs

/** x when finite (−0 made +0), otherwise null. */
const finite = (x) => (Number.isFinite(x) ? x + 0 : null);
/** x when finite, 0 otherwise. */
const sane = (x) => (Number.isFinite(x) ? x : 0);
/** numerator / denominator, or null when undefined or not finite. */
const ratio = (numerator, denominator) => (denominator > 0 ? finite(numerator / denominator) : null);
const clamp = (x, min, max) => Math.min(Math.max(x, min), max);
/** x clamped, or fallback when it is not a number. */
const clampOr = (x, min, max, fallback) => (Number.isNaN(x) ? fallback : clamp(x, min, max));
/** total + x, kept finite and never decreasing. */
const accumulate = (total, x) => {
  const sum = total + Math.max(x, 0);
  return Number.isFinite(sum) ? sum : total;
};
/** Rounds up to a whole number, ignoring floating-point noise (reverse.rs `ceil_whole`). */
function ceilWhole(x) {
  const nearest = Math.round(x);
  return nearest !== 0 && Math.abs(x - nearest) <= 1e-13 * Math.abs(x) ? nearest : Math.ceil(x);
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/** sfc32 seeded from a 64-bit seed given as a number (its low and high 32 bits). */
export function sfc32(seed) {
  let a = seed >>> 0;
  let b = Math.floor(seed / 4294967296) >>> 0;
  let c = 0x9e3779b9;
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next(); // mix the seed in
  return next;
}

/** A uniform in the open interval (0, 1) with 52 random bits, as rand's `Open01` for f64. */
function open01(next) {
  const bits = (next() >>> 6) * 67108864 + (next() >>> 6); // 26 + 26 bits
  return (bits + 0.5) * 2.220446049250313e-16; // × 2^-52
}

/** A Beta(alpha, beta) sampler: rand_distr 0.4.3's port of Cheng (1978), algorithms BB and BC. */
export function betaSampler(alpha, beta) {
  if (!(alpha > 0) || !(beta > 0)) throw new RangeError(`Beta(${alpha}, ${beta}): parameters must be positive`);
  let a, b, switched;
  if (alpha < beta) [a, b, switched] = [alpha, beta, false];
  else [a, b, switched] = [beta, alpha, true];
  const finish = (w) => (!switched ? (w === Infinity ? 1 : w / (b + w)) : b / (b + w));
  if (a > 1) {
    // Algorithm BB (both parameters above 1).
    const sum = a + b;
    const bb = Math.sqrt((sum - 2) / (2 * a * b - sum));
    const gamma = a + 1 / bb;
    return (next) => {
      let w;
      for (;;) {
        const u1 = open01(next);
        const u2 = open01(next);
        const v = bb * Math.log(u1 / (1 - u1));
        w = a * Math.exp(v);
        const z = u1 * u1 * u2;
        const r = gamma * v - LN_4;
        const s = a + r - w;
        if (s + 1 + LN_5 >= 5 * z) break;
        const t = Math.log(z);
        if (s >= t) break;
        if (!(r + sum * Math.log(sum / (b + w)) < t)) break;
      }
      return finish(w);
    };
  }
  // Algorithm BC (the smaller parameter at most 1); here `a` is the larger one.
  [a, b, switched] = [b, a, !switched];
  const sum = a + b;
  const bc = 1 / b;
  const delta = 1 + a - b;
  const kappa1 = (delta * (1 / 18 / 4 + (3 / 18 / 4) * b)) / (a * bc - 14 / 18);
  const kappa2 = 0.25 + (0.5 + 0.25 / delta) * b;
  return (next) => {
    let w;
    for (;;) {
      let z;
      const u1 = open01(next);
      const u2 = open01(next);
      if (u1 < 0.5) {
        const y = u1 * u2;
        z = u1 * y;
        if (0.25 * u2 + z - y >= kappa1) continue;
      } else {
        z = u1 * u1 * u2;
        if (z <= 0.25) {
          const v = bc * Math.log(u1 / (1 - u1));
          w = a * Math.exp(v);
          break;
        }
        if (z >= kappa2) continue;
      }
      const v = bc * Math.log(u1 / (1 - u1));
      w = a * Math.exp(v);
      if (!(sum * (Math.log(sum / (b + w)) + v) - LN_4 < Math.log(z))) break;
    }
    return finish(w);
  };
}

/**
 * A sampler for one spread ({kind: 'range' | 'observed', ...}) of an input whose values lie in
 * [min, max]; draws nothing for a range with low = high (uncertainty.rs `Spread::sampler`).
 */
function spreadSampler(spread, [min, max], isRate, label) {
  if (spread.kind === 'range') {
    const { low, likely, high } = spread;
    for (const value of [low, likely, high]) {
      if (!(Number.isFinite(value) && value >= min && value <= max)) throw new RangeError(`${label}: ${value} is outside ${min} to ${max}`);
    }
    if (!(low <= likely && likely <= high)) throw new RangeError(`${label}: low ≤ likely ≤ high is needed`);
    if (low === high) return () => likely;
    const width = high - low;
    return scaled(betaSampler(1 + (4 * (likely - low)) / width, 1 + (4 * (high - likely)) / width), low, high);
  }
  if (spread.kind === 'observed') {
    const { successes, trials } = spread;
    if (!isRate) throw new RangeError(`${label}: only rates can be given as observed counts`);
    if (!(trials > 0 && successes >= 0 && successes <= trials)) throw new RangeError(`${label}: ${successes} of ${trials} cannot be sampled`);
    return scaled(betaSampler(successes + 1, trials - successes + 1), 0, 100);
  }
  throw new RangeError(`${label}: unknown spread kind ${spread.kind}`);
}

/** low + (high − low) × Beta, always within [low, high]. */
function scaled(beta, low, high) {
  return (next) => {
    let x = beta(next);
    x = Number.isFinite(x) ? clamp(x, 0, 1) : 0.5;
    return clamp(low + (high - low) * x, low, high);
  };
}

// ---------------------------------------------------------------------------------------------
// The projection's plan (projection.rs `Plan::new`)

function lagOf(months) {
  const m = clampOr(months, 0, MAX_SALES_CYCLE_DAYS / DAYS_PER_MONTH, 0);
  const whole = Math.floor(m);
  return { whole, frac: m - whole };
}

function planOf(projection) {
  const months = clamp(projection.months, 1, MAX_MONTHS);
  const startMonth = clamp(projection.start_month, 1, 12);
  const growth = projection.growth;
  let factors = new Array(months).fill(1);
  if (growth.kind === 'growing') {
    const step = 1 + clampOr(growth.pct_per_month, -MAX_GROWTH_PCT, MAX_GROWTH_PCT, 0) / 100;
    factors = factors.map((_, m) => step ** m);
  } else if (growth.kind === 'seasonal') {
    const clean = growth.weights.map((w) => clampOr(w, 0, MAX_SEASONAL_WEIGHT, 0));
    const mean = clean.reduce((s, w) => s + w, 0) / 12;
    if (mean > 0) factors = factors.map((_, m) => clean[(startMonth - 1 + m) % 12] / mean);
  }
  const cycleMonths = clampOr(projection.sales_cycle_days, 0, MAX_SALES_CYCLE_DAYS, 0) / DAYS_PER_MONTH;
  return {
    months,
    factors: Float64Array.from(factors),
    lag: lagOf(cycleMonths),
    retention: 1 - clampOr(projection.churn_pct, 0, 100, 0) / 100,
    upsell: clampOr(projection.upsell_pct, 0, 100, 0) / 100,
    subscription: projection.revenue_model === 'subscription',
  };
}

// ---------------------------------------------------------------------------------------------
// Quantiles

/** Moves the k-th smallest of values[lo..hi) (a typed array) to index k; Hoare quickselect. */
function select(values, k, lo, hi) {
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    // Median of three as the pivot.
    const mid = (left + right) >>> 1;
    const x = values[left], y = values[mid], z = values[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/** Nearest rank ⌈pct × n ÷ 100⌉ (from 1) among n values. */
const rank = (n, pct) => clamp(Math.ceil((n * pct) / 100), 1, n);

/** [P10, P50, P90] of values (a typed array, reordered), null when none or not finite. */
function p10p50p90(values) {
  const n = values.length;
  if (n === 0) return [null, null, null];
  const [r10, r50, r90] = [rank(n, 10) - 1, rank(n, 50) - 1, rank(n, 90) - 1];
  const p50 = select(values, r50, 0, n);
  const p10 = r10 < r50 ? select(values, r10, 0, r50) : p50;
  const p90 = r90 > r50 ? select(values, r90, r50 + 1, n) : p50;
  return [p10, p50, p90].map(finite);
}

// ---------------------------------------------------------------------------------------------
// The run

/** Index of each metric in the means. */
const CUSTOMERS = 0, REVENUE = 1, CAC = 2, ROI_REVENUE = 3, ROI_MARGIN = 4, REQUIRED_LEADS = 5;
const PERIOD_MONTHS = { month: 1, quarter: 3, year: 12 };

/** One Monte Carlo run of `scenario`, advanced chunk by chunk with `step`. */
export class MonteCarlo {
  constructor(scenario, { trials } = {}) {
    const uncertainty = scenario.uncertainty ?? { seed: 1, trials: 10_000 };
    this.scenario = scenario;
    this.trials = trials ?? uncertainty.trials;
    if (!(Number.isInteger(this.trials) && this.trials >= 1 && this.trials <= 1_000_000)) throw new RangeError(`Run 1 to 1,000,000 trials, not ${this.trials}`);
    const stages = scenario.stages.length;
    const amount = [0, 1e12];
    const percent = [0, 100];
    const sampler = (spread, bounds, isRate, label) => (spread ? spreadSampler(spread, bounds, isRate, label) : null);
    this.topSampler = sampler(uncertainty.top, amount, false, 'top');
    this.rateSamplers = scenario.stages.map((_, i) => (i === 0 ? null : sampler(uncertainty.rates?.[i], percent, true, `rate ${i}`)));
    for (const key of Object.keys(uncertainty.rates ?? {})) {
      if (!(Number(key) >= 1 && Number(key) < stages)) throw new RangeError(`no stage ${key} for a rate spread`);
    }
    this.basketSampler = sampler(uncertainty.basket, amount, false, 'basket');
    this.churnSampler = sampler(uncertainty.churn, percent, true, 'churn');
    this.next = sfc32(uncertainty.seed);

    this.plan = scenario.projection ? planOf(scenario.projection) : null;
    this.periodMonths = PERIOD_MONTHS[scenario.period];
    this.margin = scenario.margin_pct / 100;

    this.done = 0;
    this.stride = Math.max(1, Math.ceil(this.trials / MAX_KEPT_TRIALS));
    this.capacity = Math.ceil(this.trials / this.stride);
    this.kept = 0;
    this.customers = new Float64Array(this.capacity);
    this.revenue = new Float64Array(this.capacity);
    this.spend = new Float64Array(this.capacity);
    this.requiredLeads = new Float64Array(this.capacity); // +Infinity when unreachable
    const months = this.plan ? this.plan.months : 0;
    this.fan = new Float32Array(this.capacity * months); // fan[m × capacity + row]
    this.sums = new Float64Array(6);
    this.counts = new Uint32Array(6);
    this.undefinedCounts = new Uint32Array(6);
    this.reachedTarget = 0;
    this.brokeEven = 0;
    // Scratch, reused by every trial.
    this.rates = new Float64Array(stages);
    this.tops = new Float64Array(months);
  }

  /** Whether every trial has run. */
  get finished() {
    return this.done >= this.trials;
  }

  /** Runs up to maxTrials more trials; returns how many ran. */
  step(maxTrials) {
    const end = Math.min(this.done + maxTrials, this.trials);
    for (let index = this.done; index < end; index++) this.runTrial(index);
    const ran = end - this.done;
    this.done = end;
    return ran;
  }

  runTrial(index) {
    const s = this.scenario;
    const next = this.next;
    const rates = this.rates;
    // Draws, in the Rust order: top, rates by stage, basket, churn.
    const top = this.topSampler ? this.topSampler(next) : s.stages[0].value;
    rates[0] = top;
    for (let i = 1; i < rates.length; i++) {
      const sampler = this.rateSamplers[i];
      rates[i] = sampler ? sampler(next) : s.stages[i].value;
    }
    const basket = this.basketSampler ? this.basketSampler(next) : s.basket;
    const churn = this.churnSampler ? this.churnSampler(next) : null;

    // The funnel, as funnel::evaluate computes it.
    let count = top;
    for (let i = 1; i < rates.length; i++) count *= rates[i] / 100;
    const customers = sane(count);
    const revenue = sane(customers * basket);
    const ltv = sane(s.ltv_mode === 'direct' ? s.ltv : (basket * s.purchases_per_year * s.lifetime_years * s.margin_pct) / 100);
    const cohortLtv = sane(customers * ltv);
    const spend = sane(s.spend_mode === 'amount' ? s.spend : ((s.spend_mode === 'pct_revenue' ? revenue : cohortLtv) * s.spend_pct) / 100);
    const requiredLeads = this.requiredLeadsFor(basket);

    const keep = index % this.stride === 0;
    const row = keep ? index / this.stride : -1;
    if (this.plan) {
      const retention = churn === null ? this.plan.retention : 1 - churn / 100;
      let conversion = 1;
      for (let i = 1; i < rates.length; i++) conversion = sane(conversion * (rates[i] / 100));
      if (this.projectTrial(retention, top, conversion, spend, basket, row)) this.brokeEven++;
    }

    // Metrics of the trial, in the order of the means.
    const grossMargin = sane(revenue * this.margin);
    this.addMean(CUSTOMERS, customers);
    this.addMean(REVENUE, revenue);
    this.addMean(CAC, ratio(spend, customers));
    this.addMean(ROI_REVENUE, ratio(revenue - spend, spend));
    this.addMean(ROI_MARGIN, ratio(grossMargin - spend, spend));
    this.addMean(REQUIRED_LEADS, requiredLeads);
    if (revenue >= s.target_revenue) this.reachedTarget++;
    if (keep) {
      this.customers[row] = customers;
      this.revenue[row] = revenue;
      this.spend[row] = spend;
      this.requiredLeads[row] = requiredLeads ?? Infinity;
      this.kept = row + 1;
    }
  }

  addMean(metric, value) {
    if (value === null) this.undefinedCounts[metric]++;
    else {
      this.sums[metric] += value;
      this.counts[metric]++;
    }
  }

  /** Leads (stage 1) required for the revenue target with this trial's rates and basket (reverse.rs `required_counts`). */
  requiredLeadsFor(basket) {
    const target = this.scenario.target_revenue;
    const rates = this.rates;
    let below;
    if (target <= 0) below = 0;
    else if (basket > 0) below = finite(ceilWhole(target / basket));
    else return null;
    if (below === null) return null;
    for (let i = rates.length - 1; i >= 2; i--) {
      let above;
      if (below === 0) above = 0;
      else if (rates[i] > 0) above = ceilWhole((below * 100) / rates[i]);
      else return null;
      if (!(Number.isFinite(above) && above <= MAX_REQUIRED)) return null;
      below = above;
    }
    return below;
  }

  /** The month loop of one trial (monte_carlo.rs `project_trial`); whether it breaks even. */
  projectTrial(retention, top, conversion, periodSpend, basket, row) {
    const plan = this.plan;
    const tops = this.tops;
    const monthlyTop = sane(top / this.periodMonths);
    const monthlySpend = sane(periodSpend / this.periodMonths);
    const recurringPerCustomer = (sane(basket) * sane(this.scenario.purchases_per_year)) / 12;
    const firstMonthRevenue = plan.subscription ? recurringPerCustomer : sane(basket);
    const margin = sane(this.margin);
    const { whole, frac } = plan.lag;
    for (let m = 0; m < plan.months; m++) tops[m] = sane(monthlyTop * plan.factors[m]);
    let active = 0, revenue = 0, grossMargin = 0, spend = 0;
    let brokeEven = false;
    for (let m = 0; m < plan.months; m++) {
      // What arrives this month from the tops of earlier months (the sales cycle's lag).
      const at0 = m >= whole ? tops[m - whole] : 0;
      const arriving = frac === 0 ? at0 : (1 - frac) * at0 + frac * (m >= whole + 1 ? tops[m - whole - 1] : 0);
      const newCustomers = sane(arriving * conversion);
      const survivors = sane(active * retention);
      active = sane(survivors + newCustomers);
      const newRevenue = sane(newCustomers * firstMonthRevenue);
      const recurring = sane(survivors * recurringPerCustomer);
      const upsell = sane(recurring * plan.upsell);
      const monthRevenue = sane(newRevenue + recurring + upsell);
      revenue = accumulate(revenue, monthRevenue);
      grossMargin = accumulate(grossMargin, sane(monthRevenue * margin));
      spend = accumulate(spend, sane(monthlySpend * plan.factors[m]));
      brokeEven ||= grossMargin > 0 && grossMargin >= spend;
      if (row >= 0) this.fan[m * this.capacity + row] = Math.min(Math.fround(revenue), F32_MAX);
    }
    return brokeEven;
  }

  /** What the trials run so far say (the Rust Summary's fields, null where it has None). */
  summary() {
    const kept = this.kept;
    const columns = Array.from({ length: 6 }, () => new Float64Array(kept));
    const orInfinity = (x) => (x === null ? Infinity : x);
    for (let i = 0; i < kept; i++) {
      const customers = this.customers[i];
      const revenue = this.revenue[i];
      const spend = this.spend[i];
      const grossMargin = sane(revenue * this.margin);
      columns[CUSTOMERS][i] = customers;
      columns[REVENUE][i] = revenue;
      columns[CAC][i] = orInfinity(ratio(spend, customers));
      columns[ROI_REVENUE][i] = orInfinity(ratio(revenue - spend, spend));
      columns[ROI_MARGIN][i] = orInfinity(ratio(grossMargin - spend, spend));
      columns[REQUIRED_LEADS][i] = this.requiredLeads[i];
    }
    const quantiles = (metric) => {
      const [p10, p50, p90] = p10p50p90(columns[metric]);
      const mean = this.undefinedCounts[metric] > 0 || this.counts[metric] === 0 ? null : finite(this.sums[metric] / this.counts[metric]);
      return { p10, p50, p90, mean };
    };
    const months = this.plan ? this.plan.months : 0;
    const fan = [];
    if (kept > 0) {
      for (let m = 0; m < months; m++) {
        // As doubles (exact for f32 values): one element type keeps `select` fast.
        const column = Float64Array.from(this.fan.subarray(m * this.capacity, m * this.capacity + kept));
        const [p10, p50, p90] = p10p50p90(column).map((v) => v ?? 0);
        fan.push({ month: m + 1, p10, p50, p90 });
      }
    }
    return {
      trials: this.trials,
      trials_done: this.done,
      kept_trials: kept,
      customers: quantiles(CUSTOMERS),
      revenue: quantiles(REVENUE),
      cac: quantiles(CAC),
      roi_revenue: quantiles(ROI_REVENUE),
      roi_margin: quantiles(ROI_MARGIN),
      required_leads: quantiles(REQUIRED_LEADS),
      revenue_histogram: histogram(this.revenue.subarray(0, kept)),
      target: this.scenario.target_revenue,
      target_probability: ratio(this.reachedTarget, this.done),
      fan,
      break_even_probability: this.plan ? ratio(this.brokeEven, this.done) : null,
    };
  }
}

/** Revenue in HISTOGRAM_BINS equal bins from the smallest to the largest value. */
function histogram(values) {
  if (values.length === 0) return { lower: 0, upper: 0, counts: [] };
  let lower = Infinity;
  let upper = -Infinity;
  for (const v of values) {
    if (v < lower) lower = v;
    if (v > upper) upper = v;
  }
  const counts = new Array(HISTOGRAM_BINS).fill(0);
  const width = (upper - lower) / HISTOGRAM_BINS;
  for (const v of values) {
    const bin = width > 0 && Number.isFinite(width) ? Math.min(Math.floor((v - lower) / width), HISTOGRAM_BINS - 1) : 0;
    counts[bin]++;
  }
  return { lower, upper, counts };
}

/** Resolves in a new task of the event loop (a message to itself: no 4 ms timer clamp). */
export function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs every trial of `scenario` (trials: the set-up's unless given) in chunks of `chunk`,
 * awaiting `onChunk({ done, trials, run })` after each (return nextTask() from it to let a page
 * paint); resolves to the summary.
 */
export async function simulate(scenario, { trials, chunk = CHUNK, onChunk } = {}) {
  const run = new MonteCarlo(scenario, { trials });
  while (!run.finished) {
    run.step(chunk);
    if (onChunk) await onChunk({ done: run.done, trials: run.trials, run });
  }
  return run.summary();
}

// Stand-alone: node benches/monte-carlo-js.mjs [scenario.json] [trials]
if (typeof process !== 'undefined' && process.argv?.[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { readFileSync } = await import('node:fs');
  const file = process.argv[2] || new URL('../tests/golden/saas_forecast.json', import.meta.url);
  const scenario = JSON.parse(readFileSync(file, 'utf8'));
  const trials = Number(process.argv[3] || 100_000);
  await simulate(scenario, { trials: Math.min(trials, 10_000) }); // warm-up
  const start = performance.now();
  const summary = await simulate(scenario, { trials });
  const seconds = (performance.now() - start) / 1000;
  console.log(`${trials} trials in ${(seconds * 1000).toFixed(1)} ms: ${Math.round(trials / seconds)} trials/s (Node ${process.version}, chunks of ${CHUNK}, no yields)`);
  console.log(JSON.stringify(summary, (key, value) => (key === 'fan' ? `${value.length} months` : value), 2));
}
