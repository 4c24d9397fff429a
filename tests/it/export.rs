//! Export files: scenario and comparison JSON round-trip through import, every import error
//! is reported, and the CSV files parse back with the csv crate (golden results file included).
//! Regenerate the golden CSV after an intended change with
//! `UPDATE_GOLDEN=1 cargo test --test export`.
use std::fs;

use funnelsim::model::persist::export::{
    comparison_csv, comparison_json, import_json, results_csv, scenario_json, ImportError,
    Imported, EXPORT_VERSION, MAX_IMPORT_BYTES,
};
use funnelsim::model::workbench::compare::compare;
use funnelsim::model::{analyse, NamedScenario, Period, Scenario, SpendMode, Stage};
use serde_json::{json, Value};

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/default_results.csv"
);

fn named(name: &str, scenario: Scenario) -> NamedScenario {
    NamedScenario {
        name: name.to_owned(),
        scenario,
    }
}

fn variant() -> Scenario {
    Scenario {
        period: Period::Quarter,
        stages: vec![
            Stage::new("Visitors", 50_000.0),
            Stage::new("Leads", 3.3),
            Stage::new("Customers", 2.0),
        ],
        basket: 8000.5,
        spend_mode: SpendMode::PctRevenue,
        spend_pct: 12.5,
        ..Scenario::default()
    }
}

fn records(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], section: &str, metric: &str, stage: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == section && r[1] == metric && r[2] == stage)
        .unwrap_or_else(|| panic!("no row {section},{metric},{stage}"))
}

#[test]
fn a_scenario_file_round_trips() {
    for n in [
        named("Baseline", Scenario::default()),
        named("Q1 – small “test”", variant()),
    ] {
        let text = scenario_json(&n).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format"], "funnelsim.scenario");
        assert_eq!(value["version"], EXPORT_VERSION);
        assert_eq!(value["name"], n.name.as_str());
        assert_eq!(
            value["scenario"],
            serde_json::to_value(&n.scenario).unwrap()
        );
        assert!(text.contains("\n  \"name\""), "pretty-printed");
        assert_eq!(import_json(&text), Ok(Imported::Scenario(n)));
    }
    // Field order as documented.
    let text = scenario_json(&named("B", Scenario::default())).unwrap();
    let at = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
    assert!(
        at("format") < at("version") && at("version") < at("name") && at("name") < at("scenario")
    );
}

#[test]
fn a_comparison_file_round_trips() {
    let set = vec![
        named("Baseline", Scenario::default()),
        named("Variant", variant()),
    ];
    let text = comparison_json(&set).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "funnelsim.comparison");
    assert_eq!(value["version"], EXPORT_VERSION);
    assert_eq!(value["scenarios"][1]["name"], "Variant");
    assert_eq!(import_json(&text), Ok(Imported::Comparison(set)));
}

#[test]
fn imports_are_lenient_on_whitespace_bom_and_extra_fields() {
    let mut value: Value =
        serde_json::from_str(&scenario_json(&named("  Padded  ", Scenario::default())).unwrap())
            .unwrap();
    value["exported_by"] = json!("someone");
    value["scenario"]["comment"] = json!("ignored");
    let text = format!("\u{feff}\n{value}\n");
    assert_eq!(
        import_json(&text),
        Ok(Imported::Scenario(named("Padded", Scenario::default())))
    );
}

