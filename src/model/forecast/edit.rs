//! Editing the forecast: the projection settings and the Monte Carlo set-up, one edit at a
//! time; what the user typed is kept with its error next to the field, and the last valid
//! settings are never replaced by bad input.

use crate::model::drafts::Drafts;
use std::fmt;
use std::sync::Arc;

use crate::model::forecast::projection::{
    Growth, Projection, ProjectionError, RevenueModel, MAX_MONTHS,
};
use crate::model::forecast::uncertainty::{
    Spread, Uncertain, Uncertainty, UncertaintyError, MAX_TRIALS,
};
use crate::model::funnel::scenario::Scenario;
use crate::model::funnel::validate::{parse_number, ErrorKind};

crate::texts! {
    /// What is wrong with a typed forecast value (the other messages are the model's).
    enum ForecastEditText {
        NotWhole => "Enter a whole number.", "Saisissez un nombre entier.";
    }
}

/// Growth a new "growing" projection starts with, percent a month.
const DEFAULT_GROWTH_PCT: f64 = 5.0;
/// How far a new range reaches either side of the current value (±20 %).
const DEFAULT_RANGE: f64 = 0.2;
/// Trials a new "observed counts" spread starts with.
const DEFAULT_OBSERVED_TRIALS: u64 = 100;

/// A field of the forecast form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ForecastField {
    Months,
    StartMonth,
    SalesCycle,
    Churn,
    Upsell,
    GrowthPct,
    /// The weight of a calendar month, 0 = January.
    SeasonWeight(usize),
    Seed,
    Trials,
    Low(Uncertain),
    Likely(Uncertain),
    High(Uncertain),
    Successes(Uncertain),
    Observed(Uncertain),
}

/// The element id part of an uncertain input: `top`, `rate-2`, `basket`, `churn`, `cpl-0`.
pub fn input_key(input: Uncertain) -> String {
    match input {
        Uncertain::Top => "top".into(),
        Uncertain::Rate(i) => format!("rate-{i}"),
        Uncertain::Basket => "basket".into(),
        Uncertain::Churn => "churn".into(),
        Uncertain::ChannelCost(i) => format!("cpl-{i}"),
    }
}

impl ForecastField {
    /// The element id in the page: `fc-months`, `fc-low-rate-2`, …
    pub fn key(self) -> String {
        match self {
            ForecastField::Months => "fc-months".into(),
            ForecastField::StartMonth => "fc-start".into(),
            ForecastField::SalesCycle => "fc-cycle".into(),
            ForecastField::Churn => "fc-churn".into(),
            ForecastField::Upsell => "fc-upsell".into(),
            ForecastField::GrowthPct => "fc-growth".into(),
            ForecastField::SeasonWeight(m) => format!("fc-season-{m}"),
            ForecastField::Seed => "fc-seed".into(),
            ForecastField::Trials => "fc-trials".into(),
            ForecastField::Low(input) => format!("fc-low-{}", input_key(input)),
            ForecastField::Likely(input) => format!("fc-likely-{}", input_key(input)),
            ForecastField::High(input) => format!("fc-high-{}", input_key(input)),
            ForecastField::Successes(input) => format!("fc-successes-{}", input_key(input)),
            ForecastField::Observed(input) => format!("fc-observed-{}", input_key(input)),
        }
    }

    /// The uncertain input the field belongs to, if any.
    fn input(self) -> Option<Uncertain> {
        match self {
            ForecastField::Low(i)
            | ForecastField::Likely(i)
            | ForecastField::High(i)
            | ForecastField::Successes(i)
            | ForecastField::Observed(i) => Some(i),
            _ => None,
        }
    }
}

/// What is wrong with a typed forecast value.
#[derive(Clone, Debug, PartialEq)]
pub enum ForecastInputError {
    Number(ErrorKind),
    /// Months, seeds, trials and counts are whole numbers.
    NotWhole,
    Projection(ProjectionError),
    Uncertainty(UncertaintyError),
}

impl fmt::Display for ForecastInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForecastInputError::Number(kind) => write!(f, "{kind}"),
            ForecastInputError::NotWhole => f.write_str(ForecastEditText::NotWhole.text()),
            ForecastInputError::Projection(error) => write!(f, "{error}"),
            ForecastInputError::Uncertainty(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ForecastInputError {}

/// How the volume grows, as a choice in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrowthKind {
    Flat,
    Growing,
    Seasonal,
}

impl GrowthKind {
    pub const ALL: [GrowthKind; 3] = [GrowthKind::Flat, GrowthKind::Growing, GrowthKind::Seasonal];

