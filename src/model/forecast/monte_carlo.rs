//! The seeded Monte Carlo: trials of the funnel (and of the projection, when the scenario has
//! one) with sampled inputs, run in chunks so a page stays responsive; P10 / P50 / P90 of
//! customers, revenue, CAC, ROI and required leads, a revenue histogram, a fan of
//! cumulative revenue over the months and the probability of reaching the revenue target.
//!
//! ```
//! use funnelsim::model::forecast::monte_carlo::MonteCarlo;
//! # let scenario = funnelsim::model::Scenario::default();
//! let mut run = MonteCarlo::new(&scenario)?;
//! while !run.done() {
//!     run.step(5_000); // then yield to the browser, show run.progress() and run.summary()
//! }
//! let summary = run.summary();
//! # Ok::<(), funnelsim::model::forecast::monte_carlo::MonteCarloError>(())
//! ```
//!
//! - **Reproducible.** Trial `i` draws from its own Xoshiro256++ generator, seeded with
//!   words `4i + 1` to `4i + 4` of the SplitMix64 sequence of the set-up's seed (a few
//!   arithmetic operations per trial, where re-keying a ChaCha8 per trial computed 256 bytes
//!   of keystream), so a trial's values depend only on the seed and its index: the same seed gives the same summary
//!   whatever the chunk sizes. The means add the sums of blocks of [`MEAN_BLOCK`] trials in
//!   order, so parts of whole blocks run apart ([`MonteCarlo::part`], one per worker) and
//!   added in order ([`MonteCarlo::absorb`]) give the very same bits: each part's kept values
//!   come sorted ([`crate::model::forecast::sorted_runs`]), and the quantiles and histogram
//!   of the parts are read off their sorted runs, exact nearest ranks as over the values
//!   together. Inputs are drawn in
//!   a fixed order: top, rates by stage, basket, churn, then each channel's cost per lead.
//! - **A channel mix** is blended again in every trial: each channel's volume (its spend ÷
//!   the trial's cost per lead when that is uncertain) converts through the funnel's rates
//!   as sampled (with its quality factor, or its own rates, which are certain), and the
//!   trial's funnel is the sum over the channels, as
//!   [`crate::model::funnel::channels::evaluate_mix`] computes it. The volume entering comes
//!   from the channels, so the top and the rates above a lead entry take no spread.
//! - **Metrics per trial** are the funnel's, per period, computed as
//!   [`crate::model::funnel::forward::evaluate`] computes them: customers, first-purchase revenue, CAC
//!   (spend ÷ customers), ROI on revenue and on gross margin, and the leads required for the
//!   revenue target ([`crate::model::funnel::reverse::required_counts`]). With a projection, each trial also
//!   projects its sampled inputs month by month ([`crate::model::forecast::projection`]) for the fan of
//!   cumulative revenue and the probability of breaking even within the horizon, the sales
//!   team's months (certain) limiting what reaches the customers as in the projection.
//! - **Quantiles** are nearest-rank: P`p` of `n` values is the `⌈p × n ÷ 100⌉`-th smallest.
//!   An undefined value (CAC without customers, ROI without spend, required leads when the
//!   target is unreachable) ranks above every number: a quantile that lands on one is
//!   `None`, as is any quantile before the first trial. Nothing returned is NaN or infinite.
//! - **Bounded memory.** The values of at most [`MAX_KEPT_TRIALS`] trials are kept: every
//!   trial up to that number, otherwise every `k`-th trial (`k = ⌈trials ÷ 100,000⌉`, a
//!   systematic sample of independent trials). Per kept trial: 4 `f64` (customers, revenue,
//!   spend, required leads) and one `f32` per projected month (cumulative revenue), so at
//!   most 100,000 × (32 + 36 × 4) bytes = 17.6 MB, allocated once when the run starts (a
//!   run adding parts holds each metric's values instead: 100,000 × (48 + 36 × 4) bytes).
//!   Quantiles and the histogram read the kept trials; means, the target probability and
//!   the break-even probability count every trial.

use std::fmt;

use bytemuck::Pod;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

use crate::model::forecast::projection::{
    accumulate, cumulative_conversions, monthly_tops, sane, Drivers, Lag, MonthMoney, Plan,
    ProjectionError, TeamMonths,
};
use crate::model::forecast::sorted_runs;
use crate::model::forecast::uncertainty::{
    SpreadSampler, Uncertain, Uncertainty, UncertaintyError,
};
use crate::model::funnel::channels::{Channel, ChannelMix};
use crate::model::funnel::forward::{period_spend, without_channels};
use crate::model::funnel::reverse::required_counts;
use crate::model::funnel::scenario::Scenario;
use crate::model::funnel::validate::{validate, FieldError};
use crate::model::num::{finite, ratio};

/// Most trials whose values are kept for quantiles, the histogram and the fan.
pub const MAX_KEPT_TRIALS: u32 = 100_000;
/// Bins of the revenue histogram.
pub const HISTOGRAM_BINS: usize = 30;

crate::texts! {
    /// Why a Monte Carlo cannot start.
    enum MonteCarloText {
        Scenario => "The scenario has invalid inputs: {list}", "Le scénario a des valeurs invalides : {list}";
        Projection => "Projection: {error}", "Projection : {error}";
        Uncertainty => "Uncertainty: {error}", "Incertitude : {error}";
    }
}

/// Why a Monte Carlo cannot start.
#[derive(Clone, Debug, PartialEq)]
pub enum MonteCarloError {
    /// The scenario itself has invalid inputs.
    Scenario(Vec<FieldError>),
    Projection(ProjectionError),
    Uncertainty(UncertaintyError),
}

