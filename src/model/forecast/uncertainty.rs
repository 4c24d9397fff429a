//! Uncertain inputs for the Monte Carlo: a range (low / likely / high, sampled from a PERT
//! distribution) or observed counts (120 of 300 → Beta(121, 181)) for the top volume, each
//! conversion rate, the basket, the monthly churn and each channel's cost per lead, with the
//! seed and the number of trials; typed errors for settings that cannot be sampled.
//!
//! Both distributions are sampled with `rand_distr::Beta`:
//!
//! - `Range { low, likely, high }` is the PERT distribution: `low + (high − low) × X` with
//!   `X ~ Beta(1 + 4 (likely − low) / (high − low), 1 + 4 (high − likely) / (high − low))`,
//!   whose mean is `(low + 4 likely + high) / 6`. A range with `low = high` is that value,
//!   drawn without consuming randomness. (`rand_distr::Pert` 0.4 is not used: it derives
//!   its shape from `(2 likely − low − high) / (likely − mean)`, which is 0 / 0 up to
//!   rounding when `likely` is half-way between `low` and `high`.)
//! - `Observed { successes, trials }` is the rate's posterior under a uniform prior:
//!   `Beta(successes + 1, trials − successes + 1)`, in percent; its mean is
//!   `(successes + 1) / (trials + 2)`. Only rates and the churn can be observed.

use std::collections::BTreeMap;
use std::fmt;

use rand::Rng;
use rand_distr::{Beta, Distribution};
use serde::{Deserialize, Serialize};

use crate::model::format::message_number;
use crate::model::funnel::channels_edit::index_after_move;
use crate::model::funnel::scenario::Scenario;
use crate::model::funnel::validate::MAX_AMOUNT;
use crate::model::num::ratio;

crate::texts! {
    /// The uncertain inputs and what cannot be sampled.
    enum UncertaintyText {
        Top => "Top of the funnel", "Haut de l'entonnoir";
        Rate => "Rate into stage {n}", "Taux vers l'étape {n}";
        Basket => "Average basket", "Panier moyen";
        Churn => "Monthly churn", "Churn mensuel";
        ChannelCost => "Cost per lead of channel {n}", "Coût par lead du canal {n}";
        Trials => "Run 1 to {max} trials, not {n}.", "Lancez de 1 à {max} tirages, pas {n}.";
        NoSuchStage => "A range is given for stage {stage}, but the funnel's rates are for stages 2 to {stages}.",
            "Une plage est donnée pour l'étape {stage}, mais les taux de l'entonnoir portent sur les étapes 2 à {stages}.";
        OutOfRange => "{input}: values must be between {min} and {max} (got {value}).",
            "{input} : les valeurs doivent être entre {min} et {max} (saisi : {value}).";
        Order => "{input}: low ≤ likely ≤ high is needed (got {low}, {likely}, {high}).",
            "{input} : il faut bas ≤ probable ≤ haut (saisi : {low} ; {likely} ; {high}).";
        SuccessesAboveTrials => "{input}: {successes} successes out of {trials} is more than all of them.",
            "{input} : {successes} succès sur {trials}, c'est plus que le total.";
        NothingObserved => "{input}: observed counts need at least one trial.",
            "{input} : des comptages observés demandent au moins un essai.";
        TooManyObserved => "{input}: at most {max} observed (got {trials}).",
            "{input} : au plus {max} observations (saisi : {trials}).";
        ObservedNotARate => "{input}: only rates can be given as observed counts; give a range.",
            "{input} : seuls les taux peuvent être donnés en comptages observés ; donnez une plage.";
        TopFromChannels => "The channels bring the volume entering the funnel: give their costs per lead a range, not the top of the funnel.",
            "Les canaux apportent le volume qui entre dans l'entonnoir : donnez une plage à leurs coûts par lead, pas au haut de l'entonnoir.";
        AboveEntry => "The channels bring leads straight into stage {entry}: the rate into stage {stage} is not used, so it cannot be uncertain.",
            "Les canaux apportent les leads directement à l'étape {entry} : le taux vers l'étape {stage} ne sert pas, il ne peut donc pas être incertain.";
        NoSuchChannel => "A cost per lead range is given for channel {channel}, but the scenario has {channels} channels.",
            "Une plage de coût par lead est donnée pour le canal {channel}, mais le scénario a {channels} canaux.";
    }
}

