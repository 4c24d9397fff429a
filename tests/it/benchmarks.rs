//! Benchmark bands: the preset data against its golden file, the matching rule, where a rate
//! falls, the stage furthest below its benchmark, the presets, the segment in a link and in a
//! file, in English and French.

use std::fs;

use funnelsim::model::funnel::benchmarks::{
    band_for, bands_of, furthest_below, largest_drop, largest_drop_text, marker_text, no_band_text,
    position, preset, shortfall, Band, LargestDrop, Position, Segment, NEAR,
};
use funnelsim::model::funnel::link::UrlError;
use funnelsim::model::funnel::validate::validate;
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::persist::export::{import_json, scenario_json, ImportError, Imported};
use funnelsim::model::persist::scenario_link::{decode, encode, names_a_scenario};
use funnelsim::model::{evaluate, Edit, Editor, NamedScenario, Scenario, Stage};
use proptest::prelude::*;

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/benchmarks/bands.json"
);

fn en<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::En, Currency::Eur, f)
}

fn fr<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::Fr, Currency::Eur, f)
}

fn saas(from: &str, to: &str) -> &'static Band {
    band_for(Segment::B2bSaas, from, to).unwrap()
}

#[test]
fn the_preset_data_matches_its_golden_file() {
    let data: Vec<(&str, &[Band])> = Segment::ALL.iter().map(|s| (s.key(), s.bands())).collect();
    let actual = serde_json::to_string_pretty(&data).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(GOLDEN, &actual).unwrap();
    }
    let expected = fs::read_to_string(GOLDEN).expect("run with UPDATE_GOLDEN=1");
    assert_eq!(
        actual, expected,
        "a benchmark figure changed: check README's sources"
    );
}

#[test]
fn every_band_is_ordered_and_a_percentage() {
    for segment in Segment::ALL {
        assert!(!segment.bands().is_empty(), "{segment:?}");
        for band in segment.bands() {
            assert!(band.centre > 0.0 && band.centre <= 100.0, "{band:?}");
            assert!(
                band.low.is_none_or(|low| low > 0.0 && low < band.centre),
                "{band:?}"
            );
            assert!(
                band.high.is_none_or(|h| h > band.centre && h <= 100.0),
                "{band:?}"
            );
        }
    }
}

#[test]
fn a_band_matches_the_step_between_the_presets_names_in_either_language() {
    let band = saas("MQL", "SQL");
    assert_eq!(
        (band.low, band.centre, band.high),
        (Some(25.0), 40.0, Some(50.0))
    );
    // Case and surrounding spaces aside, in English or French.
    assert_eq!(
        band_for(Segment::B2bSaas, " visitors ", "LEADS"),
        Some(saas("Visitors", "Leads"))
    );
    assert_eq!(
        band_for(Segment::B2bSaas, "Opportunités", "Clients"),
        Some(saas("Opportunities", "Customers"))
    );
    assert_eq!(
        band_for(Segment::Ecommerce, "Visiteurs", "paniers").map(|b| b.centre),
        Some(5.2)
    );
    // Another name, or a step the segment has no figure for, matches nothing.
    assert_eq!(band_for(Segment::B2bSaas, "Visitors", "Sign-ups"), None);
    assert_eq!(band_for(Segment::B2bSaas, "Visitors", "MQL"), None);
    assert_eq!(band_for(Segment::Manufacturing, "Visitors", "Leads"), None);
}

#[test]
fn renaming_inserting_and_removing_stages_follow_the_rule() {
    let mut editor = Editor::new(preset(Segment::B2bSaas));
    let matched = |editor: &Editor| -> Vec<bool> {
        bands_of(Segment::B2bSaas, &editor.scenario().stages)
            .iter()
            .map(Option::is_some)
            .collect()
    };
    assert_eq!(matched(&editor), [false, true, true, true, true, true]);
    // A stage inserted between SQL and opportunities: SQL → Demo and Demo → Opportunities
    // are not the published SQL → opportunity step.
    editor.apply(Edit::InsertStage(4));
    editor.apply(Edit::StageName(4, "Demo".into()));
    assert_eq!(
        matched(&editor),
        [false, true, true, true, false, false, true]
    );
    editor.apply(Edit::RemoveStage(4));
    assert_eq!(matched(&editor), [false, true, true, true, true, true]);
    // A renamed stage breaks the step into it and the one out of it.
    editor.apply(Edit::StageName(2, "Marketing leads".into()));
    assert_eq!(matched(&editor), [false, true, false, false, true, true]);
}

