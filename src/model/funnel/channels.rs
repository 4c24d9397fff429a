//! Marketing channels: each one's spend, the leads (or visits) its spend brings through its
//! response curve, where they enter the funnel and how they convert; the funnel per channel
//! and blended, with the same formulas as the scenario's funnel, and each channel's marginal
//! return on the next euro.

use serde::{Deserialize, Serialize};

use crate::model::funnel::forward::{returns, Returns};
use crate::model::funnel::scenario::Scenario;
use crate::model::num::{finite, ratio};

/// Most channels a mix holds.
pub const MAX_CHANNELS: usize = 20;

/// Where a channel's volume enters the funnel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// Each channel brings the top stage (visits, say), converted by the funnel's first rate
    /// (or the channel's own) into leads.
    Top,
    /// Each channel brings leads straight into the lead stage (stage 1): the stages above are
    /// not invented.
    Leads,
}

impl Entry {
    /// The index of the stage the volume enters.
    pub fn stage(self) -> usize {
        match self {
            Entry::Top => 0,
            Entry::Leads => 1,
        }
    }
}

/// How a channel's spend becomes volume (leads, or visits when the mix enters at the top).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// A constant cost per lead: volume = spend ÷ cost.
    Linear { cost_per_lead: f64 },
    /// A count per period whatever the spend (SEO, referrals): spend buys no more.
    Count { volume: f64 },
    /// Diminishing returns towards a ceiling: volume = ceiling · (1 − e^(−spend ÷ scale)).
    /// The first euros bring 1 ÷ (scale ÷ ceiling) each; at spend = scale, 63 % of the
    /// ceiling is reached.
    Saturating { ceiling: f64, scale: f64 },
    /// A power law: volume = coefficient · spend^exponent (0 < exponent ≤ 1): doubling the
    /// spend multiplies the volume by 2^exponent.
    Power { coefficient: f64, exponent: f64 },
}

impl Response {
    /// The volume `spend` brings (0 for a spend of 0 or less, except a fixed count).
    pub fn volume(&self, spend: f64) -> f64 {
        let spend = spend.max(0.0);
        let volume = match *self {
            Response::Linear { cost_per_lead } => ratio(spend, cost_per_lead).unwrap_or(0.0),
            Response::Count { volume } => volume,
            Response::Saturating { ceiling, scale } => match ratio(spend, scale) {
                Some(x) => ceiling * -(-x).exp_m1(),
                None => 0.0,
            },
            Response::Power {
                coefficient,
                exponent,
            } => coefficient * spend.powf(exponent),
        };
        finite(volume).unwrap_or(0.0).max(0.0)
    }

    /// The volume the next euro brings at `spend` (the curve's slope).
    pub fn marginal(&self, spend: f64) -> f64 {
        let spend = spend.max(0.0);
        let slope = match *self {
            Response::Linear { cost_per_lead } => ratio(1.0, cost_per_lead).unwrap_or(0.0),
            Response::Count { .. } => 0.0,
            Response::Saturating { ceiling, scale } => match ratio(ceiling, scale) {
                Some(first) => first * (-spend / scale).exp(),
                None => 0.0,
            },
            Response::Power {
                coefficient,
                exponent,
            } => {
                if spend == 0.0 && exponent < 1.0 {
                    f64::MAX
                } else {
                    coefficient * exponent * spend.powf(exponent - 1.0)
                }
            }
        };
        finite(slope).unwrap_or(0.0).max(0.0)
    }

    /// The spend at which the slope falls to `slope` (the curve's inverse marginal), for the
    /// curves whose slope falls; `None` for a linear or fixed one.
    pub fn spend_at_slope(&self, slope: f64) -> Option<f64> {
        match *self {
            Response::Linear { .. } | Response::Count { .. } => None,
            Response::Saturating { ceiling, scale } => {
                let first = ratio(ceiling, scale)?;
                Some(if slope >= first {
                    0.0
                } else {
                    scale * (first / slope).ln()
                })
            }
            Response::Power {
                coefficient,
                exponent,
            } => {
                if exponent >= 1.0 {
                    return None;
                }
                let spend = (slope / (coefficient * exponent)).powf(1.0 / (exponent - 1.0));
                finite(spend)
            }
        }
    }
}

/// How a channel's volume converts down the funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conversion {
    /// The funnel's rates.
    Funnel,
    /// The funnel's rates, the first one after the entry multiplied by this factor (1.5:
    /// leads half again as likely to qualify), at most 100 %.
    Quality { factor: f64 },
    /// The channel's own rates (%), one per stage after the entry.
    Own { rates: Vec<f64> },
}

/// One marketing channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub name: String,
    /// Spend per period.
    pub spend: f64,
    pub response: Response,
    pub conversion: Conversion,
    /// The least the channel can be given (a contract, a minimum buy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_spend: Option<f64>,
    /// The most it can take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_spend: Option<f64>,
}

impl Channel {
    /// The spend bounds the allocator keeps to: [min, max] (0 and unbounded by default).
    pub fn bounds(&self) -> (f64, f64) {
        let low = self.min_spend.unwrap_or(0.0).max(0.0);
        let high = self.max_spend.unwrap_or(f64::INFINITY).max(low);
        (low, high)
    }