#[test]
fn every_import_error_is_reported() {
    // Not JSON, with where the parser stopped.
    let err = import_json("{\n  \"format\": \"funnelsim.scenario\",\n  oops\n}").unwrap_err();
    match &err {
        ImportError::NotJson {
            line,
            column,
            message,
        } => {
            assert_eq!((*line, *column), (3, 3));
            assert!(!message.contains("at line"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err
        .to_string()
        .starts_with("This file is not valid JSON (line 3, column 3: "));
    assert!(matches!(
        import_json("{\"format\":"),
        Err(ImportError::NotJson { .. })
    ));

    // JSON, but not ours.
    for text in [
        "[]",
        "\"text\"",
        r#"{"name":"x"}"#,
        r#"{"format":"funnelsim.library","version":2,"next_id":1,"scenarios":[]}"#,
        r#"{"format":"funnelsim.scenario","name":"x","scenario":{}}"#,
        r#"{"format":"funnelsim.scenario","version":"1"}"#,
        r#"{"format":"funnelsim.scenario","version":0}"#,
    ] {
        assert_eq!(import_json(text), Err(ImportError::NotFunnelsim), "{text}");
    }

    // A newer version.
    let err = import_json(r#"{"format":"funnelsim.comparison","version":3,"scenarios":"new"}"#)
        .unwrap_err();
    assert_eq!(err, ImportError::FutureVersion(3));
    assert!(err
        .to_string()
        .contains("newer version of funnelsim (file version 3"));

    // An invalid scenario: rate 150 %, named.
    let mut value: Value =
        serde_json::from_str(&scenario_json(&named("Too good", Scenario::default())).unwrap())
            .unwrap();
    value["scenario"]["stages"][3]["value"] = json!(150);
    value["scenario"]["basket"] = json!(-1);
    let err = import_json(&value.to_string()).unwrap_err();
    assert_eq!(
        err,
        ImportError::InvalidScenario {
            name: "Too good".into(),
            problems: vec![
                "MQL → SQL rate: Must be at most 100 %.".into(),
                "Average basket: Must be zero or more.".into()
            ]
        }
    );
    assert_eq!(
        err.to_string(),
        "The scenario “Too good” in this file cannot be used: MQL → SQL rate: Must be at most \
         100 %.; Average basket: Must be zero or more."
    );
    // Missing fields, wrong types, no name, inside a comparison.
    value["scenario"] = json!({"period": "year"});
    assert!(matches!(
        import_json(&value.to_string()),
        Err(ImportError::InvalidScenario { name, problems }) if name == "Too good"
            && problems[0].contains("missing field")
    ));
    let no_name = json!({"format":"funnelsim.scenario","version":1,"scenario":Scenario::default()});
    assert!(matches!(
        import_json(&no_name.to_string()),
        Err(ImportError::InvalidScenario { name, .. }) if name.is_empty()
    ));
    let bad_in_set = comparison_json(&[
        named("A", Scenario::default()),
        named(
            "B",
            Scenario {
                stages: vec![Stage::new("Only", 1.0)],
                ..Scenario::default()
            },
        ),
    ])
    .unwrap();
    assert!(matches!(
        import_json(&bad_in_set),
        Err(ImportError::InvalidScenario { name, .. }) if name == "B"
    ));
    for text in [
        r#"{"format":"funnelsim.comparison","version":1}"#,
        r#"{"format":"funnelsim.comparison","version":1,"scenarios":[42]}"#,
    ] {
        assert!(
            matches!(import_json(text), Err(ImportError::InvalidScenario { .. })),
            "{text}"
        );
    }

    // Too many scenarios.
    let six: Vec<NamedScenario> = (0..6)
        .map(|i| named(&format!("S{i}"), Scenario::default()))
        .collect();
    let err = import_json(&comparison_json(&six).unwrap()).unwrap_err();
    assert_eq!(err, ImportError::TooManyScenarios(6));
    assert_eq!(
        err.to_string(),
        "This file holds 6 scenarios; a comparison has at most 5 (a baseline and 4 variants)."
    );

    // Empty.
    assert_eq!(import_json(""), Err(ImportError::Empty));
    assert_eq!(import_json(" \n\t"), Err(ImportError::Empty));
    assert_eq!(
        import_json(&comparison_json(&[]).unwrap()),
        Err(ImportError::Empty)
    );

    // Too large, checked before parsing.
    let big = " ".repeat(MAX_IMPORT_BYTES + 1);
    let err = import_json(&big).unwrap_err();
    assert_eq!(err, ImportError::TooLarge(MAX_IMPORT_BYTES + 1));
    assert_eq!(
        err.to_string(),
        "This file is too large to be a funnelsim export (1,000 kB; the limit is 1 MB)."
    );

    for e in [ImportError::NotFunnelsim, ImportError::Empty] {
        assert!(e.to_string().ends_with('.'));
    }
}

#[test]
fn results_csv_parses_back_with_every_figure() {
    let n = named("Baseline", Scenario::default());
    let rows = records(&results_csv(&n, &analyse(&n.scenario)).unwrap());
    assert_eq!(rows[0], ["section", "metric", "stage", "value", "unit"]);
    assert!(rows.iter().all(|r| r.len() == 5));
    assert_eq!(
        row(&rows, "result", "cac", ""),
        ["result", "cac", "", "3333.33333333", "EUR"]
    );
    assert_eq!(row(&rows, "scenario", "name", "")[3], "Baseline");
    assert_eq!(row(&rows, "input", "period", "")[3], "year");
    assert_eq!(
        row(&rows, "input", "top_count", "Visitors")[3..],
        ["120000", "count"]
    );
    assert_eq!(
        row(&rows, "input", "stage_rate", "Leads")[3..],
        ["2.5", "%"]
    );
    assert_eq!(row(&rows, "result", "customers", "")[3], "90");
    assert_eq!(row(&rows, "result", "revenue", "")[3], "1350000");
    assert_eq!(
        row(&rows, "result", "roi_revenue", "")[3..],
        ["3.5", "fraction"]
    );
    // The default baseline has no segment: no stage is named to fix first (an empty cell).
    assert_eq!(row(&rows, "result", "weakest_stage", "")[3], "");
    assert_eq!(row(&rows, "stage", "count", "Leads")[3], "3000");
    assert_eq!(
        row(&rows, "stage", "cost_per", "Leads")[3..],
        ["100", "EUR"]
    );
    assert_eq!(
        row(&rows, "stage", "cost_per", "Visitors")[3],
        "",
        "undefined is empty"
    );
    assert_eq!(row(&rows, "reverse", "required", "Visitors")[3], "178800");
    assert_eq!(row(&rows, "reverse", "required", "Customers")[3], "134");
    assert!(rows
        .iter()
        .all(|r| r[0] != "reverse" || r[1] != "unreachable"));
    // Plain numbers: no thousands separators, no NaN.
    for r in &rows[1..] {
        if !r[4].is_empty() && !r[3].is_empty() {
            assert!(r[3].parse::<f64>().unwrap().is_finite(), "{r:?}");
        }
    }

    // Undefined figures are empty cells; unreachable targets say why.
    let mut s = Scenario {
        spend: 0.0,
        ..Scenario::default()
    };
    s.stages[2].value = 0.0;
    let n = named("=HYPERLINK(\"x\")", s);
    let rows = records(&results_csv(&n, &analyse(&n.scenario)).unwrap());
    assert_eq!(row(&rows, "result", "roi_revenue", "")[3], "");
    assert_eq!(row(&rows, "result", "cac", "")[3], "");
    assert_eq!(row(&rows, "reverse", "unreachable", "MQL")[3], "zero_rate");
    // A name a spreadsheet would run as a formula is defused.
    assert_eq!(row(&rows, "scenario", "name", "")[3], "'=HYPERLINK(\"x\")");
}

#[test]
fn results_csv_matches_its_golden_file() {
    let n = named("Baseline", Scenario::default());
    let actual = results_csv(&n, &analyse(&n.scenario)).unwrap();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(GOLDEN, &actual).unwrap();
    }
    let expected = fs::read_to_string(GOLDEN)
        .unwrap_or_else(|_| panic!("{GOLDEN} missing: run with UPDATE_GOLDEN=1"));
    assert_eq!(actual, expected, "default_results.csv changed");
}

#[test]
fn comparison_csv_parses_back() {
    let mut doubled = Scenario::default();
    doubled.stages[0].value = 240_000.0;
    let c = compare(&[
        named("Baseline", Scenario::default()),
        named("Doubled, \"quoted\"", doubled),
        named("Short", variant()),
    ])
    .unwrap();
    let rows = records(&comparison_csv(&c).unwrap());
    assert_eq!(
        rows[0],
        [
            "key",
            "label",
            "Baseline",
            "Doubled, \"quoted\"",
            "Short",
            "Doubled, \"quoted\" change",
            "Doubled, \"quoted\" change %",
            "Short change",
            "Short change %"
        ]
    );
    assert_eq!(rows.len(), c.rows.len() + 1);
    assert!(rows.iter().all(|r| r.len() == 9));
    let cac = rows.iter().find(|r| r[0] == "result.cac").unwrap();
    assert_eq!(cac[1], "CAC");
    assert_eq!(cac[2], "3333.33333333");
    assert_eq!(cac[3], "1666.66666667");
    assert_eq!(cac[6], "-50");
    let customers = rows.iter().find(|r| r[0] == "result.customers").unwrap();
    assert_eq!(customers[5].parse::<f64>().unwrap().round(), 90.0);
    assert_eq!(customers[6], "100");
    // The short variant has no stage 4: empty cells.
    let opp = rows
        .iter()
        .find(|r| r[0] == "result.stage_count_4")
        .unwrap();
    assert_eq!(opp[1], "Opportunities");
    assert_eq!(
        (opp[4].as_str(), opp[7].as_str(), opp[8].as_str()),
        ("", "", "")
    );
}

#[test]
fn a_single_scenario_comparison_csv_has_no_delta_columns() {
    let c = compare(&[named("Only", Scenario::default())]).unwrap();
    let rows = records(&comparison_csv(&c).unwrap());
    assert_eq!(rows[0], ["key", "label", "Only"]);
    assert!(rows.iter().all(|r| r.len() == 3));
}

/// README.md documents the JSON schema for users: it must name every field a file holds.
#[test]
fn the_readme_documents_every_field_of_the_json_files() {
    let readme =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let schema = readme
        .split("## Files: the JSON schema")
        .nth(1)
        .expect("a README section \"Files: the JSON schema\"");
    let scenario: Value =
        serde_json::from_str(&scenario_json(&named("Baseline", Scenario::default())).unwrap())
            .unwrap();
    let comparison: Value =
        serde_json::from_str(&comparison_json(&[named("Baseline", Scenario::default())]).unwrap())
            .unwrap();
    let fields = scenario
        .as_object()
        .unwrap()
        .keys()
        .chain(comparison.as_object().unwrap().keys())
        .chain(scenario["scenario"].as_object().unwrap().keys())
        .chain(
            scenario["scenario"]["stages"][0]
                .as_object()
                .unwrap()
                .keys(),
        );
    for field in fields {
        assert!(
            schema.contains(&format!("`{field}`")) || schema.contains(&format!("\"{field}\"")),
            "README's schema does not mention `{field}`"
        );
    }
    // The SLA object, its personas and months of actuals.
    let with_sla = Scenario {
        sla: Some(std::sync::Arc::new(
            funnelsim::model::sla::calculator::Sla::example(
                &Scenario::default(),
                funnelsim::model::sla::calculator::YearMonth::new(2026, 11).unwrap(),
                5,
            ),
        )),
        ..Scenario::default()
    };
    let file: Value =
        serde_json::from_str(&scenario_json(&named("SLA", with_sla)).unwrap()).unwrap();
    let sla = &file["scenario"]["sla"];
    let sla_fields = sla
        .as_object()
        .unwrap()
        .keys()
        .chain(sla["personas"][0].as_object().unwrap().keys())
        .chain(sla["actuals"][0].as_object().unwrap().keys());
    for field in sla_fields.chain(std::iter::once(&"sla".to_owned())) {
        assert!(
            schema.contains(&format!("`{field}`")) || schema.contains(&format!("\"{field}\"")),
            "README's schema does not mention the SLA's `{field}`"
        );
    }
    for format in ["funnelsim.scenario", "funnelsim.comparison"] {
        assert!(schema.contains(format), "{format}");
    }
    assert!(schema.contains(&format!("`{EXPORT_VERSION}`")));
}
