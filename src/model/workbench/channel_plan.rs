//! The channel plan the Channels panel shows: every channel's funnel now, its return on the
//! next 1,000 €, the best split of the same budget and what it buys, and what each channel
//! must bring for the revenue target at the current and at the best mix.

use serde::Serialize;

use crate::model::funnel::channels::{
    evaluate_mix, evaluate_mix_at, marginal, needs_at_current_mix, ChannelMix, ChannelNeed,
    Marginal, MixResult,
};
use crate::model::funnel::scenario::Scenario;
use crate::model::workbench::allocate::{allocate, needs_at_best_mix, AllocateError, Allocation};

/// The step the marginal view looks at: the next 1,000 € (in the scenario's currency).
pub const MARGINAL_STEP: f64 = 1_000.0;

/// The best split of the mix's current budget for its objective, and the funnel it gives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BestSplit {
    pub allocation: Allocation,
    pub result: MixResult,
}

/// Everything the Channels panel shows of a mix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelPlan {
    /// Each channel's funnel at its spend, and the blended one.
    pub now: MixResult,
    /// Each channel's marginal return at its spend, for the next [`MARGINAL_STEP`].
    pub marginals: Vec<Marginal>,
    /// The channel the next euro should go to: the most customers per euro among those
    /// below their maximum spend (`None` when no euro buys anything).
    pub next_euro: Option<usize>,
    /// The best split of the current budget, or why there is none.
    pub best: Result<BestSplit, AllocateError>,
    /// What each channel must bring for the target if each keeps its share of customers.
    pub needs_now: Option<Vec<ChannelNeed>>,
    /// What each channel must bring for the target at the smallest budget that reaches it.
    pub needs_best: Result<Vec<ChannelNeed>, AllocateError>,
}

/// The plan of `mix` in `scenario` (named `blended_name` for its totals).
pub fn channel_plan(scenario: &Scenario, mix: &ChannelMix, blended_name: &str) -> ChannelPlan {
    let now = evaluate_mix(scenario, mix, blended_name);
    let marginals: Vec<Marginal> = mix
        .channels
        .iter()
        .map(|channel| marginal(scenario, mix.entry, channel, channel.spend, MARGINAL_STEP))
        .collect();
    let next_euro = mix
        .channels
        .iter()
        .zip(&marginals)
        .enumerate()
        .filter(|(_, (channel, m))| {
            channel.spend < channel.bounds().1 && m.customers_per_euro > 0.0
        })
        .max_by(|a, b| {
            a.1 .1
                .customers_per_euro
                .total_cmp(&b.1 .1.customers_per_euro)
        })
        .map(|(i, _)| i);
    let best = allocate(scenario, mix, mix.spend(), mix.objective).map(|allocation| {
        let result = evaluate_mix_at(scenario, mix, &allocation.spends, blended_name);
        BestSplit { allocation, result }
    });
    ChannelPlan {
        now,
        marginals,
        next_euro,
        best,
        needs_now: needs_at_current_mix(scenario, mix, scenario.target_revenue),
        needs_best: needs_at_best_mix(scenario, mix, scenario.target_revenue),
    }
}
