//! The SLA's shape is checked wherever a set-up comes from outside the editor: every refusal
//! of `Sla::check` with its message, and the same damaged set-ups refused by a link, by a
//! scenario file and by the saved library (skipped and counted there).
use std::sync::Arc;

use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::persist::export::{import_json, scenario_json, ImportError};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::persist::storage::{load, serialize, Library, StorageProblem};
use funnelsim::model::sla::calculator::{
    MonthActuals, Persona, Sla, SlaShapeError, YearMonth, MAX_CHANNELS, MAX_DAILY_LEADS,
    MAX_MONTHS, MAX_PERSONAS,
};
use funnelsim::model::{NamedScenario, Scenario};

fn november() -> YearMonth {
    YearMonth::new(2026, 11).unwrap()
}

fn example() -> Sla {
    Sla::example(&Scenario::default(), november(), 10)
}

fn with_sla(sla: Sla) -> Scenario {
    Scenario {
        sla: Some(Arc::new(sla)),
        ..Scenario::default()
    }
}

/// `example()` changed by `change`.
fn damaged(change: impl FnOnce(&mut Sla)) -> Sla {
    let mut sla = example();
    change(&mut sla);
    sla
}

/// Damaged set-ups (every number finite, so that JSON carries them as they are) and the
/// refusal each one gets.
fn damaged_set_ups() -> Vec<(Sla, SlaShapeError)> {
    use SlaShapeError::*;
    let more_channels = |n: usize| {
        damaged(|s| {
            s.channels = (0..n).map(|c| format!("Channel {c}")).collect();
            s.close_rates = vec![vec![Some(1.0); 3]; n];
            s.plan = vec![vec![Some(1.0); 3]; n];
            s.actuals.clear();
        })
    };
    let months_back = |n: u32| {
        (0..n)
            .map(|back| {
                let index = 2026 * 12 + 10 - back as i32;
                let month = YearMonth::new(index / 12, index as u32 % 12 + 1).unwrap();
                MonthActuals::empty(month, 15)
            })
            .collect::<Vec<_>>()
    };
    vec![
        (more_channels(0), ChannelCount(0)),
        (
            more_channels(MAX_CHANNELS + 1),
            ChannelCount(MAX_CHANNELS + 1),
        ),
        (
            damaged(|s| {
                s.personas = (0..=MAX_PERSONAS)
                    .map(|p| Persona {
                        name: format!("P{p}"),
                        average_sale: None,
                    })
                    .collect()
            }),
            PersonaCount(MAX_PERSONAS + 1),
        ),
        (damaged(|s| s.channels[1].clear()), BadName(String::new())),
        (
            damaged(|s| s.channels[1] = " Inbound".into()),
            BadName(" Inbound".into()),
        ),
        (
            damaged(|s| s.personas[2].name = "x".repeat(41)),
            BadName("x".repeat(40)),
        ),
        (
            damaged(|s| s.channels[4] = "e-MAIL".into()),
            BadName("e-MAIL".into()),
        ),
        (
            damaged(|s| {
                s.close_rates[3].pop();
            }),
            MatrixShape("close rates"),
        ),
        (
            damaged(|s| {
                s.plan.pop();
            }),
            MatrixShape("planned leads"),
        ),
        (
            damaged(|s| s.close_rates[0][0] = Some(100.5)),
            OutOfRange("close rates"),
        ),
        (
            damaged(|s| s.plan[1][2] = Some(-1.0)),
            OutOfRange("planned leads"),
        ),
        (
            damaged(|s| s.personas[0].average_sale = Some(2e12)),
            OutOfRange("average sale"),
        ),
        (
            damaged(|s| s.monthly_target = -5.0),
            OutOfRange("monthly target"),
        ),
        (
            damaged(|s| s.follow_up_hours = 0.0),
            OutOfRange("follow-up time"),
        ),
        (
            damaged(|s| s.follow_up_hours = 721.0),
            OutOfRange("follow-up time"),
        ),
        (damaged(|s| s.as_of_day = 0), OutOfRange("as-of day")),
        (damaged(|s| s.as_of_day = 31), OutOfRange("as-of day")),
        (
            damaged(|s| s.actuals = months_back(MAX_MONTHS as u32 + 1)),
            Months,
        ),
        (damaged(|s| s.actuals.push(s.actuals[0].clone())), Months),
        (
            damaged(|s| {
                s.actuals[0].days.pop();
            }),
            ActualsShape(november()),
        ),
        (
            damaged(|s| s.actuals[0].days[3].push(1)),
            ActualsShape(november()),
        ),
        (
            damaged(|s| s.actuals[0].days[3][2] = MAX_DAILY_LEADS + 1),
            OutOfRange("daily leads"),
        ),
    ]
}