impl fmt::Display for MonteCarloError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            MonteCarloError::Scenario(errors) => {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                MonteCarloText::Scenario.fill(&[("list", &list.join("; "))])
            }
            MonteCarloError::Projection(e) => {
                MonteCarloText::Projection.fill(&[("error", &e.to_string())])
            }
            MonteCarloError::Uncertainty(e) => {
                MonteCarloText::Uncertainty.fill(&[("error", &e.to_string())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for MonteCarloError {}

/// P10, P50, P90 (nearest rank, over the kept trials) and the mean (over every trial) of one
/// metric; `None` where undefined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantiles {
    pub p10: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    /// `None` before the first trial or when any trial's value is undefined.
    pub mean: Option<f64>,
}

/// Revenue per period in equal bins from the smallest to the largest kept value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub lower: f64,
    pub upper: f64,
    /// [`HISTOGRAM_BINS`] counts (every one in the first bin when lower = upper); empty
    /// before the first trial.
    pub counts: Vec<u32>,
}

impl Histogram {
    /// Width of one bin (0 when every value is the same).
    pub fn bin_width(&self) -> f64 {
        if self.counts.is_empty() {
            0.0
        } else {
            finite((self.upper - self.lower) / self.counts.len() as f64).unwrap_or(0.0)
        }
    }
}

/// P10, P50, P90 of the cumulative revenue at the end of one projected month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FanMonth {
    /// 1 for the first projected month.
    pub month: u32,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// What the trials run so far say; readable at any time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Trials asked for.
    pub trials: u32,
    pub trials_done: u32,
    /// Trials whose values the quantiles, histogram and fan read.
    pub kept_trials: u32,
    /// Customers per period.
    pub customers: Quantiles,
    /// First-purchase revenue per period.
    pub revenue: Quantiles,
    pub cac: Quantiles,
    pub roi_revenue: Quantiles,
    pub roi_margin: Quantiles,
    /// Leads (stage 2) required per period for the revenue target.
    pub required_leads: Quantiles,
    pub revenue_histogram: Histogram,
    /// The revenue target per period.
    pub target: f64,
    /// Share of trials whose revenue per period reaches the target.
    pub target_probability: Option<f64>,
    /// Cumulative revenue per projected month (empty without a projection).
    pub fan: Vec<FanMonth>,
    /// Share of trials whose cumulative gross margin covers the cumulative spend within the
    /// horizon (`None` without a projection).
    pub break_even_probability: Option<f64>,
}

/// Running sum of a metric over every trial (undefined values counted apart).
#[derive(Clone, Copy, Debug, Default)]
struct Mean {
    sum: f64,
    count: u32,
    undefined: u32,
}

impl Mean {
    /// Adds a block's sums (blocks are added in trial order, so the result does not depend on
    /// how the trials were split into chunks or parts).
    fn absorb(&mut self, block: Mean) {
        self.sum += block.sum;
        self.count += block.count;
        self.undefined += block.undefined;
    }

    fn add(&mut self, value: Option<f64>) {
        match value {
            Some(v) => {
                self.sum += v;
                self.count += 1;
            }
            None => self.undefined += 1,
        }
    }

    fn value(self) -> Option<f64> {
        if self.undefined > 0 || self.count == 0 {
            None
        } else {
            finite(self.sum / f64::from(self.count))
        }
    }
}

/// The samplers of every input (`None` = the scenario's value in every trial).
#[derive(Clone, Debug)]
struct Samplers {
    top: Option<SpreadSampler>,
    /// By stage index (index 0 unused).
    rates: Vec<Option<SpreadSampler>>,
    basket: Option<SpreadSampler>,
    churn: Option<SpreadSampler>,
}

/// A channel mix's part of a run: each trial blends the channels again, as
/// [`crate::model::funnel::channels::evaluate_mix`] does, with the funnel's sampled rates
/// and each channel's sampled cost per lead.
#[derive(Clone, Debug)]
struct MixRun {
    /// The stage the channels' volume enters.
    entry: usize,
    channels: Vec<ChannelRun>,
    /// Scratch: the blended count at every stage.
    counts: Vec<f64>,
}

/// One channel of a [`MixRun`].
#[derive(Clone, Debug)]
struct ChannelRun {
    channel: Channel,
    /// Its volume at its spend, when its cost per lead is certain.
    volume: f64,
    cost: Option<SpreadSampler>,
}

impl MixRun {
    fn new(
        mix: &ChannelMix,
        uncertainty: &Uncertainty,
        stages: usize,
    ) -> Result<MixRun, MonteCarloError> {
        let channels = mix
            .channels
            .iter()
            .enumerate()
            .map(|(i, channel)| {
                let input = Uncertain::ChannelCost(i);
                Ok(ChannelRun {
                    volume: channel.response.volume(channel.spend),
                    cost: uncertainty
                        .spread(input)
                        .map(|spread| spread.sampler(input))
                        .transpose()
                        .map_err(MonteCarloError::Uncertainty)?,
                    channel: channel.clone(),
                })
            })
            .collect::<Result<_, MonteCarloError>>()?;
        Ok(MixRun {
            entry: mix.entry.stage(),
            channels,
            counts: vec![0.0; stages],
        })
    }

    /// Draws each uncertain cost per lead (in channel order), blends the channels through
    /// the trial's funnel `rates` (% by stage, sampled), then writes the blended funnel into
    /// `rates` as [`without_channels`] writes it: the count at the top first, then each
    /// blended rate (the stages above a lead entry keep theirs, the top then being the
    /// leads ÷ the first rate).
    fn blend(&mut self, rates: &mut [f64], rng: &mut TrialRng) {
        let stages = rates.len().min(self.counts.len());
        if self.entry >= stages {
            return;
        }
        self.counts.fill(0.0);
        for run in &self.channels {
            let drawn = run.cost.as_ref().map(|cost| cost.sample(rng));
            let spend = run.channel.spend;
            let mut count = match drawn {
                Some(cost) if spend > 0.0 => ratio(spend, cost).unwrap_or(0.0),
                _ => run.volume,
            };
            self.counts[self.entry] += count;
            for (step, stage) in (self.entry + 1..stages).enumerate() {
                let rate = run.channel.rate_after_entry(step, rates[stage] / 100.0);
                count = finite(count * rate).unwrap_or(0.0);
                self.counts[stage] += count;
            }
        }
        for (stage, pair) in self.counts[..stages]
            .windows(2)
            .enumerate()
            .skip(self.entry)
        {
            if let Some(rate) = ratio(pair[1], pair[0]) {
                rates[stage + 1] = rate * 100.0;
            }
        }
        if self.entry == 0 {
            rates[0] = self.counts[0];
        } else {
            let leads = self.counts[self.entry];
            match ratio(leads * 100.0, rates[self.entry]) {
                Some(top) => rates[0] = top,
                None => {
                    rates[self.entry] = 100.0;
                    rates[0] = leads;
                }
            }
        }
    }
}

