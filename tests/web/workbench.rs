//! Browser tests (wasm-bindgen-test in headless Chromium) of the what-if workbench: the
//! saved-scenario library across a storage upgrade, unreadable storage and a full quota;
//! save / rename / duplicate / delete; a comparison opened from its address; sensitivity and
//! what moves the sales velocity; goal seek (reachable and not); JSON import; the embed mode
//! and its dialog.

use crate::support::*;
use funnelsim::model::persist::page::{encode_page, Page, View};
use funnelsim::model::persist::scenario_link;
use funnelsim::model::persist::storage::{QUARANTINE_PREFIX, STORAGE_KEY};
use funnelsim::model::{NamedScenario, Scenario};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlTextAreaElement;

/// Empties local storage (tests share one page and its storage).
fn clear_storage() {
    local_storage().clear().unwrap();
}

/// The local-storage keys holding text kept aside.
fn quarantined() -> Vec<String> {
    let storage = local_storage();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|key| key.starts_with(QUARANTINE_PREFIX))
        .collect()
}

fn stored(key: &str) -> Option<String> {
    local_storage().get_item(key).unwrap()
}

/// The names in the saved-scenario list, in order.
fn saved_names(root: &web_sys::Element) -> Vec<String> {
    find_all(root, "#saved-list li[data-saved-id] input[type=text]")
        .into_iter()
        .map(|input| {
            input
                .dyn_into::<web_sys::HtmlInputElement>()
                .unwrap()
                .value()
        })
        .collect()
}

/// The address of `page` with the default scenario and `view`.
fn address(view: View, comparison: Vec<NamedScenario>, embed: bool) -> String {
    let page = Page {
        view,
        comparison,
        embed,
        ..Page::default()
    };
    format!("?{}", encode_page(&page))
}

fn named(name: &str, top: f64) -> NamedScenario {
    let mut scenario = Scenario::default();
    scenario.stages[0].value = top;
    NamedScenario {
        name: name.into(),
        scenario,
    }
}

