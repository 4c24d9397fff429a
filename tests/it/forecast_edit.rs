//! Editing the forecast through the editor: typed values kept with their error next to the
//! field while the last valid settings stay in use, growth and spread choices, and the Monte
//! Carlo spreads following their stages when stages are added or removed.
use funnelsim::model::forecast::edit::{ForecastEdit, ForecastField, GrowthKind, SpreadKind};
use funnelsim::model::forecast::projection::Growth;
use funnelsim::model::forecast::uncertainty::{Spread, Uncertain};
use funnelsim::model::{Edit, Editor, Scenario};

fn edit(editor: &mut Editor, edit: ForecastEdit) {
    editor.apply(Edit::Forecast(edit));
}

fn text(editor: &mut Editor, field: ForecastField, raw: &str) {
    edit(editor, ForecastEdit::Text(field, raw.into()));
}

fn started() -> Editor {
    let mut editor = Editor::new(Scenario::default());
    edit(&mut editor, ForecastEdit::StartProjection);
    edit(&mut editor, ForecastEdit::StartUncertainty);
    editor
}

#[test]
fn bad_projection_values_keep_the_last_good_settings() {
    let mut editor = started();
    let before = editor.scenario().projection.clone().unwrap();
    assert_eq!(before.months, 24, "the suggested horizon");
    for (field, raw, message) in [
        (ForecastField::Months, "40", "1"),
        (ForecastField::Months, "2.5", "whole"),
        (ForecastField::Churn, "150", "Monthly churn"),
        (ForecastField::SalesCycle, "-3", "Sales cycle"),
        (ForecastField::StartMonth, "13", "13"),
        (ForecastField::Upsell, "lots", "not a number"),
    ] {
        text(&mut editor, field, raw);
        let error = editor.forecast().error(field).expect(raw).to_string();
        assert!(error.contains(message), "{raw}: {error}");
        assert_eq!(editor.forecast().draft(field), Some(raw));
        assert_eq!(editor.scenario().projection.as_ref(), Some(&before));
    }
    text(&mut editor, ForecastField::Months, "18");
    text(&mut editor, ForecastField::Churn, "1,5");
    let projection = editor.scenario().projection.clone().unwrap();
    assert_eq!((projection.months, projection.churn_pct), (18, 1.5));
    assert_eq!(editor.forecast().draft(ForecastField::Months), None);
    assert!(editor.forecast().error(ForecastField::Churn).is_none());
}

#[test]
fn growth_kinds_start_from_sensible_values() {
    let mut editor = started();
    edit(&mut editor, ForecastEdit::Growth(GrowthKind::Growing));
    let growth = || editor_growth(&editor);
    assert_eq!(growth(), Growth::Growing { pct_per_month: 5.0 });
    text(&mut editor, ForecastField::GrowthPct, "-2");
    assert_eq!(
        editor_growth(&editor),
        Growth::Growing {
            pct_per_month: -2.0
        }
    );
    edit(&mut editor, ForecastEdit::Growth(GrowthKind::Seasonal));
    text(&mut editor, ForecastField::SeasonWeight(11), "0,5");
    let Growth::Seasonal { weights } = editor_growth(&editor) else {
        panic!("seasonal")
    };
    assert_eq!((weights[0], weights[11]), (1.0, 0.5));
    for m in 0..12 {
        text(&mut editor, ForecastField::SeasonWeight(m), "0");
    }
    let error = editor.forecast().error(ForecastField::SeasonWeight(11));
    assert!(error.is_some(), "no month with any volume is refused");
}

fn editor_growth(editor: &Editor) -> Growth {
    editor
        .scenario()
        .projection
        .as_ref()
        .unwrap()
        .growth
        .clone()
}