/// The projection part of a run.
#[derive(Clone, Debug)]
struct ProjectionRun {
    plan: Plan,
    /// The plan's retention as entered (churn samples replace it per trial).
    retention: f64,
    tops: Vec<f64>,
    /// The sales team's months, when the scenario has a team.
    team: Option<TeamRun>,
}

/// The sales team in a trial's projection: its capacity is certain, but what reaches each
/// role depends on the trial's rates.
#[derive(Clone, Debug)]
struct TeamRun {
    months: TeamMonths,
    lags: Vec<Lag>,
    // Scratch, reused by every trial.
    conversions: Vec<f64>,
    through: Vec<f64>,
}

/// One Monte Carlo run, advanced chunk by chunk with [`MonteCarlo::step`].
#[derive(Clone, Debug)]
pub struct MonteCarlo {
    /// The scenario as one funnel (a mix blended at its current values).
    scenario: Scenario,
    /// What each trial's top and rates are without a spread (index 0 the top): the blended
    /// funnel's, or with a mix the funnel's rates as typed, which the trial then blends.
    base: Vec<f64>,
    samplers: Samplers,
    mix: Option<MixRun>,
    projection: Option<ProjectionRun>,
    /// The set-up's seed ([`trial_rng`]).
    seed: u64,
    trials: u32,
    done: u32,
    /// Every `stride`-th trial is kept.
    stride: u32,
    // Kept values, one entry per kept trial (required leads: +∞ when unreachable).
    customers: Vec<f64>,
    revenue: Vec<f64>,
    spend: Vec<f64>,
    required_leads: Vec<f64>,
    /// Cumulative revenue by month then kept trial (`fan[m × kept + row]`), so a month's
    /// values are contiguous for its quantiles.
    fan: Vec<f32>,
    /// Trials kept once every trial has run (by this run, or by this part of a run).
    kept_capacity: usize,
    /// The kept row of the first trial this runs (0, or a part's first row in the whole run).
    first_row: usize,
    // Over every trial: the sums of each finished block of [`MEAN_BLOCK`] trials, in order,
    // and of the block under way.
    blocks: Vec<[Mean; 6]>,
    block: [Mean; 6],
    reached_target: u32,
    broke_even: u32,
    /// The sorted kept values of the parts added ([`MonteCarlo::absorb`]): a run that adds
    /// parts runs no trial itself.
    runs: Vec<SortedRun>,
    // Scratch, reused by every trial.
    rates: Vec<f64>,
    required: Vec<Option<f64>>,
}

/// The generator of one trial.
type TrialRng = Xoshiro256PlusPlus;

/// SplitMix64's increment.
const SPLITMIX_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// Trial `index`'s own generator: a Xoshiro256++ whose state is words `4 × index + 1` to
/// `4 × index + 4` of the SplitMix64 sequence from `seed` (`seed_from_u64` draws four words
/// from a SplitMix64 started at its argument), so every trial has its own words of one
/// sequence and trial `i` is computed alone, without the trials before it.
fn trial_rng(seed: u64, index: u32) -> TrialRng {
    let start = seed.wrapping_add(
        u64::from(index)
            .wrapping_mul(4)
            .wrapping_mul(SPLITMIX_GAMMA),
    );
    Xoshiro256PlusPlus::seed_from_u64(start)
}

/// Trials per block of the means' sums: a run's means add the blocks' sums in order, so a run
/// split into parts of whole blocks (one per worker) gives the same bits as one run.
pub const MEAN_BLOCK: u32 = 1_024;

/// What the trials `start..end` of a run give ([`MonteCarlo::part`]), to be added to the run
/// in order ([`MonteCarlo::absorb`]): the work of one worker, its kept values already sorted,
/// so the run's quantiles are read off the parts' runs ([`sorted_runs`]) instead of a
/// selection over every kept value after the last part.
#[derive(Clone, Debug, PartialEq)]
pub struct TrialsPart {
    pub start: u32,
    pub end: u32,
    blocks: Vec<[Mean; 6]>,
    run: SortedRun,
    reached_target: u32,
    broke_even: u32,
}

/// The kept values of a part, each metric's and each month's sorted by their total order.
#[derive(Clone, Debug, Default, PartialEq)]
struct SortedRun {
    /// Kept trials.
    rows: usize,
    /// Each metric's values, in the order of `MonteCarlo::means` (undefined: +∞), sorted.
    metrics: [Vec<f64>; 6],
    /// Cumulative revenue by month then kept row, each month's `rows` values sorted.
    fan: Vec<f32>,
}

impl SortedRun {
    /// Month `m`'s sorted cumulative revenue.
    fn month(&self, m: usize) -> &[f32] {
        self.fan
            .get(m * self.rows..(m + 1) * self.rows)
            .unwrap_or(&[])
    }
}

