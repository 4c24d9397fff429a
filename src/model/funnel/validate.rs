//! Typed input validation: which field, what is wrong, and the bounds each field accepts.

use std::fmt;
use std::sync::Arc;

use crate::model::format;
use crate::model::funnel::channels::Response;
use crate::model::funnel::scenario::{Scenario, MAX_STAGES, MAX_STAGE_NAME_CHARS, MIN_STAGES};
use crate::model::i18n::{self, Lang};

crate::texts! {
    /// Field labels and input errors.
    enum ValidateText {
        Stage => "stage {n}", "étape {n}";
        TopLabel => "{stage} volume", "Volume {stage}";
        ChannelSpendLabel => "{channel}: spend", "{channel} : dépense";
        ChannelCostLabel => "{channel}: cost per {unit}", "{channel} : coût par {unit}";
        NameLabel => "{stage} name", "Nom de l'étape {stage}";
        RateLabel => "{from} → {to} rate", "Taux {from} → {to}";
        Basket => "Average basket", "Panier moyen";
        Ltv => "LTV", "LTV";
        Purchases => "Purchases per year", "Achats par an";
        Lifetime => "Customer lifetime", "Durée de vie client";
        Margin => "Gross margin", "Marge brute";
        Spend => "Marketing spend", "Dépenses marketing";
        SpendPct => "Marketing spend %", "Dépenses marketing (%)";
        Target => "Revenue target", "Objectif de chiffre d'affaires";
        Empty => "Enter a number.", "Saisissez un nombre.";
        NotANumber => "This is not a number.", "Ce n'est pas un nombre.";
        Negative => "Must be zero or more.", "Doit être positif ou nul.";
        AtMost100 => "Must be at most 100 %.", "Doit être inférieur ou égal à 100\u{a0}%.";
        AtMost => "Must be at most {max}.", "Doit être inférieur ou égal à {max}.";
        AtMostYears => "Must be at most {max} years.", "Doit être inférieur ou égal à {max}\u{a0}ans.";
        TooLarge => "This number is too large.", "Ce nombre est trop grand.";
        NameEmpty => "Give the stage a name.", "Donnez un nom à l'étape.";
        NameTooLong => "At most {max} characters.", "{max} caractères au maximum.";
        TooFewStages => "A funnel needs at least {min} stages.", "Un entonnoir compte au moins {min} étapes.";
        TooManyStages => "A funnel has at most {max} stages.", "Un entonnoir compte au plus {max} étapes.";
        FieldError => "{field}: {problem}", "{field} : {problem}";
    }
}

/// Largest count or amount any field accepts (a trillion): keeps every product finite.
pub const MAX_AMOUNT: f64 = 1e12;

/// An input field of the scenario form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldId {
    /// Count entering the top stage per period.
    Top,
    StageName(usize),
    /// Conversion rate (%) into stage `i` from stage `i - 1`, `i >= 1`.
    StageRate(usize),
    Basket,
    Ltv,
    Purchases,
    Lifetime,
    Margin,
    Spend,
    SpendPct,
    Target,
    /// The spend of channel `i` of the mix.
    ChannelSpend(usize),
    /// The cost per unit of channel `i` (a channel at a cost per lead or per visit).
    ChannelCost(usize),
}

impl FieldId {
    /// Stable key, used for DOM ids (`field-<key>`) and messages.
    pub fn key(self) -> String {
        match self {
            FieldId::Top => "top".into(),
            FieldId::StageName(i) => format!("stage-name-{i}"),
            FieldId::StageRate(i) => format!("stage-rate-{i}"),
            FieldId::Basket => "basket".into(),
            FieldId::Ltv => "ltv".into(),
            FieldId::Purchases => "purchases".into(),
            FieldId::Lifetime => "lifetime".into(),
            FieldId::Margin => "margin".into(),
            FieldId::Spend => "spend".into(),
            FieldId::SpendPct => "spend-pct".into(),
            FieldId::Target => "target".into(),
            FieldId::ChannelSpend(i) => format!("channel-spend-{i}"),
            FieldId::ChannelCost(i) => format!("channel-cost-{i}"),
        }
    }

