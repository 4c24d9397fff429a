//! The budget allocator: how to split a budget across the channels, within each one's
//! bounds, to win the most customers, revenue or gross margin; and the smallest budget that
//! reaches a revenue target.
//!
//! The funnel is linear in each channel's volume, so a channel's objective is its response
//! curve times a value per unit of volume (customers, revenue or margin per lead). The
//! curves are concave (linear, fixed, saturating, power ≤ 1), so the optimum gives every
//! channel that is not at one of its bounds the same marginal return λ: the allocator finds
//! λ by bisection (each channel's spend falls as λ rises), then shares what is left between
//! the channels whose marginal return is λ exactly (linear channels tied at the margin).

use std::fmt;

use serde::Serialize;

pub use crate::model::funnel::channels::Objective;
use crate::model::funnel::channels::{Channel, ChannelMix, ChannelNeed, Entry};
use crate::model::funnel::scenario::Scenario;
use crate::model::num::finite;

crate::texts! {
    /// Why a budget cannot be allocated.
    enum AllocateText {
        NoChannels => "Add a channel first: there is nothing to allocate the budget to.",
            "Ajoutez d'abord un canal : il n'y a rien entre quoi répartir le budget.";
        BadBudget => "The budget must be a number of 0 or more.",
            "Le budget doit être un nombre positif ou nul.";
        BelowMinimums => "The channels' minimum spends add up to {minimum}, more than the budget.",
            "Les dépenses minimales des canaux totalisent {minimum}, plus que le budget.";
        Unreachable => "No budget reaches this target within the channels' limits: at most {most} of revenue.",
            "Aucun budget n'atteint cet objectif dans les limites des canaux : au plus {most} de chiffre d'affaires.";
    }
}

/// Why a budget cannot be allocated.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum AllocateError {
    NoChannels,
    /// The budget (or target) is negative or not a number.
    BadBudget,
    /// The minimum spends alone exceed the budget.
    BelowMinimums {
        minimum: f64,
    },
    /// The target cannot be reached, even with every channel at its maximum: the most
    /// revenue the channels can bring.
    Unreachable {
        most: f64,
    },
}

impl fmt::Display for AllocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::model::format;
        let text = match self {
            AllocateError::NoChannels => AllocateText::NoChannels.text().to_owned(),
            AllocateError::BadBudget => AllocateText::BadBudget.text().to_owned(),
            AllocateError::BelowMinimums { minimum } => {
                AllocateText::BelowMinimums.fill(&[("minimum", &format::money(*minimum))])
            }
            AllocateError::Unreachable { most } => {
                AllocateText::Unreachable.fill(&[("most", &format::money(*most))])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for AllocateError {}

/// A split of the budget: one spend per channel, in the mix's order, and the objective it
/// reaches.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Allocation {
    pub spends: Vec<f64>,
    /// The objective's value at these spends (customers, or an amount).
    pub value: f64,
}

impl Allocation {
    /// The total spent (less than the budget when every channel is at its maximum).
    pub fn total(&self) -> f64 {
        self.spends.iter().sum()
    }
}

/// What one unit of a channel's volume is worth for `objective`.
fn value_per_volume(
    scenario: &Scenario,
    entry: Entry,
    channel: &Channel,
    objective: Objective,
) -> f64 {
    let customers = channel.customers_per_volume(scenario, entry);
    let value = match objective {
        Objective::Customers => customers,
        Objective::Revenue => customers * scenario.basket,
        Objective::GrossMargin => customers * scenario.basket * scenario.margin_pct / 100.0,
    };
    finite(value).unwrap_or(0.0).max(0.0)
}

/// The objective at `spends`.
pub fn objective_at(
    scenario: &Scenario,
    mix: &ChannelMix,
    spends: &[f64],
    objective: Objective,
) -> f64 {
    mix.channels
        .iter()
        .zip(spends)
        .map(|(channel, &spend)| {
            value_per_volume(scenario, mix.entry, channel, objective)
                * channel.response.volume(spend)
        })
        .sum()
}

/// One channel as the allocator sees it: its worth per unit of volume and its bounds.
struct Lever<'a> {
    channel: &'a Channel,
    worth: f64,
    low: f64,
    high: f64,
}

