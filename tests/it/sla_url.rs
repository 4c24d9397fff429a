//! The SLA in a scenario link: round trips (the example, a realistic month for 6 channels ×
//! 4 personas within 2,000 characters, 20 × 10 × 12), links without an SLA unchanged,
//! malformed `sla_*` values refused with a message, and arbitrary text never panicking.

use crate::support;
use std::sync::Arc;

use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::sla::calculator::{MonthActuals, Persona, Sla, YearMonth};
use funnelsim::model::Scenario;
use proptest::prelude::*;

fn november() -> YearMonth {
    YearMonth::new(2026, 11).unwrap()
}

fn with_sla(sla: Sla) -> Scenario {
    Scenario {
        sla: Some(Arc::new(sla)),
        ..Scenario::default()
    }
}

fn round_trip(scenario: &Scenario) -> String {
    let query = encode(scenario);
    assert_eq!(&decode(&query).unwrap(), scenario, "{query}");
    query
}

#[test]
fn the_example_round_trips_and_reads_plainly() {
    let scenario = with_sla(Sla::example(&Scenario::default(), november(), 23));
    let query = round_trip(&scenario);
    for part in [
        "sla_ch=Organic%20search",
        "sla_pe=Small%20business:8000",
        "sla_rates=entered",
        "sla_cr=4,3,1.5",
        "sla_plan=50,25,5",
        "sla_target=166667",
        "sla_month=2026-11",
        "sla_day=23",
        "sla_act=2026-11.",
    ] {
        assert!(query.contains(part), "{part} missing from {query}");
    }
    // Without an SLA nothing changes (golden links stay valid).
    assert!(!encode(&Scenario::default()).contains("sla_"));
}

/// A realistic month: 6 channels × 4 personas, weekdays with 0 to 40 leads per segment,
/// quiet weekends.
fn busy_month() -> Sla {
    let mut sla = Sla::example(&Scenario::default(), november(), 30);
    sla.channels = [
        "Organic", "Inbound", "E-mail", "Paid ads", "Outbound", "Partners",
    ]
    .map(String::from)
    .to_vec();
    sla.personas = ["Startup", "SMB", "Mid-market", "Enterprise"]
        .iter()
        .zip([5_000.0, 9_000.0, 20_000.0, 60_000.0])
        .map(|(name, sale)| Persona {
            name: (*name).to_owned(),
            average_sale: Some(sale),
        })
        .collect();
    sla.close_rates = vec![vec![Some(2.5), Some(3.0), Some(1.5), Some(0.8)]; 6];
    sla.plan = vec![vec![Some(120.0), Some(80.0), Some(30.0), Some(10.0)]; 6];
    let mut month = MonthActuals::empty(november(), 24);
    for (d, day) in month.days.iter_mut().enumerate() {
        // 2026-11-01 is a Sunday: days 1, 7, 8, 14, 15, … are the weekend.
        let weekday = (d + 6) % 7; // 0 = Monday
        if weekday >= 5 {
            continue;
        }
        for (cell, n) in day.iter_mut().enumerate() {
            *n = ((d * 13 + cell * 7) % 41) as u32;
        }
    }
    sla.actuals = vec![month];
    sla
}

#[test]
fn a_month_for_6_channels_by_4_personas_fits_in_2000_characters() {
    let scenario = with_sla(busy_month());
    let query = round_trip(&scenario);
    let url = format!("https://example.com/tools/funnelsim/?{query}");
    println!("6 × 4 with a month of actuals: {} characters", url.len());
    assert!(url.len() < 2_000, "{} characters: {url}", url.len());
}

#[test]
fn twenty_channels_by_ten_personas_with_twelve_months_round_trip() {
    let scenario = with_sla(Sla::synthetic(20, 10, 12, november(), 15));
    let query = round_trip(&scenario);
    println!("20 × 10 × 12: {} characters", query.len());
}

