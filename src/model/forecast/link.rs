//! The projection and the Monte Carlo set-up in a scenario link: readable `pj_*` and `mc_*`
//! keys, read while [`crate::model::persist::scenario_link::decode`] walks the query and checked like a file.
//!
//! Keys (written only when the scenario has the part, every key of the part then):
//!
//! - `pj_months=24` (1–36), `pj_start=1` (calendar month of month 1, 1–12),
//!   `pj_cycle=60` (sales cycle, days), `pj_churn=2` and `pj_upsell=0.5` (% a month),
//!   `pj_revenue=subscription|repeat`.
//! - `pj_growth=flat`, `pj_growth=pct:3.5` (% a month, may be negative) or
//!   `pj_growth=season:8,8,9,10,10,9,6,5,9,10,11,5` (relative weights, January first).
//! - `mc_seed=42` (any unsigned 64-bit integer), `mc_trials=100000` (1 to 1,000,000).
//! - Spreads, each `low,likely,high` (a range) or `successes/trials` (observed counts):
//!   `mc_top=100000,120000,150000` (top of the funnel per period), `mc_rate=<stage>:<spread>`
//!   repeated (`stage` counts from 0 in the order of the `stage=` keys, so 1 is the rate into
//!   the second stage: `mc_rate=5:120/300`), `mc_basket=…`, `mc_churn=…`, and
//!   `mc_cpl=<channel>:<low,likely,high>` repeated (a channel's cost per lead; `channel`
//!   counts from 0 in the order of the `ch=` keys: `mc_cpl=3:90,120,180`).
//!
//! Missing keys keep their defaults ([`Projection::default`], [`Uncertainty::default`]);
//! unknown `pj_*` and `mc_*` keys are ignored like any unknown key; a value that cannot be
//! read or checked is a [`UrlError::BadValue`] naming its key, never a panic.

use crate::model::forecast::projection::{
    Growth, Projection, ProjectionError, ProjectionSetting, RevenueModel,
};
use crate::model::forecast::uncertainty::{Spread, Uncertain, Uncertainty, UncertaintyError};
use crate::model::funnel::link::{bad, encode_value, finite_number, number, UrlError};
use crate::model::funnel::scenario::Scenario;

crate::texts! {
    /// Why a `pj_*` or `mc_*` value could not be read (inside the link's message).
    enum ForecastUrlText {
        NotWhole => "not a whole number", "pas un nombre entier";
        ExpectedSpread => "expected low,likely,high or successes/trials",
            "bas,probable,haut ou succès/essais attendu";
        ExpectedWeights => "expected 12 seasonal weights", "12 poids saisonniers attendus";
        ExpectedGrowth => "expected flat, pct:<% a month> or season:<12 weights>",
            "flat, pct:<% par mois> ou season:<12 poids> attendu";
        ExpectedRevenue => "expected subscription or repeat", "subscription ou repeat attendu";
        ExpectedStageSpread => "expected stage:spread", "étape:dispersion attendu";
        RateTwice => "this stage's rate is given twice", "le taux de cette étape est donné deux fois";
        ExpectedChannelSpread => "expected channel:spread", "canal:dispersion attendu";
        CostTwice => "this channel's cost per lead is given twice",
            "le coût par lead de ce canal est donné deux fois";
    }
}

fn spread_text(spread: &Spread) -> String {
    match *spread {
        Spread::Range { low, likely, high } => {
            format!("{},{},{}", number(low), number(likely), number(high))
        }
        Spread::Observed { successes, trials } => format!("{successes}/{trials}"),
    }
}