#[test]
fn where_a_rate_falls() {
    let band = saas("MQL", "SQL"); // 25 / 40 / 50
    assert_eq!(position(band, 24.9), Position::BelowLow);
    assert_eq!(position(band, 25.0), Position::BelowCentre);
    assert_eq!(position(band, 40.0 * (1.0 - NEAR)), Position::NearCentre);
    assert_eq!(position(band, 43.0), Position::NearCentre);
    assert_eq!(position(band, 45.0), Position::AboveCentre);
    assert_eq!(position(band, 50.0), Position::AboveCentre);
    assert_eq!(position(band, 50.1), Position::AboveHigh);
    // An average with a high but no low: never "below the low".
    let services = band_for(Segment::B2bServices, "Visitors", "Leads").unwrap();
    assert_eq!(position(services, 0.1), Position::BelowCentre);
    assert_eq!(position(services, 4.5), Position::AboveHigh);
    assert_eq!(shortfall(band, 30.0), 0.25);
    assert_eq!(shortfall(band, 45.0), 0.0);
}

#[test]
fn markers_say_where_a_rate_falls_in_english_and_french() {
    let leads_mql = saas("Leads", "MQL"); // 10 / 20 / 30
    let services = band_for(Segment::B2bServices, "Visitors", "Leads").unwrap();
    let carts = band_for(Segment::Ecommerce, "Paniers", "Commandes").unwrap();
    let n = '\u{202f}';
    let cases: [(Lang, Segment, &Band, f64, String); 7] = [
        (Lang::En, Segment::B2bSaas, leads_mql, 8.0, "Below the B2B SaaS low (10 %)".into()),
        (Lang::En, Segment::B2bSaas, leads_mql, 31.0, "Above the B2B SaaS high (30 %)".into()),
        (Lang::En, Segment::B2bSaas, leads_mql, 21.0, "Within the B2B SaaS band (10 % – 30 %), near the median (20 %)".into()),
        (Lang::En, Segment::B2bSaas, leads_mql, 12.0, "Within the B2B SaaS band (10 % – 30 %), below the median (20 %)".into()),
        (Lang::En, Segment::B2bServices, services, 1.0, "Under the B2B services high (4 %; no low published), below the average (2.2 %)".into()),
        (Lang::Fr, Segment::B2bSaas, leads_mql, 25.0, format!("Dans la fourchette SaaS B2B (10{n}% – 30{n}%), au-dessus de la médiane (20{n}%)")),
        (Lang::Fr, Segment::Ecommerce, carts, 26.0, format!("Dans la fourchette e-commerce (18,6{n}% – 43,9{n}%), proche de la moyenne (26,1{n}%)")),
    ];
    for (lang, segment, band, rate, expected) in cases {
        let text = with_locale(lang, Currency::Eur, || marker_text(segment, band, rate));
        assert_eq!(text, expected);
    }
    assert_eq!(
        fr(|| marker_text(Segment::B2bSaas, leads_mql, 8.0)),
        format!("Sous le bas de la fourchette SaaS B2B (10{n}%)")
    );
    assert_eq!(
        en(|| no_band_text(Segment::Manufacturing)),
        "No industry / manufacturing benchmark for this step"
    );
}

