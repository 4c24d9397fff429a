//! Files users download and upload: a scenario or a comparison as versioned JSON (read back
//! with full validation), and results or a comparison as CSV with plain machine numbers.
//!
//! # JSON files
//!
//! A **scenario file** (`scenario_json`) is `{"format": "funnelsim.scenario", "version": 1,
//! "name": …, "scenario": {…}}`; a **comparison file** (`comparison_json`) is
//! `{"format": "funnelsim.comparison", "version": 1, "scenarios": [{"name", "scenario"}, …]}`
//! with the baseline first and up to 4 variants. The schema, field by field, is documented
//! for users in README.md ("Files: the JSON schema"); `tests/it/export.rs` checks that the
//! README names every field this module writes. Imports are limited to 1 MB of text; every
//! scenario must pass validation; a larger `version` is refused with a message.
//!
//! # CSV files
//!
//! `results_csv`: header `section,metric,stage,value,unit`, one row per input, per KPI, per
//! stage figure and per reverse-funnel figure. `comparison_csv`: header
//! `key,label,<name 1>,…,<name n>,<name 2> change,<name 2> change %,…`. Numbers are plain
//! (`3333.3333333333335`, no thousands separator, `.` as decimal point); fractions stay
//! fractions (unit `fraction`: 0.025 = 2.5 %); an undefined value is an empty cell. Text
//! cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) get a
//! leading `'`.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::file_writing::{csv_text, text_cell, ExportError};
use crate::model::format;
use crate::model::funnel::channels::ChannelFunnel;
use crate::model::funnel::reverse::Unreachable;
use crate::model::funnel::scenario::{NamedScenario, Scenario};
use crate::model::persist::storage::{clean_name, problems};
use crate::model::workbench::compare::{Comparison, ValueKind, MAX_VARIANTS};
use crate::model::Analysis;

crate::texts! {
    /// Import messages (file formats and CSV headers stay English: they are data).
    enum ExportText {
        NotJson => "This file is not valid JSON (line {line}, column {column}: {message}).",
            "Ce fichier n'est pas du JSON valide (ligne {line}, colonne {column} : {message}).";
        NotFunnelsim => "This file is not a funnelsim export: choose a scenario or comparison file saved by funnelsim.",
            "Ce fichier n'est pas un export funnelsim : choisissez un fichier de scénario ou de comparaison enregistré par funnelsim.";
        FutureVersion => "This file was made by a newer version of funnelsim (file version {v}; this version reads version {current}). Reload the page to get the latest version, then import it again.",
            "Ce fichier a été créé par une version plus récente de funnelsim (version de fichier {v} ; cette version lit la version {current}). Rechargez la page pour obtenir la dernière version, puis importez-le de nouveau.";
        UnnamedInvalid => "A scenario in this file cannot be used: {problems}",
            "Un scénario de ce fichier est inutilisable : {problems}";
        NamedInvalid => "The scenario “{name}” in this file cannot be used: {problems}",
            "Le scénario « {name} » de ce fichier est inutilisable : {problems}";
        TooManyScenarios => "This file holds {n} scenarios; a comparison has at most {max} (a baseline and {variants} variants).",
            "Ce fichier contient {n} scénarios ; une comparaison en compte au plus {max} (un scénario de référence et {variants} variantes).";
        Empty => "There is nothing to import: the file is empty or holds no scenario.",
            "Il n'y a rien à importer : le fichier est vide ou ne contient aucun scénario.";
        TooLarge => "This file is too large to be a funnelsim export ({size} kB; the limit is 1 MB).",
            "Ce fichier est trop volumineux pour être un export funnelsim ({size} ko ; la limite est de 1 Mo).";
        NoScenario => "The file has no scenario for it.", "Le fichier ne contient pas de scénario pour lui.";
        Damaged => "Its inputs are incomplete or damaged ({error}).",
            "Ses données sont incomplètes ou endommagées ({error}).";
        NoList => "The file has no list of scenarios.", "Le fichier ne contient pas de liste de scénarios.";
        NotAnObject => "A scenario entry is not an object.", "Une entrée de scénario n'est pas un objet.";
    }
}

