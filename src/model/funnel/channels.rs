//! Marketing channels: each one's spend, the leads (or visits) its spend brings through its
//! response curve, where they enter the funnel and how they convert; the funnel per channel
//! and blended, with the same formulas as the scenario's funnel, and each channel's marginal
//! return on the next euro.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::funnel::forward::{returns, Returns};
use crate::model::funnel::scenario::{Scenario, MAX_STAGE_NAME_CHARS};
use crate::model::funnel::validate::MAX_AMOUNT;
use crate::model::num::{finite, ratio};

crate::texts! {
    /// What is wrong with a channel mix.
    enum ChannelText {
        TooMany => "A mix holds at most {max} channels.", "Un mix compte au plus {max} canaux.";
        NoName => "Channel {n} needs a name.", "Le canal {n} doit avoir un nom.";
        LongName => "The name of channel {n} is longer than {max} characters.",
            "Le nom du canal {n} dépasse {max} caractères.";
        SameName => "Two channels are called “{name}”: give each its own name.",
            "Deux canaux s'appellent « {name} » : donnez à chacun son propre nom.";
        BadValue => "{name}: {what} must be a number from {min} to {max}.",
            "{name} : {what} doit être un nombre de {min} à {max}.";
        MinAboveMax => "{name}: the minimum spend is above the maximum.",
            "{name} : la dépense minimale dépasse la maximale.";
        Spend => "the spend", "la dépense";
        CostPerLead => "the cost per lead", "le coût par lead";
        Volume => "the count per period", "le volume par période";
        Ceiling => "the ceiling", "le plafond";
        Scale => "the spend scale", "l'échelle de dépense";
        Coefficient => "the coefficient", "le coefficient";
        Exponent => "the exponent", "l'exposant";
        Factor => "the quality factor", "le facteur de qualité";
        Rate => "a conversion rate", "un taux de conversion";
        MinSpend => "the minimum spend", "la dépense minimale";
        MaxSpend => "the maximum spend", "la dépense maximale";
        Blended => "All channels", "Tous les canaux";
    }
}

/// Which number of a channel is out of its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelValue {
    Spend,
    CostPerLead,
    Volume,
    Ceiling,
    Scale,
    Coefficient,
    Exponent,
    Factor,
    Rate,
    MinSpend,
    MaxSpend,
}

impl ChannelValue {
    /// The range the value accepts (inclusive; a cost, scale or coefficient above 0).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            ChannelValue::CostPerLead | ChannelValue::Scale | ChannelValue::Coefficient => {
                (f64::MIN_POSITIVE, MAX_AMOUNT)
            }
            ChannelValue::Ceiling => (f64::MIN_POSITIVE, MAX_AMOUNT),
            ChannelValue::Exponent => (0.01, 1.0),
            ChannelValue::Factor => (0.0, 100.0),
            ChannelValue::Rate => (0.0, 100.0),
            _ => (0.0, MAX_AMOUNT),
        }
    }

    fn text(self) -> ChannelText {
        match self {
            ChannelValue::Spend => ChannelText::Spend,
            ChannelValue::CostPerLead => ChannelText::CostPerLead,
            ChannelValue::Volume => ChannelText::Volume,
            ChannelValue::Ceiling => ChannelText::Ceiling,
            ChannelValue::Scale => ChannelText::Scale,
            ChannelValue::Coefficient => ChannelText::Coefficient,
            ChannelValue::Exponent => ChannelText::Exponent,
            ChannelValue::Factor => ChannelText::Factor,
            ChannelValue::Rate => ChannelText::Rate,
            ChannelValue::MinSpend => ChannelText::MinSpend,
            ChannelValue::MaxSpend => ChannelText::MaxSpend,
        }
    }
}

/// What is wrong with a channel mix (channels numbered from 0).
#[derive(Clone, Debug, PartialEq)]
pub enum ChannelProblem {
    TooMany(usize),
    NoName(usize),
    LongName(usize),
    SameName(String),
    BadValue {
        channel: usize,
        name: String,
        value: ChannelValue,
    },
    MinAboveMax {
        channel: usize,
        name: String,
    },
}

