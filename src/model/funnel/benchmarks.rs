//! Benchmark conversion rates by segment (B2B SaaS, B2B services, industry / manufacturing,
//! e-commerce): each stage's published low / median (or average) / high, the rule that matches
//! a band to a stage, where a rate falls in its band, the stage furthest below its benchmark
//! (the one to fix first) and the presets that start a scenario at the medians.
//!
//! Matching: a band belongs to the step from one of the preset's stages into the next. It
//! applies to stage `i` of any scenario when stage `i − 1` and stage `i` bear those two names,
//! in English or in French, ignoring case and surrounding spaces. A renamed stage matches no
//! more; a stage inserted between two named stages breaks their step (the rate it measures is
//! no longer the published one), and removing it back restores the match.
//!
//! Furthest below: the shortfall of a rate is how far it sits under its band's median (or
//! average) as a share of it, `(median − rate) ÷ median`, 0 at or above; the stage to fix
//! first is the matched stage with the largest shortfall (the first one on a tie).
//!
//! Every figure and where it comes from is listed in README.md ("Benchmarks"); the comments
//! beside the data quote the page each was read from.

use serde::{Deserialize, Serialize};

use crate::model::format;
use crate::model::funnel::forward::StageResult;
use crate::model::funnel::scenario::{Scenario, ScenarioText, Stage};
use crate::model::i18n::Lang;

crate::texts! {
    /// Segment names and what the markers and the largest drop say.
    pub enum BenchText {
        B2bSaas => "B2B SaaS", "SaaS B2B";
        B2bServices => "B2B services", "services B2B";
        Manufacturing => "industry / manufacturing", "industrie / manufacturier";
        Ecommerce => "e-commerce", "e-commerce";
        BelowLow => "Below the {segment} low ({low})", "Sous le bas de la fourchette {segment} ({low})";
        AboveHigh => "Above the {segment} high ({high})", "Au-dessus du haut de la fourchette {segment} ({high})";
        WithinBand => "Within the {segment} band ({low} – {high}), {side}",
            "Dans la fourchette {segment} ({low} – {high}), {side}";
        UnderHigh => "Under the {segment} high ({high}; no low published), {side}",
            "Sous le haut de la fourchette {segment} ({high} ; pas de bas publié), {side}";
        OverLow => "Over the {segment} low ({low}; no high published), {side}",
            "Au-dessus du bas de la fourchette {segment} ({low} ; pas de haut publié), {side}";
        NoBand => "{segment}, no band published: {side}", "{segment}, pas de fourchette publiée : {side}";
        NearMedian => "near the median ({centre})", "proche de la médiane ({centre})";
        BelowMedian => "below the median ({centre})", "sous la médiane ({centre})";
        AboveMedian => "above the median ({centre})", "au-dessus de la médiane ({centre})";
        NearAverage => "near the average ({centre})", "proche de la moyenne ({centre})";
        BelowAverage => "below the average ({centre})", "sous la moyenne ({centre})";
        AboveAverage => "above the average ({centre})", "au-dessus de la moyenne ({centre})";
        NoStageBenchmark => "No {segment} benchmark for this step", "Pas de repère {segment} pour ce passage";
        FixMedian => "Furthest below its benchmark: {from} → {to} at {rate}, {shortfall} under the {segment} median of {centre}. Fix this stage first.",
            "Le plus loin sous son repère : {from} → {to} à {rate}, {shortfall} sous la médiane {segment} de {centre}. C'est l'étape à corriger d'abord.";
        FixAverage => "Furthest below its benchmark: {from} → {to} at {rate}, {shortfall} under the {segment} average of {centre}. Fix this stage first.",
            "Le plus loin sous son repère : {from} → {to} à {rate}, {shortfall} sous la moyenne {segment} de {centre}. C'est l'étape à corriger d'abord.";
        NoSegment => "Stage to fix first: choose a benchmark segment.",
            "Étape à corriger d'abord : choisissez un segment de repère.";
        NoStageMatched => "No step of this funnel matches a {segment} benchmark (steps are matched by the preset's stage names, in English or French).",
            "Aucun passage de cet entonnoir ne correspond à un repère {segment} (les passages sont reconnus aux noms d'étapes du préréglage, en anglais ou en français).";
        NoneBelow => "Every benchmarked step is at or above its {segment} median or average.",
            "Chaque passage repéré est au niveau ou au-dessus de sa médiane ou moyenne {segment}.";
    }
}

/// A market segment with published benchmark rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    B2bSaas,
    B2bServices,
    Manufacturing,
    Ecommerce,
}

/// Whether a band's centre is a median or (when the source gives only that) an average.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Centre {
    Median,
    Average,
}