fn join(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `pj_*` pairs of `projection`, already percent-encoded, in order.
pub fn encode_projection(projection: &Projection) -> String {
    let growth = match &projection.growth {
        Growth::Flat => "flat".to_owned(),
        Growth::Growing { pct_per_month } => format!("pct:{}", number(*pct_per_month)),
        Growth::Seasonal { weights } => format!("season:{}", weights.map(number).join(",")),
    };
    join(&[
        ("pj_months", projection.months.to_string()),
        ("pj_growth", growth),
        ("pj_start", projection.start_month.to_string()),
        ("pj_cycle", number(projection.sales_cycle_days)),
        ("pj_churn", number(projection.churn_pct)),
        ("pj_upsell", number(projection.upsell_pct)),
        ("pj_revenue", projection.revenue_model.key().to_owned()),
    ])
}

/// The `mc_*` pairs of `uncertainty`, already percent-encoded, in order.
pub fn encode_uncertainty(uncertainty: &Uncertainty) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("mc_seed", uncertainty.seed.to_string()),
        ("mc_trials", uncertainty.trials.to_string()),
    ];
    pairs.extend(uncertainty.top.as_ref().map(|s| ("mc_top", spread_text(s))));
    pairs.extend(
        uncertainty
            .rates
            .iter()
            .map(|(i, s)| ("mc_rate", format!("{i}:{}", spread_text(s)))),
    );
    pairs.extend(
        uncertainty
            .basket
            .as_ref()
            .map(|s| ("mc_basket", spread_text(s))),
    );
    pairs.extend(
        uncertainty
            .churn
            .as_ref()
            .map(|s| ("mc_churn", spread_text(s))),
    );
    pairs.extend(
        uncertainty
            .channel_costs
            .iter()
            .map(|(i, s)| ("mc_cpl", format!("{i}:{}", spread_text(s)))),
    );
    join(&pairs)
}

/// `<index>:<spread>` (`mc_rate`, `mc_cpl`).
fn indexed_spread(
    key: &str,
    value: &str,
    expected: ForecastUrlText,
) -> Result<(usize, Spread), UrlError> {
    let (index, spread) = value
        .split_once(':')
        .ok_or_else(|| bad(key, value, expected.text()))?;
    Ok((parse_whole(key, index)?, parse_spread(key, spread)?))
}

fn parse_whole<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, UrlError> {
    value
        .trim()
        .parse::<T>()
        .map_err(|_| bad(key, value, ForecastUrlText::NotWhole.text()))
}

fn parse_spread(key: &str, value: &str) -> Result<Spread, UrlError> {
    if let Some((successes, trials)) = value.split_once('/') {
        return Ok(Spread::Observed {
            successes: parse_whole(key, successes)?,
            trials: parse_whole(key, trials)?,
        });
    }
    let parts: Vec<&str> = value.split(',').collect();
    match parts.as_slice() {
        [low, likely, high] => Ok(Spread::Range {
            low: finite_number(key, low)?,
            likely: finite_number(key, likely)?,
            high: finite_number(key, high)?,
        }),
        _ => Err(bad(key, value, ForecastUrlText::ExpectedSpread.text())),
    }
}

fn parse_growth(key: &str, value: &str) -> Result<Growth, UrlError> {
    if value.trim() == "flat" {
        return Ok(Growth::Flat);
    }
    if let Some(pct) = value.strip_prefix("pct:") {
        return Ok(Growth::Growing {
            pct_per_month: finite_number(key, pct)?,
        });
    }
    if let Some(list) = value.strip_prefix("season:") {
        let weights: Vec<f64> = list
            .split(',')
            .map(|w| finite_number(key, w))
            .collect::<Result<_, _>>()?;
        let weights: [f64; 12] = weights
            .try_into()
            .map_err(|_| bad(key, value, ForecastUrlText::ExpectedWeights.text()))?;
        return Ok(Growth::Seasonal { weights });
    }
    Err(bad(key, value, ForecastUrlText::ExpectedGrowth.text()))
}

/// The key that carries a projection setting.
fn projection_key(error: &ProjectionError) -> &'static str {
    match error {
        ProjectionError::Months(_) => "pj_months",
        ProjectionError::StartMonth(_) => "pj_start",
        ProjectionError::NoSeason => "pj_growth",
        ProjectionError::OutOfRange { setting, .. } => match setting {
            ProjectionSetting::SalesCycleDays => "pj_cycle",
            ProjectionSetting::ChurnPct => "pj_churn",
            ProjectionSetting::UpsellPct => "pj_upsell",
            ProjectionSetting::GrowthPct | ProjectionSetting::SeasonalWeight(_) => "pj_growth",
        },
    }
}

/// The key that carries an uncertain input.
fn input_key(input: Uncertain) -> &'static str {
    match input {
        Uncertain::Top => "mc_top",
        Uncertain::Rate(_) => "mc_rate",
        Uncertain::Basket => "mc_basket",
        Uncertain::Churn => "mc_churn",
        Uncertain::ChannelCost(_) => "mc_cpl",
    }
}

