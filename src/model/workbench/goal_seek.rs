//! Goal seek: finds the value of one input (a lever) that makes an output (a [`Metric`])
//! reach a target, within the input's bounds, or says why it cannot.
//!
//! Every metric is monotonic in every lever over the lever's range (increasing, decreasing
//! or constant), so the search is a bracketed one:
//!
//! 1. The metric is evaluated at both bounds. CAC is undefined with no customer and ROI with
//!    no spend, which happens only at a bound of 0 (a zero volume, rate or spend). Such an end
//!    stands for the metric's limit there (+∞ for CAC as customers → 0, +∞ for ROI as spend
//!    → 0): points where the metric is undefined are treated as lying on that end's side of
//!    the solution, and the bracket shrinks away from them.
//! 2. The direction (increasing or decreasing) comes from two defined points with different
//!    values; when every defined point gives the same value the lever has no effect
//!    ([`GoalSeekError::NoEffect`]); when none is defined, [`GoalSeekError::Undefined`].
//! 3. A target beyond the value at a defined bound is [`GoalSeekError::Unreachable`], with the
//!    bound and the value there.
//! 4. Otherwise one linear interpolation between the bounds is tried first: it is the exact
//!    answer where the metric is linear in the lever (customers or revenue against the volume,
//!    a rate or the basket; CAC against spend). Then the bracket is bisected on the bit
//!    patterns of the floats (non-negative floats order like their bits), which reaches
//!    adjacent floats in at most 64 steps whatever the magnitudes — a spend of 1e-14 as well
//!    as 1e12 — and stops early within 1e-12 of the target (relative).
//!
//! The answer is always finite and within the lever's bounds; a rate above 100 % is never
//! proposed.

use std::fmt;

use crate::model::format;
use crate::model::funnel::forward::evaluate;
use crate::model::funnel::metric::Metric;
use crate::model::funnel::scenario::{LtvMode, Scenario, SpendMode};
use crate::model::funnel::validate::{validate, FieldError, FieldId};
use crate::model::workbench::sensitivity::channel_levers;

crate::texts! {
    /// Goal-seek messages and metric nouns.
    enum GoalText {
        OutOfReachAtMost => "out of reach: at most {best} (at {limit})",
            "hors d'atteinte : au plus {best} (à {limit})";
        OutOfReachAtLeast => "out of reach: at least {best} (at {limit})",
            "hors d'atteinte : au moins {best} (à {limit})";
        OutOfReach => "out of reach", "hors d'atteinte";
        NoEffectShort => "no effect", "sans effet";
        InvalidScenario => "The scenario has an invalid field ({error}).",
            "Le scénario contient un champ invalide ({error}).";
        NotALever => "The field “{field}” cannot be solved for in this scenario.",
            "Le champ « {field} » ne peut pas être recherché dans ce scénario.";
        NegativeTarget => "The {noun} target must be zero or more.",
            "L'objectif de {noun} doit être positif ou nul.";
        NotANumber => "The target must be a number.", "L'objectif doit être un nombre.";
        NoEffect => "Changing the {label} does not change {noun}: choose another input.",
            "Modifier « {label} » ne change pas {noun} : choisissez une autre donnée.";
        Undefined => "{noun} cannot be computed whatever the {label}{why}.",
            "{noun} ne peut pas être calculé, quelle que soit la valeur de « {label} »{why}.";
        NeedsCustomers => " (it needs customers)", " (il faut des clients)";
        NeedsSpend => " (it needs a marketing spend)", " (il faut des dépenses marketing)";
        UnreachableLowest => "Unreachable: even at {value} (the lowest possible {label}), {reached}; the target is {target}.",
            "Inatteignable : même à {value} (la plus basse valeur possible de « {label} »), {reached} ; l'objectif est {target}.";
        UnreachableHighest => "Unreachable: even at {value} (the highest possible {label}), {reached}; the target is {target}.",
            "Inatteignable : même à {value} (la plus haute valeur possible de « {label} »), {reached} ; l'objectif est {target}.";
        IsUndefined => "{noun} is undefined", "{noun} n'est pas défini";
        AreUndefined => "{noun} are undefined", "{noun} n'est pas défini";
        ReachesOnly => "{noun} reaches only {best}", "{noun} n'atteint que {best}";
        ReachOnly => "{noun} reach only {best}", "{noun} n'atteint que {best}";
        IsStill => "{noun} is still {best}", "{noun} reste à {best}";
        AreStill => "{noun} are still {best}", "{noun} reste à {best}";
        RevenueNoun => "revenue", "chiffre d'affaires";
        CustomersNoun => "customers", "clients";
        CacNoun => "CAC", "CAC";
        RoiRevenueNoun => "ROI on revenue", "ROI sur le chiffre d'affaires";
        RoiMarginNoun => "ROI on gross margin", "ROI sur la marge brute";
        RevenueThe => "revenue", "le chiffre d'affaires";
        CustomersThe => "customers", "le nombre de clients";
        CacThe => "CAC", "le CAC";
        RoiRevenueThe => "ROI on revenue", "le ROI sur le chiffre d'affaires";
        RoiMarginThe => "ROI on gross margin", "le ROI sur la marge brute";
        PerYear => "{n} / year", "{n} / an";
        Years => "{n} years", "{n} ans";
    }
}