/// One published benchmark: the step from stage `from` into stage `to`, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Band {
    #[serde(serialize_with = "english")]
    pub from: ScenarioText,
    #[serde(serialize_with = "english")]
    pub to: ScenarioText,
    /// The published low (bottom quartile, worst 20 %, lowest category …), when there is one.
    pub low: Option<f64>,
    pub centre: f64,
    pub centre_kind: Centre,
    /// The published high (top quartile, best 20 %, highest category …), when there is one.
    pub high: Option<f64>,
}

fn english<S: serde::Serializer>(name: &ScenarioText, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(name.in_lang(Lang::En))
}

use Centre::{Average, Median};
use ScenarioText::{Carts, Customers, Leads, Mql, Opportunities, Orders, Sql, Visitors};

const fn band(
    from: ScenarioText,
    to: ScenarioText,
    low: Option<f64>,
    centre: f64,
    centre_kind: Centre,
    high: Option<f64>,
) -> Band {
    Band {
        from,
        to,
        low,
        centre,
        centre_kind,
        high,
    }
}

// growthengineer.ai, "Conversion Rate by Stage" (undated), inbound funnel, columns bottom
// quartile | median | top quartile: "Visitor → Lead | < 1% | 2% | 3%", "Lead → MQL | < 10% |
// 20% | 30%", "MQL → SQL | < 25% | 40% | 50%", "SQL → Opportunity | < 40% | 60% | 70%",
// "Opportunity → Closed Won | < 15% | 20% | 25%".
const B2B_SAAS: [Band; 5] = [
    band(Visitors, Leads, Some(1.0), 2.0, Median, Some(3.0)),
    band(Leads, Mql, Some(10.0), 20.0, Median, Some(30.0)),
    band(Mql, Sql, Some(25.0), 40.0, Median, Some(50.0)),
    band(Sql, Opportunities, Some(40.0), 60.0, Median, Some(70.0)),
    band(
        Opportunities,
        Customers,
        Some(15.0),
        20.0,
        Median,
        Some(25.0),
    ),
];

const B2B_SERVICES: [Band; 2] = [
    // ConversionIQ, "What is a good conversion rate" (2026), columns average | top 25 % |
    // top 10 %: "| B2B Services | 2.2% | 4.0% | 6.5% |". An average; no low published.
    band(Visitors, Leads, None, 2.2, Average, Some(4.0)),
    // lotoftools.org, MQL to SQL calculator (reviewed April 2026), p25 | p50 | p75:
    // "IT Services 36% 50% 62%".
    band(Mql, Sql, Some(36.0), 50.0, Median, Some(62.0)),
];

// lotoftools.org, MQL to SQL calculator (reviewed April 2026), p25 | p50 | p75:
// "Manufacturing 40% 55% 68%".
const MANUFACTURING: [Band; 1] = [band(Mql, Sql, Some(40.0), 55.0, Median, Some(68.0))];

const ECOMMERCE: [Band; 2] = [
    // Littledata, 2019-11-22 (564 stores, October 2019): "the average add-to-cart rate was
    // 5.2%", "more than 9.0% would put you in the best 20%", "less than 2.3% would put you in
    // the worst 20% of stores".
    band(Visitors, Carts, Some(2.3), 5.2, Average, Some(9.0)),
    // Dynamic Yield via eMarketer (12 months ending July 2024): cart abandonment "73.9%"
    // worldwide, luxury and jewelry highest "at 81.4%", pet care lowest, "12-month average of
    // 56.1%". Carts that order = 100 − abandonment; the band spans the categories.
    band(Carts, Orders, Some(18.6), 26.1, Average, Some(43.9)),
];

/// A rate within this share of its band's centre (either side) is "near" it.
pub const NEAR: f64 = 0.10;

impl Segment {
    pub const ALL: [Segment; 4] = [
        Segment::B2bSaas,
        Segment::B2bServices,
        Segment::Manufacturing,
        Segment::Ecommerce,
    ];

    /// The key used in links (`segment=b2b_saas`) and `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            Segment::B2bSaas => "b2b_saas",
            Segment::B2bServices => "b2b_services",
            Segment::Manufacturing => "manufacturing",
            Segment::Ecommerce => "ecommerce",
        }
    }

    pub fn from_key(key: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The segment's name in the language in use.
    pub fn label(self) -> &'static str {
        match self {
            Segment::B2bSaas => BenchText::B2bSaas,
            Segment::B2bServices => BenchText::B2bServices,
            Segment::Manufacturing => BenchText::Manufacturing,
            Segment::Ecommerce => BenchText::Ecommerce,
        }
        .text()
    }

    /// The published bands, in funnel order.
    pub fn bands(self) -> &'static [Band] {
        match self {
            Segment::B2bSaas => &B2B_SAAS,
            Segment::B2bServices => &B2B_SERVICES,
            Segment::Manufacturing => &MANUFACTURING,
            Segment::Ecommerce => &ECOMMERCE,
        }
    }

    /// Publishers and years of the bands, the same in both languages (the full references,
    /// and that growthengineer.ai's page is undated, are in README.md).
    pub fn sources(self) -> &'static str {
        match self {
            Segment::B2bSaas => "growthengineer.ai",
            Segment::B2bServices => "ConversionIQ 2026, lotoftools.org 2026",
            Segment::Manufacturing => "lotoftools.org 2026",
            Segment::Ecommerce => "Littledata 2019, Dynamic Yield / eMarketer 2024",
        }
    }
}

