//! The page address as a whole: the current scenario (see [`crate::model::persist::scenario_link`]) plus the view
//! shown, the comparison set, the scenario's name and the embed flag.
//!
//! Keys added to the scenario query: `name=` (the current scenario's name), `view=`
//! (`compare`, `sensitivity`, `goal`, `forecast`, `sla`, `crm`, `definitions`,
//! `scenarios`; absent for the model), `s=` repeated
//! (the comparison set, baseline first, each a whole scenario query with its `name`,
//! percent-encoded), `embed=1` (the compact calculator for iframes) and `lang=en|fr` (once
//! chosen; without it, the browser's language).

use crate::model::funnel::link::{bad, encode_value, UrlError};
use crate::model::funnel::scenario::{NamedScenario, Scenario};
use crate::model::i18n::Lang;
use crate::model::persist::scenario_link::{self, EveryFeature, FeatureKeys, UnreadFeatures};
use crate::model::workbench::compare::MAX_VARIANTS;

crate::texts! {
    /// Tab labels.
    enum ViewLabel {
        Model => "Model", "Modèle";
        Compare => "Compare", "Comparer";
        Sensitivity => "Sensitivity", "Sensibilité";
        GoalSeek => "Goal seek", "Valeur cible";
        Forecast => "Forecast", "Prévisions";
        Sla => "SLA", "SLA";
        Crm => "CRM import", "Import CRM";
        Glossary => "Definitions", "Définitions";
        Scenarios => "Saved scenarios", "Scénarios enregistrés";
    }
}

crate::texts! {
    /// Why a page address could not be read (the rest is [`UrlError`]'s).
    enum PageText {
        UnknownView => "unknown view", "vue inconnue";
        TooManyScenarios => "a comparison has at most {max} scenarios",
            "une comparaison compte au plus {max} scénarios";
        Scenario => "scenario {n}: {error}", "scénario {n} : {error}";
        NotAScenario => "scenario {n} is not a funnelsim scenario (it has no v=1)",
            "le scénario {n} n'est pas un scénario funnelsim (il n'a pas de v=1)";
    }
}

/// Which part of the app is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Model,
    Compare,
    Sensitivity,
    GoalSeek,
    Forecast,
    Sla,
    Crm,
    Glossary,
    Scenarios,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Model,
        View::Compare,
        View::Sensitivity,
        View::GoalSeek,
        View::Forecast,
        View::Sla,
        View::Crm,
        View::Glossary,
        View::Scenarios,
    ];

    /// The `view=` value ("" for the model, which is the default).
    pub fn key(self) -> &'static str {
        match self {
            View::Model => "model",
            View::Compare => "compare",
            View::Sensitivity => "sensitivity",
            View::GoalSeek => "goal",
            View::Forecast => "forecast",
            View::Sla => "sla",
            View::Crm => "crm",
            View::Glossary => "definitions",
            View::Scenarios => "scenarios",
        }
    }

    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }

    /// Tab label, in the language in use.
    pub fn label(self) -> &'static str {
        match self {
            View::Model => ViewLabel::Model,
            View::Compare => ViewLabel::Compare,
            View::Sensitivity => ViewLabel::Sensitivity,
            View::GoalSeek => ViewLabel::GoalSeek,
            View::Forecast => ViewLabel::Forecast,
            View::Sla => ViewLabel::Sla,
            View::Crm => ViewLabel::Crm,
            View::Glossary => ViewLabel::Glossary,
            View::Scenarios => ViewLabel::Scenarios,
        }
        .text()
    }
}

/// Everything the page address holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub scenario: Scenario,
    /// The current scenario's name ("" when unnamed).
    pub name: String,
    pub view: View,
    /// Baseline first, then up to [`MAX_VARIANTS`] variants.
    pub comparison: Vec<NamedScenario>,
    pub embed: bool,
    /// The language, once chosen (from a link or the switcher); absent: the browser's.
    pub lang: Option<Lang>,
}

/// A named scenario as one query string: `name=…&v=1&…`.
pub fn encode_named(named: &NamedScenario) -> String {
    encode_named_with(named, &EveryFeature::default())
}

/// A named scenario as one query string, its features as `features` writes them.
fn encode_named_with<F: FeatureKeys>(named: &NamedScenario, features: &F) -> String {
    let scenario = scenario_link::encode_with(&named.scenario, features);
    if named.name.is_empty() {
        scenario
    } else {
        format!("name={}&{scenario}", encode_value(&named.name))
    }
}

/// Reads the `name` key of a query ("" when absent).
fn read_name(query: &str) -> String {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.trim().chars().take(80).collect())
        .unwrap_or_default()
}

/// Reads a query written by [`encode_named`].
pub fn decode_named(query: &str) -> Result<NamedScenario, UrlError> {
    Ok(NamedScenario {
        name: read_name(query),
        scenario: scenario_link::decode(query)?,
    })
}