/// What to solve for: the value of `lever` that makes `metric` equal `target`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    pub lever: FieldId,
    pub metric: Metric,
    /// In the metric's unit: € for revenue and CAC, a count for customers, a fraction for
    /// ROI (3.5 = 350 %).
    pub target: f64,
}

/// The answer to a [`Goal`].
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// The lever's value (finite, within its bounds).
    pub value: f64,
    /// The metric at that value (within 1e-9 of the target, relative).
    pub achieved: f64,
    /// The input scenario with the lever set to `value`.
    pub scenario: Scenario,
}

/// Why a goal cannot be met.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalSeekError {
    /// The scenario has an invalid field (the first one found).
    InvalidScenario(FieldError),
    /// The field cannot be solved for in this scenario (see [`seekable_levers`]).
    NotALever(FieldId),
    /// The target is not a number, or negative for a metric that cannot be (only ROI can).
    InvalidTarget { metric: Metric, target: f64 },
    /// The lever does not change the metric (e.g. the margin and customers).
    NoEffect {
        lever: FieldId,
        /// How the lever reads in a sentence ("gross margin").
        label: String,
        metric: Metric,
    },
    /// The metric is undefined whatever the lever's value (e.g. CAC when another stage
    /// converts nobody).
    Undefined {
        lever: FieldId,
        label: String,
        metric: Metric,
    },
    /// The target lies beyond what the lever can reach within its bounds.
    Unreachable {
        lever: FieldId,
        label: String,
        metric: Metric,
        target: f64,
        /// The bound of the lever the search reached.
        limit: f64,
        /// The metric at that bound (None when undefined there).
        best: Option<f64>,
    },
}