/// The file format version this build writes. Version 2 added the channel mix; version 1
/// files (no mix) still open, migrated by [`migrate`].
pub const EXPORT_VERSION: u32 = 2;
/// The oldest file format version this build reads.
pub const OLDEST_EXPORT_VERSION: u32 = 1;
/// `format` of a scenario file.
pub const SCENARIO_FORMAT: &str = "funnelsim.scenario";
/// `format` of a comparison file.
pub const COMPARISON_FORMAT: &str = "funnelsim.comparison";
/// Largest text [`import_json`] reads, in bytes.
pub const MAX_IMPORT_BYTES: usize = 1_000_000;

#[derive(Serialize)]
struct ScenarioFile<'a> {
    format: &'a str,
    version: u32,
    name: &'a str,
    scenario: &'a Scenario,
}

#[derive(Serialize)]
struct ComparisonFile<'a> {
    format: &'a str,
    version: u32,
    scenarios: &'a [NamedScenario],
}

/// Pretty JSON; these structs of strings and numbers always serialise.
fn pretty<T: Serialize>(value: &T) -> Result<String, ExportError> {
    serde_json::to_string_pretty(value)
        .map(|json| json + "\n")
        .map_err(|e| ExportError::Json(e.to_string()))
}

/// A scenario file (pretty JSON, schema in the module doc).
pub fn scenario_json(named: &NamedScenario) -> Result<String, ExportError> {
    pretty(&ScenarioFile {
        format: SCENARIO_FORMAT,
        version: EXPORT_VERSION,
        name: &named.name,
        scenario: &named.scenario,
    })
}

/// A comparison file: `set[0]` is the baseline (pretty JSON, schema in the module doc).
pub fn comparison_json(set: &[NamedScenario]) -> Result<String, ExportError> {
    pretty(&ComparisonFile {
        format: COMPARISON_FORMAT,
        version: EXPORT_VERSION,
        scenarios: set,
    })
}