/// The whole page address query (without `?`).
pub fn encode_page(page: &Page) -> String {
    let mut query = encode_named(&NamedScenario {
        name: page.name.clone(),
        scenario: page.scenario.clone(),
    });
    if page.view != View::Model {
        query.push_str("&view=");
        query.push_str(page.view.key());
    }
    for named in &page.comparison {
        query.push_str("&s=");
        query.push_str(&encode_value(&encode_named(named)));
    }
    if page.embed {
        query.push_str("&embed=1");
    }
    if let Some(lang) = page.lang {
        query.push_str("&lang=");
        query.push_str(lang.key());
    }
    query
}

/// Reads a page address query. The scenario part follows [`scenario_link::decode`] (an
/// address naming no scenario, but for the embed, is the example [`Scenario::example`]); an
/// unknown view or an unreadable comparison entry is an error too.
pub fn decode_page(query: &str) -> Result<Page, UrlError> {
    let scenario = scenario_link::decode(query)?;
    let first_visit = !scenario_link::names_a_scenario(query);
    let mut page = Page {
        scenario,
        name: read_name(query),
        ..Page::default()
    };
    for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        match key.as_ref() {
            "view" => {
                page.view = View::from_key(&value)
                    .ok_or_else(|| bad("view", &value, PageText::UnknownView.text()))?;
            }
            "s" => {
                if page.comparison.len() > MAX_VARIANTS {
                    return Err(bad(
                        "s",
                        "",
                        PageText::TooManyScenarios
                            .fill(&[("max", &(MAX_VARIANTS + 1).to_string())]),
                    ));
                }
                // Every entry the app writes starts with its version; anything else
                // (`s=garbage`, an empty `s=`) would silently become the default scenario.
                let n = (page.comparison.len() + 1).to_string();
                if !form_urlencoded::parse(value.as_bytes()).any(|(k, _)| k == "v") {
                    return Err(bad("s", &value, PageText::NotAScenario.fill(&[("n", &n)])));
                }
                let named = decode_named(&value).map_err(|e| UrlError::BadValue {
                    key: "s".into(),
                    value: read_name(&value),
                    problem: PageText::Scenario.fill(&[("n", &n), ("error", &e.to_string())]),
                })?;
                page.comparison.push(named);
            }
            "embed" => page.embed = value == "1" || value == "true",
            // A language the app does not speak leaves the browser's.
            "lang" => page.lang = Lang::from_key(&value),
            _ => {}
        }
    }
    // A first visit (no scenario in the address) opens the example with its channels; the
    // embedded calculator keeps the funnel's own fields.
    if first_visit && !page.embed {
        page.scenario = Scenario::example();
    }
    Ok(page)
}

/// The folder of the embed build, next to the full app's page (`dist/embed/`).
pub const EMBED_FOLDER: &str = "embed/";

/// The folder an address without its query is in: `…/funnelsim/index.html` and
/// `…/funnelsim/` are both in `…/funnelsim/`.
fn folder_of(address: &str) -> &str {
    &address[..address.rfind('/').map_or(0, |slash| slash + 1)]
}

/// The compact calculator's address (the embed build, in [`EMBED_FOLDER`] beside the full
/// app's page) for the full app at `app_address` (its address without the query).
pub fn embed_address(app_address: &str) -> String {
    format!("{}{EMBED_FOLDER}", folder_of(app_address))
}

/// The full app's address seen from the embed build's page at `embed_address` (without the
/// query): the folder above [`EMBED_FOLDER`].
pub fn app_address_from_embed(embed_address: &str) -> String {
    let folder = folder_of(embed_address);
    match folder.strip_suffix(EMBED_FOLDER) {
        Some(parent) => parent.to_owned(),
        // Not in an embed folder (served some other way): the full app is beside it.
        None => folder.to_owned(),
    }
}

/// The language a page address asks for: its last `lang=`, when the app speaks it (a
/// language it does not speak leaves the browser's).
pub fn lang_of(query: &str) -> Option<Lang> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .filter(|(key, _)| key == "lang")
        .last()
        .and_then(|(_, value)| Lang::from_key(&value))
}

/// What the compact calculator reads of a page address: the scenario's funnel and channels,
/// its name and the language. The other features' pairs are kept as they came
/// ([`UnreadFeatures`]) and written back with the rest; the view and the comparison set,
/// which the calculator does not show, are left out of the links it writes, as the embed
/// snippet leaves them out.
#[derive(Clone, Debug, PartialEq)]
pub struct CompactPage {
    pub named: NamedScenario,
    pub unread: UnreadFeatures,
    pub lang: Option<Lang>,
}

/// Reads a page address as the compact calculator does. An address naming no scenario is
/// the funnel's own default (no channels), as the embedded calculator always showed it.
pub fn decode_compact_page(query: &str) -> Result<CompactPage, UrlError> {
    let (scenario, unread) = scenario_link::decode_with(query, UnreadFeatures::default())?;
    Ok(CompactPage {
        named: NamedScenario {
            name: read_name(query),
            scenario,
        },
        unread,
        lang: lang_of(query),
    })
}

/// The compact calculator's page as an address query (without `?`): its own address, and
/// the full app's with the same scenario (which opens on the model view).
pub fn encode_compact_page(page: &CompactPage) -> String {
    let mut query = encode_named_with(&page.named, &page.unread);
    if let Some(lang) = page.lang {
        query.push_str("&lang=");
        query.push_str(lang.key());
    }
    query
}
