//! Sensitivity ("which lever matters most"): moves each input down and up by a step and
//! records every metric, for the tornado chart, plus which stage to fix first.
//!
//! The levers are, in this order (the order ties keep): the top volume, every stage
//! conversion rate, the average basket, the active spend field (`Spend` in amount mode,
//! `SpendPct` otherwise) and the gross margin. Each moved value is clamped to the field's
//! [`FieldId::bounds`], so a rate at 98 % moved up by 10 points stops at 100 %.
//!
//! # Ties are real, not a bug
//!
//! Customers = top × Π rates, so with [`StepMode::Relative`] steps the top volume and every
//! stage rate move customers (and revenue = customers × basket) by exactly the same ±step %:
//! their tornado bars are equally long and they keep the lever order. Relative steps answer
//! "which input is proportionally most powerful"; to ask "which stage would gain most from
//! the same absolute improvement", use [`StepMode::Points`] (rates and margin move by
//! percentage points, so a low rate gains far more from +10 points than a high one), or read
//! [`Sensitivity::fix_first`], which compares +1 point on every stage.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::model::funnel::forward::{evaluate, FunnelResult};
use crate::model::funnel::metric::Metric;
use crate::model::funnel::scenario::{Scenario, SpendMode};
use crate::model::funnel::validate::{parse_number, validate, FieldError, FieldId};
use crate::model::num::{finite, ratio};

crate::texts! {
    /// Step labels and errors of the sensitivity.
    enum SensitivityText {
        StepRelative => "±{step} %", "±{step}\u{202f}%";
        StepPoints => "±{step} points", "±{step} points";
        InvalidStep => "The step must be more than 0 and at most 100.",
            "Le pas doit être supérieur à 0 et inférieur ou égal à 100.";
        InvalidScenario => "The scenario has an invalid field ({error}).",
            "Le scénario contient un champ invalide ({error}).";
    }
}

/// A number as typed, with the decimal mark of the language in use: 2.5 → "2.5" ("2,5").
pub(crate) fn plain_number(x: f64) -> String {
    let text = format!("{}", x + 0.0);
    match crate::model::i18n::lang() {
        crate::model::i18n::Lang::En => text,
        crate::model::i18n::Lang::Fr => text.replace('.', ","),
    }
}

/// How a lever is moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepMode {
    /// Every lever moves to value × (1 ± step / 100).
    #[default]
    Relative,
    /// Stage rates and the margin move by ± step percentage points; the other levers
    /// (volume, basket, spend) still move by ± step %.
    Points,
}

/// The step applied to each lever.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SensitivitySettings {
    /// Size of the step: a percentage of the value (relative) or percentage points; 0 < step ≤ 100.
    pub step_pct: f64,
    pub mode: StepMode,
}

impl Default for SensitivitySettings {
    fn default() -> SensitivitySettings {
        SensitivitySettings {
            step_pct: 10.0,
            mode: StepMode::Relative,
        }
    }
}

impl SensitivitySettings {
    /// Checks that the step is a number with 0 < step ≤ 100.
    pub fn validate(&self) -> Result<(), SensitivityError> {
        if self.step_pct.is_finite() && self.step_pct > 0.0 && self.step_pct <= 100.0 {
            Ok(())
        } else {
            Err(SensitivityError::InvalidStep(self.step_pct))
        }
    }

    /// Reads a step as typed ("10", "2,5"): a number above 0 and at most 100.
    pub fn read_step(text: &str) -> Result<f64, SensitivityError> {
        let step_pct = parse_number(text).unwrap_or(f64::NAN);
        SensitivitySettings {
            step_pct,
            ..SensitivitySettings::default()
        }
        .validate()
        .map(|()| step_pct)
    }

    /// True when `lever` moves by percentage points rather than relatively.
    pub fn moves_in_points(&self, lever: FieldId) -> bool {
        self.mode == StepMode::Points && matches!(lever, FieldId::StageRate(_) | FieldId::Margin)
    }