/// What an imported file held.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    Scenario(NamedScenario),
    /// The baseline first.
    Comparison(Vec<NamedScenario>),
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Not JSON: where the parser stopped and why.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a funnelsim scenario or comparison file.
    NotFunnelsim,
    /// Written by a newer funnelsim (the file's version).
    FutureVersion(u32),
    /// A scenario in the file is incomplete or out of bounds.
    InvalidScenario { name: String, problems: Vec<String> },
    /// A comparison with more scenarios than a baseline and [`MAX_VARIANTS`] variants.
    TooManyScenarios(usize),
    /// An empty file, or a comparison with no scenario.
    Empty,
    /// More than [`MAX_IMPORT_BYTES`] bytes.
    TooLarge(usize),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ImportError::NotJson {
                line,
                column,
                message,
            } => ExportText::NotJson.fill(&[
                ("line", &line.to_string()),
                ("column", &column.to_string()),
                ("message", message),
            ]),
            ImportError::NotFunnelsim => ExportText::NotFunnelsim.text().to_owned(),
            ImportError::FutureVersion(v) => ExportText::FutureVersion.fill(&[
                ("v", &v.to_string()),
                ("current", &EXPORT_VERSION.to_string()),
            ]),
            ImportError::InvalidScenario { name, problems } => {
                let problems = problems.join("; ");
                if name.is_empty() {
                    ExportText::UnnamedInvalid.fill(&[("problems", &problems)])
                } else {
                    ExportText::NamedInvalid.fill(&[("name", name), ("problems", &problems)])
                }
            }
            ImportError::TooManyScenarios(n) => ExportText::TooManyScenarios.fill(&[
                ("n", &n.to_string()),
                ("max", &(MAX_VARIANTS + 1).to_string()),
                ("variants", &MAX_VARIANTS.to_string()),
            ]),
            ImportError::Empty => ExportText::Empty.text().to_owned(),
            ImportError::TooLarge(bytes) => ExportText::TooLarge
                .fill(&[("size", &format::group_thousands(*bytes as f64 / 1000.0))]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ImportError {}

/// The parser's message without its " at line … column …" tail.
fn parser_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn invalid(name: &str, problem: impl Into<String>) -> ImportError {
    ImportError::InvalidScenario {
        name: name.to_owned(),
        problems: vec![problem.into()],
    }
}

/// Reads and checks one `{ "name", "scenario" }` pair (`object` is the file itself for a
/// scenario file).
fn named_from(object: &serde_json::Map<String, Value>) -> Result<NamedScenario, ImportError> {
    let raw_name = object.get("name").and_then(Value::as_str).unwrap_or("");
    let shown: String = raw_name.trim().chars().take(80).collect();
    let name = clean_name(raw_name).map_err(|e| invalid(&shown, e.to_string()))?;
    let Some(raw) = object.get("scenario") else {
        return Err(invalid(&name, ExportText::NoScenario.text()));
    };
    let scenario = Scenario::deserialize(raw).map_err(|e| {
        invalid(
            &name,
            ExportText::Damaged.fill(&[("error", &e.to_string())]),
        )
    })?;
    let problems = problems(&scenario);
    if problems.is_empty() {
        Ok(NamedScenario { name, scenario })
    } else {
        Err(ImportError::InvalidScenario { name, problems })
    }
}

/// Reads a scenario or comparison file. Checks its size (at most 1 MB), format and version,
/// and validates every scenario; never panics.
pub fn import_json(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        line: e.line(),
        column: e.column(),
        message: parser_message(&e),
    })?;
    let Some(object) = value.as_object() else {
        return Err(ImportError::NotFunnelsim);
    };
    let is_scenario_file = match object.get("format").and_then(Value::as_str) {
        Some(SCENARIO_FORMAT) => true,
        Some(COMPARISON_FORMAT) => false,
        _ => return Err(ImportError::NotFunnelsim),
    };
    let version = match object.get("version").and_then(Value::as_u64) {
        Some(v) if (u64::from(OLDEST_EXPORT_VERSION)..=u64::from(EXPORT_VERSION)).contains(&v) => v,
        Some(v) if v > u64::from(EXPORT_VERSION) => {
            return Err(ImportError::FutureVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            ));
        }
        _ => return Err(ImportError::NotFunnelsim),
    };
    let value = migrate(value, version);
    let Some(object) = value.as_object() else {
        return Err(ImportError::NotFunnelsim);
    };
    if is_scenario_file {
        return named_from(object).map(Imported::Scenario);
    }
    let Some(entries) = object.get("scenarios").and_then(Value::as_array) else {
        return Err(invalid("", ExportText::NoList.text()));
    };
    if entries.is_empty() {
        return Err(ImportError::Empty);
    }
    if entries.len() > MAX_VARIANTS + 1 {
        return Err(ImportError::TooManyScenarios(entries.len()));
    }
    entries
        .iter()
        .map(|entry| match entry.as_object() {
            Some(object) => named_from(object),
            None => Err(invalid("", ExportText::NotAnObject.text())),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Imported::Comparison)
}

/// A file of an older `version` in this version's shape. Version 1 had no channel mix: a
/// `channels` field in one is not this build's and is dropped, so the file opens exactly as
/// the version that wrote it showed it.
fn migrate(mut file: Value, version: u64) -> Value {
    if version < 2 {
        let scenarios: Vec<&mut Value> = match file.get_mut("scenarios") {
            Some(Value::Array(entries)) => entries
                .iter_mut()
                .filter_map(|entry| entry.get_mut("scenario"))
                .collect(),
            _ => file.get_mut("scenario").into_iter().collect(),
        };
        for scenario in scenarios {
            if let Some(object) = scenario.as_object_mut() {
                object.remove("channels");
            }
        }
    }
    file
}

fn number(value: Option<f64>) -> String {
    format::machine(value)
}

/// The key of an unreachable reason, for CSV.
fn unreachable_key(reason: Unreachable) -> (&'static str, Option<usize>) {
    match reason {
        Unreachable::NoBasket => ("no_basket", None),
        Unreachable::ZeroRate(i) => ("zero_rate", Some(i)),
        Unreachable::TooLarge(i) => ("too_large", Some(i)),
    }
}

/// Rows of a results CSV file.
struct ResultRows(Vec<Vec<String>>);

impl ResultRows {
    /// A row whose value is text (a name or a mode key).
    fn text(&mut self, section: &str, metric: &str, stage: &str, value: &str) {
        self.0.push(vec![
            section.to_owned(),
            metric.to_owned(),
            text_cell(stage),
            text_cell(value),
            String::new(),
        ]);
    }