impl TrialsPart {
    /// The part as bytes, to pass between a worker and the page: little-endian `u32`s and
    /// floats, each list preceded by its length.
    pub fn to_bytes(&self) -> Vec<u8> {
        let floats = self.run.rows * 6 + self.blocks.len() * 6 * 3;
        let mut out = Vec::with_capacity(32 + floats * 8 + self.run.fan.len() * 4);
        let word = |out: &mut Vec<u8>, x: u32| out.extend_from_slice(&x.to_le_bytes());
        for x in [self.start, self.end, self.reached_target, self.broke_even] {
            word(&mut out, x);
        }
        word(&mut out, self.blocks.len() as u32);
        for mean in self.blocks.iter().flatten() {
            out.extend_from_slice(&mean.sum.to_le_bytes());
            word(&mut out, mean.count);
            word(&mut out, mean.undefined);
        }
        word(&mut out, self.run.rows as u32);
        for column in &self.run.metrics {
            put_floats(&mut out, column);
        }
        word(&mut out, self.run.fan.len() as u32);
        put_floats(&mut out, &self.run.fan);
        out
    }

    /// Reads [`TrialsPart::to_bytes`]; `None` for bytes it did not write (values out of
    /// order included).
    pub fn from_bytes(bytes: &[u8]) -> Option<TrialsPart> {
        let mut read = Reader { bytes, at: 0 };
        let (start, end, reached_target, broke_even) =
            (read.word()?, read.word()?, read.word()?, read.word()?);
        let blocks_len = read.word()? as usize;
        let mut blocks = Vec::with_capacity(blocks_len.min(bytes.len() / 96));
        for _ in 0..blocks_len {
            let mut block = [Mean::default(); 6];
            for mean in &mut block {
                mean.sum = f64::from_le_bytes(read.array()?);
                mean.count = read.word()?;
                mean.undefined = read.word()?;
            }
            blocks.push(block);
        }
        let rows = read.word()? as usize;
        let mut column = || -> Option<Vec<f64>> {
            let bytes = read.slice(rows.checked_mul(8)?)?;
            Some(floats_from_le(bytes))
        };
        let metrics = [
            column()?,
            column()?,
            column()?,
            column()?,
            column()?,
            column()?,
        ];
        let fan_len = read.word()? as usize;
        let fan = floats_from_le(read.slice(fan_len.checked_mul(4)?)?);
        let run = SortedRun { rows, metrics, fan };
        let months = fan_len.checked_div(rows).unwrap_or(0);
        let sorted = run.metrics.iter().all(|c| sorted_runs::is_sorted(c))
            && (0..months).all(|m| sorted_runs::is_sorted(run.month(m)));
        (read.at == bytes.len() && months * rows == fan_len && sorted).then_some(TrialsPart {
            start,
            end,
            blocks,
            run,
            reached_target,
            broke_even,
        })
    }
}

/// Reads little-endian values from bytes, in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

// The part's values to and from bytes as whole slices (a part holds about 1.8 MB of them): on a
// little-endian machine, as wasm32 and x86 are, their memory is their bytes, copied at once.

/// Appends `values` as little-endian bytes.
fn put_floats<T: Pod>(out: &mut Vec<u8>, values: &[T]) {
    let at = out.len();
    out.extend_from_slice(bytemuck::cast_slice(values));
    swap_on_big_endian::<T>(&mut out[at..]);
}

/// Floats from their little-endian bytes (a multiple of their size).
fn floats_from_le<T: Pod>(bytes: &[u8]) -> Vec<T> {
    let mut values = vec![T::zeroed(); bytes.len() / std::mem::size_of::<T>()];
    let target: &mut [u8] = bytemuck::cast_slice_mut(&mut values);
    target.copy_from_slice(&bytes[..target.len()]);
    swap_on_big_endian::<T>(target);
    values
}

/// Between a `T`'s memory and its little-endian bytes, both ways: nothing on a little-endian
/// machine, each value's bytes reversed on a big-endian one.
fn swap_on_big_endian<T>(bytes: &mut [u8]) {
    if cfg!(target_endian = "big") {
        for value in bytes.chunks_exact_mut(std::mem::size_of::<T>()) {
            value.reverse();
        }
    }
}

impl<'a> Reader<'a> {
    fn slice(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.slice(N)?.try_into().ok()
    }

    fn word(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }
}

/// Why a part cannot be run or added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartError {
    /// A part starts or ends inside a block of [`MEAN_BLOCK`] trials (the run's end excepted).
    NotWholeBlocks { start: u32, end: u32 },
    /// The part does not start where the run stands (parts are added in trial order).
    OutOfOrder { start: u32, done: u32 },
    /// The run has run trials itself, or the part's months are not the run's: a run adds
    /// parts of its own set-up only, and runs no trial itself.
    NotThisRun,
}

impl PartialEq for Mean {
    fn eq(&self, other: &Mean) -> bool {
        self.sum.to_bits() == other.sum.to_bits()
            && self.count == other.count
            && self.undefined == other.undefined
    }
}

/// Index of each metric in `MonteCarlo::means`.
const CUSTOMERS: usize = 0;
const REVENUE: usize = 1;
const CAC: usize = 2;
const ROI_REVENUE: usize = 3;
const ROI_MARGIN: usize = 4;
const REQUIRED_LEADS: usize = 5;

/// The values of one trial.
struct Trial {
    customers: f64,
    revenue: f64,
    spend: f64,
    required_leads: Option<f64>,
}