    /// Reads a key written by [`FieldId::key`].
    pub fn from_key(key: &str) -> Option<FieldId> {
        let simple = [
            FieldId::Top,
            FieldId::Basket,
            FieldId::Ltv,
            FieldId::Purchases,
            FieldId::Lifetime,
            FieldId::Margin,
            FieldId::Spend,
            FieldId::SpendPct,
            FieldId::Target,
        ];
        if let Some(field) = simple.into_iter().find(|f| f.key() == key) {
            return Some(field);
        }
        let index = |prefix: &str| key.strip_prefix(prefix)?.parse::<usize>().ok();
        index("stage-name-")
            .map(FieldId::StageName)
            .or_else(|| index("stage-rate-").map(FieldId::StageRate))
            .or_else(|| index("channel-spend-").map(FieldId::ChannelSpend))
            .or_else(|| index("channel-cost-").map(FieldId::ChannelCost))
    }

    /// The field's number in `scenario` (`None` for a stage name or a stage that is not there).
    pub fn value_in(self, scenario: &Scenario) -> Option<f64> {
        Some(match self {
            FieldId::Top => scenario.top_count(),
            FieldId::StageRate(i) if i > 0 => scenario.stages.get(i)?.value,
            FieldId::StageRate(_) | FieldId::StageName(_) => return None,
            FieldId::Basket => scenario.basket,
            FieldId::Ltv => scenario.ltv,
            FieldId::Purchases => scenario.purchases_per_year,
            FieldId::Lifetime => scenario.lifetime_years,
            FieldId::Margin => scenario.margin_pct,
            FieldId::Spend => scenario.spend,
            FieldId::SpendPct => scenario.spend_pct,
            FieldId::Target => scenario.target_revenue,
            FieldId::ChannelSpend(i) => scenario.mix()?.channels.get(i)?.spend,
            FieldId::ChannelCost(i) => match scenario.mix()?.channels.get(i)?.response {
                Response::Linear { cost_per_lead } => cost_per_lead,
                _ => return None,
            },
        })
    }

    /// Writes the field's number into `scenario`; false when the field does not exist there.
    pub fn set_in(self, scenario: &mut Scenario, value: f64) -> bool {
        if let FieldId::ChannelSpend(i) | FieldId::ChannelCost(i) = self {
            if self.value_in(scenario).is_none() {
                return false;
            }
            let Some(mix) = scenario.channels.as_mut() else {
                return false;
            };
            let channel = &mut Arc::make_mut(mix).channels[i];
            match (self, &mut channel.response) {
                (FieldId::ChannelCost(_), Response::Linear { cost_per_lead }) => {
                    *cost_per_lead = value
                }
                _ => channel.spend = value,
            }
            return true;
        }
        let slot = match self {
            FieldId::Top => scenario.stages.first_mut().map(|s| &mut s.value),
            FieldId::StageRate(i) if i > 0 => scenario.stages.get_mut(i).map(|s| &mut s.value),
            FieldId::StageRate(_) | FieldId::StageName(_) => None,
            FieldId::Basket => Some(&mut scenario.basket),
            FieldId::Ltv => Some(&mut scenario.ltv),
            FieldId::Purchases => Some(&mut scenario.purchases_per_year),
            FieldId::Lifetime => Some(&mut scenario.lifetime_years),
            FieldId::Margin => Some(&mut scenario.margin_pct),
            FieldId::Spend => Some(&mut scenario.spend),
            FieldId::SpendPct => Some(&mut scenario.spend_pct),
            FieldId::Target => Some(&mut scenario.target_revenue),
            FieldId::ChannelSpend(_) | FieldId::ChannelCost(_) => None,
        };
        match slot {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// The field's value for people: rates and margin in %, amounts in the currency, counts
    /// grouped.
    pub fn format_value(self, value: f64) -> String {
        match self {
            FieldId::StageRate(_) | FieldId::Margin | FieldId::SpendPct => {
                format::percent(value / 100.0)
            }
            FieldId::Basket
            | FieldId::Ltv
            | FieldId::Spend
            | FieldId::Target
            | FieldId::ChannelSpend(_)
            | FieldId::ChannelCost(_) => format::money(value),
            FieldId::Purchases => match i18n::lang() {
                Lang::En => {
                    format!("{} / year", format::with_decimals(value, 1))
                }
                Lang::Fr => format!("{} / an", format::with_decimals(value, 1)),
            },
            FieldId::Lifetime => match i18n::lang() {
                Lang::En => {
                    format!("{} years", format::with_decimals(value, 1))
                }
                Lang::Fr => format!("{} ans", format::with_decimals(value, 1)),
            },
            FieldId::Top | FieldId::StageName(_) => format::count(value),
        }
    }

    /// A short label for the field in `scenario` ("Visitors volume", "Leads → MQL rate" …),
    /// in the language in use.
    pub fn label(self, scenario: &Scenario) -> String {
        let stage = |i: usize| {
            scenario.stages.get(i).map_or_else(
                || ValidateText::Stage.fill(&[("n", &(i + 1).to_string())]),
                |s| s.name.clone(),
            )
        };
        let text = match self {
            FieldId::Top => return ValidateText::TopLabel.fill(&[("stage", &stage(0))]),
            FieldId::StageName(i) => return ValidateText::NameLabel.fill(&[("stage", &stage(i))]),
            FieldId::StageRate(i) => {
                return ValidateText::RateLabel
                    .fill(&[("from", &stage(i.saturating_sub(1))), ("to", &stage(i))])
            }
            FieldId::Basket => ValidateText::Basket,
            FieldId::Ltv => ValidateText::Ltv,
            FieldId::Purchases => ValidateText::Purchases,
            FieldId::Lifetime => ValidateText::Lifetime,
            FieldId::Margin => ValidateText::Margin,
            FieldId::Spend => ValidateText::Spend,
            FieldId::SpendPct => ValidateText::SpendPct,
            FieldId::Target => ValidateText::Target,
            FieldId::ChannelSpend(i) | FieldId::ChannelCost(i) => {
                let channel = scenario
                    .mix()
                    .and_then(|m| m.channels.get(i))
                    .map_or_else(|| (i + 1).to_string(), |c| c.name.clone());
                let entry = scenario.mix().map_or(1, |m| m.entry.stage());
                let unit = format::singular(&stage(entry));
                return match self {
                    FieldId::ChannelSpend(_) => {
                        ValidateText::ChannelSpendLabel.fill(&[("channel", &channel)])
                    }
                    _ => ValidateText::ChannelCostLabel
                        .fill(&[("channel", &channel), ("unit", &unit)]),
                };
            }
        };
        text.text().to_owned()
    }

    /// The range of values the field accepts (inclusive).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            FieldId::StageRate(_) | FieldId::Margin => (0.0, 100.0),
            FieldId::SpendPct => (0.0, 1000.0),
            FieldId::Purchases => (0.0, 1000.0),
            FieldId::Lifetime => (0.0, 100.0),
            FieldId::ChannelCost(_) => (f64::MIN_POSITIVE, MAX_AMOUNT),
            _ => (0.0, MAX_AMOUNT),
        }
    }

