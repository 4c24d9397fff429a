//! Pipeline coverage and sales velocity from the funnel: the coverage the quota needs (1 ÷
//! the win rate, not a fixed 3×), the pipeline the funnel creates against it, raw and
//! weighted by the win rate, the gap in money and in opportunities; and the sales velocity
//! (opportunities × average deal × win rate ÷ sales-cycle days), blended and per channel.
//!
//! The opportunity stage is the one before the customers; the win rate is the funnel's rate
//! from it into the customers, the average deal the basket, the quota the revenue target,
//! all per period. The sales cycle is the forecast's (the one a projection starts with, 60
//! days, when the scenario has none), so the projection and the velocity read one number. The velocity counts the
//! opportunities open at any time: those created a day × the cycle's days (Little's law),
//! so in steady state it equals the revenue a day; a measured open pipeline (from a CRM)
//! can move it away.

use serde::Serialize;

use crate::model::forecast::projection::{Projection, DAYS_PER_MONTH};
use crate::model::funnel::forward::FunnelResult;
use crate::model::funnel::scenario::Scenario;
use crate::model::num::{finite, ratio};
use crate::model::workbench::channel_plan::ChannelPlan;

/// The pipeline against the quota, per period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coverage {
    /// Opportunities created per period, and what they are worth at the average deal.
    pub opportunities: f64,
    pub pipeline: f64,
    /// The pipeline weighted by the win rate: the revenue it should bring.
    pub weighted_pipeline: Option<f64>,
    pub quota: f64,
    pub win_rate: Option<f64>,
    /// 1 ÷ the win rate: the pipeline the quota needs, as a multiple of it.
    pub required_coverage: Option<f64>,
    /// The pipeline ÷ the quota.
    pub coverage: Option<f64>,
    pub required_pipeline: Option<f64>,
    /// What the pipeline lacks to cover the quota (negative: more than enough), in money and
    /// in opportunities at the average deal.
    pub gap: Option<f64>,
    pub gap_opportunities: Option<f64>,
}

/// The sales velocity of one channel (or of the whole funnel).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Velocity {
    pub name: String,
    /// Opportunities open at any time.
    pub opportunities: f64,
    pub average_deal: f64,
    pub win_rate: Option<f64>,
    pub cycle_days: f64,
    /// Revenue the pipeline moves a day: opportunities × deal × win rate ÷ cycle days.
    pub per_day: Option<f64>,
    /// The same over the scenario's period (× its days).
    pub per_period: Option<f64>,
}

/// Coverage and velocity of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pipeline {
    /// The name of the opportunity stage.
    pub stage: String,
    pub coverage: Coverage,
    pub velocity: Velocity,
    /// One per channel, when the scenario is planned by channel.
    pub channels: Vec<Velocity>,
}

/// The sales cycle the scenario uses, in days: its projection's, or the one a projection
/// would start with ([`Projection::suggested`], 60 days).
pub fn cycle_days(scenario: &Scenario) -> f64 {
    scenario.projection.as_deref().map_or_else(
        || Projection::suggested(scenario).sales_cycle_days,
        |p| p.sales_cycle_days,
    )
}

/// The days of the scenario's period (a month is [`DAYS_PER_MONTH`] days).
pub fn period_days(scenario: &Scenario) -> f64 {
    scenario.period.months() * DAYS_PER_MONTH
}

/// The sales velocity of `opportunities` open at `average_deal` and `win_rate`, over a
/// cycle of `cycle_days` (and a period of `period_days`).
pub fn velocity(
    name: String,
    opportunities: f64,
    average_deal: f64,
    win_rate: Option<f64>,
    cycle_days: f64,
    period_days: f64,
) -> Velocity {
    let per_day = win_rate
        .and_then(|w| ratio(opportunities * average_deal * w, cycle_days))
        .and_then(finite);
    Velocity {
        name,
        opportunities,
        average_deal,
        win_rate,
        cycle_days,
        per_day,
        per_period: per_day.and_then(|v| finite(v * period_days)),
    }
}

/// The pipeline of `scenario`, from its funnel (and its channel plan, when planned by
/// channel); `None` for a funnel too short to have an opportunity stage before the
/// customers.
pub fn pipeline(
    scenario: &Scenario,
    funnel: &FunnelResult,
    channels: Option<&ChannelPlan>,
) -> Option<Pipeline> {
    let n = funnel.stages.len();
    if n < 3 {
        return None;
    }
    let opportunity = &funnel.stages[n - 2];
    let opportunities = opportunity.count.unwrap_or(0.0);
    let win_rate = funnel.stages[n - 1].rate;
    let deal = scenario.basket;
    let quota = scenario.target_revenue;
    let pipeline = finite(opportunities * deal).unwrap_or(0.0);
    let required_coverage = win_rate.and_then(|w| ratio(1.0, w));
    let required_pipeline = required_coverage.and_then(|c| finite(c * quota));
    let gap = required_pipeline.map(|required| required - pipeline);
    let coverage = Coverage {
        opportunities,
        pipeline,
        weighted_pipeline: win_rate.and_then(|w| finite(pipeline * w)),
        quota,
        win_rate,
        required_coverage,
        coverage: ratio(pipeline, quota),
        required_pipeline,
        gap,
        gap_opportunities: gap.and_then(|g| ratio(g, deal)),
    };
    let cycle = cycle_days(scenario);
    let period_days = period_days(scenario);
    // Open at any time: created a day × the days each stays open.
    let open = |created: f64| ratio(created * cycle, period_days).unwrap_or(0.0);
    let blended = velocity(
        opportunity.name.clone(),
        open(opportunities),
        deal,
        win_rate,
        cycle,
        period_days,
    );
    let channels = channels
        .map(|plan| {
            plan.now
                .channels
                .iter()
                .map(|c| {
                    let opportunities = c.counts.get(n - 2).copied().flatten().unwrap_or(0.0);
                    let win_rate = ratio(c.customers, opportunities);
                    velocity(
                        c.name.clone(),
                        open(opportunities),
                        deal,
                        win_rate,
                        cycle,
                        period_days,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Pipeline {
        stage: opportunity.name.clone(),
        coverage,
        velocity: blended,
        channels,
    })
}
