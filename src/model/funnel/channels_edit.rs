//! Editing the channel mix: one edit at a time (a cell typed, a curve or conversion chosen, a
//! channel added, removed or moved, a split applied), what the user typed kept with its
//! problem next to the cell, and the last valid mix never replaced by bad input.

use std::fmt;
use std::sync::Arc;

use crate::model::drafts::Drafts;
use crate::model::funnel::channels::{
    check_mix, Channel, ChannelMix, ChannelProblem, ChannelValue, Conversion, Entry, Objective,
    Response, MAX_CHANNELS,
};
use crate::model::funnel::editor::input_text;
use crate::model::funnel::forward::evaluate;
use crate::model::funnel::scenario::{Scenario, MAX_STAGE_NAME_CHARS};
use crate::model::funnel::validate::{parse_number, ErrorKind};
use crate::model::num::ratio;

crate::texts! {
    /// Messages of the Channels table and the names given to new channels.
    enum ChannelEditText {
        Range => "Enter a number from {min} to {max}.", "Saisissez un nombre de {min} à {max}.";
        Above0 => "Enter a number above 0.", "Saisissez un nombre supérieur à 0.";
        NameEmpty => "Give the channel a name.", "Donnez un nom au canal.";
        NameTooLong => "At most {max} characters.", "{max} caractères au plus.";
        DuplicateName => "“{name}” is already a channel.", "« {name} » est déjà un canal.";
        MinAboveMax => "The minimum spend is above the maximum.", "La dépense minimale dépasse la maximale.";
        Rates => "Enter one rate in % per stage after the entry, separated by /, at most {max}.",
            "Saisissez un taux en % par étape après l'entrée, séparés par /, {max} au plus.";
        NewChannel => "Channel {n}", "Canal {n}";
        FirstChannel => "Marketing", "Marketing";
    }
}

/// A cell of the Channels table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChannelField {
    Name(usize),
    Spend(usize),
    /// The curve's first number: cost per lead, count, ceiling or coefficient.
    CurveA(usize),
    /// The curve's second number: the saturating scale or the power exponent.
    CurveB(usize),
    Factor(usize),
    /// The channel's own rates, `40 / 50 / 60`.
    Rates(usize),
    MinSpend(usize),
    MaxSpend(usize),
}

impl ChannelField {
    /// The channel the cell belongs to.
    pub fn channel(self) -> usize {
        match self {
            ChannelField::Name(i)
            | ChannelField::Spend(i)
            | ChannelField::CurveA(i)
            | ChannelField::CurveB(i)
            | ChannelField::Factor(i)
            | ChannelField::Rates(i)
            | ChannelField::MinSpend(i)
            | ChannelField::MaxSpend(i) => i,
        }
    }

    /// The same cell of channel `i`.
    fn of(self, i: usize) -> ChannelField {
        match self {
            ChannelField::Name(_) => ChannelField::Name(i),
            ChannelField::Spend(_) => ChannelField::Spend(i),
            ChannelField::CurveA(_) => ChannelField::CurveA(i),
            ChannelField::CurveB(_) => ChannelField::CurveB(i),
            ChannelField::Factor(_) => ChannelField::Factor(i),
            ChannelField::Rates(_) => ChannelField::Rates(i),
            ChannelField::MinSpend(_) => ChannelField::MinSpend(i),
            ChannelField::MaxSpend(_) => ChannelField::MaxSpend(i),
        }
    }

    /// The element id in the page: `ch-spend-0`, `ch-curve-a-2`, …
    pub fn key(self) -> String {
        let (what, i) = match self {
            ChannelField::Name(i) => ("name", i),
            ChannelField::Spend(i) => ("spend", i),
            ChannelField::CurveA(i) => ("curve-a", i),
            ChannelField::CurveB(i) => ("curve-b", i),
            ChannelField::Factor(i) => ("factor", i),
            ChannelField::Rates(i) => ("rates", i),
            ChannelField::MinSpend(i) => ("min", i),
            ChannelField::MaxSpend(i) => ("max", i),
        };
        format!("ch-{what}-{i}")
    }
}

/// What is wrong with a cell's text.
#[derive(Clone, Debug, PartialEq)]
pub enum ChannelInputError {
    /// Not read as a number (empty, text, `1e309` …).
    Number(ErrorKind),
    /// A number outside the value's range.
    OutOfRange(ChannelValue),
    NameEmpty,
    NameTooLong,
    DuplicateName(String),
    MinAboveMax,
    /// The own rates are not one number from 0 to 100 per stage after the entry.
    Rates {
        max: usize,
    },
}

