//! The forward funnel: counts at every stage and every KPI derived from them.
//!
//! Every KPI that can be undefined (a division by zero customers, no spend …) is an
//! `Option<f64>`, and every `Some` is finite: nothing the model returns is NaN or infinite.
//! A scenario planned by channel is the blended funnel of its mix: its counts and spend are
//! the sums over the channels, and the stages above the mix's entry have no count.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::funnel::benchmarks::largest_drop;
use crate::model::funnel::channels::evaluate_mix;
use crate::model::funnel::scenario::{Scenario, SpendMode};
use crate::model::num::{finite, ratio};

/// One stage of the computed funnel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageResult {
    pub name: String,
    /// Expected count per period (may be fractional); `None` above a channel mix that brings
    /// leads (not invented).
    pub count: Option<f64>,
    /// Conversion from the previous stage, as a fraction (None for the top). With channels,
    /// the blended rate: this stage's count ÷ the previous one's.
    pub rate: Option<f64>,
    /// Conversion from the top stage, as a fraction.
    pub cumulative: Option<f64>,
    /// Marketing spend divided by this stage's count (cost per lead, per MQL …).
    pub cost_per: Option<f64>,
    /// How many drop out between the previous stage and this one (`None` where either
    /// count is unknown).
    pub lost: Option<f64>,
}

/// The whole forward result of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelResult {
    pub stages: Vec<StageResult>,
    pub customers: f64,
    /// Top stage → customers, as a fraction (`None` when the top has no count).
    pub overall_conversion: Option<f64>,
    /// Marketing spend of the period (resolved from its mode, or the channels' sum).
    pub spend: f64,
    /// Revenue, margin, LTV, CAC, ROI, LTV:CAC and payback, by [`returns`] (written flat in
    /// the JSON, beside the fields above).
    #[serde(flatten)]
    pub returns: Returns,
    /// Value of one lead: basket × lead → customer rate.
    pub lead_value: Option<f64>,
    /// Index of the stage furthest below its benchmark (the one to fix first, see
    /// [`crate::model::funnel::benchmarks`]); `None` when the scenario has no segment, no step
    /// matches one of its bands or none falls short of its band's centre.
    pub weakest_stage: Option<usize>,
}

/// What the customers bought with a spend return, by the scenario's economics: the one set
/// of formulas behind the funnel, each channel and the blended mix.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Returns {
    /// First-purchase revenue: customers × basket.
    pub revenue: f64,
    /// Gross margin on first-purchase revenue.
    pub gross_margin: f64,
    /// Lifetime value of one customer.
    pub ltv: f64,
    /// Lifetime value of the customers.
    pub cohort_ltv: f64,
    /// Customer acquisition cost: spend / customers.
    pub cac: Option<f64>,
    /// (revenue − spend) / spend.
    pub roi_revenue: Option<f64>,
    /// (revenue × gross margin − spend) / spend.
    pub roi_margin: Option<f64>,
    pub ltv_cac: Option<f64>,
    /// CAC / monthly gross margin of one customer.
    pub payback_months: Option<f64>,
}

/// The returns of `customers` won with `spend`, by `scenario`'s basket, margin and LTV.
pub fn returns(scenario: &Scenario, customers: f64, spend: f64) -> Returns {
    let margin = scenario.margin_pct / 100.0;
    let revenue = finite(customers * scenario.basket).unwrap_or(0.0);
    let ltv = finite(scenario.customer_ltv()).unwrap_or(0.0);
    let cac = ratio(spend, customers);
    let gross_margin = finite(revenue * margin).unwrap_or(0.0);
    let monthly_margin_per_customer = scenario.basket * scenario.purchases_per_year * margin / 12.0;
    Returns {
        revenue,
        gross_margin,
        ltv,
        cohort_ltv: finite(customers * ltv).unwrap_or(0.0),
        cac,
        roi_revenue: ratio(revenue - spend, spend),
        roi_margin: ratio(gross_margin - spend, spend),
        ltv_cac: cac.and_then(|cac| ratio(ltv, cac)),
        payback_months: cac.and_then(|cac| ratio(cac, monthly_margin_per_customer)),
    }
}

impl FunnelResult {
    /// Cost per lead (stage 1).
    pub fn cost_per_lead(&self) -> Option<f64> {
        self.stages.get(1).and_then(|s| s.cost_per)
    }
}

/// Expected count at every stage of the scenario.
pub fn stage_counts(scenario: &Scenario) -> Vec<f64> {
    let mut counts = Vec::with_capacity(scenario.stages.len());
    let mut current = scenario.top_count();
    for (i, stage) in scenario.stages.iter().enumerate() {
        if i > 0 {
            current *= stage.value / 100.0;
        }
        counts.push(current);
    }
    counts
}