impl MonteCarlo {
    /// Prepares a run of `scenario` with its uncertainty set-up (every input certain, with
    /// the default seed and trials, when it has none). Refuses invalid settings.
    pub fn new(scenario: &Scenario) -> Result<MonteCarlo, MonteCarloError> {
        let errors = validate(scenario);
        if !errors.is_empty() {
            return Err(MonteCarloError::Scenario(errors));
        }
        let default = Uncertainty::default();
        let uncertainty = scenario.uncertainty.as_deref().unwrap_or(&default);
        uncertainty
            .check(scenario)
            .map_err(MonteCarloError::Uncertainty)?;
        let mix = scenario
            .mix()
            .map(|mix| MixRun::new(mix, uncertainty, scenario.stages.len()))
            .transpose()?;
        let typed: Vec<f64> = scenario.stages.iter().map(|s| s.value).collect();
        // Everything but the volume and the rates reads the mix's blended funnel.
        let scenario = &*without_channels(scenario);
        let base = if mix.is_some() {
            typed
        } else {
            scenario.stages.iter().map(|s| s.value).collect()
        };
        let sampler = |input: Uncertain| {
            uncertainty
                .spread(input)
                .map(|spread| spread.sampler(input))
                .transpose()
                .map_err(MonteCarloError::Uncertainty)
        };
        let samplers = Samplers {
            top: sampler(Uncertain::Top)?,
            rates: (0..scenario.stages.len())
                .map(|i| {
                    if i == 0 {
                        Ok(None)
                    } else {
                        sampler(Uncertain::Rate(i))
                    }
                })
                .collect::<Result<_, _>>()?,
            basket: sampler(Uncertain::Basket)?,
            churn: sampler(Uncertain::Churn)?,
        };
        let projection = match scenario.projection.as_deref() {
            Some(projection) => {
                projection.check().map_err(MonteCarloError::Projection)?;
                let plan = Plan::new(projection);
                let stages = scenario.stages.len();
                let team = scenario.team.as_deref().map(|team| TeamRun {
                    months: TeamMonths::new(team, plan.months, stages),
                    lags: (0..stages).map(|i| plan.stage_lag(i, stages)).collect(),
                    conversions: Vec::with_capacity(stages),
                    through: vec![1.0; plan.months],
                });
                Some(ProjectionRun {
                    retention: plan.retention,
                    tops: Vec::with_capacity(plan.months),
                    team,
                    plan,
                })
            }
            None => None,
        };
        let trials = uncertainty.trials;
        let stride = trials.div_ceil(MAX_KEPT_TRIALS).max(1);
        let kept = trials.div_ceil(stride) as usize;
        let stages = scenario.stages.len();
        Ok(MonteCarlo {
            scenario: Scenario {
                sla: None,
                ..scenario.clone()
            },
            base,
            samplers,
            mix,
            projection,
            seed: uncertainty.seed,
            trials,
            done: 0,
            stride,
            customers: Vec::with_capacity(kept),
            revenue: Vec::with_capacity(kept),
            spend: Vec::with_capacity(kept),
            required_leads: Vec::with_capacity(kept),
            // Allocated when the first trial runs or the first part is added: a run whose
            // trials go to workers holds none.
            fan: Vec::new(),
            kept_capacity: kept,
            first_row: 0,
            blocks: Vec::with_capacity(trials.div_ceil(MEAN_BLOCK) as usize),
            block: [Mean::default(); 6],
            reached_target: 0,
            broke_even: 0,
            runs: Vec::new(),
            rates: vec![0.0; stages],
            required: vec![None; stages],
        })
    }

    /// Trials asked for.
    pub fn trials(&self) -> u32 {
        self.trials
    }

    /// Trials run so far.
    pub fn trials_done(&self) -> u32 {
        self.done
    }

    /// Whether every trial has run.
    pub fn done(&self) -> bool {
        self.done >= self.trials
    }

    /// Share of the trials run, 0 to 1.
    pub fn progress(&self) -> f64 {
        ratio(f64::from(self.done), f64::from(self.trials)).map_or(1.0, |p| p.clamp(0.0, 1.0))
    }

    /// Bytes held by the kept values (bounded by [`MAX_KEPT_TRIALS`], whatever the trials).
    pub fn memory_bytes(&self) -> usize {
        (self.customers.capacity()
            + self.revenue.capacity()
            + self.spend.capacity()
            + self.required_leads.capacity())
            * std::mem::size_of::<f64>()
            + self.fan.capacity() * std::mem::size_of::<f32>()
            + self
                .runs
                .iter()
                .map(|run| run.rows * 6 * 8 + run.fan.len() * 4)
                .sum::<usize>()
    }

    /// Months projected (0 without a projection): the fan's rows per kept trial.
    fn months(&self) -> usize {
        self.projection.as_ref().map_or(0, |p| p.plan.months)
    }

    /// The fan's values for every kept trial, allocated once.
    fn hold_fan(&mut self) {
        let months = self.months();
        if self.fan.is_empty() {
            self.fan = vec![0.0; self.kept_capacity * months];
        }
    }

    /// Runs up to `max_trials` more trials; returns how many ran (0 once done, and in a run
    /// that adds parts run elsewhere).
    pub fn step(&mut self, max_trials: u32) -> u32 {
        if !self.runs.is_empty() {
            return 0;
        }
        self.hold_fan();
        let end = self.done.saturating_add(max_trials).min(self.trials);
        let ran = end - self.done;
        for index in self.done..end {
            self.run_trial(index);
        }
        self.done = end;
        ran
    }

    /// Runs every remaining trial and returns the summary.
    pub fn finish(&mut self) -> Summary {
        self.step(u32::MAX);
        self.summary()
    }

