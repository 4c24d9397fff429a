//! The scenario link: a scenario as a readable, versioned query string and back. It writes the
//! funnel's own keys and the definitions' `gl_*` keys, and assembles each feature's keys.
//!
//! Format (version 1), every key always written by [`encode`]:
//! `v=1&period=year&stage=Visitors:120000&stage=Leads:2.5&…&basket=15000&ltv_mode=derived&ltv=42000`
//! `&purchases=1&lifetime=4&margin=70&spend_mode=amount&spend=300000&spend_pct=10&target=2000000`.
//! The first `stage` carries a count, the others a conversion rate in percent; the name is
//! everything before the last `:`. Unknown keys are ignored; missing keys keep the default.
//! A scenario compared with a segment's benchmarks adds `segment=<key>` (`b2b_saas`,
//! `b2b_services`, `manufacturing`, `ecommerce`); an unknown segment is an error, not dropped.
//! A scenario with an SLA adds its `sla_*` keys ([`crate::model::sla::link`]); one with a projection
//! or a Monte Carlo set-up its `pj_*` and `mc_*` keys ([`crate::model::forecast::link`]); one
//! planned by channel its `ch_*` keys ([`crate::model::funnel::channels_link`]). A link without
//! `ch_*` keys has no channels (the funnel's own top count and spend), whatever the example.

use crate::model::forecast::link::{self as forecast_link, ForecastPairs};
use crate::model::funnel::benchmarks::Segment;
use crate::model::funnel::channels_link::{encode_mix, ChannelPairs};
use crate::model::funnel::link::{bad, encode_value, number, UrlError, UrlText};
use crate::model::funnel::scenario::{
    LtvMode, Period, Scenario, SpendMode, Stage, MAX_STAGES, MIN_STAGES,
};
use crate::model::funnel::validate::{check_bounds, parse_stage_name, ErrorKind, FieldId};
use crate::model::glossary::{Glossary, Term};
use crate::model::i18n::Currency;
use crate::model::sales::team_link::{encode_team, TeamPairs};
use crate::model::sla::link::{self as sla_link, SlaPairs};

/// The URL format version this build writes and reads.
pub const URL_VERSION: u32 = 1;

/// Encodes a scenario as a query string (without the leading `?`).
pub fn encode(scenario: &Scenario) -> String {
    encode_with(scenario, &EveryFeature::default())
}

/// The keys of a link's features beyond the funnel and its channels: the written definitions
/// (`gl_*`), the SLA (`sla_*`), the team (`tm`, `tm_*`), the projection and the Monte Carlo
/// (`pj_*`, `mc_*`). [`EveryFeature`] reads them into the scenario and writes them from it;
/// [`UnreadFeatures`], the compact calculator's, keeps them as they came, so that its build
/// links none of their code and its links still carry them.
pub trait FeatureKeys {
    /// Takes one pair when it is one of these features' keys; `Ok(false)` for any other key.
    fn take(&mut self, scenario: &mut Scenario, key: &str, value: &str) -> Result<bool, UrlError>;
    /// Ends the reading: the features read go into `scenario`.
    fn finish(&mut self, scenario: &mut Scenario) -> Result<(), UrlError>;
    /// Writes the features' pairs (each preceded by `&`) after the funnel's and the channels'.
    fn write(&self, scenario: &Scenario, query: &mut String);
}

/// Every feature, read into the scenario (its pairs held while reading) and written from it
/// (the full app's link).
#[derive(Default)]
pub struct EveryFeature {
    sla: SlaPairs,
    forecast: ForecastPairs,
    team: TeamPairs,
}

/// The features' pairs, as they came, in their order (the compact calculator's link).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnreadFeatures(pub Vec<(String, String)>);

impl FeatureKeys for UnreadFeatures {
    fn take(&mut self, _: &mut Scenario, key: &str, value: &str) -> Result<bool, UrlError> {
        let theirs = key.starts_with("gl_")
            || SlaPairs::claims(key)
            || TeamPairs::claims(key)
            || ForecastPairs::claims(key);
        if theirs {
            self.0.push((key.to_owned(), value.to_owned()));
        }
        Ok(theirs)
    }

    fn finish(&mut self, _: &mut Scenario) -> Result<(), UrlError> {
        Ok(())
    }

    fn write(&self, _: &Scenario, query: &mut String) {
        for (key, value) in &self.0 {
            query.push('&');
            query.push_str(key);
            query.push('=');
            query.push_str(&encode_value(value));
        }
    }
}