/// Whether a typed stage name is this preset name, in English or in French (case and
/// surrounding spaces aside).
fn names(typed: &str, name: ScenarioText) -> bool {
    let typed = typed.trim().to_lowercase();
    Lang::ALL
        .into_iter()
        .any(|lang| name.in_lang(lang).to_lowercase() == typed)
}

/// The band of `segment` for the step from a stage named `from` into one named `to`.
pub fn band_for(segment: Segment, from: &str, to: &str) -> Option<&'static Band> {
    segment
        .bands()
        .iter()
        .find(|b| names(from, b.from) && names(to, b.to))
}

/// The band of every stage of `stages` (`None` for the top and for unmatched steps).
pub fn bands_of(segment: Segment, stages: &[Stage]) -> Vec<Option<&'static Band>> {
    (0..stages.len())
        .map(|i| {
            i.checked_sub(1)
                .and_then(|p| band_for(segment, &stages[p].name, &stages[i].name))
        })
        .collect()
}

/// Where a rate falls against its band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    BelowLow,
    AboveHigh,
    /// Not below the low nor above the high, and more than [`NEAR`] under the centre.
    BelowCentre,
    NearCentre,
    AboveCentre,
}

impl Position {
    /// The key written in `data-position`.
    pub fn key(self) -> &'static str {
        match self {
            Position::BelowLow => "below_low",
            Position::AboveHigh => "above_high",
            Position::BelowCentre => "below_centre",
            Position::NearCentre => "near_centre",
            Position::AboveCentre => "above_centre",
        }
    }
}

/// Where `rate_pct` (a percentage) falls in `band`.
pub fn position(band: &Band, rate_pct: f64) -> Position {
    if band.low.is_some_and(|low| rate_pct < low) {
        Position::BelowLow
    } else if band.high.is_some_and(|high| rate_pct > high) {
        Position::AboveHigh
    } else if (rate_pct - band.centre).abs() <= NEAR * band.centre {
        Position::NearCentre
    } else if rate_pct < band.centre {
        Position::BelowCentre
    } else {
        Position::AboveCentre
    }
}

/// How far `rate_pct` sits under the band's centre, as a share of it (0 at or above it).
pub fn shortfall(band: &Band, rate_pct: f64) -> f64 {
    ((band.centre - rate_pct) / band.centre).max(0.0)
}

fn pct(value: f64) -> String {
    format::percent(value / 100.0)
}

/// The marker beside a typed rate, in the language in use.
pub fn marker_text(segment: Segment, band: &Band, rate_pct: f64) -> String {
    let at = position(band, rate_pct);
    let centre = pct(band.centre);
    let side = match (band.centre_kind, at) {
        (Median, Position::NearCentre) => BenchText::NearMedian,
        (Median, Position::BelowCentre | Position::BelowLow) => BenchText::BelowMedian,
        (Median, _) => BenchText::AboveMedian,
        (Average, Position::NearCentre) => BenchText::NearAverage,
        (Average, Position::BelowCentre | Position::BelowLow) => BenchText::BelowAverage,
        (Average, _) => BenchText::AboveAverage,
    }
    .fill(&[("centre", &centre)]);
    let low = band.low.map_or_else(String::new, pct);
    let high = band.high.map_or_else(String::new, pct);
    let values = [
        ("segment", segment.label()),
        ("low", low.as_str()),
        ("high", high.as_str()),
        ("side", side.as_str()),
    ];
    match (at, band.low, band.high) {
        (Position::BelowLow, ..) => BenchText::BelowLow.fill(&values),
        (Position::AboveHigh, ..) => BenchText::AboveHigh.fill(&values),
        (_, Some(_), Some(_)) => BenchText::WithinBand.fill(&values),
        (_, None, Some(_)) => BenchText::UnderHigh.fill(&values),
        (_, Some(_), None) => BenchText::OverLow.fill(&values),
        (_, None, None) => BenchText::NoBand.fill(&values),
    }
}

