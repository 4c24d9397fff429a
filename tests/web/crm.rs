//! Browser tests (wasm-bindgen-test in headless Chromium) of the CRM import view: a CSV file
//! picked is read in the browser into KPIs, bad rows are listed, a file that is not an export
//! is refused, and "use as baseline" opens a scenario from the actuals.

use crate::support::*;
use wasm_bindgen_test::*;

const EXPORT: &str = "Create Date,Lifecycle Stage,Lead Status,Original Source,Deal owner,First Contact Date,Amount,Deal Stage
2026-01-06 10:00,marketingqualifiedlead,New,Organic search,Alice,2026-01-06 10:20,,
2026-01-10 08:00,salesqualifiedlead,,Paid ads,Bob,2026-01-10 08:10,,
2026-02-03 09:00,customer,,Outbound,Bob,2026-02-03 09:05,20000,Closed won
2026-02-04 09:00,opportunity,,E-mail,Alice,,5000,Proposal
not a date,lead,,E-mail,,,,
";

fn total(root: &web_sys::Element, kpi: &str) -> f64 {
    value_of(
        root,
        &format!("#crm-by-channel tr[data-crm-row=\"total\"] [data-kpi-crm=\"{kpi}\"]"),
    )
}

#[wasm_bindgen_test]
async fn an_export_is_read_into_kpis_and_becomes_a_baseline() {
    let root = mount_at("?v=1&view=crm").await;
    pick_file(&root, "crm-file", "export.csv", EXPORT);
    wait_until("the import summary", || exists(&root, "#crm-summary")).await;
    assert!(text(&root, "#crm-summary").starts_with("4 rows read over 2 months; 1 skipped"));
    assert!(text(&root, "#crm-problems").contains("line 6: “not a date” is not a date"));
    // Sent (≥ MQL) 4, all followed up but row 4; accepted: rows 2–4; opportunities 2, won 1.
    assert_eq!(total(&root, "sal"), 0.75);
    assert_eq!(total(&root, "follow_up"), 0.75);
    assert_eq!(total(&root, "win_rate"), 0.5);
    assert_eq!(total(&root, "response_median"), 10.0);
    assert_no_nan(&root);
    click(&root, "#crm-baseline").await;
    assert!(exists(&root, "#tab-model[aria-selected=\"true\"]"));
    assert_eq!(kpi(&root, "stage_count_0"), "2"); // 4 leads over 2 months
}

#[wasm_bindgen_test]
async fn a_file_that_is_not_an_export_is_refused() {
    let root = mount_at("?v=1&view=crm").await;
    pick_file(
        &root,
        "crm-file",
        "export.csv",
        "Name,Email\nAnn,ann@example.com\n",
    );
    wait_until("the refusal", || exists(&root, "#crm-error")).await;
    assert!(text(&root, "#crm-error").contains("Created date, Lifecycle stage"));
    pick_file(&root, "crm-file", "export.csv", "");
    wait_until("the empty-file message", || {
        text(&root, "#crm-error").contains("empty")
    })
    .await;
}

/// The export of `tests/it/crm_timing.rs`, whose stage times are computed by hand there.
const STAGE_TIMES: &str = include_str!("../golden/crm-stage-times.csv");

fn value_of(root: &web_sys::Element, selector: &str) -> f64 {
    find(root, selector)
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap()
}

#[wasm_bindgen_test]
async fn stage_times_stalled_deals_and_the_measured_cycle_for_the_projection() {
    let root = mount_at("?v=1&view=crm").await;
    pick_file(&root, "crm-file", "stages.csv", STAGE_TIMES);
    wait_until("the stage times", || exists(&root, "#crm-stage-times")).await;
    // Opportunity → won: 20 and 30 days; the cycle 27, 40, 40.
    let step = |key: &str, column: usize| {
        value_of(
            &root,
            &format!("#crm-stage-times tr[data-step=\"{key}\"] td:nth-of-type({column})"),
        )
    };
    assert_eq!(step("lead", 2), 2.0);
    assert_eq!(step("sql", 3), 10.0);
    assert_eq!(step("opportunity", 2), 20.0);
    assert_eq!(step("opportunity", 6), 2.0, "two open deals stalled");
    assert_eq!(step("cycle", 2), 40.0);
    assert_eq!(
        find(&root, "#crm-stalled")
            .get_attribute("data-count")
            .as_deref(),
        Some("2")
    );
    let lines: Vec<String> = find_all(&root, "#crm-stalled tbody tr")
        .iter()
        .map(|row| row.get_attribute("data-line").unwrap())
        .collect();
    assert_eq!(lines, ["9", "5"], "longest open first");
    assert_eq!(
        value_of(
            &root,
            "#crm-owner-pipeline tr[data-owner=\"Bob\"] [data-kpi-owner=\"open_pipeline\"]"
        ),
        20_000.0
    );
    assert_eq!(value_of(&root, "#crm-velocity"), 600.0);
    assert_no_nan(&root);
    // The default scenario's projection would start with 60 days; one click makes it 40.
    assert_eq!(value_of(&root, "#crm-cycle-in-use"), 60.0);
    click(&root, "#crm-use-cycle").await;
    wait_until("the projection's new cycle", || {
        value_of(&root, "#crm-cycle-in-use") == 40.0
    })
    .await;
    assert!(
        find(&root, "#crm-use-cycle").has_attribute("disabled"),
        "the cycle in use is the measured one"
    );
}