fn uncertainty_key(error: &UncertaintyError) -> &'static str {
    match error {
        UncertaintyError::Trials(_) => "mc_trials",
        UncertaintyError::NoSuchStage { .. } | UncertaintyError::AboveEntry { .. } => "mc_rate",
        UncertaintyError::TopFromChannels => "mc_top",
        UncertaintyError::NoSuchChannel { .. } => "mc_cpl",
        UncertaintyError::OutOfRange { input, .. }
        | UncertaintyError::Order { input, .. }
        | UncertaintyError::SuccessesAboveTrials { input, .. }
        | UncertaintyError::NothingObserved(input)
        | UncertaintyError::TooManyObserved { input, .. }
        | UncertaintyError::ObservedNotARate(input) => input_key(*input),
    }
}

/// Collects the `pj_*` and `mc_*` pairs of a link while it is read, then builds both parts.
#[derive(Default)]
pub struct ForecastPairs {
    projection: Option<Projection>,
    uncertainty: Option<Uncertainty>,
}

impl ForecastPairs {
    /// Whether `key` is the projection's or the Monte Carlo's (`pj_*`, `mc_*`).
    pub fn claims(key: &str) -> bool {
        key.starts_with("pj_") || key.starts_with("mc_")
    }

    /// Takes one pair when it is a `pj_*` or `mc_*` key; `Ok(false)` for any other key.
    pub fn take(&mut self, key: &str, value: &str) -> Result<bool, UrlError> {
        if key.starts_with("pj_") {
            let projection = self.projection.get_or_insert_with(Projection::default);
            match key {
                "pj_months" => projection.months = parse_whole(key, value)?,
                "pj_growth" => projection.growth = parse_growth(key, value)?,
                "pj_start" => projection.start_month = parse_whole(key, value)?,
                "pj_cycle" => projection.sales_cycle_days = finite_number(key, value)?,
                "pj_churn" => projection.churn_pct = finite_number(key, value)?,
                "pj_upsell" => projection.upsell_pct = finite_number(key, value)?,
                "pj_revenue" => {
                    projection.revenue_model = RevenueModel::from_key(value.trim())
                        .ok_or_else(|| bad(key, value, ForecastUrlText::ExpectedRevenue.text()))?
                }
                _ => {} // A future pj_* key: ignored like any unknown key.
            }
            return Ok(true);
        }
        if key.starts_with("mc_") {
            let uncertainty = self.uncertainty.get_or_insert_with(Uncertainty::default);
            match key {
                "mc_seed" => uncertainty.seed = parse_whole(key, value)?,
                "mc_trials" => uncertainty.trials = parse_whole(key, value)?,
                "mc_top" => uncertainty.top = Some(parse_spread(key, value)?),
                "mc_rate" => {
                    let (stage, spread) =
                        indexed_spread(key, value, ForecastUrlText::ExpectedStageSpread)?;
                    if uncertainty.rates.insert(stage, spread).is_some() {
                        return Err(bad(key, value, ForecastUrlText::RateTwice.text()));
                    }
                }
                "mc_cpl" => {
                    let (channel, spread) =
                        indexed_spread(key, value, ForecastUrlText::ExpectedChannelSpread)?;
                    if uncertainty.channel_costs.insert(channel, spread).is_some() {
                        return Err(bad(key, value, ForecastUrlText::CostTwice.text()));
                    }
                }
                "mc_basket" => uncertainty.basket = Some(parse_spread(key, value)?),
                "mc_churn" => uncertainty.churn = Some(parse_spread(key, value)?),
                _ => {} // A future mc_* key.
            }
            return Ok(true);
        }
        Ok(false)
    }

    /// Both parts read (`None` for a part without any key), checked for `scenario` (its
    /// stages and channels, read before).
    pub fn finish(
        self,
        scenario: &Scenario,
    ) -> Result<(Option<Projection>, Option<Uncertainty>), UrlError> {
        if let Some(projection) = &self.projection {
            projection
                .check()
                .map_err(|e| bad(projection_key(&e), "", e))?;
        }
        if let Some(uncertainty) = &self.uncertainty {
            uncertainty
                .check(scenario)
                .map_err(|e| bad(uncertainty_key(&e), "", e))?;
        }
        Ok((self.projection, self.uncertainty))
    }
}