impl GoalSeekError {
    /// A few words for a table cell: "out of reach: at most 150 (at 100 %)", "no effect".
    pub fn short(&self) -> String {
        match self {
            GoalSeekError::Unreachable {
                lever,
                metric,
                target,
                limit,
                best: Some(best),
                ..
            } => if best < target {
                GoalText::OutOfReachAtMost
            } else {
                GoalText::OutOfReachAtLeast
            }
            .fill(&[
                ("best", &metric.format(Some(*best))),
                ("limit", &lever_value(*lever, *limit)),
            ]),
            GoalSeekError::Unreachable { .. } | GoalSeekError::Undefined { .. } => {
                GoalText::OutOfReach.text().into()
            }
            GoalSeekError::NoEffect { .. } => GoalText::NoEffectShort.text().into(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for GoalSeekError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            GoalSeekError::InvalidScenario(e) => {
                GoalText::InvalidScenario.fill(&[("error", &e.to_string())])
            }
            GoalSeekError::NotALever(field) => GoalText::NotALever.fill(&[("field", &field.key())]),
            GoalSeekError::InvalidTarget { metric, target } if target.is_finite() => {
                GoalText::NegativeTarget.fill(&[("noun", metric_noun(*metric))])
            }
            GoalSeekError::InvalidTarget { .. } => GoalText::NotANumber.text().to_owned(),
            GoalSeekError::NoEffect { label, metric, .. } => {
                GoalText::NoEffect.fill(&[("label", label), ("noun", metric_the(*metric))])
            }
            GoalSeekError::Undefined { label, metric, .. } => GoalText::Undefined.fill(&[
                ("noun", &capitalised(metric_the(*metric))),
                ("label", label),
                (
                    "why",
                    match metric {
                        Metric::Cac => GoalText::NeedsCustomers.text(),
                        Metric::RoiRevenue | Metric::RoiMargin => GoalText::NeedsSpend.text(),
                        Metric::Revenue | Metric::Customers => "",
                    },
                ),
            ]),
            GoalSeekError::Unreachable {
                lever,
                label,
                metric,
                target,
                limit,
                best,
            } => {
                let (min, _) = lever.bounds();
                let noun = metric_the(*metric);
                let plural = *metric == Metric::Customers;
                let reached = match best {
                    None if plural => GoalText::AreUndefined.fill(&[("noun", noun)]),
                    None => GoalText::IsUndefined.fill(&[("noun", noun)]),
                    Some(best) => {
                        let entry = match (best < target, plural) {
                            (true, true) => GoalText::ReachOnly,
                            (true, false) => GoalText::ReachesOnly,
                            (false, true) => GoalText::AreStill,
                            (false, false) => GoalText::IsStill,
                        };
                        entry.fill(&[("noun", noun), ("best", &metric.format(Some(*best)))])
                    }
                };
                if *limit <= min {
                    GoalText::UnreachableLowest
                } else {
                    GoalText::UnreachableHighest
                }
                .fill(&[
                    ("value", &lever_value(*lever, *limit)),
                    ("label", label),
                    ("reached", &reached),
                    ("target", &metric.format(Some(*target))),
                ])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for GoalSeekError {}

/// The metric in a sentence: "revenue", "customers", "CAC", "ROI on revenue" ("chiffre
/// d'affaires", "clients" … in French, without an article).
pub fn metric_noun(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => GoalText::RevenueNoun,
        Metric::Customers => GoalText::CustomersNoun,
        Metric::Cac => GoalText::CacNoun,
        Metric::RoiRevenue => GoalText::RoiRevenueNoun,
        Metric::RoiMargin => GoalText::RoiMarginNoun,
    }
    .text()
}

/// The metric as the subject or object of a sentence: the same as [`metric_noun`] in
/// English, with its article in French ("le chiffre d'affaires", "le nombre de clients").
pub fn metric_the(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => GoalText::RevenueThe,
        Metric::Customers => GoalText::CustomersThe,
        Metric::Cac => GoalText::CacThe,
        Metric::RoiRevenue => GoalText::RoiRevenueThe,
        Metric::RoiMargin => GoalText::RoiMarginThe,
    }
    .text()
}

/// A lever's value for people, in the language in use: rates and margin in %, amounts in
/// the currency, "1.5 / year", "4 years" (as [`FieldId::format_value`], whose units are
/// English only).
pub fn lever_value(lever: FieldId, value: f64) -> String {
    match lever {
        FieldId::Purchases => GoalText::PerYear.fill(&[("n", &format::with_decimals(value, 1))]),
        FieldId::Lifetime => GoalText::Years.fill(&[("n", &format::with_decimals(value, 1))]),
        _ => lever.format_value(value),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// How `lever` reads inside a sentence: stage labels keep their names ("Leads → MQL rate"),
/// the others start lower-case unless they are acronyms ("average basket", "LTV").
fn lever_phrase(lever: FieldId, scenario: &Scenario) -> String {
    let label = lever.label(scenario);
    if matches!(lever, FieldId::Top | FieldId::StageRate(_)) {
        return label;
    }
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label,
    }
}

/// The inputs goal seek can change in `scenario`: the top volume, every stage rate, the
/// basket, the active spend field, the margin, the LTV (direct mode only), purchases per
/// year and lifetime. A scenario planned by channel has neither top volume nor spend field
/// to change (the mix brings them): every channel's spend and cost per unit instead.
pub fn seekable_levers(scenario: &Scenario) -> Vec<FieldId> {
    let by_channel = scenario.mix().is_some();
    let spend = match scenario.spend_mode {
        _ if by_channel => None,
        SpendMode::Amount => Some(FieldId::Spend),
        SpendMode::PctRevenue | SpendMode::PctLtv => Some(FieldId::SpendPct),
    };
    let channels = scenario.mix().map_or(0, |mix| mix.channels.len());
    let mut levers: Vec<FieldId> = (!by_channel)
        .then_some(FieldId::Top)
        .into_iter()
        .chain(channel_levers(scenario, channels))
        .chain((1..scenario.stages.len()).map(FieldId::StageRate))
        .chain([FieldId::Basket])
        .chain(spend)
        .chain([FieldId::Margin])
        .collect();
    if scenario.ltv_mode == LtvMode::Direct {
        levers.push(FieldId::Ltv);
    }
    levers.extend([FieldId::Purchases, FieldId::Lifetime]);
    levers
}

/// The relative distance under which the search stops early (the answer is usually exact to
/// a float or two).
const EARLY_STOP: f64 = 1e-12;
/// The relative distance within which a target counts as reached.
const TOLERANCE: f64 = 1e-9;
/// Absolute slack for targets at or near 0 (customers 0, ROI 0).
const ABSOLUTE_SLACK: f64 = 1e-12;

fn close(value: f64, target: f64, relative: f64) -> bool {
    (value - target).abs() <= relative * target.abs() + ABSOLUTE_SLACK
}

/// The metric as a function of the lever.
struct Probe {
    work: Scenario,
    lever: FieldId,
    metric: Metric,
}

impl Probe {
    fn at(&mut self, x: f64) -> Option<f64> {
        self.lever.set_in(&mut self.work, x);
        self.metric
            .of(&evaluate(&self.work))
            .filter(|v| v.is_finite())
    }
}

impl Probe {
    /// `value` with the fewest significant digits (240000 rather than 239999.99999999997)
    /// that still meets `target` within [`TOLERANCE`] and stays within `bounds`.
    fn tidy(&mut self, value: f64, target: f64, (lo, hi): (f64, f64)) -> f64 {
        (1..=15)
            .map(|digits| round_significant(value, digits))
            .find(|&x| {
                (lo..=hi).contains(&x) && self.at(x).is_some_and(|v| close(v, target, TOLERANCE))
            })
            .unwrap_or(value)
    }
}

/// `x` rounded to `digits` significant digits (`x` itself when that is not finite).
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let factor = 10_f64.powi(digits - 1 - magnitude);
    let rounded = (x * factor).round() / factor;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

/// The float halfway between `a` and `b` (0 ≤ a ≤ b) in bit order: halves the number of
/// floats in the bracket, so bisection ends in at most 64 steps at any magnitude.
fn bit_midpoint(a: f64, b: f64) -> f64 {
    let (a_bits, b_bits) = (a.to_bits(), b.to_bits());
    f64::from_bits(a_bits + (b_bits - a_bits) / 2)
}

/// Solves `goal` on `scenario`: the value of the lever that makes the metric reach the
/// target (see the module documentation for the method).
pub fn goal_seek(scenario: &Scenario, goal: &Goal) -> Result<Solution, GoalSeekError> {
    let Goal {
        lever,
        metric,
        target,
    } = *goal;
    if let Some(error) = validate(scenario).into_iter().next() {
        return Err(GoalSeekError::InvalidScenario(error));
    }
    if !seekable_levers(scenario).contains(&lever) || lever.value_in(scenario).is_none() {
        return Err(GoalSeekError::NotALever(lever));
    }
    let may_be_negative = matches!(metric, Metric::RoiRevenue | Metric::RoiMargin);
    if !target.is_finite() || (target < 0.0 && !may_be_negative) {
        return Err(GoalSeekError::InvalidTarget { metric, target });
    }
    let label = lever_phrase(lever, scenario);
    let (lo, hi) = lever.bounds();
    // Bounds are ≥ 0 (and +0.0), which the bit-order bisection relies on.
    let (lo, hi) = (lo.max(0.0) + 0.0, hi.max(0.0));
    let mut probe = Probe {
        work: scenario.clone(),
        lever,
        metric,
    };
    let solution = |probe: &Probe, value: f64, achieved: f64| Solution {
        value: value + 0.0,
        achieved: achieved + 0.0,
        scenario: probe.work.clone(),
    };
    let finish = |probe: &mut Probe, value: f64| {
        let value = probe.tidy(value, target, (lo, hi));
        let achieved = probe.at(value);
        achieved.map(|a| solution(probe, value, a))
    };

    let (at_lo, at_hi) = (probe.at(lo), probe.at(hi));

    // Direction: from two defined points with different values, in x order.
    let mut samples: Vec<(f64, f64)> = Vec::with_capacity(4);
    samples.extend(at_lo.map(|v| (lo, v)));
    if at_lo.is_none() || at_hi.is_none() || at_lo == at_hi {
        // Probe inside: next to the undefined end (in bit order) and in the middle.
        let middle = lo + (hi - lo) / 2.0;
        let near_lo = bit_midpoint(lo, middle);
        let near_hi = bit_midpoint(middle, hi);
        for x in [near_lo, middle, near_hi] {
            samples.extend(probe.at(x).map(|v| (x, v)));
        }
    }
    samples.extend(at_hi.map(|v| (hi, v)));
    let Some(&(_, first)) = samples.first() else {
        return Err(GoalSeekError::Undefined {
            lever,
            label,
            metric,
        });
    };
    // Values within 1e-12 of each other differ only by rounding (CAC = spend / customers is
    // constant when spend is a share of revenue): no effect.
    let Some(&(_, differing)) = samples.iter().find(|(_, v)| !close(*v, first, EARLY_STOP)) else {
        return Err(GoalSeekError::NoEffect {
            lever,
            label,
            metric,
        });
    };
    let increasing = differing > first;

    let unreachable = |limit: f64, best: Option<f64>| GoalSeekError::Unreachable {
        lever,
        label: label.clone(),
        metric,
        target,
        limit,
        best,
    };
    // A target beyond the value at a defined bound cannot be reached.
    for (bound, value) in [(lo, at_lo), (hi, at_hi)] {
        let Some(value) = value else { continue };
        if value == target {
            if let Some(found) = finish(&mut probe, bound) {
                return Ok(found);
            }
        }
        let beyond = if (bound == hi) == increasing {
            target > value
        } else {
            target < value
        };
        if beyond {
            return Err(unreachable(bound, Some(value)));
        }
    }

    // Bracket [a, b]: `a` on the low-x side of the solution, `b` on the high-x side.
    // An undefined point lies on the side of the undefined end.
    let undefined_is_low_side = at_lo.is_none();
    let is_low_side = |value: Option<f64>| match value {
        None => undefined_is_low_side,
        Some(v) => (v < target) == increasing,
    };
    let (mut a, mut b) = (lo, hi);
    let mut best: Option<(f64, f64)> = None;
    let consider = |x: f64, value: Option<f64>, best: &mut Option<(f64, f64)>| {
        if let Some(v) = value {
            if best.is_none_or(|(_, b)| (v - target).abs() < (b - target).abs()) {
                *best = Some((x, v));
            }
        }
    };
    consider(lo, at_lo, &mut best);
    consider(hi, at_hi, &mut best);

    // The exact answer when the metric is linear in the lever.
    if let (Some(v_lo), Some(v_hi)) = (at_lo, at_hi) {
        let guess = lo + (target - v_lo) / (v_hi - v_lo) * (hi - lo);
        if guess.is_finite() {
            let guess = guess.clamp(lo, hi);
            let value = probe.at(guess);
            consider(guess, value, &mut best);
            if value.is_some_and(|v| close(v, target, EARLY_STOP)) {
                if let Some(found) = finish(&mut probe, guess) {
                    return Ok(found);
                }
            }
            if is_low_side(value) {
                a = guess;
            } else {
                b = guess;
            }
        }
    }

    while a < b && b.to_bits() - a.to_bits() > 1 {
        let x = bit_midpoint(a, b);
        let value = probe.at(x);
        consider(x, value, &mut best);
        if value.is_some_and(|v| close(v, target, EARLY_STOP)) {
            break;
        }
        if is_low_side(value) {
            a = x;
        } else {
            b = x;
        }
    }

    match best {
        Some((x, v)) if close(v, target, TOLERANCE) => finish(&mut probe, x).ok_or_else(|| {
            // Unreachable in practice: the value was defined a moment ago.
            unreachable(x, Some(v))
        }),
        Some((x, _)) => {
            // Only possible next to an undefined end whose limit is finite: report that end.
            let limit = if x - lo <= hi - x { lo } else { hi };
            let at_limit = if limit == lo { at_lo } else { at_hi };
            Err(unreachable(limit, at_limit))
        }
        None => Err(GoalSeekError::Undefined {
            lever,
            label: label.clone(),
            metric,
        }),
    }
}

/// One lever's answer in [`every_lever`].
#[derive(Clone, Debug, PartialEq)]
pub struct LeverAnswer {
    pub lever: FieldId,
    /// The lever's value today.
    pub now: f64,
    pub outcome: Result<Solution, GoalSeekError>,
}

impl LeverAnswer {
    /// The relative change the answer asks for (0.5 = +50 %), when reachable and defined.
    pub fn change(&self) -> Option<f64> {
        let solution = self.outcome.as_ref().ok()?;
        crate::model::num::ratio(solution.value - self.now, self.now)
    }
}

/// Goal seek on every lever of `scenario` in turn (each alone, the others unchanged):
/// reachable answers first, smallest relative change first, then the others in lever order.
pub fn every_lever(scenario: &Scenario, metric: Metric, target: f64) -> Vec<LeverAnswer> {
    let mut answers: Vec<LeverAnswer> = seekable_levers(scenario)
        .into_iter()
        .map(|lever| LeverAnswer {
            lever,
            now: lever.value_in(scenario).unwrap_or(0.0),
            outcome: goal_seek(
                scenario,
                &Goal {
                    lever,
                    metric,
                    target,
                },
            ),
        })
        .collect();
    // Stable sort: unreachable levers keep their order at the end.
    answers.sort_by(|a, b| {
        let key = |x: &LeverAnswer| match (&x.outcome, x.change()) {
            (Ok(_), Some(change)) => (0, change.abs()),
            (Ok(_), None) => (1, 0.0),
            (Err(_), _) => (2, 0.0),
        };
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    answers
}