impl fmt::Display for ChannelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::model::format;
        let n = |i: &usize| (i + 1).to_string();
        let text = match self {
            ChannelProblem::TooMany(_) => {
                ChannelText::TooMany.fill(&[("max", &MAX_CHANNELS.to_string())])
            }
            ChannelProblem::NoName(i) => ChannelText::NoName.fill(&[("n", &n(i))]),
            ChannelProblem::LongName(i) => ChannelText::LongName
                .fill(&[("n", &n(i)), ("max", &MAX_STAGE_NAME_CHARS.to_string())]),
            ChannelProblem::SameName(name) => ChannelText::SameName.fill(&[("name", name)]),
            ChannelProblem::BadValue { name, value, .. } => {
                let (min, max) = value.bounds();
                let min = if min > 0.0 && min < 1e-300 { 0.0 } else { min };
                ChannelText::BadValue.fill(&[
                    ("name", name),
                    ("what", value.text().text()),
                    ("min", &format::exact(min)),
                    ("max", &format::exact(max)),
                ])
            }
            ChannelProblem::MinAboveMax { name, .. } => {
                ChannelText::MinAboveMax.fill(&[("name", name)])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ChannelProblem {}

/// The name of a mix's blended totals ("All channels"), in the language in use.
pub fn blended_name() -> &'static str {
    ChannelText::Blended.text()
}

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
#[serde(rename_all = "snake_case")]
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
#[serde(rename_all = "snake_case")]
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
    /// A channel without spend bounds.
    pub fn new(name: &str, spend: f64, response: Response, conversion: Conversion) -> Channel {
        Channel {
            name: name.to_owned(),
            spend,
            response,
            conversion,
            min_spend: None,
            max_spend: None,
        }
    }

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
        funnel
            .iter()
            .enumerate()
            .map(|(step, &rate)| self.rate_after_entry(step, rate))
            .collect()
    }

    /// The channel's rate (a fraction) `step` stages after the entry (0: the first one),
    /// where the funnel's rate there is `funnel_rate`.
    pub fn rate_after_entry(&self, step: usize, funnel_rate: f64) -> f64 {
        match &self.conversion {
            Conversion::Funnel => funnel_rate,
            Conversion::Quality { factor } if step == 0 => (funnel_rate * factor).min(1.0),
            Conversion::Quality { .. } => funnel_rate,
            Conversion::Own { rates } => rates.get(step).map_or(funnel_rate, |own| own / 100.0),
        }
    }

    /// Customers per unit of volume (the product of the rates after the entry).
    pub fn customers_per_volume(&self, scenario: &Scenario, entry: Entry) -> f64 {
        self.rates(scenario, entry).iter().product()
    }
}

/// What the budget allocator maximises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    #[default]
    Customers,
    Revenue,
    GrossMargin,
}

impl Objective {
    pub const ALL: [Objective; 3] = [
        Objective::Customers,
        Objective::Revenue,
        Objective::GrossMargin,
    ];

    /// The key used in links and `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            Objective::Customers => "customers",
            Objective::Revenue => "revenue",
            Objective::GrossMargin => "margin",
        }
    }

    pub fn from_key(key: &str) -> Option<Objective> {
        Objective::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// The channels of a scenario, where their volume enters, and what the best split of
/// their budget maximises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelMix {
    pub entry: Entry,
    pub channels: Vec<Channel>,
    #[serde(default, skip_serializing_if = "is_customers")]
    pub objective: Objective,
}

fn is_customers(objective: &Objective) -> bool {
    *objective == Objective::Customers
}