    /// The step for people: "±10 %", or "±10 points" in points mode.
    pub fn step_label(&self) -> String {
        let step = plain_number(self.step_pct);
        match self.mode {
            StepMode::Relative => SensitivityText::StepRelative,
            StepMode::Points => SensitivityText::StepPoints,
        }
        .fill(&[("step", &step)])
    }

    /// The value `lever` takes when moved from `base` in `direction` (−1 down, +1 up),
    /// clamped to the lever's bounds.
    pub fn moved(&self, lever: FieldId, base: f64, direction: f64) -> f64 {
        self.moved_within(base, direction, self.moves_in_points(lever), lever.bounds())
    }

    /// `base` moved in `direction` (−1 down, +1 up) by the step: by ± step when `in_points`
    /// (a value in percent), otherwise by ± step % of itself; clamped to `(min, max)`.
    pub fn moved_within(
        &self,
        base: f64,
        direction: f64,
        in_points: bool,
        (min, max): (f64, f64),
    ) -> f64 {
        let moved = if in_points {
            base + direction * self.step_pct
        } else {
            base * (1.0 + direction * self.step_pct / 100.0)
        };
        // `max`/`min` rather than `clamp`: clamp keeps NaN, these drop it for the bound.
        moved.max(min).min(max) + 0.0
    }
}

/// Why a sensitivity cannot be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum SensitivityError {
    /// The step is not a number with 0 < step ≤ 100 (the value given).
    InvalidStep(f64),
    /// The scenario has an invalid field (the first one found).
    InvalidScenario(FieldError),
}

impl fmt::Display for SensitivityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SensitivityError::InvalidStep(_) => SensitivityText::InvalidStep.text().to_owned(),
            SensitivityError::InvalidScenario(e) => {
                SensitivityText::InvalidScenario.fill(&[("error", &e.to_string())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SensitivityError {}

/// One value per [`Metric`] (None where undefined; every `Some` is finite).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MetricValues([Option<f64>; Metric::ALL.len()]);

fn metric_index(metric: Metric) -> usize {
    match metric {
        Metric::Revenue => 0,
        Metric::Customers => 1,
        Metric::Cac => 2,
        Metric::RoiRevenue => 3,
        Metric::RoiMargin => 4,
    }
}

impl MetricValues {
    /// Every metric of a forward result.
    pub fn of(result: &FunnelResult) -> MetricValues {
        let mut values = [None; Metric::ALL.len()];
        for metric in Metric::ALL {
            values[metric_index(metric)] = metric.of(result).filter(|v| v.is_finite());
        }
        MetricValues(values)
    }

    /// The value of `metric` (None when undefined).
    pub fn get(&self, metric: Metric) -> Option<f64> {
        self.0[metric_index(metric)]
    }

    /// (metric, value) pairs in [`Metric::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Metric, Option<f64>)> + '_ {
        Metric::ALL.into_iter().map(|m| (m, self.get(m)))
    }
}

/// Serialised as a map keyed by [`Metric::key`] (`{"revenue": 1350000, "cac": null, …}`).
impl Serialize for MetricValues {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Metric::ALL.len()))?;
        for (metric, value) in self.iter() {
            map.serialize_entry(metric.key(), &value)?;
        }
        map.end()
    }
}

fn serialize_lever<S: Serializer>(lever: &FieldId, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&lever.key())
}

/// The effect of moving one lever down and up by the step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverEffect {
    /// Serialised as its [`FieldId::key`].
    #[serde(serialize_with = "serialize_lever")]
    pub lever: FieldId,
    /// [`FieldId::label`] in the scenario ("Leads → MQL rate").
    pub label: String,
    pub base_value: f64,
    /// The lever's value after the step down (clamped to its bounds).
    pub low_value: f64,
    /// The lever's value after the step up (clamped to its bounds).
    pub high_value: f64,
    /// Every metric after the step down.
    pub low: MetricValues,
    /// Every metric after the step up.
    pub high: MetricValues,
    /// Every metric of the unmoved scenario (the same as [`Sensitivity::base`]; kept here so
    /// an effect knows its own swing).
    #[serde(skip)]
    pub base: MetricValues,
}