#[test]
fn spreads_start_around_the_scenario_and_refuse_disorder() {
    let mut editor = started();
    let uncertainty = editor.scenario().uncertainty.clone().unwrap();
    // The lead rate is 2.5 %: a ±20 % range.
    assert_eq!(
        uncertainty.spread(Uncertain::Rate(1)),
        Some(Spread::Range {
            low: 2.0,
            likely: 2.5,
            high: 3.0
        })
    );
    assert_eq!(uncertainty.rates.len(), 5, "every rate");
    text(&mut editor, ForecastField::Low(Uncertain::Rate(1)), "2,8");
    assert!(editor
        .forecast()
        .error(ForecastField::Low(Uncertain::Rate(1)))
        .unwrap()
        .to_string()
        .contains("low ≤ likely ≤ high"));
    assert_eq!(editor.scenario().uncertainty.as_ref(), Some(&uncertainty));

    edit(
        &mut editor,
        ForecastEdit::SpreadKind(Uncertain::Rate(5), SpreadKind::Observed),
    );
    assert_eq!(
        editor
            .scenario()
            .uncertainty
            .as_ref()
            .unwrap()
            .spread(Uncertain::Rate(5)),
        Some(Spread::Observed {
            successes: 25,
            trials: 100
        })
    );
    text(
        &mut editor,
        ForecastField::Successes(Uncertain::Rate(5)),
        "120",
    );
    assert!(editor
        .forecast()
        .error(ForecastField::Successes(Uncertain::Rate(5)))
        .is_some());
    text(
        &mut editor,
        ForecastField::Observed(Uncertain::Rate(5)),
        "300",
    );
    text(
        &mut editor,
        ForecastField::Successes(Uncertain::Rate(5)),
        "120",
    );
    assert_eq!(
        editor
            .scenario()
            .uncertainty
            .as_ref()
            .unwrap()
            .spread(Uncertain::Rate(5)),
        Some(Spread::Observed {
            successes: 120,
            trials: 300
        })
    );
    // Counts only make sense for rates: the top stays certain.
    edit(
        &mut editor,
        ForecastEdit::SpreadKind(Uncertain::Top, SpreadKind::Observed),
    );
    assert_eq!(
        editor
            .scenario()
            .uncertainty
            .as_ref()
            .unwrap()
            .spread(Uncertain::Top),
        None
    );
    edit(
        &mut editor,
        ForecastEdit::SpreadKind(Uncertain::Basket, SpreadKind::Range),
    );
    assert_eq!(
        editor
            .scenario()
            .uncertainty
            .as_ref()
            .unwrap()
            .spread(Uncertain::Basket),
        Some(Spread::Range {
            low: 12_000.0,
            likely: 15_000.0,
            high: 18_000.0
        })
    );
    text(&mut editor, ForecastField::Trials, "0");
    text(&mut editor, ForecastField::Seed, "-1");
    assert!(editor.forecast().error(ForecastField::Trials).is_some());
    assert!(editor.forecast().error(ForecastField::Seed).is_some());
    edit(&mut editor, ForecastEdit::Seed(7));
    assert_eq!(editor.scenario().uncertainty.as_ref().unwrap().seed, 7);
    assert!(editor.forecast().error(ForecastField::Seed).is_none());
    edit(&mut editor, ForecastEdit::RemoveUncertainty);
    assert!(editor.scenario().uncertainty.is_none());
    assert!(editor.forecast().error(ForecastField::Trials).is_none());
}

#[test]
fn spreads_follow_their_stages() {
    let mut editor = started();
    let rate = |editor: &Editor, i| {
        editor
            .scenario()
            .uncertainty
            .as_ref()
            .unwrap()
            .spread(Uncertain::Rate(i))
    };
    let customers = rate(&editor, 5);
    editor.apply(Edit::InsertStage(2));
    assert_eq!(rate(&editor, 2), None, "the new stage is certain");
    assert_eq!(rate(&editor, 6), customers);
    // Removing it merges 100 % into the next rate (unchanged value, but the spread goes).
    editor.apply(Edit::RemoveStage(2));
    assert_eq!(rate(&editor, 2), None);
    assert_eq!(rate(&editor, 5), customers);
    let uncertainty = editor.scenario().uncertainty.clone().unwrap();
    assert!(uncertainty.check(editor.scenario()).is_ok());
    // Removing the top: the lead stage becomes the count; its rate spread goes.
    editor.apply(Edit::RemoveStage(0));
    let uncertainty = editor.scenario().uncertainty.clone().unwrap();
    assert!(uncertainty.check(editor.scenario()).is_ok());
    assert_eq!(uncertainty.spread(Uncertain::Top), None);
}

/// Issue 13: English thousands in the Monte Carlo panel: `10,000` trials runs ten thousand
/// trials (it used to run 10), and `3,000` observed counts are three thousand; in French
/// `10 000` is the same number.
#[test]
fn monte_carlo_counts_follow_the_language() {
    use funnelsim::model::i18n::{with_locale, Currency, Lang};
    for (lang, trials, observed) in [
        (Lang::En, "10,000", "3,000"),
        (Lang::Fr, "10 000", "3\u{202f}000"),
    ] {
        with_locale(lang, Currency::Eur, || {
            let mut editor = started();
            text(&mut editor, ForecastField::Trials, trials);
            let uncertainty = || editor.scenario().uncertainty.clone().unwrap();
            assert_eq!(uncertainty().trials, 10_000, "{trials}");
            edit(
                &mut editor,
                ForecastEdit::SpreadKind(Uncertain::Rate(5), SpreadKind::Observed),
            );
            text(
                &mut editor,
                ForecastField::Observed(Uncertain::Rate(5)),
                observed,
            );
            let Some(Spread::Observed { trials, .. }) = editor
                .scenario()
                .uncertainty
                .as_ref()
                .unwrap()
                .spread(Uncertain::Rate(5))
            else {
                panic!("an observed spread");
            };
            assert_eq!(trials, 3_000, "{observed}");
        });
    }
}
