//! The form editor: bad input is reported per field and never replaces the last valid
//! scenario; stages can be renamed, inserted and removed.
use funnelsim::model::funnel::forward::evaluate;
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::{Edit, Editor, ErrorKind, FieldId, Scenario};

fn edit_number(editor: &mut Editor, field: FieldId, text: &str) {
    editor.apply(Edit::Number(field, text.to_owned()));
}

#[test]
fn bad_inputs_keep_the_last_good_state_with_a_typed_error() {
    let mut editor = Editor::new(Scenario::default());
    let cases: [(FieldId, &str, ErrorKind); 11] = [
        (FieldId::Basket, "-5", ErrorKind::Negative),
        (FieldId::Basket, "abc", ErrorKind::NotANumber),
        (FieldId::Basket, "", ErrorKind::Empty),
        (FieldId::Basket, "NaN", ErrorKind::NotANumber),
        (FieldId::Basket, "inf", ErrorKind::NotANumber),
        (FieldId::Basket, "1e308", ErrorKind::AboveMax(1e12)),
        (FieldId::StageRate(2), "150", ErrorKind::AboveMax(100.0)),
        (FieldId::Margin, "100.5", ErrorKind::AboveMax(100.0)),
        // Issue 13: too large for any number, said with the field's own bound.
        (FieldId::StageRate(1), "1e309", ErrorKind::AboveMax(100.0)),
        (FieldId::Top, "1e309", ErrorKind::AboveMax(1e12)),
        // Issue 13: the lifetime is in years, not a percentage.
        (FieldId::Lifetime, "101", ErrorKind::AboveMaxYears(100.0)),
    ];
    for (field, text, kind) in cases {
        edit_number(&mut editor, field, text);
        assert_eq!(editor.scenario(), &Scenario::default(), "{text}");
        assert_eq!(
            editor.error(field).map(|e| e.kind.clone()),
            Some(kind),
            "{text}"
        );
        assert_eq!(
            editor.text(field),
            text,
            "what the user typed stays in the box"
        );
        assert!(!editor.error(field).unwrap().kind.to_string().is_empty());
    }
}

#[test]
fn a_valid_edit_clears_the_error_and_updates_the_scenario() {
    let mut editor = Editor::new(Scenario::default());
    edit_number(&mut editor, FieldId::Top, "abc");
    assert!(editor.error(FieldId::Top).is_some());
    edit_number(&mut editor, FieldId::Top, "60 000");
    assert!(editor.error(FieldId::Top).is_none());
    assert_eq!(editor.scenario().top_count(), 60_000.0);
    assert_eq!(evaluate(editor.scenario()).customers, 45.0);
}

#[test]
fn french_decimal_commas_and_units_are_accepted() {
    with_locale(Lang::Fr, Currency::Eur, || {
        let mut editor = Editor::new(Scenario::default());
        edit_number(&mut editor, FieldId::StageRate(1), "3,5 %");
        assert_eq!(editor.scenario().stages[1].value, 3.5);
        edit_number(&mut editor, FieldId::Basket, "1 234,50 €");
        assert_eq!(editor.scenario().basket, 1234.5);
        edit_number(&mut editor, FieldId::Top, "120 000");
        assert_eq!(editor.scenario().top_count(), 120_000.0);
        edit_number(&mut editor, FieldId::Spend, "1.250.000");
        assert_eq!(editor.scenario().spend, 1_250_000.0);
        edit_number(&mut editor, FieldId::Ltv, "2,5");
        assert_eq!(editor.scenario().ltv, 2.5);
        edit_number(&mut editor, FieldId::Target, "2.5e6");
        assert_eq!(editor.scenario().target_revenue, 2_500_000.0);
    });
}

/// Issue 13: in English `120,000` is how the app itself shows a hundred and twenty thousand,
/// so it is read that way (it used to be read as 120 with a decimal comma).
#[test]
fn english_commas_group_thousands() {
    with_locale(Lang::En, Currency::Usd, || {
        let mut editor = Editor::new(Scenario::default());
        edit_number(&mut editor, FieldId::Top, "120,000");
        assert!(editor.error(FieldId::Top).is_none());
        assert_eq!(editor.scenario().top_count(), 120_000.0);
        edit_number(&mut editor, FieldId::Spend, "$1,250,000");
        assert_eq!(editor.scenario().spend, 1_250_000.0);
        edit_number(&mut editor, FieldId::Basket, "1,234.50");
        assert_eq!(editor.scenario().basket, 1234.5);
        edit_number(&mut editor, FieldId::StageRate(1), "3.5 %");
        assert_eq!(editor.scenario().stages[1].value, 3.5);
    });
}

#[test]
fn stage_names_are_validated() {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::StageName(2, "  Marketing qualified  ".into()));
    assert_eq!(editor.scenario().stages[2].name, "Marketing qualified");
    editor.apply(Edit::StageName(2, "   ".into()));
    assert_eq!(
        editor.error(FieldId::StageName(2)).unwrap().kind,
        ErrorKind::NameEmpty
    );
    assert_eq!(editor.scenario().stages[2].name, "Marketing qualified");
    editor.apply(Edit::StageName(2, "x".repeat(41)));
    assert_eq!(
        editor.error(FieldId::StageName(2)).unwrap().kind,
        ErrorKind::NameTooLong(40)
    );
    editor.apply(Edit::StageName(99, "ignored".into()));
}