    /// The stage index a per-stage field belongs to.
    pub fn stage_index(self) -> Option<usize> {
        match self {
            FieldId::StageName(i) | FieldId::StageRate(i) => Some(i),
            _ => None,
        }
    }
}

/// What is wrong with a field's input.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorKind {
    Empty,
    NotANumber,
    Negative,
    /// Above the field's largest value (100 reads as a percentage).
    AboveMax(f64),
    /// Above the largest number of years (the customer lifetime).
    AboveMaxYears(f64),
    /// Too large to be a number at all (`1e309`): a field reports its own bound instead.
    TooLarge,
    NameEmpty,
    NameTooLong(usize),
    TooFewStages,
    TooManyStages,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ErrorKind::Empty => ValidateText::Empty.text().to_owned(),
            ErrorKind::NotANumber => ValidateText::NotANumber.text().to_owned(),
            ErrorKind::Negative => ValidateText::Negative.text().to_owned(),
            ErrorKind::AboveMax(max) if *max == 100.0 => ValidateText::AtMost100.text().to_owned(),
            ErrorKind::AboveMax(max) => {
                ValidateText::AtMost.fill(&[("max", &crate::model::format::group_thousands(*max))])
            }
            ErrorKind::AboveMaxYears(max) => ValidateText::AtMostYears
                .fill(&[("max", &crate::model::format::group_thousands(*max))]),
            ErrorKind::TooLarge => ValidateText::TooLarge.text().to_owned(),
            ErrorKind::NameEmpty => ValidateText::NameEmpty.text().to_owned(),
            ErrorKind::NameTooLong(max) => {
                ValidateText::NameTooLong.fill(&[("max", &max.to_string())])
            }
            ErrorKind::TooFewStages => {
                ValidateText::TooFewStages.fill(&[("min", &MIN_STAGES.to_string())])
            }
            ErrorKind::TooManyStages => {
                ValidateText::TooManyStages.fill(&[("max", &MAX_STAGES.to_string())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ErrorKind {}

/// A field and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub field: FieldId,
    pub kind: ErrorKind,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ValidateText::FieldError.fill(&[
            ("field", &self.field.key()),
            ("problem", &self.kind.to_string()),
        ]))
    }
}

