//! The channel plan the Channels panel shows: every channel's funnel now, its return on the
//! next 1,000 €, the best split of the same budget and what it buys, and what each channel
//! must bring for the revenue target at the current and at the best mix.

use serde::Serialize;

use crate::model::format;
use crate::model::funnel::channels::{
    evaluate_mix, evaluate_mix_at, marginal, needs_at_current_mix, ChannelMix, ChannelNeed,
    Marginal, MixResult, Objective,
};
use crate::model::funnel::scenario::Scenario;
use crate::model::workbench::allocate::{allocate, needs_at_best_mix, AllocateError, Allocation};

crate::texts! {
    /// What the best split maximises, as a noun ("5 more customers").
    enum ObjectiveText {
        Customers => "customers", "clients";
        Revenue => "revenue", "chiffre d'affaires";
        GrossMargin => "gross margin", "marge brute";
    }
}

/// What `objective` counts, as a noun in the language in use.
pub fn objective_noun(objective: Objective) -> &'static str {
    match objective {
        Objective::Customers => ObjectiveText::Customers,
        Objective::Revenue => ObjectiveText::Revenue,
        Objective::GrossMargin => ObjectiveText::GrossMargin,
    }
    .text()
}

/// `objective`'s value in a mix's blended funnel: its customers, revenue or gross margin.
pub fn objective_value(result: &MixResult, objective: Objective) -> f64 {
    let blended = &result.blended;
    match objective {
        Objective::Customers => blended.customers,
        Objective::Revenue => blended.returns.revenue,
        Objective::GrossMargin => blended.returns.gross_margin,
    }
}

/// An amount of `objective` for people: a count of customers, or money.
pub fn objective_text(objective: Objective, value: f64) -> String {
    match objective {
        Objective::Customers => format::with_decimals(value, 1),
        Objective::Revenue | Objective::GrossMargin => format::money(value),
    }
}

/// The step the marginal view looks at: the next 1,000 € (in the scenario's currency).
pub const MARGINAL_STEP: f64 = 1_000.0;

/// The best split of the mix's current budget for its objective, and the funnel it gives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BestSplit {
    pub allocation: Allocation,
    pub result: MixResult,
}

impl ChannelPlan {
    /// What the best split buys over the split now, in the mix's objective (`None` without
    /// a best split).
    pub fn gain(&self, objective: Objective) -> Option<f64> {
        let best = self.best.as_ref().ok()?;
        Some(objective_value(&best.result, objective) - objective_value(&self.now, objective))
    }
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
    // The first channel on ties (the user's order).
    let next_euro = mix
        .channels
        .iter()
        .zip(&marginals)
        .enumerate()
        .filter(|(_, (channel, m))| {
            channel.spend < channel.bounds().1 && m.customers_per_euro > 0.0
        })
        .fold(None, |best: Option<(usize, f64)>, (i, (_, m))| match best {
            Some((_, value)) if value >= m.customers_per_euro => best,
            _ => Some((i, m.customers_per_euro)),
        })
        .map(|(i, _)| i);
    let best = allocate(scenario, mix, mix.spend(), mix.objective).map(|allocation| {
        let result = evaluate_mix_at(scenario, mix, &allocation.spends, blended_name);
        BestSplit { allocation, result }
    });
    ChannelPlan {
        needs_now: needs_at_current_mix(scenario, mix, &now, scenario.target_revenue),
        now,
        marginals,
        next_euro,
        best,
        needs_best: needs_at_best_mix(scenario, mix, scenario.target_revenue),
    }
}