#[test]
fn removing_a_middle_stage_merges_its_rate_and_keeps_customers() {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::RemoveStage(3)); // SQL (50 %) merges into Opportunities (60 %) → 30 %.
    let s = editor.scenario();
    assert_eq!(s.stages.len(), 5);
    assert_eq!(s.stages[3].name, "Opportunities");
    assert_eq!(s.stages[3].value, 30.0);
    assert_eq!(evaluate(s).customers, 90.0);
}

#[test]
fn removing_the_top_stage_promotes_the_next_with_its_count() {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::RemoveStage(0));
    let s = editor.scenario();
    assert_eq!(s.stages[0].name, "Leads");
    assert_eq!(s.top_count(), 3000.0);
    assert_eq!(evaluate(s).customers, 90.0);
}

#[test]
fn inserting_shifts_drafts_and_errors_with_their_stage() {
    let mut editor = Editor::new(Scenario::default());
    edit_number(&mut editor, FieldId::StageRate(4), "oops");
    editor.apply(Edit::InsertStage(2));
    assert_eq!(editor.scenario().stages.len(), 7);
    assert_eq!(editor.scenario().stages[2].name, "Stage 7");
    assert_eq!(editor.scenario().stages[2].value, 100.0);
    assert_eq!(evaluate(editor.scenario()).customers, 90.0);
    assert!(editor.error(FieldId::StageRate(4)).is_none());
    assert_eq!(
        editor.error(FieldId::StageRate(5)).unwrap().field,
        FieldId::StageRate(5)
    );
    assert_eq!(editor.text(FieldId::StageRate(5)), "oops");
    editor.apply(Edit::RemoveStage(2));
    assert_eq!(editor.text(FieldId::StageRate(4)), "oops");
    assert_eq!(editor.scenario(), &Scenario::default());
}

#[test]
fn stage_count_limits_are_reported_not_exceeded() {
    let mut editor = Editor::new(Scenario::default());
    for _ in 0..10 {
        editor.apply(Edit::InsertStage(1));
    }
    assert_eq!(editor.scenario().stages.len(), 12);
    assert_eq!(editor.notice().unwrap().kind, ErrorKind::TooManyStages);
    for _ in 0..20 {
        editor.apply(Edit::RemoveStage(1));
    }
    assert_eq!(editor.scenario().stages.len(), 2);
    assert_eq!(editor.notice().unwrap().kind, ErrorKind::TooFewStages);
}

#[test]
fn load_replaces_everything_and_clears_errors() {
    let mut editor = Editor::new(Scenario::default());
    edit_number(&mut editor, FieldId::Basket, "bad");
    let other = Scenario {
        basket: 1.0,
        ..Scenario::default()
    };
    editor.apply(Edit::Load(other.clone()));
    assert_eq!(editor.scenario(), &other);
    assert_eq!(editor.errors().count(), 0);
    assert_eq!(editor.text(FieldId::Basket), "1");
}

/// Issue 13: `lifetime=101` said "at most 100 %", and `1e309` in a 0–100 field said
/// "at most 1,000,000,000,000".
#[test]
fn bound_messages_name_the_right_unit_and_bound() {
    let mut editor = Editor::new(Scenario::default());
    edit_number(&mut editor, FieldId::Lifetime, "101");
    let said = |editor: &Editor, field| editor.error(field).unwrap().kind.to_string();
    assert_eq!(
        said(&editor, FieldId::Lifetime),
        "Must be at most 100 years."
    );
    edit_number(&mut editor, FieldId::StageRate(1), "1e309");
    assert_eq!(
        said(&editor, FieldId::StageRate(1)),
        "Must be at most 100 %."
    );
}

/// A number the other convention reads as another ("120,000": 120000 in English, 120 in
/// French) gives both readings, which the field shows ("Read as 120,000, not 120."); one
/// read alike both ways gives none.
#[test]
fn ambiguous_numbers_give_both_readings() {
    use funnelsim::model::format::exact;
    use funnelsim::model::funnel::validate::{other_reading, NumberStyle};
    let (dot, comma) = (NumberStyle::DotDecimal, NumberStyle::CommaDecimal);
    assert_eq!(other_reading("120,000", dot), Some((120_000.0, 120.0)));
    assert_eq!(other_reading("120,000", comma), Some((120.0, 120_000.0)));
    assert_eq!(other_reading("1.500", comma), Some((1_500.0, 1.5)));
    for alike in [
        "120000",
        "120 000",
        "2,5",
        "2.5",
        "1,234,567",
        "12.5 %",
        "x",
        "",
    ] {
        assert_eq!(other_reading(alike, dot), None, "{alike}");
        assert_eq!(other_reading(alike, comma), None, "{alike}");
    }
    with_locale(Lang::En, Currency::Eur, || {
        assert_eq!(exact(120_000.0), "120,000");
        assert_eq!(exact(1.5), "1.5");
        assert_eq!(exact(0.125), "0.125");
    });
    with_locale(Lang::Fr, Currency::Eur, || {
        assert_eq!(exact(120_000.0), "120\u{202f}000");
        assert_eq!(exact(1.5), "1,5");
    });
}