    fn run_trial(&mut self, index: u32) {
        let mut rng = trial_rng(self.seed, index);
        let draw = |sampler: &Option<SpreadSampler>, rng: &mut TrialRng, value: f64| {
            sampler.as_ref().map_or(value, |s| s.sample(rng))
        };

        let scenario = &self.scenario;
        for (i, (rate, &base)) in self.rates.iter_mut().zip(&self.base).enumerate() {
            let sampler = if i == 0 {
                &self.samplers.top
            } else {
                &self.samplers.rates[i]
            };
            *rate = draw(sampler, &mut rng, base);
        }
        let basket = draw(&self.samplers.basket, &mut rng, scenario.basket);
        let churn = self
            .samplers
            .churn
            .as_ref()
            .map(|sampler| sampler.sample(&mut rng));
        if let Some(mix) = &mut self.mix {
            mix.blend(&mut self.rates, &mut rng);
        }
        let top = self.rates.first().copied().unwrap_or(0.0);

        // As `funnel::evaluate` computes them.
        let mut count = top;
        for rate in &self.rates[1..] {
            count *= rate / 100.0;
        }
        let customers = finite(count).unwrap_or(0.0);
        let revenue = finite(customers * basket).unwrap_or(0.0);
        let ltv = finite(scenario.customer_ltv_with_basket(basket)).unwrap_or(0.0);
        let cohort_ltv = finite(customers * ltv).unwrap_or(0.0);
        let spend = period_spend(scenario, revenue, cohort_ltv);
        required_counts(
            scenario.target_revenue,
            basket,
            &self.rates,
            &mut self.required,
        );
        let trial = Trial {
            customers,
            revenue,
            spend,
            required_leads: self.required.get(1).copied().flatten(),
        };

        let keep = index.is_multiple_of(self.stride);
        if let Some(projection) = &mut self.projection {
            if let Some(churn) = churn {
                projection.plan.retention = 1.0 - churn / 100.0;
            } else {
                projection.plan.retention = projection.retention;
            }
            let months = scenario.period.months();
            let drivers = Drivers {
                monthly_top: sane(top / months),
                conversion: overall_conversion(&self.rates),
                monthly_spend: sane(spend / months),
                basket: sane(basket),
                purchases_per_year: sane(scenario.purchases_per_year),
                margin: sane(scenario.margin_pct / 100.0),
            };
            let fan = keep.then(|| FanRow {
                values: &mut self.fan,
                row: (index / self.stride) as usize - self.first_row,
                kept: self.kept_capacity,
            });
            let broke_even = project_trial(projection, &drivers, &self.rates, fan);
            if broke_even {
                self.broke_even += 1;
            }
        }
        self.record(&trial, keep);
        if (index + 1).is_multiple_of(MEAN_BLOCK) || index + 1 == self.trials {
            self.blocks.push(std::mem::take(&mut self.block));
        }
    }

    fn record(&mut self, trial: &Trial, keep: bool) {
        let margin = self.scenario.margin_pct / 100.0;
        let metrics = metrics(trial, margin);
        // An index loop over arrays: the size-optimised build would call the zip's `next`.
        let mut i = 0;
        while i < metrics.len() {
            self.block[i].add(metrics[i]);
            i += 1;
        }
        if trial.revenue >= self.scenario.target_revenue {
            self.reached_target += 1;
        }
        if keep {
            self.customers.push(trial.customers);
            self.revenue.push(trial.revenue);
            self.spend.push(trial.spend);
            self.required_leads
                .push(trial.required_leads.unwrap_or(f64::INFINITY));
        }
    }

    /// Every metric's sums so far: the finished blocks' in order, then the block under way.
    fn means(&self) -> [Mean; 6] {
        let mut means = [Mean::default(); 6];
        for block in self.blocks.iter().chain(std::iter::once(&self.block)) {
            for (mean, part) in means.iter_mut().zip(block) {
                mean.absorb(*part);
            }
        }
        means
    }

    /// Each metric's values of the kept trials run here, in the order of `means` (undefined:
    /// +∞).
    fn metric_columns(&self) -> [Vec<f64>; 6] {
        let kept = self.customers.len();
        let margin = self.scenario.margin_pct / 100.0;
        let mut columns: [Vec<f64>; 6] = std::array::from_fn(|_| vec![0.0; kept]);
        // Index loops over slices, not `Vec`s: the size-optimised build would call `Vec`'s
        // `Index` and the iterator adapters per value.
        let (customers, revenue, spend, required_leads) = (
            &self.customers[..],
            &self.revenue[..],
            &self.spend[..],
            &self.required_leads[..],
        );
        let [c0, c1, c2, c3, c4, c5] = &mut columns;
        let (c0, c1, c2, c3, c4, c5) = (
            &mut c0[..],
            &mut c1[..],
            &mut c2[..],
            &mut c3[..],
            &mut c4[..],
            &mut c5[..],
        );
        let mut i = 0;
        while i < kept {
            let trial = Trial {
                customers: customers[i],
                revenue: revenue[i],
                spend: spend[i],
                required_leads: finite(required_leads[i]),
            };
            let [m0, m1, m2, m3, m4, m5] =
                metrics(&trial, margin).map(|value| value.unwrap_or(f64::INFINITY));
            c0[i] = m0;
            c1[i] = m1;
            c2[i] = m2;
            c3[i] = m3;
            c4[i] = m4;
            c5[i] = m5;
            i += 1;
        }
        columns
    }

    /// Runs the trials `start..end` of this run on their own (what one worker does), leaving
    /// this run as it is. Both ends must be block boundaries ([`MEAN_BLOCK`]), the run's end
    /// excepted, so that the parts added in order give this run's own bits.
    pub fn part(&self, start: u32, end: u32) -> Result<TrialsPart, PartError> {
        let end = end.min(self.trials);
        let whole = |at: u32| at.is_multiple_of(MEAN_BLOCK) || at == self.trials;
        if start > end || !whole(start) || !whole(end) {
            return Err(PartError::NotWholeBlocks { start, end });
        }
        let first_row = start.div_ceil(self.stride) as usize;
        let rows = end.div_ceil(self.stride) as usize - first_row;
        let months = self.months();
        let mut part = MonteCarlo {
            scenario: self.scenario.clone(),
            base: self.base.clone(),
            samplers: self.samplers.clone(),
            mix: self.mix.clone(),
            projection: self.projection.clone(),
            seed: self.seed,
            trials: self.trials,
            done: start,
            stride: self.stride,
            customers: Vec::with_capacity(rows),
            revenue: Vec::with_capacity(rows),
            spend: Vec::with_capacity(rows),
            required_leads: Vec::with_capacity(rows),
            fan: vec![0.0; rows * months],
            kept_capacity: rows,
            first_row,
            blocks: Vec::new(),
            block: [Mean::default(); 6],
            reached_target: 0,
            broke_even: 0,
            runs: Vec::new(),
            rates: self.rates.clone(),
            required: self.required.clone(),
        };
        part.step(end - start);
        // Sorted here, in the worker: the run's summary then only searches the parts' runs.
        let mut metrics = part.metric_columns();
        for column in &mut metrics {
            sorted_runs::sort(column);
        }
        let mut fan = std::mem::take(&mut part.fan);
        if rows > 0 {
            for month in fan.chunks_exact_mut(rows) {
                sorted_runs::sort(month);
            }
        }
        Ok(TrialsPart {
            start,
            end,
            blocks: part.blocks,
            run: SortedRun { rows, metrics, fan },
            reached_target: part.reached_target,
            broke_even: part.broke_even,
        })
    }