impl ChannelMix {
    /// The mix's total spend per period.
    pub fn spend(&self) -> f64 {
        self.channels.iter().map(|c| c.spend).sum()
    }
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

/// Checks a mix as a link, a file or the form would give it: at most [`MAX_CHANNELS`]
/// channels, each named (uniquely, ignoring case) and every number finite and in its range.
pub fn check_mix(mix: &ChannelMix) -> Result<(), ChannelProblem> {
    if mix.channels.len() > MAX_CHANNELS {
        return Err(ChannelProblem::TooMany(mix.channels.len()));
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, channel) in mix.channels.iter().enumerate() {
        let name = channel.name.trim();
        if name.is_empty() {
            return Err(ChannelProblem::NoName(i));
        }
        if name.chars().count() > MAX_STAGE_NAME_CHARS {
            return Err(ChannelProblem::LongName(i));
        }
        let folded = name.to_lowercase();
        if seen.contains(&folded) {
            return Err(ChannelProblem::SameName(name.to_owned()));
        }
        seen.push(folded);
        let bad = |value: ChannelValue| ChannelProblem::BadValue {
            channel: i,
            name: name.to_owned(),
            value,
        };
        let check = |value: ChannelValue, x: f64| {
            let (min, max) = value.bounds();
            if x.is_finite() && x >= min && x <= max {
                Ok(())
            } else {
                Err(bad(value))
            }
        };
        check(ChannelValue::Spend, channel.spend)?;
        match channel.response {
            Response::Linear { cost_per_lead } => check(ChannelValue::CostPerLead, cost_per_lead)?,
            Response::Count { volume } => check(ChannelValue::Volume, volume)?,
            Response::Saturating { ceiling, scale } => {
                check(ChannelValue::Ceiling, ceiling)?;
                check(ChannelValue::Scale, scale)?;
            }
            Response::Power {
                coefficient,
                exponent,
            } => {
                check(ChannelValue::Coefficient, coefficient)?;
                check(ChannelValue::Exponent, exponent)?;
            }
        }
        match &channel.conversion {
            Conversion::Funnel => {}
            Conversion::Quality { factor } => check(ChannelValue::Factor, *factor)?,
            Conversion::Own { rates } => {
                for rate in rates {
                    check(ChannelValue::Rate, *rate)?;
                }
            }
        }
        if let Some(low) = channel.min_spend {
            check(ChannelValue::MinSpend, low)?;
        }
        if let Some(high) = channel.max_spend {
            check(ChannelValue::MaxSpend, high)?;
        }
        if let (Some(low), Some(high)) = (channel.min_spend, channel.max_spend) {
            if low > high {
                return Err(ChannelProblem::MinAboveMax {
                    channel: i,
                    name: name.to_owned(),
                });
            }
        }
    }
    Ok(())
}

impl Response {
    /// The spend that brings `volume`, or `None` when the curve never does (above a
    /// saturating ceiling, more than a fixed count).
    pub fn spend_for(&self, volume: f64) -> Option<f64> {
        if !volume.is_finite() || volume < 0.0 {
            return None;
        }
        let spend = match *self {
            Response::Linear { cost_per_lead } => volume * cost_per_lead,
            Response::Count { volume: fixed } => return (volume <= fixed).then_some(0.0),
            Response::Saturating { ceiling, scale } => {
                if volume >= ceiling {
                    return None;
                }
                -scale * (-volume / ceiling).ln_1p()
            }
            Response::Power {
                coefficient,
                exponent,
            } => (volume / coefficient).powf(1.0 / exponent),
        };
        finite(spend)
    }
}

/// What one channel must bring for a target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelNeed {
    pub name: String,
    /// The volume at the entry stage (leads, or visits).
    pub volume: f64,
    pub customers: f64,
    /// The spend that brings it (`None`: the channel's curve cannot).
    pub spend: Option<f64>,
}

/// What each channel must bring for `target` revenue if every channel keeps its share of
/// the customers it brings now (`now`, the mix's [`evaluate_mix`], scaled); `None` when the
/// mix brings no customer to scale.
pub fn needs_at_current_mix(
    scenario: &Scenario,
    mix: &ChannelMix,
    now: &MixResult,
    target: f64,
) -> Option<Vec<ChannelNeed>> {
    let required = ratio(target, scenario.basket)?;
    let scale = ratio(required, now.blended.customers)?;
    Some(
        mix.channels
            .iter()
            .zip(&now.channels)
            .map(|(channel, funnel)| {
                let now = funnel.counts.get(mix.entry.stage()).copied().flatten();
                let volume = finite(now.unwrap_or(0.0) * scale).unwrap_or(0.0);
                ChannelNeed {
                    name: channel.name.clone(),
                    volume,
                    customers: funnel.customers * scale,
                    spend: channel.response.spend_for(volume),
                }
            })
            .collect(),
    )
}