impl Lever<'_> {
    /// The marginal return of the channel's next euro at `spend`.
    fn marginal(&self, spend: f64) -> f64 {
        self.worth * self.channel.response.marginal(spend)
    }

    /// The spend at which the marginal return falls to `lambda`, within the bounds; a
    /// linear channel takes everything it can when it returns more than `lambda`.
    fn spend_at(&self, lambda: f64) -> f64 {
        if self.worth <= 0.0 {
            return self.low;
        }
        let spend = match self.channel.response.spend_at_slope(lambda / self.worth) {
            Some(spend) => spend,
            None if self.marginal(self.low) > lambda => self.high,
            None => self.low,
        };
        spend.clamp(self.low, self.high)
    }
}

/// The largest budget the smallest-budget search considers (10^15 €): beyond it, a target
/// is unreachable.
const MOST_BUDGET: f64 = 1e15;

/// The levers of `mix` for `objective`, no channel above `cap` (the budget) unless its
/// minimum is.
fn levers<'a>(
    scenario: &Scenario,
    mix: &'a ChannelMix,
    objective: Objective,
    cap: f64,
) -> Vec<Lever<'a>> {
    mix.channels
        .iter()
        .map(|channel| {
            let (low, high) = channel.bounds();
            Lever {
                channel,
                worth: value_per_volume(scenario, mix.entry, channel, objective),
                low,
                high: high.min(cap.max(low)),
            }
        })
        .collect()
}

fn spends_at(levers: &[Lever], lambda: f64) -> Vec<f64> {
    levers.iter().map(|l| l.spend_at(lambda)).collect()
}

fn total(spends: &[f64]) -> f64 {
    spends.iter().sum()
}

/// The objective the levers bring at `spends`.
fn value_of(levers: &[Lever], spends: &[f64]) -> f64 {
    levers
        .iter()
        .zip(spends)
        .map(|(l, &spend)| l.worth * l.channel.response.volume(spend))
        .sum()
}

/// The marginal return λ where the best spends start to be `enough`: the spends at a λ
/// just too high (`poor`, not enough) and at one just low enough (`rich`), each channel's
/// spend falling as λ rises. Bracketed by doubling and halving (marginal returns span many
/// orders of magnitude), then bisected to the last bit.
fn bracket(levers: &[Lever], enough: impl Fn(&[f64]) -> bool) -> (Vec<f64>, Vec<f64>) {
    let enough_at = |lambda: f64| enough(&spends_at(levers, lambda));
    let mut poor = 1.0_f64;
    while enough_at(poor) && poor < 1e300 {
        poor *= 2.0;
    }
    let mut rich = poor;
    while !enough_at(rich) && rich > 1e-300 {
        rich /= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (rich + poor);
        if mid <= rich || mid >= poor {
            break;
        }
        if enough_at(mid) {
            rich = mid;
        } else {
            poor = mid;
        }
    }
    (spends_at(levers, poor), spends_at(levers, rich))
}

/// The channels whose spend differs between `poor` and `rich` (those at the margin), best
/// marginal return first.
fn at_the_margin(levers: &[Lever], poor: &[f64], rich: &[f64]) -> Vec<usize> {
    let mut margin: Vec<usize> = (0..levers.len()).filter(|&i| rich[i] > poor[i]).collect();
    margin.sort_by(|&a, &b| {
        levers[b]
            .marginal(poor[b])
            .total_cmp(&levers[a].marginal(poor[a]))
    });
    margin
}