/// Marketing spend of one period, resolved from its mode: the amount typed, or a percentage
/// of the period's first-purchase `revenue` or of its customers' lifetime value
/// (`cohort_ltv`). Never NaN or infinite (0 instead).
pub fn period_spend(scenario: &Scenario, revenue: f64, cohort_ltv: f64) -> f64 {
    finite(match scenario.spend_mode {
        SpendMode::Amount => scenario.spend,
        SpendMode::PctRevenue => revenue * scenario.spend_pct / 100.0,
        SpendMode::PctLtv => cohort_ltv * scenario.spend_pct / 100.0,
    })
    .unwrap_or(0.0)
}

/// Computes the forward funnel. The scenario should be valid (see
/// [`crate::model::funnel::validate::validate`]); even when it is not, no output is NaN or infinite.
pub fn evaluate(scenario: &Scenario) -> FunnelResult {
    let mix = scenario
        .mix()
        .map(|mix| evaluate_mix(scenario, mix, "").blended);
    let counts: Vec<Option<f64>> = match &mix {
        Some(blended) => blended.counts.clone(),
        None => stage_counts(scenario)
            .into_iter()
            .map(|c| Some(finite(c).unwrap_or(0.0)))
            .collect(),
    };
    let top = counts.first().copied().flatten();
    let customers = counts.last().copied().flatten().unwrap_or(0.0);
    let spend = match &mix {
        Some(blended) => blended.spend,
        None => {
            // The spend may be a share of the revenue or of the lifetime value: those first.
            let before_spend = returns(scenario, customers, 0.0);
            period_spend(scenario, before_spend.revenue, before_spend.cohort_ltv)
        }
    };
    let returned = returns(scenario, customers, spend);

    let stages: Vec<StageResult> = scenario
        .stages
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (stage, &count))| {
            let previous = if i == 0 { count } else { counts[i - 1] };
            let rate = match (&mix, previous, count) {
                _ if i == 0 => None,
                (None, ..) => Some(stage.value / 100.0),
                (Some(_), Some(previous), Some(count)) => ratio(count, previous),
                (Some(_), ..) => None,
            };
            let lost = match (previous, count) {
                (Some(previous), Some(count)) => Some((previous - count).max(0.0)),
                _ => None,
            };
            StageResult {
                name: stage.name.clone(),
                count,
                rate,
                cumulative: top.zip(count).and_then(|(top, count)| ratio(count, top)),
                cost_per: count
                    .filter(|_| i > 0)
                    .and_then(|count| ratio(spend, count)),
                lost,
            }
        })
        .collect();

    let leads = counts.get(1).copied().flatten().unwrap_or(0.0);
    let weakest_stage = largest_drop(scenario.segment, &stages).index();

    FunnelResult {
        customers,
        overall_conversion: top.and_then(|top| ratio(customers, top)),
        spend,
        returns: returned,
        lead_value: ratio(customers, leads).and_then(|rate| finite(rate * scenario.basket)),
        weakest_stage,
        stages,
    }
}

/// The scenario without channels that has the same forward funnel: the mix's blended top
/// count (or its leads), blended rates and summed spend typed in. The projection, the Monte
/// Carlo and the sensitivity read a scenario's top, rates and spend; this is how they run on
/// the channel mix and tell the same numbers as the Model view. A mix that brings leads has
/// no top count: the lead stage is reached through the typed first rate (or, at 0 %, the
/// top is taken as the leads at 100 %), so the stages from the leads down are the mix's.
pub fn without_channels(scenario: &Scenario) -> Cow<'_, Scenario> {
    if scenario.mix().is_none() {
        return Cow::Borrowed(scenario);
    }
    let result = evaluate(scenario);
    let mut plain = scenario.clone();
    plain.channels = None;
    plain.spend_mode = SpendMode::Amount;
    plain.spend = result.spend;
    for (stage, blended) in plain.stages.iter_mut().zip(&result.stages).skip(1) {
        if let Some(rate) = blended.rate {
            stage.value = rate * 100.0;
        }
    }
    let top = match result.stages.first().and_then(|s| s.count) {
        Some(top) => top,
        None => {
            let leads = result.stages.get(1).and_then(|s| s.count).unwrap_or(0.0);
            let first_rate = plain.stages.get(1).map_or(0.0, |s| s.value);
            match ratio(leads * 100.0, first_rate) {
                Some(top) => top,
                None => {
                    if let Some(stage) = plain.stages.get_mut(1) {
                        stage.value = 100.0;
                    }
                    leads
                }
            }
        }
    };
    if let Some(stage) = plain.stages.first_mut() {
        stage.value = top;
    }
    Cow::Owned(plain)
}
