//! Browser tests (wasm-bindgen-test in headless Chromium) of the SLA tab: starting from the
//! example, the commitment matching the model, bad input next to its field with the last
//! good figures kept, a 0 % rate giving "unreachable" (never infinity), leads typed day by
//! day moving the pacing, adding a channel, a persona without a sale value, and removal.

use crate::support::*;
use funnelsim::model::sla::calculator::{analyse_sla, funnel_close_rate, Sla, YearMonth};
use funnelsim::model::Scenario;
use wasm_bindgen_test::*;

/// Mounts the app on the SLA tab and starts the example, tracking an empty month (January
/// 2030, as of day 10) so no figure depends on today's date.
async fn started() -> web_sys::Element {
    let root = mount_at("?v=1&view=sla").await;
    click(&root, "#sla-start").await;
    type_into(&root, "field-sla-month", "2030-01").await;
    type_into(&root, "field-sla-day", "10").await;
    root
}

/// The example as the test set it up, computed by the model.
fn expected_total() -> f64 {
    let month = YearMonth::new(2030, 1).unwrap();
    let mut sla = Sla::example(&Scenario::default(), month, 10);
    sla.actuals.clear();
    analyse_sla(&sla, funnel_close_rate(&Scenario::default()))
        .total_required
        .unwrap()
}

fn number(root: &web_sys::Element, kpi_name: &str) -> f64 {
    kpi(root, kpi_name).parse().unwrap()
}

#[wasm_bindgen_test]
async fn the_example_commits_the_leads_the_model_computes() {
    let root = started().await;
    assert_eq!(number(&root, "sla_total_required"), expected_total());
    assert!(number(&root, "sla_committed_revenue") >= 166_667.0);
    assert_eq!(number(&root, "sla_delivered"), 0.0);
    assert!(text(&root, "#sla-marketing-commitment").contains("2030-01"));
    assert!(text(&root, "#sla-sales-commitment").contains("within 24 hours"));
    assert_eq!(
        find_all(&root, "table[data-table=sla-rates] tbody tr").len(),
        5
    );
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn bad_input_shows_a_message_and_keeps_the_commitment() {
    let root = started().await;
    let before = kpi(&root, "sla_total_required");
    for bad in ["abc", "-2", "140"] {
        type_into(&root, "field-sla-rate-1-1", bad).await;
        assert!(
            exists(&root, "#field-sla-rate-1-1-error"),
            "no message for {bad}"
        );
        assert_eq!(kpi(&root, "sla_total_required"), before);
    }
    type_into(&root, "field-sla-target", "1e308").await;
    assert!(exists(&root, "#field-sla-target-error"));
    assert_eq!(kpi(&root, "sla_total_required"), before);
    type_into(&root, "field-sla-month", "2030-13").await;
    assert!(text(&root, "#field-sla-month-error").contains("YYYY-MM"));
    type_into(&root, "field-sla-rate-1-1", "4").await;
    assert!(!exists(&root, "#field-sla-rate-1-1-error"));
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn a_zero_rate_or_a_missing_sale_value_is_unreachable_not_infinite() {
    let root = started().await;
    type_into(&root, "field-sla-rate-0-0", "0").await;
    assert_eq!(text(&root, "[data-sla-required=\"0:0\"]"), "unreachable");
    assert!(number(&root, "sla_total_required").is_finite());
    type_into(&root, "field-sla-rate-0-0", "").await;
    assert!(text(&root, "#sla-problems").contains("Organic search × Small business is empty"));
    type_into(&root, "field-sla-sale-2", "").await;
    assert!(text(&root, "#sla-problems").contains("Large account has no average sale"));
    assert_eq!(text(&root, "[data-sla-required=\"4:2\"]"), "unreachable");
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn leads_typed_day_by_day_move_the_pacing() {
    let root = started().await;
    type_into(&root, "sla-entry-day", "3").await;
    type_into(&root, "field-sla-actual-3-0-0", "12").await;
    type_into(&root, "field-sla-actual-3-4-2", "3").await;
    assert_eq!(number(&root, "sla_delivered"), 15.0);
    // Day 12 is after the as-of day (10): entered, but not counted yet.
    type_into(&root, "sla-entry-day", "12").await;
    type_into(&root, "field-sla-actual-12-1-0", "40").await;
    assert_eq!(number(&root, "sla_delivered"), 15.0);
    type_into(&root, "field-sla-day", "12").await;
    assert_eq!(number(&root, "sla_delivered"), 55.0);
    // Needed per day = (committed − delivered) ÷ days left (31 − 12).
    let needed = number(&root, "sla_needed_per_day");
    assert!((needed - (expected_total() - 55.0) / 19.0).abs() < 1e-9);
    // Channels that delivered nothing are behind.
    assert!(exists(
        &root,
        "#sla-pace-channels tr[data-pace=\"2\"][data-behind]"
    ));
    type_into(&root, "field-sla-actual-12-1-0", "2.5").await;
    assert!(exists(&root, "#field-sla-actual-12-1-0-error"));
    assert_eq!(number(&root, "sla_delivered"), 55.0);
    click(&root, "#sla-clear-month").await;
    assert_eq!(number(&root, "sla_delivered"), 0.0);
}

#[wasm_bindgen_test]
async fn channels_and_personas_are_added_renamed_and_removed() {
    let root = started().await;
    click(&root, "#sla-add-channel").await;
    assert_eq!(
        find_all(&root, "table[data-table=sla-rates] tbody tr").len(),
        6
    );
    assert!(text(&root, "#sla-problems").contains("Channel 6 × Small business is empty"));
    type_into(&root, "field-sla-channel-5", "Partners").await;
    type_into(&root, "field-sla-rate-5-0", "3").await;
    type_into(&root, "field-sla-rate-5-1", "3").await;
    type_into(&root, "field-sla-rate-5-2", "3").await;
    assert!(!exists(&root, "#sla-problems"));
    type_into(&root, "field-sla-channel-5", "e-mail").await;
    assert!(text(&root, "#field-sla-channel-5-error").contains("already in the list"));
    click(&root, "#sla-remove-channel-5").await;
    assert_eq!(
        find_all(&root, "table[data-table=sla-rates] tbody tr").len(),
        5
    );
    assert_eq!(number(&root, "sla_total_required"), expected_total());
    click(&root, "#sla-add-persona").await;
    assert!(text(&root, "#sla-problems").contains("Persona 4 has no average sale"));
    click(&root, "#sla-remove-persona-3").await;
    assert!(!exists(&root, "#sla-problems"));
    // The embed snippet leaves the SLA out (the compact calculator does not show it).
    click(&root, "#embed-open").await;
    let snippet: web_sys::HtmlTextAreaElement =
        wasm_bindgen::JsCast::dyn_into(find(&root, "#embed-snippet")).unwrap();
    assert!(!snippet.value().contains("sla_"), "{}", snippet.value());
    click(&root, "#embed-close").await;
    // Removing asks for a second click.
    click(&root, "#sla-remove").await;
    assert!(exists(&root, "#field-sla-rate-0-0"));
    click(&root, "#sla-remove").await;
    assert!(exists(&root, "#sla-start"));
}