/// The split of `budget` that maximises `objective`, each channel within its bounds. When
/// every channel at its maximum spends less than the budget, that is the allocation.
pub fn allocate(
    scenario: &Scenario,
    mix: &ChannelMix,
    budget: f64,
    objective: Objective,
) -> Result<Allocation, AllocateError> {
    if mix.channels.is_empty() {
        return Err(AllocateError::NoChannels);
    }
    if !budget.is_finite() || budget < 0.0 {
        return Err(AllocateError::BadBudget);
    }
    let levers = levers(scenario, mix, objective, budget);
    let minimum: f64 = levers.iter().map(|l| l.low).sum();
    if minimum > budget {
        return Err(AllocateError::BelowMinimums { minimum });
    }
    let most: Vec<f64> = levers.iter().map(|l| l.high).collect();
    if total(&most) <= budget {
        return Ok(finish(&levers, most));
    }
    // `poor` spends at most the budget; the channels that take more at `rich` are those at
    // the margin: what is left goes to them, the best first.
    let (mut spends, wider) = bracket(&levers, |spends| total(spends) > budget);
    let mut left = budget - total(&spends);
    for i in at_the_margin(&levers, &spends, &wider) {
        if left <= 0.0 {
            break;
        }
        let more = (wider[i] - spends[i]).min(left);
        spends[i] += more;
        left -= more;
    }
    Ok(finish(&levers, spends))
}

fn finish(levers: &[Lever], spends: Vec<f64>) -> Allocation {
    let value = value_of(levers, &spends);
    Allocation { spends, value }
}

/// The smallest budget whose best split reaches `target` revenue, with that split.
///
/// The best split of any budget gives every channel off its bounds the same marginal
/// return λ, and both the budget and the revenue grow as λ falls: one bisection on λ finds
/// where the revenue reaches the target (not one allocation per budget tried). The channels
/// at the margin there (linear ones tied at λ) then get what the target still needs, the
/// best first.
pub fn budget_for_target(
    scenario: &Scenario,
    mix: &ChannelMix,
    target: f64,
) -> Result<Allocation, AllocateError> {
    if !target.is_finite() || target < 0.0 {
        return Err(AllocateError::BadBudget);
    }
    if mix.channels.is_empty() {
        return Err(AllocateError::NoChannels);
    }
    let levers = levers(scenario, mix, Objective::Revenue, MOST_BUDGET);
    let floor: Vec<f64> = levers.iter().map(|l| l.low).collect();
    if value_of(&levers, &floor) >= target {
        return Ok(finish(&levers, floor));
    }
    // The most any budget brings: every channel at its maximum, or as far as a marginal
    // return of almost nothing takes it.
    let most = value_of(&levers, &spends_at(&levers, 1e-300));
    if most < target {
        return Err(AllocateError::Unreachable { most });
    }
    let (mut spends, wider) = bracket(&levers, |spends| value_of(&levers, spends) >= target);
    for i in at_the_margin(&levers, &spends, &wider) {
        let needed = target - value_of(&levers, &spends);
        if needed <= 0.0 {
            break;
        }
        let room = wider[i] - spends[i];
        // Exact for a linear channel (a constant return per euro); a curved one at the
        // margin has next to no room left by the bisection.
        let more = match finite(needed / levers[i].marginal(spends[i])) {
            Some(more) if more < room => more,
            _ => room,
        };
        spends[i] += more;
    }
    Ok(finish(&levers, spends))
}

/// The mix with each channel given its spend in `allocation`.
pub fn apply(mix: &ChannelMix, allocation: &Allocation) -> ChannelMix {
    let mut applied = mix.clone();
    for (channel, &spend) in applied.channels.iter_mut().zip(&allocation.spends) {
        channel.spend = spend;
    }
    applied
}

/// What each channel must bring for `target` revenue at the best mix: the smallest budget
/// that reaches it, split for revenue ([`budget_for_target`]).
pub fn needs_at_best_mix(
    scenario: &Scenario,
    mix: &ChannelMix,
    target: f64,
) -> Result<Vec<ChannelNeed>, AllocateError> {
    let split = budget_for_target(scenario, mix, target)?;
    Ok(mix
        .channels
        .iter()
        .zip(&split.spends)
        .map(|(channel, &spend)| {
            let volume = channel.response.volume(spend);
            ChannelNeed {
                name: channel.name.clone(),
                volume,
                customers: volume * channel.customers_per_volume(scenario, mix.entry),
                spend: Some(spend),
            }
        })
        .collect())
}