#[test]
fn the_largest_drop_names_the_stage_furthest_below_or_says_why_none() {
    let baseline = Scenario::default();
    let funnel = evaluate(&baseline);
    assert_eq!(largest_drop(None, &funnel.stages), LargestDrop::NoSegment);
    assert_eq!(
        largest_drop(Some(Segment::B2bSaas), &funnel.stages),
        LargestDrop::NoneBelow(Segment::B2bSaas)
    );
    // The baseline's step names are not the e-commerce preset's.
    assert_eq!(
        largest_drop(Some(Segment::Ecommerce), &funnel.stages),
        LargestDrop::NoStageMatched(Segment::Ecommerce)
    );
    let mut low = baseline.clone();
    low.stages[3].value = 20.0; // MQL → SQL: 50 % under its 40 % median
    let stages = evaluate(&low).stages;
    let drop = largest_drop(Some(Segment::B2bSaas), &stages);
    assert_eq!(drop.index(), Some(3));
    en(|| {
        assert_eq!(
            largest_drop_text(drop, &stages),
            "Furthest below its benchmark: MQL → SQL at 20 %, 50 % under the B2B SaaS median of 40 %. Fix this stage first."
        );
        assert_eq!(
            largest_drop_text(LargestDrop::NoSegment, &stages),
            "Stage to fix first: choose a benchmark segment."
        );
    });
    fr(|| {
        assert!(largest_drop_text(drop, &stages)
            .starts_with("Le plus loin sous son repère : MQL → SQL à 20\u{202f}%"));
        assert!(
            largest_drop_text(LargestDrop::NoStageMatched(Segment::Ecommerce), &stages)
                .contains("e-commerce")
        );
    });
}

#[test]
fn a_preset_starts_at_the_medians_with_its_names_in_the_language_in_use() {
    let saas = en(|| preset(Segment::B2bSaas));
    let rates: Vec<f64> = saas.stages.iter().skip(1).map(|s| s.value).collect();
    assert_eq!(rates, [2.0, 20.0, 40.0, 60.0, 20.0]);
    assert_eq!(saas.stages[0], Stage::new("Visitors", 120_000.0));
    assert_eq!(saas.segment, Some(Segment::B2bSaas));
    let shop = fr(|| preset(Segment::Ecommerce));
    let names: Vec<&str> = shop.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Visiteurs", "Paniers", "Commandes"]);
    assert_eq!((shop.stages[1].value, shop.stages[2].value), (5.2, 26.1));
    // Steps without a figure keep the baseline's rate (and say "no benchmark").
    let services = en(|| preset(Segment::B2bServices));
    let rates: Vec<f64> = services.stages.iter().skip(1).map(|s| s.value).collect();
    assert_eq!(rates, [2.2, 40.0, 50.0, 60.0, 25.0]);
    let factory = en(|| preset(Segment::Manufacturing));
    assert_eq!(factory.stages[3].value, 55.0);
    for segment in Segment::ALL {
        let scenario = preset(segment);
        assert!(validate(&scenario).is_empty(), "{segment:?}");
        let funnel = evaluate(&scenario);
        assert_eq!(
            largest_drop(Some(segment), &funnel.stages),
            LargestDrop::NoneBelow(segment)
        );
        assert_eq!(funnel.weakest_stage, None);
    }
}

#[test]
fn the_segment_travels_in_the_link_and_an_unknown_one_is_an_error() {
    let scenario = preset(Segment::Manufacturing);
    let query = encode(&scenario);
    assert!(query.contains("&segment=manufacturing"), "{query}");
    assert_eq!(decode(&query).unwrap(), scenario);
    assert!(!encode(&Scenario::default()).contains("segment"));
    assert!(names_a_scenario("segment=ecommerce"));
    assert_eq!(
        decode("segment=ecommerce").unwrap().segment,
        Some(Segment::Ecommerce)
    );
    let error = decode("segment=retail").unwrap_err();
    assert!(
        matches!(&error, UrlError::BadValue { key, value, .. } if key == "segment" && value == "retail"),
        "{error:?}"
    );
    en(|| {
        assert!(
            error.to_string().contains("segment=retail: unknown value"),
            "{error}"
        )
    });
}