#[test]
fn every_damage_is_refused_with_its_reason() {
    assert_eq!(example().check(), Ok(()));
    for (sla, expected) in damaged_set_ups() {
        assert_eq!(sla.check(), Err(expected.clone()));
        let message = expected.to_string();
        assert!(message.starts_with("the SLA"), "{message}");
    }
    // Numbers that are not numbers.
    for sla in [
        damaged(|s| s.close_rates[0][0] = Some(f64::NAN)),
        damaged(|s| s.monthly_target = f64::INFINITY),
        damaged(|s| s.personas[1].average_sale = Some(f64::NEG_INFINITY)),
    ] {
        assert!(matches!(sla.check(), Err(SlaShapeError::OutOfRange(_))));
    }
    assert_eq!(
        SlaShapeError::ChannelCount(0).to_string(),
        "the SLA has 0 channels (1 to 20)"
    );
}

#[test]
fn a_link_with_a_damaged_sla_is_refused() {
    for (sla, expected) in damaged_set_ups() {
        let query = encode(&with_sla(sla));
        match decode(&query) {
            Err(error @ UrlError::BadValue { .. }) => {
                assert!(error.to_string().contains("could not be read"), "{error}");
            }
            other => panic!("{expected:?}: expected a refusal, got {other:?}"),
        }
    }
    // When every key reads, the refusal is the check's own message.
    let query = encode(&with_sla(damaged(|s| s.follow_up_hours = 721.0)));
    assert_eq!(
        decode(&query),
        Err(UrlError::BadValue {
            key: "sla".into(),
            value: String::new(),
            problem: "the SLA's follow-up time is out of range".into(),
        })
    );
}

#[test]
fn a_file_with_a_damaged_sla_is_refused() {
    let good = scenario_json(&NamedScenario {
        name: "Good".into(),
        scenario: with_sla(example()),
    })
    .unwrap();
    assert!(import_json(&good).is_ok());
    for (sla, expected) in damaged_set_ups() {
        let file = scenario_json(&NamedScenario {
            name: "Damaged".into(),
            scenario: with_sla(sla),
        })
        .unwrap();
        match import_json(&file) {
            Err(ImportError::InvalidScenario { name, problems }) => {
                assert_eq!(name, "Damaged");
                assert_eq!(problems, [format!("SLA: {expected}")]);
            }
            other => panic!("{expected:?}: expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn saved_scenarios_with_a_damaged_sla_are_skipped_and_counted() {
    let mut library = Library::default();
    library
        .save_new("Good", with_sla(example()), 1.0)
        .expect("a valid SLA is saved");
    let mut doc: serde_json::Value = serde_json::from_str(&serialize(&library).unwrap()).unwrap();
    let damaged = damaged_set_ups();
    let list = doc["scenarios"].as_array_mut().unwrap();
    for (i, (sla, _)) in damaged.iter().enumerate() {
        list.push(serde_json::json!({
            "id": 100 + i,
            "name": format!("Damaged {i}"),
            "saved_at_ms": 5.0,
            "scenario": with_sla(sla.clone()),
        }));
    }
    let loaded = load(Some(&doc.to_string()));
    assert_eq!(
        loaded.problem,
        Some(StorageProblem::InvalidEntries {
            skipped: damaged.len()
        })
    );
    let names: Vec<&str> = loaded
        .library
        .scenarios()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Good"]);
    // Nor can the library be given one.
    let (sla, _) = damaged.into_iter().next().unwrap();
    assert!(library.save_new("Other", with_sla(sla), 2.0).is_err());
}