#[wasm_bindgen_test]
async fn a_version_1_library_is_upgraded_and_the_old_text_kept_aside() {
    clear_storage();
    // Version 1 kept each scenario as its link's query; the last entry's link is broken.
    let query = |top: f64| scenario_link::encode(&named("", top).scenario);
    let old = format!(
        r#"{{"version":1,"scenarios":[{{"name":"Q1 plan","query":"{}"}},{{"name":"Double ads","query":"{}"}},{{"name":"Broken","query":"v=1&stage=Visitors:-4"}}]}}"#,
        query(50_000.0),
        query(240_000.0)
    );
    local_storage().set_item(STORAGE_KEY, &old).unwrap();

    let root = mount_at(&address(View::Scenarios, vec![], false)).await;
    assert_eq!(saved_names(&root), ["Q1 plan", "Double ads"]);
    assert!(text(&root, "#storage-migrated").contains("format 1"));
    // The unusable entry is reported, not silently dropped.
    let message = text(&root, "#storage-message");
    assert!(
        message.contains('1') && message.contains("kept aside"),
        "{message}"
    );
    // Upgraded in place, the version-1 text kept under a quarantine key.
    let upgraded = stored(STORAGE_KEY).unwrap();
    assert!(upgraded.contains(r#""version":2"#), "{upgraded}");
    let kept = quarantined();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(stored(&kept[0]), Some(old));

    // A reload reads version 2 directly: same list, no upgrade notice, no problem.
    let again = mount_at(&address(View::Scenarios, vec![], false)).await;
    assert_eq!(saved_names(&again), ["Q1 plan", "Double ads"]);
    assert!(!exists(&again, "#storage-migrated"));
    assert!(!exists(&again, "#storage-message"));
    assert_eq!(quarantined().len(), 1);
    // Opening one shows its numbers.
    click(&again, "#saved-list li:nth-child(2) [data-action=open]").await;
    click(&again, "#tab-model").await;
    assert_eq!(kpi(&again, "customers"), "180");
}

#[wasm_bindgen_test]
async fn unreadable_storage_is_reported_kept_aside_and_never_overwritten() {
    for garbage in [
        "{not json",
        r#"{"some":"other app"}"#,
        r#"{"format":"funnelsim.library","version":99}"#,
    ] {
        clear_storage();
        local_storage().set_item(STORAGE_KEY, garbage).unwrap();
        let root = mount_at(&address(View::Scenarios, vec![], false)).await;
        // The app says what happened and offers the text back.
        let message = text(&root, "#storage-message");
        assert!(message.contains("kept aside"), "{message}");
        assert!(exists(&root, "#download-unreadable"));
        let kept = quarantined();
        assert_eq!(kept.len(), 1, "{kept:?}");
        let kept = &kept[0];
        assert_eq!(stored(kept).as_deref(), Some(garbage));
        // A reload reports it again but keeps a single copy.
        let root = mount_at(&address(View::Scenarios, vec![], false)).await;
        assert!(exists(&root, "#storage-message"));
        assert_eq!(&quarantined(), std::slice::from_ref(kept));
        // Saving now writes a fresh library; the unreadable text stays under its own key.
        type_into(&root, "library-save-name", "Fresh start").await;
        click(&root, "#library-save").await;
        assert_eq!(saved_names(&root), ["Fresh start"]);
        assert_eq!(stored(kept).as_deref(), Some(garbage));
        // And the calculator works.
        click(&root, "#tab-model").await;
        assert_eq!(kpi(&root, "customers"), "90");
        assert_no_nan(&root);
    }
}

#[wasm_bindgen_test]
async fn a_full_storage_quota_is_shown_and_the_library_left_unchanged() {
    clear_storage();
    let root = mount_at(&address(View::Scenarios, vec![], false)).await;
    type_into(&root, "library-save-name", "Kept").await;
    click(&root, "#library-save").await;
    assert_eq!(saved_names(&root), ["Kept"]);
    let before = stored(STORAGE_KEY);

    // Every write now fails the way a full storage does.
    js_sys::eval(
        "window.__setItem = Storage.prototype.setItem; \
         Storage.prototype.setItem = function () { \
           throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
    )
    .unwrap();
    type_into(&root, "library-save-name", "Lost?").await;
    click(&root, "#library-save").await;
    click(&root, "#saved-list [data-action=duplicate]").await;
    js_sys::eval("Storage.prototype.setItem = window.__setItem;").unwrap();

    let notice = text(&root, "#notice");
    assert!(notice.to_lowercase().contains("full"), "{notice}");
    assert_eq!(saved_names(&root), ["Kept"]);
    assert_eq!(stored(STORAGE_KEY), before);
}

#[wasm_bindgen_test]
async fn saved_scenarios_are_saved_renamed_duplicated_and_deleted() {
    clear_storage();
    let root = mount_at(&address(View::Scenarios, vec![], false)).await;
    assert!(exists(&root, "#library-empty"));
    type_into(&root, "library-save-name", "Baseline").await;
    click(&root, "#library-save").await;
    click(&root, "#tab-model").await;
    type_into(&root, "field-top", "240000").await;
    click(&root, "#tab-scenarios").await;
    type_into(&root, "library-save-name", "Double ads").await;
    click(&root, "#library-save").await;
    assert_eq!(saved_names(&root), ["Baseline", "Double ads"]);
    // A second name equal to an existing one (any case) is refused.
    type_into(&root, "library-save-name", "baseline").await;
    click(&root, "#library-save").await;
    assert!(text(&root, "#notice").contains("already called"));
    assert_eq!(saved_names(&root), ["Baseline", "Double ads"]);

    let first = find(&root, "#saved-list li[data-saved-id]")
        .get_attribute("data-saved-id")
        .unwrap();
    change_input(&root, &format!("saved-name-{first}"), "Plan 2027").await;
    click(&root, "#saved-list li:nth-child(1) [data-action=duplicate]").await;
    assert_eq!(
        saved_names(&root),
        ["Plan 2027", "Copy of Plan 2027", "Double ads"]
    );
    // Delete, undo (back in its place), delete again.
    click(&root, "#saved-list li:nth-child(3) [data-action=delete]").await;
    assert_eq!(saved_names(&root), ["Plan 2027", "Copy of Plan 2027"]);
    click(&root, "#notice-undo").await;
    assert_eq!(
        saved_names(&root),
        ["Plan 2027", "Copy of Plan 2027", "Double ads"]
    );
    assert!(stored(STORAGE_KEY).unwrap().contains("Double ads"));
    assert!(!exists(&root, "#notice-undo"));
    click(&root, "#saved-list li:nth-child(3) [data-action=delete]").await;
    assert_eq!(saved_names(&root), ["Plan 2027", "Copy of Plan 2027"]);

    // Persisted: a new app on a fresh load lists the same.
    let reloaded = mount_at(&address(View::Scenarios, vec![], false)).await;
    assert_eq!(saved_names(&reloaded), ["Plan 2027", "Copy of Plan 2027"]);
    let raw = stored(STORAGE_KEY).unwrap();
    assert!(
        raw.contains("Copy of Plan 2027") && !raw.contains("Double ads"),
        "{raw}"
    );
}

#[wasm_bindgen_test]
async fn a_comparison_address_shows_the_table_deltas_and_chart() {
    clear_storage();
    let set = vec![named("Today", 120_000.0), named("Double ads", 240_000.0)];
    let root = mount_at(&address(View::Compare, set, false)).await;
    assert_eq!(
        find_all(&root, "#compare-set li[data-compare-index]").len(),
        2
    );
    assert_eq!(text(&root, "td[data-compare=\"result.customers:0\"]"), "90");
    assert_eq!(
        text(&root, "td[data-compare=\"result.customers:1\"]"),
        "180"
    );
    let delta = text(&root, "td[data-delta=\"result.customers:1\"]");
    assert!(delta.contains("+90") && delta.contains("+100 %"), "{delta}");
    assert!(draws(&root, "comparison") >= 1);
    assert!(inked_pixels(&canvas(&root, "comparison")) > 2_000);
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn sensitivity_ranks_the_levers_and_names_the_stage_to_fix_first() {
    let root = mount_at(&address(View::Sensitivity, vec![], false)).await;
    let swings = |root: &web_sys::Element| -> Vec<f64> {
        find_all(root, "tr[data-lever] td[data-sensitivity$=\":high\"]")
            .iter()
            .map(|td| td.get_attribute("data-value").unwrap().parse().unwrap())
            .collect()
    };
    let levers = find_all(&root, "tr[data-lever]");
    assert!(levers.len() >= 8, "{} levers", levers.len());
    assert!(!text(&root, "#fix-first").is_empty());
    assert!(find(&root, "#fix-first")
        .get_attribute("data-stage")
        .is_some());
    assert!(draws(&root, "tornado") >= 1);
    assert!(inked_pixels(&canvas(&root, "tornado")) > 2_000);
    let at_ten = swings(&root);
    type_into(&root, "field-sensitivity-step", "20").await;
    let at_twenty = swings(&root);
    assert_ne!(at_ten, at_twenty, "changing the step changed nothing");
    type_into(&root, "field-sensitivity-step", "-3").await;
    assert!(exists(&root, "#field-sensitivity-step-error"));
    assert_eq!(
        swings(&root),
        at_twenty,
        "a bad step must keep the last result"
    );
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn goal_seek_solves_reachable_targets_and_explains_unreachable_ones() {
    let root = mount_at(&address(View::GoalSeek, vec![], false)).await;
    choose(&root, "field-goal-metric", "customers").await;
    choose(&root, "field-goal-lever", "top").await;
    type_into(&root, "field-goal-target", "180").await;
    let result = find(&root, "#goal-result");
    assert_eq!(
        result.get_attribute("data-value").as_deref(),
        Some("240000")
    );
    assert_eq!(
        result.get_attribute("data-achieved").as_deref(),
        Some("180")
    );
    // Every lever on its own: five ways to double customers, each +100 %; the 60 % rate
    // cannot double. Choosing one solves for it.
    let reachable = find_all(&root, "tr[data-goal-lever] button").len();
    assert_eq!(reachable, 5);
    let sixty = text(&root, "tr[data-goal-lever=\"stage-rate-4\"]");
    assert!(sixty.contains("out of reach: at most 150"), "{sixty}");
    click(&root, "tr[data-goal-lever=\"stage-rate-1\"] button").await;
    assert_eq!(
        find(&root, "#goal-result")
            .get_attribute("data-value")
            .as_deref(),
        Some("5")
    );
    choose(&root, "field-goal-lever", "top").await;
    click(&root, "#goal-apply").await;
    click(&root, "#tab-model").await;
    assert_eq!(kpi(&root, "customers"), "180");

    // Ten times the customers from the last stage's rate alone would need 250 %.
    click(&root, "#tab-goal").await;
    choose(&root, "field-goal-lever", "stage-rate-5").await;
    type_into(&root, "field-goal-target", "1800").await;
    let message = text(&root, "#goal-unreachable");
    assert!(message.contains("100 %"), "{message}");
    assert!(!exists(&root, "#goal-apply"));
    // Text that is not a number: a message at the field, the last answer stays.
    type_into(&root, "field-goal-target", "abc").await;
    assert!(exists(&root, "#field-goal-target-error"));
    assert!(text(&root, "#goal-unreachable").contains("100 %"));
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn a_json_file_imports_a_scenario_and_a_broken_one_is_refused() {
    clear_storage();
    let root = mount_at(&address(View::Scenarios, vec![], false)).await;
    let good =
        funnelsim::model::persist::export::scenario_json(&named("From a file", 60_000.0)).unwrap();
    pick_file(&root, "library-import-file", "scenario.json", &good);
    wait_until("the import notice", || {
        notice(&root).contains("From a file")
    })
    .await;
    click(&root, "#tab-model").await;
    assert_eq!(kpi(&root, "customers"), "45");

    click(&root, "#tab-scenarios").await;
    pick_file(
        &root,
        "library-import-file",
        "scenario.json",
        "{\"format\":\"funnelsim.scenario\",",
    );
    wait_until("the failure notice", || {
        notice(&root).contains("Import failed")
    })
    .await;
    click(&root, "#tab-model").await;
    assert_eq!(
        kpi(&root, "customers"),
        "45",
        "a broken file must keep the scenario"
    );
}

/// The notice's text ("" when none is shown).
fn notice(root: &web_sys::Element) -> String {
    if exists(root, "#notice") {
        text(root, "#notice")
    } else {
        String::new()
    }
}

#[wasm_bindgen_test]
async fn the_embed_build_is_a_compact_calculator_and_the_dialog_gives_its_snippet() {
    let mut scenario = Scenario::default();
    scenario.stages[0].value = 240_000.0;
    let page = Page {
        scenario,
        ..Page::default()
    };
    // The embed build's app, at the address the snippet gives it.
    let root = mount_embed_at(&format!("?{}", encode_page(&page))).await;
    wait_until("the calculator", || exists(&root, ".embed")).await;
    assert!(!exists(&root, "[role=tablist]"));
    assert!(!exists(&root, "#tab-model"));
    assert_eq!(kpi(&root, "customers"), "180");
    let full = find(&root, "#open-full-app").get_attribute("href").unwrap();
    assert!(
        full.contains("stage=Visitors:240000") && !full.contains("embed=1"),
        "{full}"
    );
    type_into(&root, "field-top", "60000").await;
    assert_eq!(kpi(&root, "customers"), "45");

    let app = mount().await;
    type_into(&app, "field-top", "240000").await;
    click(&app, "#embed-open").await;
    assert!(exists(&app, "#embed-dialog"));
    let snippet: HtmlTextAreaElement = find(&app, "#embed-snippet").dyn_into().unwrap();
    let snippet = snippet.value();
    assert!(snippet.starts_with("<iframe"), "{snippet}");
    assert!(
        snippet.contains("/embed/?") && snippet.contains("Visitors:240000"),
        "{snippet}"
    );
    assert!(
        snippet.contains("src=\"http"),
        "the src must be absolute: {snippet}"
    );
    click(&app, "#embed-close").await;
    assert!(!exists(&app, "#embed-dialog"));
}

#[wasm_bindgen_test]
async fn sensitivity_shows_what_moves_the_sales_velocity_with_the_pipeline_s_number() {
    let root = mount_at(&address(View::Sensitivity, vec![], false)).await;
    let table = "table[data-table=velocity-sensitivity]";
    let terms = |root: &web_sys::Element| -> Vec<String> {
        find_all(root, &format!("{table} tr[data-term]"))
            .iter()
            .map(|tr| tr.get_attribute("data-term").unwrap())
            .collect()
    };
    let number = |root: &web_sys::Element, selector: &str, attribute: &str| -> f64 {
        find(root, selector)
            .get_attribute(attribute)
            .unwrap()
            .parse()
            .unwrap()
    };
    let velocity = |root: &web_sys::Element, cell: &str| {
        number(
            root,
            &format!("td[data-velocity-term=\"{cell}\"]"),
            "data-value",
        )
    };
    // ±10 %: the cycle first (54 days: × 1 ÷ 0.9), then the three tied terms in order.
    assert_eq!(
        terms(&root),
        [
            "cycle_days",
            "open_opportunities",
            "average_deal",
            "win_rate"
        ]
    );
    let base = 1_350_000.0 / 365.25;
    assert!((number(&root, table, "data-base") - base).abs() < 1e-6);
    assert!((velocity(&root, "cycle_days:low") - base / 0.9).abs() < 1e-6);
    assert!((velocity(&root, "win_rate:high") - base * 1.1).abs() < 1e-6);
    let cycle = text(&root, "tr[data-term=cycle_days]");
    assert!(cycle.contains("54") && cycle.contains("66"), "{cycle}");
    assert!(draws(&root, "velocity-tornado") >= 1);
    assert!(inked_pixels(&canvas(&root, "velocity-tornado")) > 2_000);

    // The view's step: ±10 points put the win rate first, from 15 % to 35 %.
    choose(&root, "field-sensitivity-mode", "points").await;
    assert_eq!(terms(&root)[0], "win_rate");
    let win = text(&root, "tr[data-term=win_rate]");
    assert!(win.contains("15 %") && win.contains("35 %"), "{win}");
    assert!((velocity(&root, "win_rate:high") - base * 1.4).abs() < 1e-6);
    assert_no_nan(&root);

    // One number: the Pipeline panel's velocity a day is the base.
    click(&root, "#tab-model").await;
    let panel = number(
        &root,
        "#velocity-table tr[data-velocity=all] td[data-value]",
        "data-value",
    );
    assert!((panel - base).abs() < 1e-6, "{panel}");
}

#[wasm_bindgen_test]
async fn a_funnel_without_an_opportunity_stage_explains_the_missing_velocity() {
    let scenario = Scenario {
        stages: vec![
            funnelsim::model::Stage::new("Leads", 1_000.0),
            funnelsim::model::Stage::new("Customers", 10.0),
        ],
        ..Scenario::default()
    };
    let page = Page {
        scenario,
        view: View::Sensitivity,
        ..Page::default()
    };
    let root = mount_at(&format!("?{}", encode_page(&page))).await;
    assert!(text(&root, "#velocity-sensitivity-none").contains("opportunity stage"));
    assert!(!exists(&root, "table[data-table=velocity-sensitivity]"));
    assert!(!exists(&root, "canvas[data-chart=velocity-tornado]"));
    // The levers' tornado is still there.
    assert!(exists(&root, "canvas[data-chart=tornado]"));
}