#[test]
fn the_segment_is_kept_in_files_and_older_files_still_open() {
    let named = NamedScenario {
        name: "Shop".into(),
        scenario: preset(Segment::Ecommerce),
    };
    let json = scenario_json(&named).unwrap();
    assert!(json.contains("\"segment\": \"ecommerce\""), "{json}");
    assert_eq!(
        import_json(&json).unwrap(),
        Imported::Scenario(named.clone())
    );
    // A file written before segments existed opens with none.
    let older = json.replace(",\n    \"segment\": \"ecommerce\"", "");
    assert!(!older.contains("segment"), "{older}");
    let Imported::Scenario(opened) = import_json(&older).unwrap() else {
        panic!("not a scenario");
    };
    assert_eq!(opened.scenario.segment, None);
    // An unknown segment is refused, not dropped.
    let unknown = json.replace("\"ecommerce\"", "\"retail\"");
    assert!(matches!(
        import_json(&unknown),
        Err(ImportError::InvalidScenario { .. })
    ));
}

#[test]
fn the_editor_chooses_and_clears_the_segment() {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::Segment(Some(Segment::B2bServices)));
    assert_eq!(editor.scenario().segment, Some(Segment::B2bServices));
    editor.apply(Edit::Segment(None));
    assert_eq!(editor.scenario().segment, None);
}

fn any_band() -> impl Strategy<Value = (Segment, &'static Band)> {
    (0..Segment::ALL.len()).prop_flat_map(|s| {
        let segment = Segment::ALL[s];
        (Just(segment), 0..segment.bands().len())
            .prop_map(|(segment, b)| (segment, &segment.bands()[b]))
    })
}

proptest! {
    #[test]
    fn a_rate_below_the_low_is_below_and_above_the_high_is_above(
        (segment, band) in any_band(),
        under in 0.0001f64..1.0,
        over in 0.0001f64..1.0,
    ) {
        if let Some(low) = band.low {
            let rate = low * (1.0 - under);
            prop_assert_eq!(position(band, rate), Position::BelowLow);
            prop_assert!(shortfall(band, rate) > 0.0);
            let text = en(|| marker_text(segment, band, rate));
            prop_assert!(text.starts_with("Below the"), "{}", text);
        }
        if let Some(high) = band.high {
            let rate = high + (100.0 - high) * over;
            prop_assert_eq!(position(band, rate), Position::AboveHigh);
            prop_assert_eq!(shortfall(band, rate), 0.0);
        }
    }

    #[test]
    fn the_largest_drop_has_the_largest_shortfall(
        rates in proptest::collection::vec(0.0f64..100.0, 5),
        segment in 0..Segment::ALL.len(),
    ) {
        let segment = Segment::ALL[segment];
        let mut scenario = preset(segment);
        for (stage, rate) in scenario.stages.iter_mut().skip(1).zip(&rates) {
            stage.value = *rate;
        }
        let names: Vec<(&str, Option<f64>)> = scenario
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), (i > 0).then_some(s.value)))
            .collect();
        let bands = bands_of(segment, &scenario.stages);
        let shortfalls: Vec<f64> = bands
            .iter()
            .zip(&scenario.stages)
            .map(|(band, stage)| band.map_or(0.0, |b| shortfall(b, stage.value)))
            .collect();
        let largest = shortfalls.iter().copied().fold(0.0, f64::max);
        match furthest_below(Some(segment), &names) {
            LargestDrop::Stage { index, shortfall: found, .. } => {
                prop_assert_eq!(found, largest);
                prop_assert!(found > 0.0);
                prop_assert!(bands[index].is_some());
                // The first stage with that shortfall (upstream first on a tie).
                prop_assert_eq!(shortfalls.iter().position(|&s| s == largest), Some(index));
            }
            LargestDrop::NoneBelow(_) => prop_assert_eq!(largest, 0.0),
            other => prop_assert!(false, "{other:?}"),
        }
        prop_assert_eq!(
            evaluate(&scenario).weakest_stage,
            furthest_below(Some(segment), &names).index()
        );
    }

    #[test]
    fn markers_never_show_nan_or_infinity((segment, band) in any_band(), rate in 0.0f64..100.0) {
        for lang in Lang::ALL {
            let text = with_locale(lang, Currency::Eur, || marker_text(segment, band, rate));
            prop_assert!(!text.contains("NaN") && !text.contains("inf"), "{}", text);
        }
    }
}