/// Encodes a scenario's funnel and channels, then the features as `features` writes them.
pub fn encode_with<F: FeatureKeys>(scenario: &Scenario, features: &F) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("v", URL_VERSION.to_string()),
        ("period", scenario.period.key().to_owned()),
    ];
    pairs.extend(
        scenario
            .stages
            .iter()
            .map(|s| ("stage", format!("{}:{}", s.name, number(s.value)))),
    );
    pairs.extend([
        ("basket", number(scenario.basket)),
        ("ltv_mode", scenario.ltv_mode.key().to_owned()),
        ("ltv", number(scenario.ltv)),
        ("purchases", number(scenario.purchases_per_year)),
        ("lifetime", number(scenario.lifetime_years)),
        ("margin", number(scenario.margin_pct)),
        ("spend_mode", scenario.spend_mode.key().to_owned()),
        ("spend", number(scenario.spend)),
        ("spend_pct", number(scenario.spend_pct)),
        ("target", number(scenario.target_revenue)),
    ]);
    let mut query = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_value(v)))
        .collect::<Vec<_>>()
        .join("&");
    if !scenario.currency.is_default() {
        query.push_str("&currency=");
        query.push_str(scenario.currency.code());
    }
    if let Some(segment) = scenario.segment {
        query.push_str("&segment=");
        query.push_str(segment.key());
    }
    if let Some(mix) = &scenario.channels {
        query.push('&');
        query.push_str(&encode_mix(mix));
    }
    features.write(scenario, &mut query);
    query
}

impl FeatureKeys for EveryFeature {
    fn take(&mut self, scenario: &mut Scenario, key: &str, value: &str) -> Result<bool, UrlError> {
        Ok(self.sla.take(key, value)?
            || self.team.take(key, value)?
            || self.forecast.take(key, value)?
            || take_glossary_pair(&mut scenario.glossary, key, value)?)
    }

    fn finish(&mut self, scenario: &mut Scenario) -> Result<(), UrlError> {
        scenario.sla = std::mem::take(&mut self.sla)
            .finish()?
            .map(std::sync::Arc::new);
        let (projection, uncertainty) = std::mem::take(&mut self.forecast).finish(scenario)?;
        scenario.projection = projection.map(std::sync::Arc::new);
        scenario.uncertainty = uncertainty.map(std::sync::Arc::new);
        scenario.team = std::mem::take(&mut self.team)
            .finish(scenario.stages.len())?
            .map(std::sync::Arc::new);
        Ok(())
    }

    fn write(&self, scenario: &Scenario, query: &mut String) {
        if !scenario.glossary.is_empty() {
            query.push('&');
            query.push_str(&encode_glossary(&scenario.glossary));
        }
        if let Some(sla) = &scenario.sla {
            query.push('&');
            query.push_str(&sla_link::encode_sla(sla));
        }
        if let Some(team) = &scenario.team {
            query.push('&');
            query.push_str(&encode_team(team));
        }
        if let Some(projection) = &scenario.projection {
            query.push('&');
            query.push_str(&forecast_link::encode_projection(projection));
        }
        if let Some(uncertainty) = &scenario.uncertainty {
            query.push('&');
            query.push_str(&forecast_link::encode_uncertainty(uncertainty));
        }
    }
}

/// The funnel's own keys, which every scenario link has some of.
const FUNNEL_KEYS: [&str; 15] = [
    "v",
    "period",
    "stage",
    "basket",
    "ltv_mode",
    "ltv",
    "purchases",
    "lifetime",
    "margin",
    "spend_mode",
    "spend",
    "spend_pct",
    "target",
    "currency",
    "segment",
];

/// Whether `query` holds any key of a scenario (the funnel's, or a feature's `ch*`, `sla_*`,
/// `pj_*`, `mc_*`, `gl_*`): a page address without one (`?lang=fr`, `?view=sla`, nothing)
/// shows the example.
pub fn names_a_scenario(query: &str) -> bool {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).any(|(key, _)| {
        FUNNEL_KEYS.contains(&key.as_ref())
            || key == "ch"
            || ["ch_", "sla_", "pj_", "mc_", "gl_"]
                .iter()
                .any(|prefix| key.starts_with(prefix))
    })
}

/// Reads a number for a field from the URL, with the field's bounds.
fn read_number(key: &str, value: &str, field: FieldId) -> Result<f64, UrlError> {
    let parsed: f64 = value
        .trim()
        .parse()
        .map_err(|_| bad(key, value, ErrorKind::NotANumber))?;
    check_bounds(field, parsed).map_err(|e| bad(key, value, e.kind))
}

