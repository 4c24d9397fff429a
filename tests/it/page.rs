//! The page address: view, name, comparison set and embed flag round-trip with the scenario,
//! and unreadable parts are reported.
use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::persist::page::{
    decode_named, decode_page, encode_named, encode_page, Page, View,
};
use funnelsim::model::persist::scenario_link::decode;
use funnelsim::model::{NamedScenario, Scenario};

fn variant(name: &str, visitors: f64) -> NamedScenario {
    let mut scenario = Scenario::default();
    scenario.stages[0].value = visitors;
    NamedScenario {
        name: name.to_owned(),
        scenario,
    }
}

#[test]
fn a_plain_scenario_link_is_the_model_view() {
    let plain = encode_page(&Page::default());
    let page = decode_page(&plain).unwrap();
    assert_eq!(page, Page::default());
    assert_eq!(page.view, View::Model);
    let query = encode_page(&page);
    assert!(!query.contains("view="), "{query}");
    assert!(!query.contains("embed"), "{query}");
    assert_eq!(decode(&query).unwrap(), Scenario::default());
}

/// A first visit (an address naming no scenario) opens the example with its five channels,
/// whose funnel is the baseline's; any link with a scenario key, and the embed, do not.
#[test]
fn a_first_visit_opens_the_example_with_channels() {
    for query in ["", "?", "?lang=fr", "?view=sla", "?utm_source=blog"] {
        let page = decode_page(query).unwrap();
        assert_eq!(page.scenario, Scenario::example(), "{query}");
    }
    let example = funnelsim::model::analyse(&Scenario::example());
    let baseline = funnelsim::model::analyse(&Scenario::default());
    for (a, b) in example.funnel.stages.iter().zip(&baseline.funnel.stages) {
        let (a, b) = (a.count.unwrap(), b.count.unwrap());
        assert!((a - b).abs() <= 1e-9 * b, "{a} vs {b}");
    }
    assert_eq!(example.funnel.spend, 300_000.0);
    assert_eq!(example.channels.as_ref().unwrap().now.channels.len(), 5);
    for query in [
        "?embed=1",
        "?v=1",
        "?stage=Leads:10&stage=Customers:5",
        "?spend=1",
    ] {
        let page = decode_page(query).unwrap();
        assert_eq!(page.scenario.channels, None, "{query}");
    }
    // The example's link reopens the example.
    let link = encode_page(&Page {
        scenario: Scenario::example(),
        ..Page::default()
    });
    assert_eq!(decode_page(&link).unwrap().scenario, Scenario::example());
}

#[test]
fn the_whole_page_round_trips() {
    let page = Page {
        scenario: variant("x", 50_000.0).scenario,
        name: "Plan 2027 & co = ok?".into(),
        view: View::Compare,
        comparison: vec![
            variant("Baseline", 120_000.0),
            variant("Double ads: 240k", 240_000.0),
            variant("Leads & MQL +", 150_000.0),
        ],
        embed: true,
        lang: Some(funnelsim::model::i18n::Lang::Fr),
    };
    let query = encode_page(&page);
    assert!(query.contains("view=compare"), "{query}");
    assert!(query.contains("embed=1"), "{query}");
    assert!(query.ends_with("&lang=fr"), "{query}");
    assert_eq!(query.matches("&s=").count(), 3);
    assert_eq!(decode_page(&query).unwrap(), page);
    assert_eq!(decode_page(&format!("?{query}")).unwrap(), page);
}

#[test]
fn the_language_is_kept_once_chosen_and_an_unknown_one_is_ignored() {
    use funnelsim::model::i18n::Lang;
    assert_eq!(decode_page("v=1&lang=fr").unwrap().lang, Some(Lang::Fr));
    assert_eq!(decode_page("v=1&lang=de").unwrap().lang, None);
    assert_eq!(decode_page("v=1").unwrap().lang, None);
    assert!(!encode_page(&Page::default()).contains("lang"));
}

#[test]
fn named_scenarios_round_trip_and_old_links_have_no_name() {
    let named = variant("Q3: webinars", 10_000.0);
    assert_eq!(decode_named(&encode_named(&named)).unwrap(), named);
    let old = decode_named("v=1&basket=1").unwrap();
    assert_eq!(old.name, "");
}

#[test]
fn every_view_key_is_read_back() {
    for view in View::ALL {
        let page = Page {
            view,
            ..Page::default()
        };
        assert_eq!(decode_page(&encode_page(&page)).unwrap().view, view);
    }
    assert!(matches!(
        decode_page("v=1&view=dashboard"),
        Err(UrlError::BadValue { key, .. }) if key == "view"
    ));
}