    pub fn of(growth: &Growth) -> GrowthKind {
        match growth {
            Growth::Flat => GrowthKind::Flat,
            Growth::Growing { .. } => GrowthKind::Growing,
            Growth::Seasonal { .. } => GrowthKind::Seasonal,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            GrowthKind::Flat => "flat",
            GrowthKind::Growing => "growing",
            GrowthKind::Seasonal => "seasonal",
        }
    }

    pub fn from_key(key: &str) -> Option<GrowthKind> {
        GrowthKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// How an input is given, as a choice in the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpreadKind {
    /// The scenario's value in every trial.
    Certain,
    Range,
    Observed,
}

impl SpreadKind {
    pub const ALL: [SpreadKind; 3] = [SpreadKind::Certain, SpreadKind::Range, SpreadKind::Observed];

    pub fn of(spread: Option<&Spread>) -> SpreadKind {
        match spread {
            None => SpreadKind::Certain,
            Some(Spread::Range { .. }) => SpreadKind::Range,
            Some(Spread::Observed { .. }) => SpreadKind::Observed,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SpreadKind::Certain => "certain",
            SpreadKind::Range => "range",
            SpreadKind::Observed => "observed",
        }
    }

    pub fn from_key(key: &str) -> Option<SpreadKind> {
        SpreadKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One edit of the forecast.
#[derive(Clone, Debug, PartialEq)]
pub enum ForecastEdit {
    /// Adds the projection with settings that suit the scenario (when it has none).
    StartProjection,
    RemoveProjection,
    /// Adds the Monte Carlo set-up (when there is none): ±20 % ranges on every rate.
    StartUncertainty,
    RemoveUncertainty,
    /// Text typed into a field.
    Text(ForecastField, String),
    Growth(GrowthKind),
    RevenueModel(RevenueModel),
    /// How an input is given; a new range or count starts from the scenario's value.
    SpreadKind(Uncertain, SpreadKind),
    /// A new random seed (drawn by the page).
    Seed(u64),
    /// The sales cycle measured in a CRM export, in days: the projection (started if there is
    /// none) takes it, within the cycle's bounds.
    MeasuredCycle(f64),
}

/// The forecast form's drafts and errors (the settings live in the scenario).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ForecastDrafts {
    /// What the user typed that is not the settings' value, with the problems.
    drafts: Drafts<ForecastField, ForecastInputError>,
}

/// A whole number (spaces and a trailing ".0" allowed).
fn whole(raw: &str) -> Result<u64, ForecastInputError> {
    let value = parse_number(raw).map_err(ForecastInputError::Number)?;
    if value < 0.0 {
        Err(ForecastInputError::Number(ErrorKind::Negative))
    } else if value.fract() != 0.0 || value > 1e15 {
        Err(ForecastInputError::NotWhole)
    } else {
        Ok(value as u64)
    }
}

fn number(raw: &str) -> Result<f64, ForecastInputError> {
    parse_number(raw).map_err(ForecastInputError::Number)
}

/// A ±20 % range around `value`, within the input's bounds and rounded to what people type.
fn range_around(input: Uncertain, value: f64) -> Spread {
    let (min, max) = input.bounds();
    let tidy = |x: f64| {
        let x = x.clamp(min, max);
        if x.abs() >= 100.0 {
            x.round()
        } else {
            (x * 100.0).round() / 100.0
        }
    };
    let likely = tidy(value);
    Spread::Range {
        low: tidy(value * (1.0 - DEFAULT_RANGE)).min(likely),
        likely,
        high: tidy(value * (1.0 + DEFAULT_RANGE)).max(likely),
    }
}

/// Observed counts matching `pct` percent out of [`DEFAULT_OBSERVED_TRIALS`].
fn observed_like(pct: f64) -> Spread {
    let trials = DEFAULT_OBSERVED_TRIALS;
    let successes = (pct.clamp(0.0, 100.0) / 100.0 * trials as f64).round() as u64;
    Spread::Observed { successes, trials }
}

/// The Monte Carlo set-up a scenario starts with: ±20 % ranges on every rate (below a
/// mix's entry) and on the cost per lead of every channel that buys its volume.
pub fn starting_uncertainty(scenario: &Scenario) -> Uncertainty {
    let mut uncertainty = Uncertainty::default();
    let entry = scenario.mix().map_or(0, |mix| mix.entry.stage());
    let mut inputs: Vec<Uncertain> = (entry + 1..scenario.stages.len())
        .map(Uncertain::Rate)
        .collect();
    if let Some(mix) = scenario.mix() {
        inputs.extend(
            (0..mix.channels.len())
                .map(Uncertain::ChannelCost)
                .filter(|&input| input.value_in(scenario) > 0.0),
        );
    }
    for input in inputs {
        let value = input.value_in(scenario);
        uncertainty.set_spread(input, Some(range_around(input, value)));
    }
    uncertainty
}

impl ForecastDrafts {
    /// What the user typed in `field`, when it is not the value in use.
    pub fn draft(&self, field: ForecastField) -> Option<&str> {
        self.drafts.text(field)
    }