/// Most trials one run may have.
pub const MAX_TRIALS: u32 = 1_000_000;
/// Largest observed count.
pub const MAX_OBSERVED: u64 = 1_000_000_000;
/// Trials of a new set-up.
pub const DEFAULT_TRIALS: u32 = 10_000;

/// How an uncertain input is spread.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Spread {
    /// A three-point estimate, in the input's unit (count, %, €).
    Range { low: f64, likely: f64, high: f64 },
    /// `successes` converted (or churned) out of `trials`.
    Observed { successes: u64, trials: u64 },
}

impl Spread {
    /// The expected value of the spread, in the input's unit (percent for observed counts).
    pub fn mean(&self) -> f64 {
        match *self {
            Spread::Range { low, likely, high } => (low + 4.0 * likely + high) / 6.0,
            Spread::Observed { successes, trials } => {
                100.0 * (successes as f64 + 1.0) / (trials as f64 + 2.0)
            }
        }
    }

    /// The first problem with this spread for `input`, if any.
    pub fn check(&self, input: Uncertain) -> Result<(), UncertaintyError> {
        match *self {
            Spread::Range { low, likely, high } => {
                let (min, max) = input.bounds();
                for value in [low, likely, high] {
                    if !(value.is_finite() && (min..=max).contains(&value)) {
                        return Err(UncertaintyError::OutOfRange {
                            input,
                            value,
                            min,
                            max,
                        });
                    }
                }
                if low <= likely && likely <= high {
                    Ok(())
                } else {
                    Err(UncertaintyError::Order {
                        input,
                        low,
                        likely,
                        high,
                    })
                }
            }
            Spread::Observed { successes, trials } => {
                if !input.is_rate() {
                    Err(UncertaintyError::ObservedNotARate(input))
                } else if trials == 0 {
                    Err(UncertaintyError::NothingObserved(input))
                } else if trials > MAX_OBSERVED {
                    Err(UncertaintyError::TooManyObserved { input, trials })
                } else if successes > trials {
                    Err(UncertaintyError::SuccessesAboveTrials {
                        input,
                        successes,
                        trials,
                    })
                } else {
                    Ok(())
                }
            }
        }
    }

    /// A sampler for this spread, once it is checked for `input`.
    pub fn sampler(&self, input: Uncertain) -> Result<SpreadSampler, UncertaintyError> {
        self.check(input)?;
        let beta = |alpha: f64, beta: f64| {
            Beta::new(alpha, beta).map_err(|_| UncertaintyError::OutOfRange {
                input,
                value: alpha.min(beta),
                min: 1.0,
                max: f64::MAX,
            })
        };
        Ok(match *self {
            Spread::Range { low, likely, high } if low == high => SpreadSampler::Fixed(likely),
            Spread::Range { low, likely, high } => {
                let width = high - low;
                SpreadSampler::Scaled {
                    beta: beta(
                        1.0 + 4.0 * (likely - low) / width,
                        1.0 + 4.0 * (high - likely) / width,
                    )?,
                    low,
                    high,
                }
            }
            Spread::Observed { successes, trials } => {
                let failures = trials - successes;
                SpreadSampler::Scaled {
                    beta: beta(successes as f64 + 1.0, failures as f64 + 1.0)?,
                    low: 0.0,
                    high: 100.0,
                }
            }
        })
    }
}

/// Draws values of one spread.
#[derive(Clone, Copy, Debug)]
pub enum SpreadSampler {
    /// Always this value (a range with low = high); draws nothing.
    Fixed(f64),
    /// `low + (high − low) × Beta`.
    Scaled {
        beta: Beta<f64>,
        low: f64,
        high: f64,
    },
}

impl SpreadSampler {
    /// One value, always within the spread's bounds.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            SpreadSampler::Fixed(value) => value,
            SpreadSampler::Scaled { beta, low, high } => {
                let x = beta.sample(rng);
                let x = if x.is_finite() {
                    x.clamp(0.0, 1.0)
                } else {
                    0.5
                };
                (low + (high - low) * x).clamp(low, high)
            }
        }
    }
}