impl fmt::Display for ChannelInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::model::format;
        let text = match self {
            ChannelInputError::Number(kind) => kind.to_string(),
            ChannelInputError::OutOfRange(value) => {
                let (min, max) = value.bounds();
                if min > 0.0 && min < 1e-300 {
                    ChannelEditText::Above0.text().to_owned()
                } else {
                    ChannelEditText::Range.fill(&[
                        ("min", &format::exact(min)),
                        ("max", &format::group_thousands(max)),
                    ])
                }
            }
            ChannelInputError::NameEmpty => ChannelEditText::NameEmpty.text().to_owned(),
            ChannelInputError::NameTooLong => {
                ChannelEditText::NameTooLong.fill(&[("max", &MAX_STAGE_NAME_CHARS.to_string())])
            }
            ChannelInputError::DuplicateName(name) => {
                ChannelEditText::DuplicateName.fill(&[("name", name)])
            }
            ChannelInputError::MinAboveMax => ChannelEditText::MinAboveMax.text().to_owned(),
            ChannelInputError::Rates { max } => {
                ChannelEditText::Rates.fill(&[("max", &max.to_string())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ChannelInputError {}

/// The kinds of response curve a channel can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveKind {
    Linear,
    Count,
    Saturating,
    Power,
}

impl CurveKind {
    pub const ALL: [CurveKind; 4] = [
        CurveKind::Linear,
        CurveKind::Count,
        CurveKind::Saturating,
        CurveKind::Power,
    ];

    pub fn of(response: &Response) -> CurveKind {
        match response {
            Response::Linear { .. } => CurveKind::Linear,
            Response::Count { .. } => CurveKind::Count,
            Response::Saturating { .. } => CurveKind::Saturating,
            Response::Power { .. } => CurveKind::Power,
        }
    }

    /// The key used in `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            CurveKind::Linear => "linear",
            CurveKind::Count => "count",
            CurveKind::Saturating => "saturating",
            CurveKind::Power => "power",
        }
    }

    pub fn from_key(key: &str) -> Option<CurveKind> {
        CurveKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The values the curve's two cells hold (the second `None` for one-number curves).
    pub fn values(self) -> (ChannelValue, Option<ChannelValue>) {
        match self {
            CurveKind::Linear => (ChannelValue::CostPerLead, None),
            CurveKind::Count => (ChannelValue::Volume, None),
            CurveKind::Saturating => (ChannelValue::Ceiling, Some(ChannelValue::Scale)),
            CurveKind::Power => (ChannelValue::Coefficient, Some(ChannelValue::Exponent)),
        }
    }
}

/// The kinds of conversion a channel can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConversionKind {
    Funnel,
    Quality,
    Own,
}

impl ConversionKind {
    pub const ALL: [ConversionKind; 3] = [
        ConversionKind::Funnel,
        ConversionKind::Quality,
        ConversionKind::Own,
    ];

    pub fn of(conversion: &Conversion) -> ConversionKind {
        match conversion {
            Conversion::Funnel => ConversionKind::Funnel,
            Conversion::Quality { .. } => ConversionKind::Quality,
            Conversion::Own { .. } => ConversionKind::Own,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ConversionKind::Funnel => "funnel",
            ConversionKind::Quality => "quality",
            ConversionKind::Own => "own",
        }
    }

    pub fn from_key(key: &str) -> Option<ConversionKind> {
        ConversionKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One edit of the channel mix.
#[derive(Clone, Debug, PartialEq)]
pub enum ChannelEdit {
    /// Plans by channel, starting from the funnel as it is: one channel that brings the top
    /// stage at the funnel's spend and cost per visit, so no number moves.
    Start,
    /// Stops planning by channel: the funnel's own top count and spend count again.
    Stop,
    Entry(Entry),
    Objective(Objective),
    Text(ChannelField, String),
    /// Another kind of curve, through the channel's volume now (the switch moves no number).
    Curve(usize, CurveKind),
    Conversion(usize, ConversionKind),
    Add,
    Remove(usize),
    /// Moves a channel from one place to another.
    Move {
        from: usize,
        to: usize,
    },
    /// Gives each channel the spend in order (the best split applied).
    Spends(Vec<f64>),
}

/// How an edit changed the list of channels, for the other lists that follow it (the SLA's).
#[derive(Clone, Debug, PartialEq)]
pub enum ListChange {
    Added(String),
    Removed(usize),
    Moved { from: usize, to: usize },
    Renamed(usize, String),
}

/// Where the item at `index` of a list is once the item at `from` moved to `to`.
pub fn index_after_move(index: usize, from: usize, to: usize) -> usize {
    if index == from {
        to
    } else if from < to && index > from && index <= to {
        index - 1
    } else if to < from && index >= to && index < from {
        index + 1
    } else {
        index
    }
}

/// The Channels table's drafts and problems (the mix itself lives in the scenario).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChannelDrafts {
    drafts: Drafts<ChannelField, ChannelInputError>,
    /// Why the last add was refused (the mix is full).
    refusal: Option<ChannelProblem>,
}

/// `values` as the own-rates cell shows them: `40 / 50 / 60`.
fn rates_text(rates: &[f64]) -> String {
    rates
        .iter()
        .map(|r| input_text(*r))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The value a number cell of `channel` holds, `None` for a cell the channel does not have
/// (or an empty bound).
fn cell_value(channel: &Channel, field: ChannelField) -> Option<f64> {
    match (field, &channel.response, &channel.conversion) {
        (ChannelField::Spend(_), ..) => Some(channel.spend),
        (ChannelField::CurveA(_), Response::Linear { cost_per_lead }, _) => Some(*cost_per_lead),
        (ChannelField::CurveA(_), Response::Count { volume }, _) => Some(*volume),
        (ChannelField::CurveA(_), Response::Saturating { ceiling, .. }, _) => Some(*ceiling),
        (ChannelField::CurveA(_), Response::Power { coefficient, .. }, _) => Some(*coefficient),
        (ChannelField::CurveB(_), Response::Saturating { scale, .. }, _) => Some(*scale),
        (ChannelField::CurveB(_), Response::Power { exponent, .. }, _) => Some(*exponent),
        (ChannelField::Factor(_), _, Conversion::Quality { factor }) => Some(*factor),
        (ChannelField::MinSpend(_), ..) => channel.min_spend,
        (ChannelField::MaxSpend(_), ..) => channel.max_spend,
        _ => None,
    }
}

/// Reads a number for `value`'s range.
fn read_value(raw: &str, value: ChannelValue) -> Result<f64, ChannelInputError> {
    let x = parse_number(raw).map_err(ChannelInputError::Number)?;
    let (min, max) = value.bounds();
    if x.is_finite() && x >= min && x <= max {
        Ok(x)
    } else {
        Err(ChannelInputError::OutOfRange(value))
    }
}

/// The funnel's rates (%) of the stages after `entry`.
fn funnel_rates(scenario: &Scenario, entry: Entry) -> Vec<f64> {
    scenario
        .stages
        .iter()
        .skip(entry.stage() + 1)
        .map(|s| s.value)
        .collect()
}

impl ChannelDrafts {
    /// The text a cell shows: what the user typed, or the mix's value.
    pub fn text(&self, mix: &ChannelMix, field: ChannelField) -> String {
        if let Some(text) = self.drafts.text(field) {
            return text.to_owned();
        }
        let Some(channel) = mix.channels.get(field.channel()) else {
            return String::new();
        };
        match (field, &channel.conversion) {
            (ChannelField::Name(_), _) => channel.name.clone(),
            (ChannelField::Rates(_), Conversion::Own { rates }) => rates_text(rates),
            _ => cell_value(channel, field)
                .map(input_text)
                .unwrap_or_default(),
        }
    }

    /// The problem with a cell's text.
    pub fn error(&self, field: ChannelField) -> Option<&ChannelInputError> {
        self.drafts.error(field)
    }

    /// Every cell with a problem.
    pub fn errors(&self) -> impl Iterator<Item = (&ChannelField, &ChannelInputError)> {
        self.drafts.errors()
    }

    /// Forgets the own-rates cells' texts (their stages moved).
    pub fn forget_rates(&mut self) {
        self.drafts
            .retain(|field| !matches!(field, ChannelField::Rates(_)));
    }

    /// Why the last add was refused.
    pub fn refusal(&self) -> Option<&ChannelProblem> {
        self.refusal.as_ref()
    }

    /// Applies one edit to `scenario`'s mix. Bad text is kept with its problem and the mix
    /// keeps its last valid value. Returns how the list of channels changed, if it did.
    /// Starting while the scenario has an SLA starts from the SLA's channels (one list).
    pub fn apply(&mut self, scenario: &mut Scenario, edit: ChannelEdit) -> Option<ListChange> {
        self.refusal = None;
        match edit {
            ChannelEdit::Start => {
                if scenario.mix().is_none() {
                    let names: Vec<String> = match &scenario.sla {
                        Some(sla) => sla.channels.clone(),
                        None => vec![ChannelEditText::FirstChannel.text().to_owned()],
                    };
                    scenario.channels = Some(Arc::new(first_mix(scenario, &names)));
                    self.drafts.clear();
                }
                None
            }
            ChannelEdit::Stop => {
                scenario.channels = None;
                self.drafts.clear();
                None
            }
            ChannelEdit::Remove(i) if scenario.mix().is_some_and(|m| m.channels.len() <= 1) => {
                if i == 0 {
                    scenario.channels = None;
                    self.drafts.clear();
                }
                None
            }
            edit => {
                let funnel = scenario.clone();
                let slot = scenario.channels.as_mut()?;
                let mix = Arc::make_mut(slot);
                let before = mix.clone();
                let change = self.apply_to(&funnel, mix, edit);
                // A last check as a link or a file would get: never keep a mix that fails it.
                if check_mix(mix).is_err() {
                    *mix = before;
                    return None;
                }
                change
            }
        }
    }

    fn apply_to(
        &mut self,
        scenario: &Scenario,
        mix: &mut ChannelMix,
        edit: ChannelEdit,
    ) -> Option<ListChange> {
        match edit {
            ChannelEdit::Start | ChannelEdit::Stop => None,
            ChannelEdit::Entry(entry) => {
                if entry != mix.entry {
                    // Own rates keep meaning the same stages.
                    for channel in &mut mix.channels {
                        if let Conversion::Own { rates } = &mut channel.conversion {
                            match entry {
                                Entry::Leads if !rates.is_empty() => {
                                    rates.remove(0);
                                }
                                Entry::Top => {
                                    let first = scenario.stages.get(1).map_or(100.0, |s| s.value);
                                    rates.insert(0, first);
                                }
                                Entry::Leads => {}
                            }
                        }
                    }
                    mix.entry = entry;
                    self.drafts.clear();
                }
                None
            }
            ChannelEdit::Objective(objective) => {
                mix.objective = objective;
                None
            }
            ChannelEdit::Text(field, raw) => {
                let renamed = self.type_cell(scenario, mix, field, raw);
                match field {
                    ChannelField::Name(i) if renamed => {
                        Some(ListChange::Renamed(i, mix.channels.get(i)?.name.clone()))
                    }
                    _ => None,
                }
            }
            ChannelEdit::Curve(i, kind) => {
                let channel = mix.channels.get_mut(i)?;
                if CurveKind::of(&channel.response) != kind {
                    channel.response = curve_through(kind, channel);
                    self.drafts.forget(ChannelField::CurveA(i));
                    self.drafts.forget(ChannelField::CurveB(i));
                }
                None
            }
            ChannelEdit::Conversion(i, kind) => {
                let entry = mix.entry;
                let channel = mix.channels.get_mut(i)?;
                if ConversionKind::of(&channel.conversion) != kind {
                    channel.conversion = match kind {
                        ConversionKind::Funnel => Conversion::Funnel,
                        ConversionKind::Quality => Conversion::Quality { factor: 1.0 },
                        ConversionKind::Own => Conversion::Own {
                            rates: funnel_rates(scenario, entry),
                        },
                    };
                    self.drafts.forget(ChannelField::Factor(i));
                    self.drafts.forget(ChannelField::Rates(i));
                }
                None
            }
            ChannelEdit::Add => {
                if mix.channels.len() >= MAX_CHANNELS {
                    self.refusal = Some(ChannelProblem::TooMany(mix.channels.len() + 1));
                    return None;
                }
                let name = (mix.channels.len() + 1..)
                    .map(|n| ChannelEditText::NewChannel.fill(&[("n", &n.to_string())]))
                    .find(|name| {
                        mix.channels
                            .iter()
                            .all(|c| c.name.to_lowercase() != name.to_lowercase())
                    })
                    .unwrap_or_default();
                // The mix's own cost per unit of volume, so the new channel starts plausible.
                let volume: f64 = evaluate(&Scenario {
                    channels: Some(Arc::new(mix.clone())),
                    ..scenario.clone()
                })
                .stages
                .get(mix.entry.stage())
                .and_then(|s| s.count)
                .unwrap_or(0.0);
                let cost = ratio(mix.spend(), volume)
                    .filter(|c| *c > 0.0)
                    .unwrap_or(100.0);
                mix.channels.push(Channel::new(
                    &name,
                    0.0,
                    Response::Linear {
                        cost_per_lead: cost,
                    },
                    Conversion::Funnel,
                ));
                Some(ListChange::Added(name))
            }
            ChannelEdit::Remove(i) => {
                if i >= mix.channels.len() {
                    return None;
                }
                {
                    mix.channels.remove(i);
                    self.drafts
                        .remove_row(i, ChannelField::channel, ChannelField::of);
                }
                Some(ListChange::Removed(i))
            }
            ChannelEdit::Move { from, to } => {
                let n = mix.channels.len();
                if from >= n || to >= n || from == to {
                    return None;
                }
                {
                    let channel = mix.channels.remove(from);
                    mix.channels.insert(to, channel);
                    self.drafts
                        .rename(|f| f.of(index_after_move(f.channel(), from, to)), |_, e| e);
                }
                Some(ListChange::Moved { from, to })
            }
            ChannelEdit::Spends(spends) => {
                if spends.len() == mix.channels.len()
                    && spends.iter().all(|s| s.is_finite() && *s >= 0.0)
                {
                    for (i, (channel, spend)) in mix.channels.iter_mut().zip(spends).enumerate() {
                        channel.spend = spend;
                        self.drafts.forget(ChannelField::Spend(i));
                    }
                }
                None
            }
        }
    }

    /// Reads a cell's text into the mix; whether it was accepted.
    fn type_cell(
        &mut self,
        scenario: &Scenario,
        mix: &mut ChannelMix,
        field: ChannelField,
        raw: String,
    ) -> bool {
        let i = field.channel();
        if i >= mix.channels.len() {
            return false;
        }
        let stages_after = scenario.stages.len().saturating_sub(mix.entry.stage() + 1);
        let others: Vec<String> = mix
            .channels
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != i)
            .map(|(_, c)| c.name.trim().to_lowercase())
            .collect();
        let channel = &mut mix.channels[i];
        let read: Result<(), ChannelInputError> = (|| {
            match field {
                ChannelField::Name(_) => {
                    let name = raw.trim();
                    if name.is_empty() {
                        return Err(ChannelInputError::NameEmpty);
                    }
                    if name.chars().count() > MAX_STAGE_NAME_CHARS {
                        return Err(ChannelInputError::NameTooLong);
                    }
                    if others.contains(&name.to_lowercase()) {
                        return Err(ChannelInputError::DuplicateName(name.to_owned()));
                    }
                    channel.name = name.to_owned();
                }
                ChannelField::Spend(_) => channel.spend = read_value(&raw, ChannelValue::Spend)?,
                ChannelField::CurveA(_) | ChannelField::CurveB(_) => {
                    let (a, b) = CurveKind::of(&channel.response).values();
                    let value = match field {
                        ChannelField::CurveA(_) => a,
                        _ => match b {
                            Some(b) => b,
                            None => return Ok(()),
                        },
                    };
                    let x = read_value(&raw, value)?;
                    match (&mut channel.response, value) {
                        (Response::Linear { cost_per_lead }, _) => *cost_per_lead = x,
                        (Response::Count { volume }, _) => *volume = x,
                        (Response::Saturating { ceiling, .. }, ChannelValue::Ceiling) => {
                            *ceiling = x
                        }
                        (Response::Saturating { scale, .. }, _) => *scale = x,
                        (Response::Power { coefficient, .. }, ChannelValue::Coefficient) => {
                            *coefficient = x
                        }
                        (Response::Power { exponent, .. }, _) => *exponent = x,
                    }
                }
                ChannelField::Factor(_) => {
                    let x = read_value(&raw, ChannelValue::Factor)?;
                    if let Conversion::Quality { factor } = &mut channel.conversion {
                        *factor = x;
                    }
                }
                ChannelField::Rates(_) => {
                    let bad = ChannelInputError::Rates { max: stages_after };
                    let rates = raw
                        .split(['/', ';'])
                        .map(|part| read_value(part, ChannelValue::Rate).map_err(|_| bad.clone()))
                        .collect::<Result<Vec<f64>, _>>()?;
                    if rates.is_empty() || rates.len() > stages_after {
                        return Err(bad);
                    }
                    if let Conversion::Own { rates: own } = &mut channel.conversion {
                        *own = rates;
                    }
                }
                ChannelField::MinSpend(_) | ChannelField::MaxSpend(_) => {
                    let is_min = matches!(field, ChannelField::MinSpend(_));
                    let value = if raw.trim().is_empty() {
                        None
                    } else {
                        let kind = if is_min {
                            ChannelValue::MinSpend
                        } else {
                            ChannelValue::MaxSpend
                        };
                        Some(read_value(&raw, kind)?)
                    };
                    let (low, high) = if is_min {
                        (value, channel.max_spend)
                    } else {
                        (channel.min_spend, value)
                    };
                    if let (Some(low), Some(high)) = (low, high) {
                        if low > high {
                            return Err(ChannelInputError::MinAboveMax);
                        }
                    }
                    channel.min_spend = low;
                    channel.max_spend = high;
                    // The other bound's problem (if it was this one) is gone.
                    let other = if is_min {
                        ChannelField::MaxSpend(i)
                    } else {
                        ChannelField::MinSpend(i)
                    };
                    if self.drafts.error(other) == Some(&ChannelInputError::MinAboveMax) {
                        self.drafts.forget(other);
                    }
                }
            }
            Ok(())
        })();
        let accepted = read.is_ok();
        self.drafts.keep(field, raw, read);
        accepted
    }
}

/// The first mix: channels named `names` (at least one) sharing the funnel's top count and
/// spend equally, each at the funnel's cost per visit, so no number moves.
fn first_mix(scenario: &Scenario, names: &[String]) -> ChannelMix {
    let n = names.len().max(1) as f64;
    let spend = evaluate(scenario).spend;
    let top = scenario.top_count();
    let response = match ratio(spend, top).filter(|c| *c > 0.0) {
        Some(cost_per_lead) => Response::Linear { cost_per_lead },
        None => Response::Count { volume: top / n },
    };
    let channels = names
        .iter()
        .take(MAX_CHANNELS)
        .map(|name| {
            let name: String = name.trim().chars().take(MAX_STAGE_NAME_CHARS).collect();
            Channel::new(&name, spend / n, response, Conversion::Funnel)
        })
        .collect();
    let mix = ChannelMix {
        entry: Entry::Top,
        channels,
        objective: Objective::default(),
    };
    match check_mix(&mix) {
        Ok(()) => mix,
        // Names no mix can hold (two alike but for their case): one channel, as with no SLA.
        Err(_) if names.len() > 1 => {
            first_mix(scenario, &[ChannelEditText::FirstChannel.text().to_owned()])
        }
        Err(_) => mix,
    }
}

/// A curve of `kind` through `channel`'s volume at its spend now (where that is defined):
/// switching the curve moves no number, only how the next euro is answered.
fn curve_through(kind: CurveKind, channel: &Channel) -> Response {
    let spend = channel.spend;
    let volume = channel.response.volume(spend);
    match kind {
        CurveKind::Linear => Response::Linear {
            cost_per_lead: ratio(spend, volume).filter(|c| *c > 0.0).unwrap_or(100.0),
        },
        CurveKind::Count => Response::Count { volume },
        // Half the ceiling reached now: ceiling 2 × volume, scale spend ÷ ln 2.
        CurveKind::Saturating => match (volume > 0.0, ratio(spend, std::f64::consts::LN_2)) {
            (true, Some(scale)) if scale > 0.0 => Response::Saturating {
                ceiling: 2.0 * volume,
                scale,
            },
            _ => Response::Saturating {
                ceiling: volume.max(1_000.0),
                scale: 10_000.0,
            },
        },
        // volume = coefficient · √spend.
        CurveKind::Power => Response::Power {
            coefficient: ratio(volume, spend.sqrt())
                .filter(|c| *c > 0.0)
                .unwrap_or(1.0),
            exponent: 0.5,
        },
    }
}