    /// A row whose value is a plain number (empty when undefined).
    fn num(&mut self, section: &str, metric: &str, stage: &str, value: Option<f64>, unit: &str) {
        self.0.push(vec![
            section.to_owned(),
            metric.to_owned(),
            text_cell(stage),
            number(value),
            unit.to_owned(),
        ]);
    }
}

/// One scenario's inputs and results as CSV: `section,metric,stage,value,unit`.
///
/// Sections: `scenario` (its name), `input` (every field; `period`, `ltv_mode` and
/// `spend_mode` hold their text key), `result` (every KPI; `weakest_stage` names the stage
/// furthest below its benchmark and gives its index from 0, both empty when none is), `stage` (count, rate, cumulative, cost_per and lost for each
/// stage), `channel` (when planned by channel: for each channel, then `All channels`, its
/// spend, `count:<stage>` and `cost_per:<stage>` at every stage, customers, revenue, gross
/// margin, CAC, ROI, LTV:CAC and payback; the channel's name in the `stage` column),
/// `reverse` (target, required and gap per stage, required_spend, and `unreachable`
/// with its reason key when the target cannot be met).
pub fn results_csv(named: &NamedScenario, analysis: &Analysis) -> Result<String, ExportError> {
    use ValueKind::*;
    let s = &named.scenario;
    let f = &analysis.funnel;
    let r = &analysis.reverse;
    let mut out = ResultRows(vec![["section", "metric", "stage", "value", "unit"]
        .map(String::from)
        .to_vec()]);

    out.text("scenario", "name", "", &named.name);
    out.text("input", "period", "", s.period.key());
    for (i, stage) in s.stages.iter().enumerate() {
        let (metric, kind) = if i == 0 {
            ("top_count", Count)
        } else {
            ("stage_rate", RatePct)
        };
        out.num("input", metric, &stage.name, Some(stage.value), kind.unit());
    }
    out.num("input", "basket", "", Some(s.basket), Money.unit());
    out.text("input", "ltv_mode", "", s.ltv_mode.key());
    out.num("input", "ltv", "", Some(s.ltv), Money.unit());
    out.num(
        "input",
        "purchases",
        "",
        Some(s.purchases_per_year),
        PerYear.unit(),
    );
    out.num(
        "input",
        "lifetime",
        "",
        Some(s.lifetime_years),
        Years.unit(),
    );
    out.num("input", "margin", "", Some(s.margin_pct), RatePct.unit());
    out.text("input", "spend_mode", "", s.spend_mode.key());
    out.num("input", "spend", "", Some(s.spend), Money.unit());
    out.num("input", "spend_pct", "", Some(s.spend_pct), RatePct.unit());
    out.num("input", "target", "", Some(s.target_revenue), Money.unit());

    out.num("result", "customers", "", Some(f.customers), Count.unit());
    out.num(
        "result",
        "revenue",
        "",
        Some(f.returns.revenue),
        Money.unit(),
    );
    out.num("result", "spend", "", Some(f.spend), Money.unit());
    out.num(
        "result",
        "gross_margin",
        "",
        Some(f.returns.gross_margin),
        Money.unit(),
    );
    out.num("result", "ltv", "", Some(f.returns.ltv), Money.unit());
    out.num(
        "result",
        "cohort_ltv",
        "",
        Some(f.returns.cohort_ltv),
        Money.unit(),
    );
    out.num("result", "cac", "", f.returns.cac, Money.unit());
    out.num(
        "result",
        "roi_revenue",
        "",
        f.returns.roi_revenue,
        Percent.unit(),
    );
    out.num(
        "result",
        "roi_margin",
        "",
        f.returns.roi_margin,
        Percent.unit(),
    );
    out.num("result", "ltv_cac", "", f.returns.ltv_cac, Ratio.unit());
    out.num(
        "result",
        "payback_months",
        "",
        f.returns.payback_months,
        Months.unit(),
    );
    out.num("result", "lead_value", "", f.lead_value, Money.unit());
    let overall = f.overall_conversion;
    out.num("result", "overall_conversion", "", overall, Percent.unit());
    let weakest = f.weakest_stage;
    let weakest_name = weakest
        .and_then(|i| f.stages.get(i))
        .map_or("", |st| st.name.as_str());
    let weakest_index = weakest.map(|i| i as f64);
    out.num(
        "result",
        "weakest_stage",
        weakest_name,
        weakest_index,
        "stage index",
    );

    for st in &f.stages {
        out.num("stage", "count", &st.name, st.count, Count.unit());
        out.num("stage", "rate", &st.name, st.rate, Percent.unit());
        out.num(
            "stage",
            "cumulative",
            &st.name,
            st.cumulative,
            Percent.unit(),
        );
        out.num("stage", "cost_per", &st.name, st.cost_per, Money.unit());
        out.num("stage", "lost", &st.name, st.lost, Count.unit());
    }

    if let Some(plan) = &analysis.channels {
        for funnel in plan.now.channels.iter().chain([&plan.now.blended]) {
            channel_rows(&mut out, s, funnel);
        }
    }

    out.num("reverse", "target", "", Some(r.target), Money.unit());
    for st in &r.stages {
        out.num("reverse", "required", &st.name, st.required, Count.unit());
        out.num("reverse", "gap", &st.name, st.gap, Count.unit());
    }
    out.num(
        "reverse",
        "required_spend",
        "",
        r.required_spend,
        Money.unit(),
    );
    if let Some(reason) = r.unreachable {
        let (key, stage) = unreachable_key(reason);
        let stage_name = stage
            .and_then(|i| s.stages.get(i))
            .map_or("", |st| st.name.as_str());
        out.text("reverse", "unreachable", stage_name, key);
    }
    csv_text(&out.0)
}