impl std::error::Error for FieldError {}

/// How a text writes numbers: which mark separates the decimals. The other marks group thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum NumberStyle {
    /// English: `1,234.5` (comma, space or apostrophe group thousands, dot is the decimal point).
    DotDecimal,
    /// French: `1 234,5` (space, narrow no-break space or dot group thousands, comma is decimal).
    CommaDecimal,
}

impl NumberStyle {
    /// How the language writes numbers.
    pub fn of_lang(lang: crate::model::i18n::Lang) -> NumberStyle {
        match lang {
            Lang::En => NumberStyle::DotDecimal,
            Lang::Fr => NumberStyle::CommaDecimal,
        }
    }

    /// How the language in use writes numbers.
    pub fn in_use() -> NumberStyle {
        NumberStyle::of_lang(i18n::lang())
    }

    /// The decimal mark.
    pub fn decimal_mark(self) -> char {
        match self {
            NumberStyle::DotDecimal => '.',
            NumberStyle::CommaDecimal => ',',
        }
    }

    /// The mark that groups thousands besides spaces (the other of `.` and `,`).
    pub fn grouping_mark(self) -> char {
        match self {
            NumberStyle::DotDecimal => ',',
            NumberStyle::CommaDecimal => '.',
        }
    }
}

/// Reads a number as people type it in the language in use ([`NumberStyle::in_use`]).
pub fn parse_number(raw: &str) -> Result<f64, ErrorKind> {
    parse_number_as(raw, NumberStyle::in_use())
}

/// When `raw` means another number in the other style ("120,000" is 120000 in English but
/// 120 in French; "1.500" the other way round): the value read in `style`, then the value
/// the other style gives. `None` when both read it alike or either cannot read it. The UI
/// shows it next to the field ("read as 120,000, not 120").
pub fn other_reading(raw: &str, style: NumberStyle) -> Option<(f64, f64)> {
    let other = match style {
        NumberStyle::DotDecimal => NumberStyle::CommaDecimal,
        NumberStyle::CommaDecimal => NumberStyle::DotDecimal,
    };
    let read = parse_number_as(raw, style).ok()?;
    let alternative = parse_number_as(raw, other).ok()?;
    (read != alternative).then_some((read, alternative))
}

/// Reads a number written in `style`: spaces and thousands separators allowed, a trailing `%`
/// or currency sign ignored. In English `120,000` is 120000; in French `2,5` is 2.5 and
/// `120 000` or `120.000` is 120000.
pub fn parse_number_as(raw: &str, style: NumberStyle) -> Result<f64, ErrorKind> {
    let cleaned: String = without_units(raw)
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_' | '\''))
        .collect();
    if cleaned.is_empty() {
        return Err(ErrorKind::Empty);
    }
    let normalised = plain_decimal(&cleaned, style);
    let looks_numeric = normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !looks_numeric {
        return Err(ErrorKind::NotANumber);
    }
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(ErrorKind::TooLarge),
        Err(_) => Err(ErrorKind::NotANumber),
    }
}

/// `cleaned` (no spaces) with the grouping marks removed and the decimal mark a dot. The
/// grouping mark only groups when every group after it has three digits and no decimal mark
/// comes before it: otherwise (`2.5` or `2.5e6` in French, `2,5` in English) it is the one
/// mark of a number typed the other way, and is read as the decimal mark.
fn plain_decimal(cleaned: &str, style: NumberStyle) -> String {
    let (grouping, decimal) = (style.grouping_mark(), style.decimal_mark());
    let mantissa_end = cleaned.find(['e', 'E']).unwrap_or(cleaned.len());
    let mantissa = &cleaned[..mantissa_end];
    let integer_part = mantissa.split(decimal).next().unwrap_or(mantissa);
    let groups_of_three = mantissa.split(decimal).count() <= 2
        && integer_part
            .split(grouping)
            .skip(1)
            .all(|group| group.len() == 3 && group.chars().all(|c| c.is_ascii_digit()))
        && !mantissa
            .split(decimal)
            .skip(1)
            .any(|fraction| fraction.contains(grouping));
    let swapped =
        !groups_of_three && !mantissa.contains(decimal) && mantissa.matches(grouping).count() == 1;
    cleaned
        .chars()
        .filter_map(|c| match c {
            c if c == grouping && swapped => Some('.'),
            c if c == grouping => None,
            c if c == decimal => Some('.'),
            c => Some(c),
        })
        .collect()
}