/// An input the Monte Carlo can sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Uncertain {
    /// The count entering the top of the funnel per period.
    Top,
    /// The conversion rate into stage `i` (`i ≥ 1`), percent.
    Rate(usize),
    /// The average basket.
    Basket,
    /// The projection's monthly churn, percent (ignored without a projection).
    Churn,
    /// The cost per lead of channel `i` of the mix at its current spend: a trial's volume
    /// from the channel is its spend ÷ the sampled cost (a channel without spend keeps its
    /// volume).
    ChannelCost(usize),
}

/// The smallest cost per lead a range may hold (one cent): a cost of 0 would be endless leads.
pub const MIN_COST_PER_LEAD: f64 = 0.01;

impl Uncertain {
    /// Inclusive bounds of the input's values.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Uncertain::Top | Uncertain::Basket => (0.0, MAX_AMOUNT),
            Uncertain::Rate(_) | Uncertain::Churn => (0.0, 100.0),
            Uncertain::ChannelCost(_) => (MIN_COST_PER_LEAD, MAX_AMOUNT),
        }
    }

    /// The input's value in `scenario` (count, %, €): what it is in every trial without a
    /// spread (the churn is 0 without a projection).
    pub fn value_in(self, scenario: &Scenario) -> f64 {
        match self {
            Uncertain::Top => scenario.top_count(),
            Uncertain::Rate(i) => scenario.stages.get(i).map_or(0.0, |s| s.value),
            Uncertain::Basket => scenario.basket,
            Uncertain::Churn => scenario.projection.as_ref().map_or(0.0, |p| p.churn_pct),
            Uncertain::ChannelCost(i) => scenario
                .mix()
                .and_then(|mix| mix.channels.get(i))
                .and_then(|c| ratio(c.spend, c.response.volume(c.spend)))
                .unwrap_or(0.0),
        }
    }

    /// Rates (and churn) are proportions: they may be given as observed counts.
    pub fn is_rate(self) -> bool {
        matches!(self, Uncertain::Rate(_) | Uncertain::Churn)
    }

    /// A label for messages ("Rate into stage 3", "Average basket" …), in the language in
    /// use.
    pub fn label(self) -> String {
        match self {
            Uncertain::Top => UncertaintyText::Top.text().into(),
            Uncertain::Rate(i) => UncertaintyText::Rate.fill(&[("n", &(i + 1).to_string())]),
            Uncertain::Basket => UncertaintyText::Basket.text().into(),
            Uncertain::Churn => UncertaintyText::Churn.text().into(),
            Uncertain::ChannelCost(i) => {
                UncertaintyText::ChannelCost.fill(&[("n", &(i + 1).to_string())])
            }
        }
    }
}

/// What cannot be sampled.
#[derive(Clone, Debug, PartialEq)]
pub enum UncertaintyError {
    /// Trials outside 1 to [`MAX_TRIALS`].
    Trials(u32),
    /// A rate spread for a stage the funnel does not have (or for stage 0, the top).
    NoSuchStage { stage: usize, stages: usize },
    /// A value outside the input's bounds, or not a number.
    OutOfRange {
        input: Uncertain,
        value: f64,
        min: f64,
        max: f64,
    },
    /// Not `low ≤ likely ≤ high`.
    Order {
        input: Uncertain,
        low: f64,
        likely: f64,
        high: f64,
    },
    /// More successes than trials observed.
    SuccessesAboveTrials {
        input: Uncertain,
        successes: u64,
        trials: u64,
    },
    /// Observed counts with no trial.
    NothingObserved(Uncertain),
    /// More than [`MAX_OBSERVED`] trials observed.
    TooManyObserved { input: Uncertain, trials: u64 },
    /// Observed counts for a volume or an amount (only rates are proportions).
    ObservedNotARate(Uncertain),
    /// A spread on the top of the funnel when a channel mix brings the volume.
    TopFromChannels,
    /// A spread on the rate into `stage`, at or above the stage a mix's leads enter
    /// (`entry`), which no trial uses.
    AboveEntry { stage: usize, entry: usize },
    /// A cost per lead spread for a channel the scenario does not have.
    NoSuchChannel { channel: usize, channels: usize },
}