#[test]
fn a_broken_comparison_entry_is_reported() {
    let err = decode_page("v=1&view=compare&s=v%3D1%26basket%3D-3").unwrap_err();
    assert!(
        matches!(&err, UrlError::BadValue { key, .. } if key == "s"),
        "{err:?}"
    );
    let too_many: String = (0..6)
        .map(|i| {
            format!(
                "&s={}",
                funnelsim::model::funnel::link::encode_value(&format!("name=S{i}&v=1"))
            )
        })
        .collect();
    assert!(decode_page(&format!("v=1{too_many}")).is_err());
}

/// `s=garbage` or an empty `s=` used to open as a comparison with a default scenario in it,
/// without a word. Each is refused with the number of the entry.
#[test]
fn a_comparison_entry_that_is_not_a_scenario_is_named() {
    for (query, n) in [
        ("v=1&view=compare&s=garbage", "1"),
        ("v=1&view=compare&s=", "1"),
        ("v=1&view=compare&s=v%3D1&s=%25%25", "2"),
    ] {
        let err = decode_page(query).unwrap_err();
        assert!(
            matches!(&err, UrlError::BadValue { key, .. } if key == "s"),
            "{query}: {err:?}"
        );
        let text = err.to_string();
        assert!(
            text.contains(&format!("scenario {n} is not a funnelsim scenario")),
            "{text}"
        );
    }
    // A real entry still opens.
    assert_eq!(
        decode_page("v=1&view=compare&s=v%3D1")
            .unwrap()
            .comparison
            .len(),
        1
    );
}

mod compact_page {
    use funnelsim::model::persist::page::{
        app_address_from_embed, decode_compact_page, decode_page, embed_address,
        encode_compact_page,
    };
    use funnelsim::model::persist::scenario_link::encode;
    use funnelsim::model::Scenario;

    #[test]
    fn the_embed_build_sits_in_embed_beside_the_full_app() {
        let app = "https://example.com/tools/funnelsim/";
        assert_eq!(
            embed_address(app),
            "https://example.com/tools/funnelsim/embed/"
        );
        assert_eq!(
            embed_address("https://example.com/tools/funnelsim/index.html"),
            "https://example.com/tools/funnelsim/embed/"
        );
        assert_eq!(app_address_from_embed(&embed_address(app)), app);
        assert_eq!(
            app_address_from_embed("https://example.com/tools/funnelsim/embed/index.html"),
            app
        );
        // Served some other way, the full app is beside it.
        assert_eq!(
            app_address_from_embed("https://example.com/calc/"),
            "https://example.com/calc/"
        );
    }

    #[test]
    fn the_compact_calculator_keeps_every_feature_it_does_not_read() {
        // The example has channels, a team and definitions; add a projection and a Monte Carlo.
        let mut drafts = funnelsim::model::forecast::edit::ForecastDrafts::default();
        let mut scenario = Scenario::example();
        drafts.apply(
            &mut scenario,
            funnelsim::model::forecast::edit::ForecastEdit::StartProjection,
        );
        drafts.apply(
            &mut scenario,
            funnelsim::model::forecast::edit::ForecastEdit::StartUncertainty,
        );
        scenario
            .glossary
            .set(
                funnelsim::model::glossary::Term::Mql,
                "A lead scored 50 or more",
            )
            .unwrap();
        let query = format!("name=Q3%20plan&{}&lang=fr", encode(&scenario));
        let compact = decode_compact_page(&query).unwrap();
        // What it reads: the funnel and its channels, the name and the language.
        assert_eq!(compact.named.name, "Q3 plan");
        assert_eq!(compact.named.scenario.channels, scenario.channels);
        assert_eq!(compact.named.scenario.stages, scenario.stages);
        assert!(
            compact.named.scenario.projection.is_none() && compact.named.scenario.team.is_none()
        );
        assert!(!compact.unread.0.is_empty());
        // Written back, the full app reads the very same scenario.
        let full = decode_page(&encode_compact_page(&compact)).unwrap();
        assert_eq!(full.scenario, scenario);
        assert_eq!(full.name, "Q3 plan");
        assert_eq!(full.lang, Some(funnelsim::model::i18n::Lang::Fr));
    }

    #[test]
    fn an_address_without_a_scenario_is_the_funnel_s_own_default() {
        let compact = decode_compact_page("?lang=en").unwrap();
        assert_eq!(compact.named.scenario, Scenario::default());
        assert!(decode_compact_page("v=1&stage=Only:5").is_err());
    }
}