/// `raw` without what the app writes around a number: a `%`, any currency's symbol before
/// or after it ("€1,200", "-CA$3", "1 200 $ US", "CHF20"), and a ratio's ": 1" ("12.6 : 1").
fn without_units(raw: &str) -> String {
    let is_space = |c: char| c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}');
    let mut text = raw.trim_matches(is_space);
    if let Some(first) = text.strip_suffix(": 1") {
        text = first.trim_end_matches(is_space);
    }
    let (sign, mut body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let mut symbols: Vec<&str> = crate::model::i18n::Currency::ALL
        .into_iter()
        .flat_map(|c| Lang::ALL.map(|l| c.symbol(l)))
        .chain(["%"])
        .collect();
    symbols.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for symbol in &symbols {
        if let Some(rest) = body.strip_prefix(symbol) {
            body = rest.trim_start_matches(is_space);
            break;
        }
    }
    for symbol in &symbols {
        if let Some(rest) = body.strip_suffix(symbol) {
            body = rest.trim_end_matches(is_space);
            break;
        }
    }
    format!("{sign}{body}")
}

/// Checks a number against a field's bounds.
pub fn check_bounds(field: FieldId, value: f64) -> Result<f64, FieldError> {
    let (min, max) = field.bounds();
    let kind = if !value.is_finite() {
        Some(ErrorKind::NotANumber)
    } else if value < min {
        Some(ErrorKind::Negative)
    } else if value > max && field == FieldId::Lifetime {
        Some(ErrorKind::AboveMaxYears(max))
    } else if value > max {
        Some(ErrorKind::AboveMax(max))
    } else {
        None
    };
    match kind {
        Some(kind) => Err(FieldError { field, kind }),
        // Normalise -0 to 0 so it never shows as "-0".
        None => Ok(value + 0.0),
    }
}

/// Parses and bounds-checks a raw field input.
pub fn parse_field(field: FieldId, raw: &str) -> Result<f64, FieldError> {
    let value = match parse_number(raw) {
        // Too large for any number: too large for the field, said with the field's bound.
        Err(ErrorKind::TooLarge) => f64::MAX,
        other => other.map_err(|kind| FieldError { field, kind })?,
    };
    check_bounds(field, value)
}

/// Trims and checks a stage name.
pub fn parse_stage_name(index: usize, raw: &str) -> Result<String, FieldError> {
    let field = FieldId::StageName(index);
    let name = raw.trim();
    if name.is_empty() {
        Err(FieldError {
            field,
            kind: ErrorKind::NameEmpty,
        })
    } else if name.chars().count() > MAX_STAGE_NAME_CHARS {
        Err(FieldError {
            field,
            kind: ErrorKind::NameTooLong(MAX_STAGE_NAME_CHARS),
        })
    } else {
        Ok(name.to_owned())
    }
}

/// Every problem with a whole scenario (empty when it is valid).
pub fn validate(scenario: &Scenario) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let stage_count = scenario.stages.len();
    if !(MIN_STAGES..=MAX_STAGES).contains(&stage_count) {
        let kind = if stage_count < MIN_STAGES {
            ErrorKind::TooFewStages
        } else {
            ErrorKind::TooManyStages
        };
        errors.push(FieldError {
            field: FieldId::Top,
            kind,
        });
    }
    for (i, stage) in scenario.stages.iter().enumerate() {
        if let Err(e) = parse_stage_name(i, &stage.name) {
            errors.push(e);
        }
        let field = if i == 0 {
            FieldId::Top
        } else {
            FieldId::StageRate(i)
        };
        if let Err(e) = check_bounds(field, stage.value) {
            errors.push(e);
        }
    }
    let numbers = [
        (FieldId::Basket, scenario.basket),
        (FieldId::Ltv, scenario.ltv),
        (FieldId::Purchases, scenario.purchases_per_year),
        (FieldId::Lifetime, scenario.lifetime_years),
        (FieldId::Margin, scenario.margin_pct),
        (FieldId::Spend, scenario.spend),
        (FieldId::SpendPct, scenario.spend_pct),
        (FieldId::Target, scenario.target_revenue),
    ];
    errors.extend(
        numbers
            .into_iter()
            .filter_map(|(field, value)| check_bounds(field, value).err()),
    );
    errors
}