    /// Adds a part run elsewhere ([`MonteCarlo::part`]); parts come in trial order.
    pub fn absorb(&mut self, part: TrialsPart) -> Result<(), PartError> {
        if part.start != self.done || self.block != [Mean::default(); 6] {
            return Err(PartError::OutOfOrder {
                start: part.start,
                done: self.done,
            });
        }
        if !self.customers.is_empty() || part.run.fan.len() != part.run.rows * self.months() {
            return Err(PartError::NotThisRun);
        }
        self.runs.push(part.run);
        self.blocks.extend(part.blocks);
        self.reached_target += part.reached_target;
        self.broke_even += part.broke_even;
        self.done = part.end;
        Ok(())
    }

    /// What the trials run so far say (cheap enough to call after every chunk: a few
    /// linear-time selections over the kept values).
    pub fn summary(&self) -> Summary {
        let months = self.months();
        let (kept, quantiles, revenue_histogram, fan) = if self.runs.is_empty() {
            let kept = self.customers.len();
            (
                kept,
                self.metric_columns()
                    .map(|mut values| quantiles(&mut values)),
                histogram(&self.revenue),
                fan(&self.fan, months, self.kept_capacity, kept),
            )
        } else {
            let kept = self.runs.iter().map(|run| run.rows).sum();
            let metric = |i: usize| -> Vec<&[f64]> {
                self.runs.iter().map(|run| &run.metrics[i][..]).collect()
            };
            (
                kept,
                std::array::from_fn(|i| quantiles_of_runs(&metric(i), kept)),
                histogram_of_runs(&metric(REVENUE)),
                (0..if kept == 0 { 0 } else { months })
                    .map(|m| {
                        let runs: Vec<&[f32]> = self.runs.iter().map(|run| run.month(m)).collect();
                        let [p10, p50, p90] = [10, 50, 90].map(|pct| {
                            sorted_runs::nth(&runs, rank(kept, pct) - 1)
                                .and_then(|v| finite(f64::from(v)))
                                .unwrap_or(0.0)
                        });
                        FanMonth {
                            month: m as u32 + 1,
                            p10,
                            p50,
                            p90,
                        }
                    })
                    .collect(),
            )
        };
        let [customers, revenue, cac, roi_revenue, roi_margin, required_leads] = quantiles;
        let means = self.means();
        let with_mean = |q: Quantiles, metric: usize| Quantiles {
            mean: means[metric].value(),
            ..q
        };
        Summary {
            trials: self.trials,
            trials_done: self.done,
            kept_trials: kept as u32,
            customers: with_mean(customers, CUSTOMERS),
            revenue: with_mean(revenue, REVENUE),
            cac: with_mean(cac, CAC),
            roi_revenue: with_mean(roi_revenue, ROI_REVENUE),
            roi_margin: with_mean(roi_margin, ROI_MARGIN),
            required_leads: with_mean(required_leads, REQUIRED_LEADS),
            revenue_histogram,
            target: self.scenario.target_revenue,
            target_probability: ratio(f64::from(self.reached_target), f64::from(self.done)),
            fan,
            break_even_probability: self
                .projection
                .as_ref()
                .and_then(|_| ratio(f64::from(self.broke_even), f64::from(self.done))),
        }
    }
}

/// Runs every trial of `scenario`'s Monte Carlo at once (tests, native tools).
pub fn simulate(scenario: &Scenario) -> Result<Summary, MonteCarloError> {
    Ok(MonteCarlo::new(scenario)?.finish())
}

/// Top → customers as a fraction, as [`crate::model::forecast::projection`] computes it.
fn overall_conversion(values: &[f64]) -> f64 {
    values
        .iter()
        .skip(1)
        .fold(1.0, |conversion, value| sane(conversion * (value / 100.0)))
}

/// The metrics of one trial, in the order of `MonteCarlo::means`.
fn metrics(trial: &Trial, margin: f64) -> [Option<f64>; 6] {
    let gross_margin = finite(trial.revenue * margin).unwrap_or(0.0);
    [
        Some(trial.customers),
        Some(trial.revenue),
        ratio(trial.spend, trial.customers),
        ratio(trial.revenue - trial.spend, trial.spend),
        ratio(gross_margin - trial.spend, trial.spend),
        trial.required_leads,
    ]
}

/// Where a kept trial writes its cumulative revenue.
struct FanRow<'a> {
    values: &'a mut [f32],
    row: usize,
    kept: usize,
}