impl LeverEffect {
    /// How far the step down and the step up spread `metric`: |high − low|. When one side
    /// is undefined (CAC with no customer left, ROI with no spend), only the defined side's
    /// distance from the base value counts; when nothing can be compared the swing is 0.
    /// Always finite and ≥ 0.
    pub fn swing(&self, metric: Metric) -> f64 {
        swing(
            self.low.get(metric),
            self.high.get(metric),
            self.base.get(metric),
        )
    }

    /// The signed change of `metric` from the base after the step down (None when either
    /// value is undefined).
    pub fn low_change(&self, metric: Metric) -> Option<f64> {
        change(self.base.get(metric), self.low.get(metric))
    }

    /// The signed change of `metric` from the base after the step up (None when either
    /// value is undefined).
    pub fn high_change(&self, metric: Metric) -> Option<f64> {
        change(self.base.get(metric), self.high.get(metric))
    }
}

/// How far a step down and a step up spread a value: |high − low|. When one side is
/// undefined only the defined side's distance from `base` counts; when nothing can be
/// compared the swing is 0. Always finite and ≥ 0.
pub fn swing(low: Option<f64>, high: Option<f64>, base: Option<f64>) -> f64 {
    let swing = match (low, high, base) {
        (Some(low), Some(high), _) => (high - low).abs(),
        (Some(side), None, Some(base)) | (None, Some(side), Some(base)) => (side - base).abs(),
        _ => 0.0,
    };
    finite(swing).unwrap_or(0.0)
}

/// The signed change from `base` to `moved` (None when either is undefined).
pub fn change(base: Option<f64>, moved: Option<f64>) -> Option<f64> {
    finite(moved? - base?)
}

/// "Which stage should we fix first": the stage whose rate gains the most customers from
/// +1 percentage point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FixFirst {
    /// Stage index (≥ 1): its conversion rate from the previous stage is the one to improve.
    pub stage: usize,
    /// Extra customers from that improvement, in % of today's customers (40 = +40 %).
    pub extra_customers_pct: f64,
    /// Extra customers per period, as a count.
    pub extra_customers: f64,
    /// Percentage points actually added: 1, or less for a rate above 99 % (capped at 100).
    pub points: f64,
}

/// The sensitivity of a scenario: its metrics, and the effect of every lever.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Every metric of the scenario as it is.
    pub base: MetricValues,
    /// One entry per lever, in lever order (top, rates, basket, spend, margin).
    pub effects: Vec<LeverEffect>,
    /// None when every stage rate is already 100 % or the scenario has no customers
    /// (a zero volume or a zero rate: the relative gain is undefined; the zero is the problem).
    pub fix_first: Option<FixFirst>,
}

impl Sensitivity {
    /// The effects sorted by [`LeverEffect::swing`] on `metric`, largest first. An undefined
    /// side counts for nothing (only the defined side's distance from the base counts);
    /// swings equal to 9 significant digits are ties and keep the lever order (see the module
    /// documentation: with relative steps the volume and every rate tie on customers and
    /// revenue).
    pub fn ranked(&self, metric: Metric) -> Vec<&LeverEffect> {
        by_swing(&self.effects, |e| e.swing(metric))
    }

    /// The largest swing on `metric` over every lever (0 when there is none).
    pub fn max_swing(&self, metric: Metric) -> f64 {
        self.effects
            .iter()
            .map(|e| e.swing(metric))
            .fold(0.0, f64::max)
    }
}

/// `items` sorted by `swing`, largest first; swings equal to 9 significant digits are ties
/// and keep the order of `items` (a stable sort).
pub fn by_swing<T>(items: &[T], swing: impl Fn(&T) -> f64) -> Vec<&T> {
    let mut keyed: Vec<(f64, &T)> = items.iter().map(|e| (significant(swing(e)), e)).collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
    keyed.into_iter().map(|(_, e)| e).collect()
}