    pub fn error(&self, field: ForecastField) -> Option<&ForecastInputError> {
        self.drafts.error(field)
    }

    pub fn has_errors(&self) -> bool {
        self.drafts.has_errors()
    }

    fn settle(
        &mut self,
        field: ForecastField,
        raw: String,
        result: Result<(), ForecastInputError>,
    ) {
        self.drafts.settle(field, raw, result);
    }

    fn forget_input(&mut self, input: Uncertain) {
        self.drafts.retain(|f| f.input() != Some(input));
    }

    /// Forgets every draft of the spreads (stages moved).
    pub fn forget_spreads(&mut self) {
        self.drafts.retain(|f| f.input().is_none());
    }

    /// Applies `edit` to `scenario`'s forecast settings.
    pub fn apply(&mut self, scenario: &mut Scenario, edit: ForecastEdit) {
        match edit {
            ForecastEdit::StartProjection => {
                if scenario.projection.is_none() {
                    scenario.projection = Some(Arc::new(starting_projection(scenario)));
                }
            }
            ForecastEdit::RemoveProjection => {
                scenario.projection = None;
                self.drafts.retain(is_uncertainty_field);
            }
            ForecastEdit::StartUncertainty => {
                if scenario.uncertainty.is_none() {
                    scenario.uncertainty = Some(Arc::new(starting_uncertainty(scenario)));
                }
            }
            ForecastEdit::RemoveUncertainty => {
                scenario.uncertainty = None;
                self.drafts.retain(|f| !is_uncertainty_field(f));
            }
            ForecastEdit::Text(field, raw) => {
                let result = if is_uncertainty_field(field) {
                    edit_uncertainty(scenario, field, &raw)
                } else {
                    edit_projection(scenario, field, &raw)
                };
                self.settle(field, raw, result);
            }
            ForecastEdit::Growth(kind) => {
                if let Some(projection) = scenario.projection.as_mut() {
                    let projection = Arc::make_mut(projection);
                    if GrowthKind::of(&projection.growth) != kind {
                        projection.growth = match kind {
                            GrowthKind::Flat => Growth::Flat,
                            GrowthKind::Growing => Growth::Growing {
                                pct_per_month: DEFAULT_GROWTH_PCT,
                            },
                            GrowthKind::Seasonal => Growth::Seasonal { weights: [1.0; 12] },
                        };
                    }
                    self.drafts.retain(|f| !is_growth_field(f));
                }
            }
            ForecastEdit::RevenueModel(model) => {
                if let Some(projection) = scenario.projection.as_mut() {
                    Arc::make_mut(projection).revenue_model = model;
                }
            }
            ForecastEdit::SpreadKind(input, kind) => {
                let value = input.value_in(scenario);
                if let Some(uncertainty) = scenario.uncertainty.as_mut() {
                    let uncertainty = Arc::make_mut(uncertainty);
                    if SpreadKind::of(uncertainty.spread(input).as_ref()) != kind {
                        let spread = match kind {
                            SpreadKind::Certain => None,
                            SpreadKind::Range => Some(range_around(input, value)),
                            SpreadKind::Observed if input.is_rate() => Some(observed_like(value)),
                            SpreadKind::Observed => uncertainty.spread(input),
                        };
                        uncertainty.set_spread(input, spread);
                    }
                    self.forget_input(input);
                }
            }
            ForecastEdit::MeasuredCycle(days) => {
                let mut next = scenario
                    .projection
                    .as_deref()
                    .cloned()
                    .unwrap_or_else(|| starting_projection(scenario));
                next.sales_cycle_days = days;
                if next.check().is_ok() {
                    scenario.projection = Some(Arc::new(next));
                    self.drafts.forget(ForecastField::SalesCycle);
                }
            }
            ForecastEdit::Seed(seed) => {
                if let Some(uncertainty) = scenario.uncertainty.as_mut() {
                    Arc::make_mut(uncertainty).seed = seed;
                    self.drafts.forget(ForecastField::Seed);
                }
            }
        }
    }
}

fn is_uncertainty_field(field: ForecastField) -> bool {
    matches!(field, ForecastField::Seed | ForecastField::Trials) || field.input().is_some()
}

fn is_growth_field(field: ForecastField) -> bool {
    matches!(
        field,
        ForecastField::GrowthPct | ForecastField::SeasonWeight(_)
    )
}

/// The projection a scenario starts with: [`Projection::suggested`], its churn written as
/// people type it (2.08 %, not 2.0833…).
fn starting_projection(scenario: &Scenario) -> Projection {
    let mut projection = Projection::suggested(scenario);
    projection.churn_pct = (projection.churn_pct * 100.0).round() / 100.0;
    projection
}

/// Sets a projection field on a copy, checks it, and keeps it when valid.
fn edit_projection(
    scenario: &mut Scenario,
    field: ForecastField,
    raw: &str,
) -> Result<(), ForecastInputError> {
    let Some(current) = scenario.projection.as_mut() else {
        return Ok(());
    };
    let mut next = (**current).clone();
    match field {
        ForecastField::Months => {
            let months = whole(raw)?;
            next.months = u32::try_from(months).unwrap_or(u32::MAX);
            if next.months > MAX_MONTHS || next.months == 0 {
                return Err(ForecastInputError::Projection(ProjectionError::Months(
                    next.months,
                )));
            }
        }
        ForecastField::StartMonth => {
            next.start_month = u32::try_from(whole(raw)?).unwrap_or(u32::MAX);
        }
        ForecastField::SalesCycle => next.sales_cycle_days = number(raw)?,
        ForecastField::Churn => next.churn_pct = number(raw)?,
        ForecastField::Upsell => next.upsell_pct = number(raw)?,
        ForecastField::GrowthPct => match &mut next.growth {
            Growth::Growing { pct_per_month } => *pct_per_month = number(raw)?,
            _ => return Ok(()),
        },
        ForecastField::SeasonWeight(m) => match &mut next.growth {
            Growth::Seasonal { weights } if m < 12 => weights[m] = number(raw)?,
            _ => return Ok(()),
        },
        _ => return Ok(()),
    }
    next.check().map_err(ForecastInputError::Projection)?;
    *current = Arc::new(next);
    Ok(())
}

/// Sets a Monte Carlo field on a copy, checks it, and keeps it when valid.
fn edit_uncertainty(
    scenario: &mut Scenario,
    field: ForecastField,
    raw: &str,
) -> Result<(), ForecastInputError> {
    let Some(current) = scenario.uncertainty.as_deref() else {
        return Ok(());
    };
    let mut next = current.clone();
    match field {
        ForecastField::Seed => next.seed = whole(raw)?,
        ForecastField::Trials => {
            let trials = whole(raw)?;
            next.trials = u32::try_from(trials).unwrap_or(u32::MAX);
            if !(1..=MAX_TRIALS).contains(&next.trials) {
                return Err(ForecastInputError::Uncertainty(UncertaintyError::Trials(
                    next.trials,
                )));
            }
        }
        ForecastField::Low(input) | ForecastField::Likely(input) | ForecastField::High(input) => {
            let Some(Spread::Range {
                mut low,
                mut likely,
                mut high,
            }) = next.spread(input)
            else {
                return Ok(());
            };
            let value = number(raw)?;
            match field {
                ForecastField::Low(_) => low = value,
                ForecastField::Likely(_) => likely = value,
                _ => high = value,
            }
            let spread = Spread::Range { low, likely, high };
            spread
                .check(input)
                .map_err(ForecastInputError::Uncertainty)?;
            next.set_spread(input, Some(spread));
        }
        ForecastField::Successes(input) | ForecastField::Observed(input) => {
            let Some(Spread::Observed {
                mut successes,
                mut trials,
            }) = next.spread(input)
            else {
                return Ok(());
            };
            let value = whole(raw)?;
            if matches!(field, ForecastField::Successes(_)) {
                successes = value;
            } else {
                trials = value;
            }
            let spread = Spread::Observed { successes, trials };
            spread
                .check(input)
                .map_err(ForecastInputError::Uncertainty)?;
            next.set_spread(input, Some(spread));
        }
        _ => return Ok(()),
    }
    next.check(scenario)
        .map_err(ForecastInputError::Uncertainty)?;
    scenario.uncertainty = Some(Arc::new(next));
    Ok(())
}