fn read_key<T>(key: &str, value: &str, from_key: fn(&str) -> Option<T>) -> Result<T, UrlError> {
    from_key(value).ok_or_else(|| bad(key, value, UrlText::UnknownValue.text()))
}

/// Decodes a query string (with or without the leading `?`). An empty query is the
/// default scenario; anything unreadable is an error, never a panic.
pub fn decode(query: &str) -> Result<Scenario, UrlError> {
    decode_with(query, EveryFeature::default()).map(|(scenario, _)| scenario)
}

/// Decodes a query's funnel and channels, and its features as `features` reads them
/// (returned with the scenario).
pub fn decode_with<F: FeatureKeys>(
    query: &str,
    mut features: F,
) -> Result<(Scenario, F), UrlError> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut scenario = Scenario::default();
    let mut stages: Vec<Stage> = Vec::new();
    let mut channels = ChannelPairs::default();
    if query.is_empty() {
        return Ok((scenario, features));
    }
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let (key, value) = (key.as_ref(), value.as_ref());
        if channels.take(key, value)? || features.take(&mut scenario, key, value)? {
            continue;
        }
        match key {
            "v" if value.trim() != URL_VERSION.to_string() => {
                return Err(UrlError::UnsupportedVersion(
                    value.chars().take(20).collect(),
                ));
            }
            "v" => {}
            "period" => scenario.period = read_key(key, value, Period::from_key)?,
            "stage" => {
                if stages.len() >= MAX_STAGES {
                    return Err(UrlError::StageCount(stages.len() + 1));
                }
                let index = stages.len();
                let (name, amount) = value
                    .rsplit_once(':')
                    .ok_or_else(|| bad(key, value, UrlText::NameNumber.text()))?;
                let name = parse_stage_name(index, name).map_err(|e| bad(key, value, e.kind))?;
                let field = if index == 0 {
                    FieldId::Top
                } else {
                    FieldId::StageRate(index)
                };
                let amount = read_number(key, amount, field)?;
                stages.push(Stage {
                    name,
                    value: amount,
                });
            }
            "basket" => scenario.basket = read_number(key, value, FieldId::Basket)?,
            "ltv_mode" => scenario.ltv_mode = read_key(key, value, LtvMode::from_key)?,
            "ltv" => scenario.ltv = read_number(key, value, FieldId::Ltv)?,
            "purchases" => {
                scenario.purchases_per_year = read_number(key, value, FieldId::Purchases)?
            }
            "lifetime" => scenario.lifetime_years = read_number(key, value, FieldId::Lifetime)?,
            "margin" => scenario.margin_pct = read_number(key, value, FieldId::Margin)?,
            "spend_mode" => scenario.spend_mode = read_key(key, value, SpendMode::from_key)?,
            "spend" => scenario.spend = read_number(key, value, FieldId::Spend)?,
            "spend_pct" => scenario.spend_pct = read_number(key, value, FieldId::SpendPct)?,
            "target" => scenario.target_revenue = read_number(key, value, FieldId::Target)?,
            "currency" => scenario.currency = read_key(key, value, Currency::from_code)?,
            "segment" => scenario.segment = Some(read_key(key, value, Segment::from_key)?),
            _ => {} // Unknown keys (utm_source, …) are left alone.
        }
    }
    match stages.len() {
        0 => {}
        n if n < MIN_STAGES => return Err(UrlError::StageCount(n)),
        _ => scenario.stages = stages,
    }
    scenario.channels = channels.finish()?.map(std::sync::Arc::new);
    features.finish(&mut scenario)?;
    Ok((scenario, features))
}

/// The `gl_*` pairs of the written definitions (`gl_mql=…`), percent-encoded, in term order.
fn encode_glossary(glossary: &Glossary) -> String {
    glossary
        .entries()
        .map(|(term, text)| format!("gl_{}={}", term.key(), encode_value(text)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Reads a definition from a link's `gl_<term>` pair into `glossary`: `Ok(false)` when the
/// key is not a glossary key; an unknown term is ignored like any unknown key.
fn take_glossary_pair(glossary: &mut Glossary, key: &str, value: &str) -> Result<bool, UrlError> {
    let Some(term) = key.strip_prefix("gl_") else {
        return Ok(false);
    };
    if let Some(term) = Term::from_key(term) {
        glossary
            .set(term, value)
            .map_err(|error| bad(key, value, error))?;
    }
    Ok(true)
}