#[test]
fn malformed_sla_values_are_refused_with_a_message() {
    let base = encode(&with_sla(busy_month()));
    let act = base
        .split('&')
        .find(|p| p.starts_with("sla_act="))
        .unwrap()
        .to_owned();
    for (from, to) in [
        ("sla_rates=entered", "sla_rates=guess".to_owned()),
        ("sla_month=2026-11", "sla_month=2026-13".to_owned()),
        ("sla_day=30", "sla_day=31".to_owned()),
        ("sla_target=", "sla_target=x".to_owned()),
        (act.as_str(), format!("{act}A")), // one token too many
        (act.as_str(), format!("{act}h")), // ends inside a number
        (act.as_str(), act.replace('.', ".*")), // not base64url
        (act.as_str(), "sla_act=2026-11".into()), // no payload separator
        (act.as_str(), "sla_act=2026-11.A__________f".into()), // a run of 2^60 - 1 zeros
        (act.as_str(), "sla_act=2026-11.A___________f".into()), // a number over 60 bits
        ("sla_cr=2.5,3,1.5,0.8", "sla_cr=2.5,3".to_owned()), // a short row
        ("sla_cr=2.5,3,1.5,0.8", "sla_cr=2.5,3,1.5,180".to_owned()),
        ("sla_ch=Organic", "sla_ch=inbound".to_owned()), // the same name twice
    ] {
        let query = base.replacen(from, &to, 1);
        assert_ne!(query, base, "{from} not found");
        match decode(&query) {
            Err(UrlError::BadValue { problem, .. }) => assert!(!problem.is_empty()),
            other => panic!("{from} -> {to}: expected a refusal, got {other:?}"),
        }
        assert!(decode(&query)
            .unwrap_err()
            .to_string()
            .contains("could not be read"));
    }
    // A link with SLA keys but no month is refused too.
    let no_month = base.replace("sla_month=2026-11&", "");
    assert!(decode(&no_month).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any leads round-trip through the compact encoding.
    #[test]
    fn any_month_of_leads_round_trips(
        counts in prop::collection::vec(prop_oneof![Just(0u32), 0u32..50, 0u32..1_000_000], 30 * 6),
        channels in 1usize..4,
    ) {
        let mut sla = Sla::example(&Scenario::default(), november(), 10);
        sla.channels.truncate(channels);
        sla.close_rates.truncate(channels);
        sla.plan.truncate(channels);
        sla.personas.truncate(2);
        for row in sla.close_rates.iter_mut().chain(sla.plan.iter_mut()) {
            row.truncate(2);
        }
        let cells = channels * 2;
        let mut month = MonthActuals::empty(november(), cells);
        for (d, day) in month.days.iter_mut().enumerate() {
            day.copy_from_slice(&counts[d * cells..(d + 1) * cells]);
        }
        sla.actuals = vec![month];
        let scenario = with_sla(sla);
        prop_assert_eq!(decode(&encode(&scenario)).unwrap(), scenario);
    }

    /// Any set-up the checks accept (names of any characters, any numbers in range, any
    /// leads) comes back identical from its link.
    #[test]
    fn any_valid_sla_round_trips(sla in support::sla::valid_sla()) {
        prop_assert_eq!(sla.check(), Ok(()));
        let scenario = with_sla(sla);
        let query = encode(&scenario);
        prop_assert_eq!(decode(&query), Ok(scenario), "{}", query);
    }

    /// Whatever the sla_* values, reading never panics.
    #[test]
    fn arbitrary_sla_values_never_panic(
        key in prop::sample::select(vec!["sla_ch", "sla_pe", "sla_rates", "sla_cr", "sla_plan", "sla_target", "sla_follow_up", "sla_month", "sla_day", "sla_act"]),
        value in ".{0,80}",
    ) {
        let base = encode(&with_sla(busy_month()));
        let _ = decode(&format!("{base}&{key}={value}"));
        let _ = decode(&format!("v=1&{key}={value}"));
    }

    /// Any sequence of base64url characters as a month's leads: read or refused, never a
    /// panic, and what is read is a whole month.
    #[test]
    fn any_leads_payload_is_read_or_refused(payload in "[A-Za-z0-9_-]{0,400}") {
        let base = encode(&with_sla(busy_month()));
        let query = base
            .split('&')
            .map(|pair| if pair.starts_with("sla_act=") { format!("sla_act=2026-11.{payload}") } else { pair.to_owned() })
            .collect::<Vec<_>>()
            .join("&");
        if let Ok(scenario) = decode(&query) {
            let sla = scenario.sla.unwrap();
            prop_assert_eq!(sla.actuals[0].days.len(), 30);
        }
    }
}

/// A 66 KB link naming thousands of channels and personas with a month of leads used to
/// reserve days × channels × personas cells before the 20 × 10 limit was checked, and
/// aborted the page with "capacity overflow". It is now refused with the count.
#[test]
fn a_link_with_thousands_of_channels_is_refused_before_anything_is_allocated() {
    let mut query = String::from("v=1&sla_month=2026-11&sla_target=10");
    for i in 0..4_000 {
        query.push_str(&format!("&sla_ch=C{i}&sla_pe=P{i}:1"));
    }
    query.push_str("&sla_act=2026-11.A");
    assert!(query.len() > 60_000, "{}", query.len());
    let err = decode(&query).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("4000") || text.contains("4,000"), "{text}");
    assert!(text.contains("20"), "{text}");

    // The same link inside a comparison entry is refused the same way, naming the entry.
    let page = format!(
        "v=1&view=compare&s={}",
        funnelsim::model::funnel::link::encode_value(&query)
    );
    let err = funnelsim::model::persist::page::decode_page(&page).unwrap_err();
    assert!(
        matches!(&err, UrlError::BadValue { key, .. } if key == "s"),
        "{err:?}"
    );
}
