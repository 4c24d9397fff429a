//! Golden results: the full analysis of each golden scenario is compared with the JSON
//! recorded beside it, so any change to a figure is seen in review.
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test --test golden_results`.
use std::fs;

use funnelsim::model::{analyse, Scenario};

const GOLDEN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

#[test]
fn analyses_match_their_golden_files() {
    let mut checked = 0;
    for entry in fs::read_dir(GOLDEN_DIR).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".analysis.json") {
            continue;
        }
        let scenario: Scenario = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let actual = serde_json::to_string_pretty(&analyse(&scenario)).unwrap() + "\n";
        let golden = path.with_extension("analysis.json");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::write(&golden, &actual).unwrap();
        }
        let expected = fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("{golden:?} missing: run with UPDATE_GOLDEN=1"));
        assert_eq!(actual, expected, "{name} changed");
        checked += 1;
    }
    assert!(checked >= 3);
}
