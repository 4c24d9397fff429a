//! The one way forms keep what is typed: drafts settled or kept as typed, renamed with their
//! fields, and a typed value whose bad text never replaces the last valid value (the goal
//! target, the sensitivity step, a CRM spend).
use funnelsim::model::crm::kpi::read_spend;
use funnelsim::model::drafts::{Drafts, Typed};
use funnelsim::model::funnel::validate::{parse_number, ErrorKind};
use funnelsim::model::workbench::sensitivity::SensitivitySettings;

#[test]
fn settled_drafts_forget_valid_text_and_keep_refused_text() {
    let mut drafts: Drafts<u8, &str> = Drafts::default();
    drafts.settle(1, "abc".into(), Err("not a number"));
    assert_eq!(drafts.text(1), Some("abc"));
    assert_eq!(drafts.error(1), Some(&"not a number"));
    assert!(drafts.has_errors());
    drafts.settle(1, "12".into(), Ok(()));
    assert_eq!(drafts.text(1), None, "the field shows its value again");
    assert_eq!(drafts.error(1), None);
    assert!(!drafts.has_errors());
}

#[test]
fn kept_drafts_stay_as_typed_and_only_refused_ones_have_a_problem() {
    let mut drafts: Drafts<u8, &str> = Drafts::default();
    drafts.keep(2, "240 000".into(), Ok(()));
    assert_eq!(drafts.text(2), Some("240 000"));
    assert_eq!(drafts.error(2), None);
    drafts.keep(2, "240 000 x".into(), Err("not a number"));
    assert_eq!(drafts.error(2), Some(&"not a number"));
    drafts.forget(2);
    assert_eq!((drafts.text(2), drafts.error(2)), (None, None));
}

#[test]
fn drafts_move_with_their_fields_and_can_be_dropped_by_kind() {
    let mut drafts: Drafts<u8, (u8, &str)> = Drafts::default();
    drafts.settle(1, "a".into(), Err((1, "bad")));
    drafts.settle(3, "b".into(), Err((3, "bad")));
    drafts.rename(
        |field| if field >= 2 { field - 1 } else { field },
        |field, (_, why)| (field, why),
    );
    assert_eq!(drafts.text(2), Some("b"));
    assert_eq!(
        drafts.error(2),
        Some(&(2, "bad")),
        "the problem names its new field"
    );
    assert_eq!(drafts.text(3), None);
    drafts.retain(|field| field != 1);
    assert_eq!(drafts.errors().count(), 1);
    drafts.clear();
    assert!(!drafts.has_errors());
}

#[test]
fn a_typed_value_keeps_its_last_valid_value_under_bad_text() {
    let mut target: Typed<f64, ErrorKind> = Typed::new("180", 180.0);
    target.retype("250".into(), parse_number);
    assert_eq!((*target.value(), target.error()), (250.0, None));
    target.retype("25O".into(), parse_number);
    assert_eq!(target.text(), "25O", "the text stays as typed");
    assert!(target.error().is_some());
    assert_eq!(*target.value(), 250.0, "the last valid target stays in use");
    target.reread(|_| Ok(300.0));
    assert_eq!((*target.value(), target.error()), (300.0, None));
}

#[test]
fn the_sensitivity_step_and_a_crm_spend_are_read_as_typed() {
    let mut step = Typed::new("10", 10.0);
    step.retype("2,5".into(), SensitivitySettings::read_step);
    assert_eq!(*step.value(), 2.5);
    for bad in ["0", "101", "abc", ""] {
        step.retype(bad.into(), SensitivitySettings::read_step);
        assert!(step.error().is_some(), "{bad:?}");
        assert_eq!(*step.value(), 2.5, "{bad:?}");
    }

    assert_eq!(read_spend("1 500"), Ok(Some(1500.0)));
    assert_eq!(read_spend("  "), Ok(None), "blank: no spend for that group");
    assert_eq!(read_spend("-5"), Err(ErrorKind::Negative));
    assert!(read_spend("five").is_err());
    let mut spend = Typed::new("", None);
    spend.retype("900".into(), read_spend);
    spend.retype("9OO".into(), read_spend);
    assert_eq!(*spend.value(), Some(900.0));
    spend.retype(String::new(), read_spend);
    assert_eq!(*spend.value(), None);
}