impl fmt::Display for UncertaintyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |x: f64| message_number(x);
        let whole = |x: u64| match crate::model::i18n::lang() {
            crate::model::i18n::Lang::En => x.to_string(),
            crate::model::i18n::Lang::Fr => message_number(x as f64),
        };
        let text = match self {
            UncertaintyError::Trials(trials) => UncertaintyText::Trials.fill(&[
                ("max", &n(f64::from(MAX_TRIALS))),
                ("n", &n(f64::from(*trials))),
            ]),
            UncertaintyError::NoSuchStage { stage, stages } => {
                UncertaintyText::NoSuchStage.fill(&[
                    ("stages", &stages.to_string()),
                    ("stage", &(stage + 1).to_string()),
                ])
            }
            UncertaintyError::OutOfRange {
                input,
                value,
                min,
                max,
            } => UncertaintyText::OutOfRange.fill(&[
                ("min", &n(*min)),
                ("max", &n(*max)),
                ("value", &n(*value)),
                ("input", &input.label()),
            ]),
            UncertaintyError::Order {
                input,
                low,
                likely,
                high,
            } => UncertaintyText::Order.fill(&[
                ("low", &n(*low)),
                ("likely", &n(*likely)),
                ("high", &n(*high)),
                ("input", &input.label()),
            ]),
            UncertaintyError::SuccessesAboveTrials {
                input,
                successes,
                trials,
            } => UncertaintyText::SuccessesAboveTrials.fill(&[
                ("successes", &whole(*successes)),
                ("trials", &whole(*trials)),
                ("input", &input.label()),
            ]),
            UncertaintyError::NothingObserved(input) => {
                UncertaintyText::NothingObserved.fill(&[("input", &input.label())])
            }
            UncertaintyError::TooManyObserved { input, trials } => UncertaintyText::TooManyObserved
                .fill(&[
                    ("max", &whole(MAX_OBSERVED)),
                    ("trials", &whole(*trials)),
                    ("input", &input.label()),
                ]),
            UncertaintyError::ObservedNotARate(input) => {
                UncertaintyText::ObservedNotARate.fill(&[("input", &input.label())])
            }
            UncertaintyError::TopFromChannels => UncertaintyText::TopFromChannels.text().into(),
            UncertaintyError::AboveEntry { stage, entry } => UncertaintyText::AboveEntry.fill(&[
                ("entry", &(entry + 1).to_string()),
                ("stage", &(stage + 1).to_string()),
            ]),
            UncertaintyError::NoSuchChannel { channel, channels } => UncertaintyText::NoSuchChannel
                .fill(&[
                    ("channels", &channels.to_string()),
                    ("channel", &(channel + 1).to_string()),
                ]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for UncertaintyError {}

/// The Monte Carlo set-up a user enters: seed, trials and the spread inputs (inputs without
/// a spread keep the scenario's value in every trial).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Uncertainty {
    /// The random seed: the same seed gives the same result on every run.
    pub seed: u64,
    /// Trials, 1 to [`MAX_TRIALS`].
    pub trials: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<Spread>,
    /// Rate spreads by stage index (1 = the rate into the second stage …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rates: BTreeMap<usize, Spread>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basket: Option<Spread>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churn: Option<Spread>,
    /// Cost per lead spreads by channel index in the mix (0 = the first channel).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channel_costs: BTreeMap<usize, Spread>,
}

impl Default for Uncertainty {
    /// Seed 1, [`DEFAULT_TRIALS`] trials, every input certain.
    fn default() -> Uncertainty {
        Uncertainty {
            seed: 1,
            trials: DEFAULT_TRIALS,
            top: None,
            rates: BTreeMap::new(),
            basket: None,
            churn: None,
            channel_costs: BTreeMap::new(),
        }
    }
}

/// Drops the spread of item `index` of a list and moves the later ones up one place.
fn without_index(spreads: &mut BTreeMap<usize, Spread>, index: usize) {
    *spreads = std::mem::take(spreads)
        .into_iter()
        .filter(|&(i, _)| i != index)
        .map(|(i, s)| (if i > index { i - 1 } else { i }, s))
        .collect();
}

impl Uncertainty {
    /// Every spread with the input it applies to, in sampling order: top, rates by stage,
    /// basket, churn, channel costs by channel.
    pub fn spreads(&self) -> Vec<(Uncertain, Spread)> {
        let mut spreads: Vec<(Uncertain, Spread)> = Vec::new();
        spreads.extend(self.top.map(|s| (Uncertain::Top, s)));
        spreads.extend(self.rates.iter().map(|(&i, &s)| (Uncertain::Rate(i), s)));
        spreads.extend(self.basket.map(|s| (Uncertain::Basket, s)));
        spreads.extend(self.churn.map(|s| (Uncertain::Churn, s)));
        spreads.extend(
            self.channel_costs
                .iter()
                .map(|(&i, &s)| (Uncertain::ChannelCost(i), s)),
        );
        spreads
    }

    /// The spread of `input`, if any.
    pub fn spread(&self, input: Uncertain) -> Option<Spread> {
        match input {
            Uncertain::Top => self.top,
            Uncertain::Rate(i) => self.rates.get(&i).copied(),
            Uncertain::Basket => self.basket,
            Uncertain::Churn => self.churn,
            Uncertain::ChannelCost(i) => self.channel_costs.get(&i).copied(),
        }
    }

    /// Sets (or, with `None`, removes) the spread of `input`.
    pub fn set_spread(&mut self, input: Uncertain, spread: Option<Spread>) {
        match input {
            Uncertain::Top => self.top = spread,
            Uncertain::Rate(i) => {
                match spread {
                    Some(spread) => self.rates.insert(i, spread),
                    None => self.rates.remove(&i),
                };
            }
            Uncertain::Basket => self.basket = spread,
            Uncertain::Churn => self.churn = spread,
            Uncertain::ChannelCost(i) => {
                match spread {
                    Some(spread) => self.channel_costs.insert(i, spread),
                    None => self.channel_costs.remove(&i),
                };
            }
        }
    }

    /// Keeps the rate spreads on their stages when stage `index` is inserted.
    pub fn insert_stage(&mut self, index: usize) {
        self.rates = std::mem::take(&mut self.rates)
            .into_iter()
            .map(|(i, s)| (if i >= index { i + 1 } else { i }, s))
            .collect();
    }

    /// Keeps the rate spreads on their stages when stage `index` is removed (its own spread
    /// goes with it).
    pub fn remove_stage(&mut self, index: usize) {
        without_index(&mut self.rates, index);
    }

    /// Keeps the cost spreads on their channels when channel `index` is removed (its own
    /// spread goes with it).
    pub fn remove_channel(&mut self, index: usize) {
        without_index(&mut self.channel_costs, index);
    }

    /// Keeps the cost spreads on their channels when a channel moves from `from` to `to`.
    pub fn move_channel(&mut self, from: usize, to: usize) {
        self.channel_costs = std::mem::take(&mut self.channel_costs)
            .into_iter()
            .map(|(i, s)| (index_after_move(i, from, to), s))
            .collect();
    }

    /// The first problem with this set-up for `scenario` (its stages and its channel mix),
    /// if any.
    pub fn check(&self, scenario: &Scenario) -> Result<(), UncertaintyError> {
        let stages = scenario.stages.len();
        if !(1..=MAX_TRIALS).contains(&self.trials) {
            return Err(UncertaintyError::Trials(self.trials));
        }
        if let Some(&stage) = self.rates.keys().find(|&&i| i == 0 || i >= stages) {
            return Err(UncertaintyError::NoSuchStage { stage, stages });
        }
        let mix = scenario.mix();
        if let Some(mix) = mix {
            if self.top.is_some() {
                return Err(UncertaintyError::TopFromChannels);
            }
            let entry = mix.entry.stage();
            if let Some(&stage) = self.rates.keys().find(|&&i| i <= entry) {
                return Err(UncertaintyError::AboveEntry { stage, entry });
            }
        }
        let channels = mix.map_or(0, |m| m.channels.len());
        if let Some(&channel) = self.channel_costs.keys().find(|&&i| i >= channels) {
            return Err(UncertaintyError::NoSuchChannel { channel, channels });
        }
        for (input, spread) in self.spreads() {
            spread.check(input)?;
        }
        Ok(())
    }
}
