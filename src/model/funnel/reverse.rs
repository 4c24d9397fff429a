//! The reverse funnel: from a revenue target, the whole numbers required at every stage.

use serde::Serialize;

use crate::model::funnel::forward::FunnelResult;
use crate::model::funnel::scenario::Scenario;
use crate::model::num::{ceil_whole, finite};

crate::texts! {
    /// Why a revenue target cannot be reached.
    enum ReverseText {
        Stage => "stage {n}", "étape {n}";
        NoBasket => "Unreachable: the average basket is 0, so no customer brings revenue.",
            "Inatteignable : le panier moyen est de 0, aucun client n'apporte donc de chiffre d'affaires.";
        ZeroRate => "Unreachable: conversion into {stage} is 0 %, so no volume upstream is enough.",
            "Inatteignable : la conversion vers {stage} est de 0\u{202f}%, aucun volume en amont ne suffit donc.";
        TooLarge => "Unreachable: {stage} would need more than a million billion.",
            "Inatteignable : il faudrait plus d'un million de milliards à l'étape {stage}.";
    }
}

/// Largest requirement reported as a number; beyond it the target is called unreachable.
pub const MAX_REQUIRED: f64 = 1e15;

/// Why a stage's requirement cannot be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "stage")]
pub enum Unreachable {
    /// The average basket is 0: no number of customers reaches a positive target.
    NoBasket,
    /// Conversion into this stage is 0 %: nothing upstream can feed it.
    ZeroRate(usize),
    /// More than [`MAX_REQUIRED`] would be needed.
    TooLarge(usize),
}

impl Unreachable {
    /// The same reason found in the stages from `entry` on, numbered in the whole funnel.
    fn below(self, entry: usize) -> Unreachable {
        match self {
            Unreachable::NoBasket => Unreachable::NoBasket,
            Unreachable::ZeroRate(i) => Unreachable::ZeroRate(i + entry),
            Unreachable::TooLarge(i) => Unreachable::TooLarge(i + entry),
        }
    }

    /// A sentence for the user.
    pub fn message(self, scenario: &Scenario) -> String {
        let name = |i: usize| {
            scenario.stages.get(i).map_or_else(
                || ReverseText::Stage.fill(&[("n", &i.to_string())]),
                |s| s.name.clone(),
            )
        };
        match self {
            Unreachable::NoBasket => ReverseText::NoBasket.text().to_owned(),
            Unreachable::ZeroRate(i) => ReverseText::ZeroRate.fill(&[("stage", &name(i))]),
            Unreachable::TooLarge(i) => ReverseText::TooLarge.fill(&[("stage", &name(i))]),
        }
    }
}

/// One stage of the reverse funnel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequiredStage {
    pub name: String,
    /// Whole number required per period (None when unreachable).
    pub required: Option<f64>,
    /// What the current scenario produces (`None` above a channel mix's entry).
    pub current: Option<f64>,
    /// Required − current: positive means a shortfall.
    pub gap: Option<f64>,
}

/// The reverse funnel for a revenue target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReverseResult {
    pub target: f64,
    pub stages: Vec<RequiredStage>,
    /// Marketing spend needed at the current cost per lead.
    pub required_spend: Option<f64>,
    /// Set when the target cannot be reached with the current rates.
    pub unreachable: Option<Unreachable>,
}

/// The whole numbers required at every stage for a revenue `target`, from the customers
/// (target ÷ basket, rounded up) back to the top (each stage ÷ its conversion rate, rounded
/// up). `rates_pct[i]` is the conversion into stage `i` in percent (`rates_pct[0]`, the top's
/// count, is not read). `required` receives one entry per stage (`None` from where the
/// target becomes unreachable upwards), and the reason it is unreachable, if any, is
/// returned. Shared by [`reverse`] and the Monte Carlo (which calls it once per trial with
/// sampled rates, without allocating).
pub fn required_counts(
    target: f64,
    basket: f64,
    rates_pct: &[f64],
    required: &mut [Option<f64>],
) -> Option<Unreachable> {
    let n = rates_pct.len().min(required.len());
    required.fill(None);
    let mut unreachable = None;
    let customers = if target <= 0.0 {
        Some(0.0)
    } else if basket > 0.0 {
        finite(ceil_whole(target / basket))
    } else {
        unreachable = Some(Unreachable::NoBasket);
        None
    };
    if let Some(last) = required[..n].last_mut() {
        *last = customers;
    }
    for i in (1..n).rev() {
        let Some(below) = required[i] else { break };
        let rate_pct = rates_pct[i];
        let above = if below == 0.0 {
            0.0
        } else if rate_pct > 0.0 {
            ceil_whole(below * 100.0 / rate_pct)
        } else {
            unreachable = Some(Unreachable::ZeroRate(i));
            break;
        };
        if !(above.is_finite() && above <= MAX_REQUIRED) {
            unreachable = Some(Unreachable::TooLarge(i - 1));
            break;
        }
        required[i - 1] = Some(above);
    }
    unreachable
}

/// Computes the reverse funnel for the scenario's revenue target, given its forward result.
/// A scenario planned by channel goes back up its blended rates, and requires nothing above
/// the mix's entry (those stages have no count to compare with).
pub fn reverse(scenario: &Scenario, forward: &FunnelResult) -> ReverseResult {
    let target = scenario.target_revenue;
    let planned_by_channel = scenario.mix().is_some();
    let rates_pct: Vec<f64> = scenario
        .stages
        .iter()
        .zip(&forward.stages)
        .map(|(stage, result)| match result.rate {
            Some(blended) if planned_by_channel => blended * 100.0,
            _ => stage.value,
        })
        .collect();
    // From the mix's entry down: nothing is required of the stages above it (they have no
    // count to compare with), and nothing up there makes the target unreachable.
    let entry = forward
        .stages
        .iter()
        .position(|s| s.count.is_some())
        .unwrap_or(0)
        .min(rates_pct.len());
    let mut required: Vec<Option<f64>> = vec![None; rates_pct.len()];
    let unreachable = required_counts(
        target,
        scenario.basket,
        &rates_pct[entry..],
        &mut required[entry..],
    )
    .map(|reason| reason.below(entry));

    let stages = scenario
        .stages
        .iter()
        .zip(&forward.stages)
        .zip(&required)
        .map(|((stage, result), &required)| RequiredStage {
            name: stage.name.clone(),
            required,
            current: result.count,
            gap: required.zip(result.count).and_then(|(r, c)| finite(r - c)),
        })
        .collect();
    let required_spend = match (required.get(1).copied().flatten(), forward.cost_per_lead()) {
        (Some(leads), Some(cpl)) => finite(leads * cpl),
        (Some(0.0), None) => Some(0.0),
        _ => None,
    };
    ReverseResult {
        target,
        stages,
        required_spend,
        unreachable,
    }
}