/// `x` rounded to 9 significant digits, so that swings that differ only by floating-point
/// noise compare equal.
fn significant(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(8 - x.abs().log10().floor() as i32);
    let rounded = (x * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

/// The levers of `scenario`, in order: top volume, every stage rate, basket, the active
/// spend field, margin.
pub fn levers(scenario: &Scenario) -> Vec<FieldId> {
    let spend = match scenario.spend_mode {
        SpendMode::Amount => FieldId::Spend,
        SpendMode::PctRevenue | SpendMode::PctLtv => FieldId::SpendPct,
    };
    match scenario.mix() {
        // Planned by channel: every channel's spend and cost per unit instead of the top
        // count and the spend the mix brings.
        Some(mix) => channel_levers(scenario, mix.channels.len())
            .into_iter()
            .chain((1..scenario.stages.len()).map(FieldId::StageRate))
            .chain([FieldId::Basket, FieldId::Margin])
            .collect(),
        None => std::iter::once(FieldId::Top)
            .chain((1..scenario.stages.len()).map(FieldId::StageRate))
            .chain([FieldId::Basket, spend, FieldId::Margin])
            .collect(),
    }
}

/// Each channel's spend, then its cost per unit where it has one (a cost per lead or visit).
pub fn channel_levers(scenario: &Scenario, channels: usize) -> Vec<FieldId> {
    (0..channels)
        .flat_map(|i| [FieldId::ChannelSpend(i), FieldId::ChannelCost(i)])
        .filter(|lever| lever.value_in(scenario).is_some())
        .collect()
}

/// Moves every lever of `scenario` down and up by the step of `settings` and records every
/// metric, and finds the stage to fix first.
pub fn sensitivity(
    scenario: &Scenario,
    settings: &SensitivitySettings,
) -> Result<Sensitivity, SensitivityError> {
    settings.validate()?;
    if let Some(error) = validate(scenario).into_iter().next() {
        return Err(SensitivityError::InvalidScenario(error));
    }
    let base_result = evaluate(scenario);
    let base = MetricValues::of(&base_result);
    let mut work = scenario.clone();
    let mut metrics_at = |lever: FieldId, value: f64, base_value: f64| {
        lever.set_in(&mut work, value);
        let values = MetricValues::of(&evaluate(&work));
        lever.set_in(&mut work, base_value);
        values
    };
    let effects = levers(scenario)
        .into_iter()
        .filter_map(|lever| {
            let base_value = lever.value_in(scenario)?;
            let low_value = settings.moved(lever, base_value, -1.0);
            let high_value = settings.moved(lever, base_value, 1.0);
            Some(LeverEffect {
                lever,
                label: lever.label(scenario),
                base_value,
                low_value,
                high_value,
                low: metrics_at(lever, low_value, base_value),
                high: metrics_at(lever, high_value, base_value),
                base,
            })
        })
        .collect();
    Ok(Sensitivity {
        base,
        effects,
        fix_first: fix_first(scenario, base_result.customers),
    })
}

/// The stage (≥ 1) whose rate gains the most customers from +1 percentage point (capped at
/// 100 %); the first one on ties.
fn fix_first(scenario: &Scenario, base_customers: f64) -> Option<FixFirst> {
    if base_customers <= 0.0 {
        return None;
    }
    let mut work = scenario.clone();
    let mut best: Option<FixFirst> = None;
    for stage in 1..scenario.stages.len() {
        let rate = scenario.stages[stage].value;
        if rate >= 100.0 {
            continue;
        }
        let improved = (rate + 1.0).min(100.0);
        work.stages[stage].value = improved;
        let extra = evaluate(&work).customers - base_customers;
        work.stages[stage].value = rate;
        let Some(extra_pct) = ratio(extra * 100.0, base_customers) else {
            continue;
        };
        if best.is_none_or(|b| extra > b.extra_customers) {
            best = Some(FixFirst {
                stage,
                extra_customers_pct: extra_pct,
                extra_customers: extra,
                points: improved - rate,
            });
        }
    }
    best
}