/// What a stage without a band of the scenario's segment shows.
pub fn no_band_text(segment: Segment) -> String {
    BenchText::NoStageBenchmark.fill(&[("segment", segment.label())])
}

/// The stage to fix first, or why no benchmark names one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LargestDrop {
    /// The scenario has no segment.
    NoSegment,
    /// No step of the funnel matches one of the segment's bands.
    NoStageMatched(Segment),
    /// Every matched step is at or above its centre.
    NoneBelow(Segment),
    /// The matched step with the largest shortfall.
    Stage {
        segment: Segment,
        index: usize,
        band: &'static Band,
        /// The step's rate, in percent.
        rate_pct: f64,
        shortfall: f64,
    },
}

impl LargestDrop {
    /// The stage to fix first, if any.
    pub fn index(self) -> Option<usize> {
        match self {
            LargestDrop::Stage { index, .. } => Some(index),
            _ => None,
        }
    }
}

/// The stage furthest below its benchmark among `stages` (names and rates in percent, `None`
/// for the top or an unknown rate), by the segment's bands.
pub fn furthest_below(segment: Option<Segment>, stages: &[(&str, Option<f64>)]) -> LargestDrop {
    let Some(segment) = segment else {
        return LargestDrop::NoSegment;
    };
    let mut matched = false;
    let mut best: Option<LargestDrop> = None;
    for i in 1..stages.len() {
        let Some(band) = band_for(segment, stages[i - 1].0, stages[i].0) else {
            continue;
        };
        matched = true;
        let Some(rate_pct) = stages[i].1.filter(|r| r.is_finite()) else {
            continue;
        };
        let short = shortfall(band, rate_pct);
        let larger = match best {
            Some(LargestDrop::Stage { shortfall, .. }) => short > shortfall,
            _ => short > 0.0,
        };
        if larger {
            best = Some(LargestDrop::Stage {
                segment,
                index: i,
                band,
                rate_pct,
                shortfall: short,
            });
        }
    }
    match best {
        Some(found) => found,
        None if matched => LargestDrop::NoneBelow(segment),
        None => LargestDrop::NoStageMatched(segment),
    }
}

/// [`furthest_below`] on a computed funnel (its rates, blended when planned by channel).
pub fn largest_drop(segment: Option<Segment>, stages: &[StageResult]) -> LargestDrop {
    let named: Vec<(&str, Option<f64>)> = stages
        .iter()
        .map(|s| (s.name.as_str(), s.rate.map(|r| r * 100.0)))
        .collect();
    furthest_below(segment, &named)
}

/// What the results say of the largest drop, in the language in use.
pub fn largest_drop_text(drop: LargestDrop, stages: &[StageResult]) -> String {
    match drop {
        LargestDrop::NoSegment => BenchText::NoSegment.text().to_owned(),
        LargestDrop::NoStageMatched(segment) => {
            BenchText::NoStageMatched.fill(&[("segment", segment.label())])
        }
        LargestDrop::NoneBelow(segment) => {
            BenchText::NoneBelow.fill(&[("segment", segment.label())])
        }
        LargestDrop::Stage {
            segment,
            index,
            band,
            rate_pct,
            shortfall,
        } => {
            let name = |i: usize| stages.get(i).map_or("", |s| s.name.as_str());
            match band.centre_kind {
                Median => BenchText::FixMedian,
                Average => BenchText::FixAverage,
            }
            .fill(&[
                ("from", name(index - 1)),
                ("to", name(index)),
                ("rate", &pct(rate_pct)),
                ("shortfall", &format::percent(shortfall)),
                ("segment", segment.label()),
                ("centre", &pct(band.centre)),
            ])
        }
    }
}

/// The preset's stage names, in funnel order.
fn preset_names(segment: Segment) -> &'static [ScenarioText] {
    match segment {
        Segment::Ecommerce => &[Visitors, Carts, Orders],
        _ => &[Visitors, Leads, Mql, Sql, Opportunities, Customers],
    }
}

/// A new scenario for `segment`: its stages named in the language in use, each benchmarked
/// step at its band's median (or average), and the segment remembered. The top count, the
/// economics and any step the segment has no figure for are the default baseline's.
pub fn preset(segment: Segment) -> Scenario {
    let baseline = Scenario::default();
    let stages: Vec<Stage> = preset_names(segment)
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let kept = baseline.stages.get(i).map_or(100.0, |s| s.value);
            let value = match i.checked_sub(1) {
                None => kept,
                Some(p) => segment
                    .bands()
                    .iter()
                    .find(|b| b.from == preset_names(segment)[p] && b.to == *name)
                    .map_or(kept, |b| b.centre),
            };
            Stage::new(name.text(), value)
        })
        .collect();
    Scenario {
        stages,
        segment: Some(segment),
        ..baseline
    }
}
