//! The URL codec: golden URLs that must keep decoding, readable output, and clear errors
//! for malformed and future-version links.
use std::fs;

use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::{Scenario, Stage};

const GOLDEN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

#[test]
fn default_scenario_encodes_to_the_documented_url() {
    let expected = fs::read_to_string(format!("{GOLDEN_DIR}/default_url.txt")).unwrap();
    assert_eq!(encode(&Scenario::default()), expected.trim());
}

/// Every `*.url` golden file decodes to the scenario in the `*.json` beside it. These
/// links were shared by users: they must keep decoding forever.
#[test]
fn golden_urls_keep_decoding() {
    let mut checked = 0;
    for entry in fs::read_dir(GOLDEN_DIR).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("url") {
            continue;
        }
        let url = fs::read_to_string(&path).unwrap();
        let json = fs::read_to_string(path.with_extension("json")).unwrap();
        let expected: Scenario = serde_json::from_str(&json).unwrap();
        let decoded = decode(url.trim()).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert_eq!(decoded, expected, "{path:?}");
        // And re-encoding reproduces the same scenario.
        assert_eq!(decode(&encode(&decoded)).unwrap(), decoded);
        checked += 1;
    }
    assert!(checked >= 3, "expected golden URLs, found {checked}");
}

#[test]
fn names_with_separators_round_trip_and_stay_readable() {
    let mut s = Scenario::default();
    s.stages[1].name = "Leads: inbound & paid = 50%+".into();
    s.stages[2].name = "Démo réalisée".into();
    let encoded = encode(&s);
    assert!(encoded.contains("stage=Visitors:120000&"), "{encoded}");
    assert!(!encoded.contains(" "));
    assert_eq!(decode(&encoded).unwrap(), s);
    assert_eq!(decode(&format!("?{encoded}")).unwrap(), s);
}

#[test]
fn empty_query_is_the_default_and_partial_queries_keep_defaults() {
    assert_eq!(decode("").unwrap(), Scenario::default());
    assert_eq!(decode("?").unwrap(), Scenario::default());
    let s = decode("v=1&basket=20000&utm_source=newsletter").unwrap();
    assert_eq!(s.basket, 20_000.0);
    assert_eq!(s.stages, Scenario::default().stages);
}

#[test]
fn future_and_unknown_versions_are_refused() {
    let err = decode("v=2&basket=1").unwrap_err();
    assert_eq!(err, UrlError::UnsupportedVersion("2".into()));
    assert!(err.to_string().contains("newer"));
    assert!(matches!(
        decode("v=abc"),
        Err(UrlError::UnsupportedVersion(_))
    ));
}

#[test]
fn malformed_values_are_reported_with_their_key() {
    let cases = [
        ("v=1&basket=zz", "basket"),
        ("v=1&basket=-5", "basket"),
        ("v=1&basket=1e308", "basket"),
        ("v=1&basket=NaN", "basket"),
        ("v=1&basket=inf", "basket"),
        ("v=1&margin=150", "margin"),
        ("v=1&period=decade", "period"),
        ("v=1&ltv_mode=guess", "ltv_mode"),
        ("v=1&stage=Visitors:abc&stage=Leads:2", "stage"),
        ("v=1&stage=Visitors&stage=Leads:2", "stage"),
        ("v=1&stage=:100&stage=Leads:2", "stage"),
        ("v=1&stage=Visitors:100&stage=Leads:101", "stage"),
    ];
    for (query, key) in cases {
        match decode(query) {
            Err(UrlError::BadValue { key: k, .. }) => assert_eq!(k, key, "{query}"),
            other => panic!("{query}: expected a bad {key}, got {other:?}"),
        }
    }
}

#[test]
fn stage_count_limits_are_enforced() {
    assert_eq!(decode("v=1&stage=Only:100"), Err(UrlError::StageCount(1)));
    let many: String = (0..13).map(|i| format!("&stage=S{i}:50")).collect();
    assert!(matches!(
        decode(&format!("v=1{many}")),
        Err(UrlError::StageCount(_))
    ));
}

#[test]
fn garbage_never_panics() {
    for query in [
        "%",
        "%%%",
        "&&&",
        "=",
        "stage=%FF%FE:1",
        "v=1&stage=a:1&stage=b:%ZZ",
        "\u{0}",
    ] {
        let _ = decode(query);
    }
}

#[test]
fn exact_numbers_survive() {
    let s = Scenario {
        stages: vec![Stage::new("Top", 0.1 + 0.2), Stage::new("End", 100.0 / 3.0)],
        basket: 1e12,
        spend: 5e-324,
        ..Scenario::default()
    };
    assert_eq!(decode(&encode(&s)).unwrap(), s);
}