/// One channel's (or the blended mix's) rows: its spend, its count and cost at every stage
/// (`count:<stage>`, `cost_per:<stage>`, empty above the mix's entry), and its returns.
fn channel_rows(out: &mut ResultRows, scenario: &Scenario, funnel: &ChannelFunnel) {
    use ValueKind::*;
    let name = &funnel.name;
    out.num("channel", "spend", name, Some(funnel.spend), Money.unit());
    for (i, stage) in scenario.stages.iter().enumerate() {
        let count = funnel.counts.get(i).copied().flatten();
        out.num(
            "channel",
            &format!("count:{}", stage.name),
            name,
            count,
            Count.unit(),
        );
        if i > 0 {
            let cost = funnel.cost_per.get(i).copied().flatten();
            out.num(
                "channel",
                &format!("cost_per:{}", stage.name),
                name,
                cost,
                Money.unit(),
            );
        }
    }
    let r = &funnel.returns;
    out.num(
        "channel",
        "customers",
        name,
        Some(funnel.customers),
        Count.unit(),
    );
    out.num("channel", "revenue", name, Some(r.revenue), Money.unit());
    out.num(
        "channel",
        "gross_margin",
        name,
        Some(r.gross_margin),
        Money.unit(),
    );
    out.num("channel", "cac", name, r.cac, Money.unit());
    out.num(
        "channel",
        "roi_revenue",
        name,
        r.roi_revenue,
        Percent.unit(),
    );
    out.num("channel", "roi_margin", name, r.roi_margin, Percent.unit());
    out.num("channel", "ltv_cac", name, r.ltv_cac, Ratio.unit());
    out.num(
        "channel",
        "payback_months",
        name,
        r.payback_months,
        Months.unit(),
    );
}

/// A comparison as CSV: `key,label,<name 1>,…,<name n>`, then for each variant
/// `<name> change` (variant − baseline) and `<name> change %` (in percent of the baseline).
pub fn comparison_csv(comparison: &Comparison) -> Result<String, ExportError> {
    let variants = comparison.names.iter().skip(1);
    let mut header: Vec<String> = vec!["key".into(), "label".into()];
    header.extend(comparison.names.iter().map(|n| text_cell(n)));
    for name in variants {
        header.push(text_cell(&format!("{name} change")));
        header.push(text_cell(&format!("{name} change %")));
    }
    let width = header.len();
    let mut rows = vec![header];
    for row in &comparison.rows {
        let mut record = vec![row.key.clone(), text_cell(&row.label)];
        record.extend(row.values.iter().map(|&v| number(v)));
        for delta in &row.deltas {
            record.push(number(delta.abs));
            record.push(number(delta.pct));
        }
        record.resize(width, String::new());
        rows.push(record);
    }
    csv_text(&rows)
}