/// Projects one trial month by month (as [`crate::model::forecast::projection::project`] does), writing its
/// cumulative revenue into `fan` when the trial is kept; whether it breaks even.
fn project_trial(
    run: &mut ProjectionRun,
    drivers: &Drivers,
    rates: &[f64],
    mut fan: Option<FanRow<'_>>,
) -> bool {
    let plan = &run.plan;
    monthly_tops(plan, drivers, &mut run.tops);
    // With a sales team, each role works at most its month's capacity (as the projection
    // computes it): the cohorts it cannot work go no further.
    if let Some(team) = &mut run.team {
        team.conversions.clear();
        team.conversions
            .extend(cumulative_conversions(rates.iter().copied()));
        team.through.fill(1.0);
        team.months.let_through(
            &run.tops,
            &team.conversions,
            &team.lags,
            &mut team.through,
            |_, _, _, _| {},
        );
        for (top, share) in run.tops.iter_mut().zip(&team.through) {
            *top *= share;
        }
    }
    let (mut active, mut revenue, mut margin, mut spend) = (0.0, 0.0, 0.0, 0.0);
    let mut broke_even = false;
    for m in 0..plan.months {
        let new_customers = sane(plan.customer_lag.arriving(&run.tops, m) * drivers.conversion);
        let money = MonthMoney::of(plan, drivers, new_customers, active);
        active = money.active;
        revenue = accumulate(revenue, money.revenue);
        margin = accumulate(margin, money.gross_margin);
        spend = accumulate(spend, plan.spend(drivers, m));
        broke_even |= margin > 0.0 && margin >= spend;
        if let Some(fan) = fan.as_mut() {
            if let Some(slot) = fan.values.get_mut(m * fan.kept + fan.row) {
                *slot = to_f32(revenue);
            }
        }
    }
    broke_even
}

/// `x` (finite, not negative) as an `f32`, saturating at `f32::MAX`.
fn to_f32(x: f64) -> f32 {
    (x as f32).min(f32::MAX)
}

/// Nearest rank `⌈pct × n ÷ 100⌉` (from 1) among `n` values.
fn rank(n: usize, pct: usize) -> usize {
    (n * pct).div_ceil(100).clamp(1, n)
}

/// P10, P50 and P90 of `values` (reordered) by nearest rank, `None` when there are none or
/// the value is not finite. P50 is selected first; P10 is then selected among the values
/// below it and P90 among those above, so the three cost about two passes.
fn p10_p50_p90<T: Copy + Into<f64>>(
    values: &mut [T],
    // Generic, not a function pointer: the comparison is inlined into the selection.
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Copy,
) -> [Option<f64>; 3] {
    let n = values.len();
    if n == 0 {
        return [None; 3];
    }
    let (r10, r50, r90) = (rank(n, 10) - 1, rank(n, 50) - 1, rank(n, 90) - 1);
    let (below, median, above) = values.select_nth_unstable_by(r50, cmp);
    let median = *median;
    let p10 = if r10 < r50 {
        *below.select_nth_unstable_by(r10, cmp).1
    } else {
        median
    };
    let p90 = if r90 > r50 {
        *above.select_nth_unstable_by(r90 - r50 - 1, cmp).1
    } else {
        median
    };
    [p10, median, p90].map(|v| finite(v.into()))
}

fn quantiles(values: &mut [f64]) -> Quantiles {
    let [p10, p50, p90] = p10_p50_p90(values, f64::total_cmp);
    Quantiles {
        p10,
        p50,
        p90,
        mean: None,
    }
}

/// P10, P50 and P90 of the `kept` values of sorted `runs` (as [`quantiles`] of them together).
fn quantiles_of_runs(runs: &[&[f64]], kept: usize) -> Quantiles {
    let [p10, p50, p90] = [10, 50, 90].map(|pct| {
        if kept == 0 {
            None
        } else {
            sorted_runs::nth(runs, rank(kept, pct) - 1).and_then(finite)
        }
    });
    Quantiles {
        p10,
        p50,
        p90,
        mean: None,
    }
}

/// The bin of `v` in a histogram from `lower` in bins of `width`.
#[inline]
fn bin_of(v: f64, lower: f64, width: f64) -> usize {
    if width > 0.0 && width.is_finite() {
        (((v - lower) / width) as usize).min(HISTOGRAM_BINS - 1)
    } else {
        0
    }
}

/// [`histogram`] of the values of sorted `runs` together: a value's bin only grows with it,
/// so each bin's count is read off each run by binary searches.
fn histogram_of_runs(runs: &[&[f64]]) -> Histogram {
    let Some((lower, upper)) = sorted_runs::bounds(runs) else {
        return Histogram::default();
    };
    let width = (upper - lower) / HISTOGRAM_BINS as f64;
    let mut below = 0;
    let counts = (1..=HISTOGRAM_BINS)
        .map(|bin| {
            let upto = if bin == HISTOGRAM_BINS {
                runs.iter().map(|run| run.len()).sum()
            } else {
                sorted_runs::count_below(runs, |v| bin_of(v, lower, width) < bin)
            };
            let count = upto - below;
            below = upto;
            count as u32
        })
        .collect();
    Histogram {
        lower,
        upper,
        counts,
    }
}

fn histogram(values: &[f64]) -> Histogram {
    let Some(lower) = values.iter().copied().min_by(f64::total_cmp) else {
        return Histogram::default();
    };
    let upper = values
        .iter()
        .copied()
        .max_by(f64::total_cmp)
        .unwrap_or(lower);
    let mut counts = vec![0u32; HISTOGRAM_BINS];
    let width = (upper - lower) / HISTOGRAM_BINS as f64;
    for &v in values {
        counts[bin_of(v, lower, width)] += 1;
    }
    Histogram {
        lower,
        upper,
        counts,
    }
}

/// The fan from the first `kept` rows of each month (`capacity` rows per month).
fn fan(values: &[f32], months: usize, capacity: usize, kept: usize) -> Vec<FanMonth> {
    if months == 0 || kept == 0 || kept > capacity || values.len() < months * capacity {
        return Vec::new();
    }
    let mut column: Vec<f32> = Vec::with_capacity(kept);
    (0..months)
        .map(|m| {
            column.clear();
            column.extend_from_slice(&values[m * capacity..m * capacity + kept]);
            let [p10, p50, p90] =
                p10_p50_p90(&mut column, f32::total_cmp).map(|v| v.unwrap_or(0.0));
            FanMonth {
                month: m as u32 + 1,
                p10,
                p50,
                p90,
            }
        })
        .collect()
}