    /// The rates (as fractions) of the stages after `entry`, in order.
    pub fn rates(&self, scenario: &Scenario, entry: Entry) -> Vec<f64> {
        let funnel: Vec<f64> = scenario
            .stages
            .iter()
            .skip(entry.stage() + 1)
            .map(|s| s.value / 100.0)
            .collect();
        match &self.conversion {
            Conversion::Funnel => funnel,
            Conversion::Quality { factor } => funnel
                .iter()
                .enumerate()
                .map(|(i, rate)| {
                    if i == 0 {
                        (rate * factor).min(1.0)
                    } else {
                        *rate
                    }
                })
                .collect(),
            Conversion::Own { rates } => funnel
                .iter()
                .enumerate()
                .map(|(i, rate)| rates.get(i).map_or(*rate, |own| own / 100.0))
                .collect(),
        }
    }

    /// Customers per unit of volume (the product of the rates after the entry).
    pub fn customers_per_volume(&self, scenario: &Scenario, entry: Entry) -> f64 {
        self.rates(scenario, entry).iter().product()
    }
}

/// The channels of a scenario and where their volume enters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelMix {
    pub entry: Entry,
    pub channels: Vec<Channel>,
}

/// The funnel of one channel (or of the blended mix).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelFunnel {
    pub name: String,
    pub spend: f64,
    /// The count at every stage of the scenario: `None` above the entry (not invented).
    pub counts: Vec<Option<f64>>,
    /// Spend ÷ count at every stage from the one after the top (cost per lead, per MQL …):
    /// `None` above the entry and where the count is 0.
    pub cost_per: Vec<Option<f64>>,
    pub customers: f64,
    /// Revenue, margin, CAC, ROI, LTV:CAC and payback, by the scenario's own formulas.
    pub returns: Returns,
}

/// The mix's funnels: one per channel, in order, and the blended totals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MixResult {
    pub channels: Vec<ChannelFunnel>,
    pub blended: ChannelFunnel,
}

/// The funnel of a channel with `spend`, its volume entering at `entry`.
pub fn channel_funnel(
    scenario: &Scenario,
    entry: Entry,
    channel: &Channel,
    spend: f64,
) -> ChannelFunnel {
    let first = entry.stage().min(scenario.stages.len());
    let mut counts = vec![None; first];
    let mut current = channel.response.volume(spend);
    counts.push(Some(current));
    for rate in channel.rates(scenario, entry) {
        current = finite(current * rate).unwrap_or(0.0);
        counts.push(Some(current));
    }
    counts.truncate(scenario.stages.len());
    funnel_of(scenario, channel.name.clone(), spend, counts)
}

fn funnel_of(
    scenario: &Scenario,
    name: String,
    spend: f64,
    counts: Vec<Option<f64>>,
) -> ChannelFunnel {
    let customers = counts.last().copied().flatten().unwrap_or(0.0);
    let cost_per = counts
        .iter()
        .enumerate()
        .map(|(i, count)| {
            if i == 0 {
                None
            } else {
                ratio(spend, (*count)?)
            }
        })
        .collect();
    ChannelFunnel {
        name,
        spend,
        counts,
        cost_per,
        customers,
        returns: returns(scenario, customers, spend),
    }
}

/// Every channel's funnel at its own spend, and the blended funnel: counts and spend summed
/// over the channels, its KPIs by the same formulas.
pub fn evaluate_mix(scenario: &Scenario, mix: &ChannelMix, blended_name: &str) -> MixResult {
    let spends: Vec<f64> = mix.channels.iter().map(|c| c.spend).collect();
    evaluate_mix_at(scenario, mix, &spends, blended_name)
}

/// [`evaluate_mix`] with each channel given the spend in `spends` (an allocation).
pub fn evaluate_mix_at(
    scenario: &Scenario,
    mix: &ChannelMix,
    spends: &[f64],
    blended_name: &str,
) -> MixResult {
    let channels: Vec<ChannelFunnel> = mix
        .channels
        .iter()
        .zip(spends)
        .map(|(channel, &spend)| channel_funnel(scenario, mix.entry, channel, spend))
        .collect();
    let stages = scenario.stages.len();
    let counts = (0..stages)
        .map(|i| {
            (i >= mix.entry.stage()).then(|| {
                channels
                    .iter()
                    .filter_map(|c| c.counts.get(i).copied().flatten())
                    .sum::<f64>()
            })
        })
        .collect();
    let spend = channels.iter().map(|c| c.spend).sum();
    let blended = funnel_of(scenario, blended_name.to_owned(), spend, counts);
    MixResult { channels, blended }
}

/// What the next euro on a channel buys.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Marginal {
    /// Customers the next euro brings.
    pub customers_per_euro: f64,
    /// Spend one more customer takes at the current spend (`None` when spend buys none).
    pub cost_per_customer: Option<f64>,
    /// (revenue the next `step` euros bring − `step`) ÷ `step`.
    pub roi_revenue: Option<f64>,
}

/// The marginal return of `channel` at `spend` for the next `step` euros (1,000 in the UI).
pub fn marginal(
    scenario: &Scenario,
    entry: Entry,
    channel: &Channel,
    spend: f64,
    step: f64,
) -> Marginal {
    let per_volume = channel.customers_per_volume(scenario, entry);
    let customers_per_euro = finite(channel.response.marginal(spend) * per_volume).unwrap_or(0.0);
    let now = channel_funnel(scenario, entry, channel, spend)
        .returns
        .revenue;
    let next = channel_funnel(scenario, entry, channel, spend + step)
        .returns
        .revenue;
    Marginal {
        customers_per_euro,
        cost_per_customer: ratio(1.0, customers_per_euro),
        roi_revenue: ratio(next - now - step, step),
    }
}
