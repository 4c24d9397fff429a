//! Editing the channel mix as the Channels table does: starting from the funnel moves no
//! number, bad text stays next to its cell while the mix keeps its last good value, rows
//! removed or moved keep their drafts with their channel, a curve switch keeps today's
//! volume, and a split applied then undone puts every spend back.

use funnelsim::model::funnel::channels::{Conversion, Entry, Response, MAX_CHANNELS};
use funnelsim::model::funnel::channels_edit::{
    ChannelEdit, ChannelField, ChannelInputError, ConversionKind, CurveKind,
};
use funnelsim::model::{evaluate, Edit, Editor, Scenario};

use crate::channels::assert_near;

fn edit(editor: &mut Editor, edit: ChannelEdit) {
    editor.apply(Edit::Channels(edit));
}

fn typed(editor: &mut Editor, field: ChannelField, text: &str) {
    edit(editor, ChannelEdit::Text(field, text.to_owned()));
}

fn started() -> Editor {
    let mut editor = Editor::new(Scenario::default());
    edit(&mut editor, ChannelEdit::Start);
    editor
}

fn mix(editor: &Editor) -> &funnelsim::model::funnel::channels::ChannelMix {
    editor.scenario().mix().expect("a mix")
}

#[test]
fn starting_from_the_funnel_moves_no_number() {
    let editor = started();
    let plain = evaluate(&Scenario::default());
    let by_channel = evaluate(editor.scenario());
    assert_eq!(mix(&editor).channels.len(), 1);
    assert_eq!(mix(&editor).entry, Entry::Top);
    assert_eq!(by_channel.spend, plain.spend);
    assert_near(by_channel.customers, plain.customers, 1e-9, "customers");
    assert_near(
        by_channel.stages[0].count.unwrap(),
        120_000.0,
        1e-9,
        "visitors",
    );
}

#[test]
fn bad_text_stays_next_to_its_cell_and_the_mix_keeps_its_value() {
    let mut editor = started();
    let before = mix(&editor).clone();
    for (text, error) in [
        (
            "-5",
            ChannelInputError::OutOfRange(funnelsim::model::funnel::channels::ChannelValue::Spend),
        ),
        (
            "abc",
            ChannelInputError::Number(funnelsim::model::ErrorKind::NotANumber),
        ),
        (
            "",
            ChannelInputError::Number(funnelsim::model::ErrorKind::Empty),
        ),
        (
            "1e309",
            ChannelInputError::Number(funnelsim::model::ErrorKind::TooLarge),
        ),
    ] {
        typed(&mut editor, ChannelField::Spend(0), text);
        assert_eq!(
            editor.channels().error(ChannelField::Spend(0)),
            Some(&error),
            "{text}"
        );
        assert_eq!(
            editor.channels().text(mix(&editor), ChannelField::Spend(0)),
            text
        );
        assert_eq!(mix(&editor), &before, "{text}");
    }
    // Read as people write it (an English page: spaces group, a point is the decimal mark).
    typed(&mut editor, ChannelField::Spend(0), "150 000.5");
    assert_eq!(editor.channels().error(ChannelField::Spend(0)), None);
    assert_eq!(mix(&editor).channels[0].spend, 150_000.5);
    // Names: empty, too long and repeated names are refused.
    edit(&mut editor, ChannelEdit::Add);
    typed(&mut editor, ChannelField::Name(1), " marketing ");
    assert_eq!(
        editor.channels().error(ChannelField::Name(1)),
        Some(&ChannelInputError::DuplicateName("marketing".into()))
    );
    typed(&mut editor, ChannelField::Name(1), "");
    assert_eq!(
        editor.channels().error(ChannelField::Name(1)),
        Some(&ChannelInputError::NameEmpty)
    );
    assert_eq!(mix(&editor).channels[1].name, "Channel 2");
    // A minimum above the maximum is refused on the cell typed last.
    typed(&mut editor, ChannelField::MaxSpend(1), "1000");
    typed(&mut editor, ChannelField::MinSpend(1), "2000");
    assert_eq!(
        editor.channels().error(ChannelField::MinSpend(1)),
        Some(&ChannelInputError::MinAboveMax)
    );
    assert_eq!(mix(&editor).channels[1].min_spend, None);
    typed(&mut editor, ChannelField::MaxSpend(1), "");
    assert_eq!(mix(&editor).channels[1].max_spend, None);
    assert!(editor.channels().error(ChannelField::MaxSpend(1)).is_none());
    // Every message is a sentence.
    for (_, error) in editor.channels().errors() {
        assert!(error.to_string().ends_with('.'), "{error}");
    }
}

#[test]
fn rows_removed_or_moved_keep_their_drafts_with_their_channel() {
    let mut editor = started();
    edit(&mut editor, ChannelEdit::Add);
    edit(&mut editor, ChannelEdit::Add);
    typed(&mut editor, ChannelField::Name(2), "Events");
    typed(&mut editor, ChannelField::Spend(2), "oops");
    edit(&mut editor, ChannelEdit::Move { from: 2, to: 0 });
    let names: Vec<&str> = mix(&editor)
        .channels
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Events", "Marketing", "Channel 2"]);
    assert!(editor.channels().error(ChannelField::Spend(0)).is_some());
    assert!(editor.channels().error(ChannelField::Spend(2)).is_none());
    edit(&mut editor, ChannelEdit::Remove(1));
    assert!(editor.channels().error(ChannelField::Spend(0)).is_some());
    assert_eq!(mix(&editor).channels.len(), 2);
    // Removing the last channel stops planning by channel.
    edit(&mut editor, ChannelEdit::Remove(1));
    edit(&mut editor, ChannelEdit::Remove(0));
    assert!(editor.scenario().channels.is_none());
    assert_eq!(evaluate(editor.scenario()), evaluate(&Scenario::default()));
}

#[test]
fn a_mix_holds_at_most_twenty_channels() {
    let mut editor = started();
    for _ in 1..MAX_CHANNELS {
        edit(&mut editor, ChannelEdit::Add);
    }
    assert_eq!(mix(&editor).channels.len(), MAX_CHANNELS);
    edit(&mut editor, ChannelEdit::Add);
    assert_eq!(mix(&editor).channels.len(), MAX_CHANNELS);
    assert!(editor
        .channels()
        .refusal()
        .unwrap()
        .to_string()
        .contains("20"));
}

#[test]
fn a_curve_switch_keeps_today_s_volume() {
    let mut editor = started();
    let volume = |editor: &Editor| {
        let channel = &mix(editor).channels[0];
        channel.response.volume(channel.spend)
    };
    let now = volume(&editor);
    for kind in [
        CurveKind::Saturating,
        CurveKind::Power,
        CurveKind::Count,
        CurveKind::Linear,
    ] {
        edit(&mut editor, ChannelEdit::Curve(0, kind));
        assert_eq!(CurveKind::of(&mix(&editor).channels[0].response), kind);
        assert_near(volume(&editor), now, 1e-9, kind.key());
    }
    edit(&mut editor, ChannelEdit::Curve(0, CurveKind::Saturating));
    typed(&mut editor, ChannelField::CurveB(0), "0");
    assert!(editor.channels().error(ChannelField::CurveB(0)).is_some());
    typed(&mut editor, ChannelField::CurveA(0), "2000");
    assert!(matches!(
        mix(&editor).channels[0].response,
        Response::Saturating { ceiling, .. } if ceiling == 2000.0
    ));
}

#[test]
fn own_rates_follow_the_entry_and_are_checked() {
    let mut editor = started();
    edit(&mut editor, ChannelEdit::Conversion(0, ConversionKind::Own));
    assert_eq!(
        mix(&editor).channels[0].conversion,
        Conversion::Own {
            rates: vec![2.5, 40.0, 50.0, 60.0, 25.0]
        }
    );
    typed(
        &mut editor,
        ChannelField::Rates(0),
        "3 / 40 / 50 / 60 / 25 / 10",
    );
    assert_eq!(
        editor.channels().error(ChannelField::Rates(0)),
        Some(&ChannelInputError::Rates { max: 5 })
    );
    typed(&mut editor, ChannelField::Rates(0), "3 / 40 / 150");
    assert!(editor.channels().error(ChannelField::Rates(0)).is_some());
    typed(&mut editor, ChannelField::Rates(0), "5 / 40");
    assert_eq!(
        mix(&editor).channels[0].conversion,
        Conversion::Own {
            rates: vec![5.0, 40.0]
        }
    );
    // Bringing leads, the first rate (visit → lead) no longer applies.
    edit(&mut editor, ChannelEdit::Entry(Entry::Leads));
    assert_eq!(
        mix(&editor).channels[0].conversion,
        Conversion::Own { rates: vec![40.0] }
    );
    edit(
        &mut editor,
        ChannelEdit::Conversion(0, ConversionKind::Quality),
    );
    typed(&mut editor, ChannelField::Factor(0), "1.5");
    assert_eq!(
        mix(&editor).channels[0].conversion,
        Conversion::Quality { factor: 1.5 }
    );
}

#[test]
fn a_split_applied_then_put_back_restores_every_spend() {
    let mut editor = started();
    edit(&mut editor, ChannelEdit::Add);
    let before: Vec<f64> = mix(&editor).channels.iter().map(|c| c.spend).collect();
    edit(&mut editor, ChannelEdit::Spends(vec![100_000.0, 200_000.0]));
    assert_eq!(mix(&editor).spend(), 300_000.0);
    assert_eq!(mix(&editor).channels[1].spend, 200_000.0);
    // A split of the wrong length or with a bad number is not applied.
    edit(&mut editor, ChannelEdit::Spends(vec![1.0]));
    edit(&mut editor, ChannelEdit::Spends(vec![f64::NAN, 1.0]));
    assert_eq!(mix(&editor).channels[1].spend, 200_000.0);
    edit(&mut editor, ChannelEdit::Spends(before.clone()));
    let after: Vec<f64> = mix(&editor).channels.iter().map(|c| c.spend).collect();
    assert_eq!(after, before);
}

/// One list of channels: with an SLA, a channel added, renamed, moved or removed in the
/// Channels table is so in the SLA (its rates, plan and leads move with it), and the SLA's
/// own channel edits act on the mix.
#[test]
fn the_sla_follows_the_channel_list_both_ways() {
    use funnelsim::model::sla::calculator::{Sla, YearMonth};
    use funnelsim::model::sla::edit::{SlaEdit, SlaField};
    let month = YearMonth::new(2026, 11).unwrap();
    // Planned by channel first (the example's five), then the SLA starts from the mix.
    let mut editor = Editor::new(Scenario::example());
    let sla = Sla::example(editor.scenario(), month, 10);
    assert_eq!(
        sla.channels,
        [
            "Organic search",
            "Inbound content",
            "E-mail",
            "Paid ads",
            "Outbound"
        ]
    );
    // Its plan starts from the mix: e-mail's 10,000 visits × 3.75 % = 375 leads a year,
    // 31.25 a month, shared 35 : 18 : 4 as the article's e-mail plan.
    let email: f64 = sla.plan[2].iter().map(|n| n.unwrap()).sum();
    assert!((email - 31.0).abs() <= 1.0, "{email}");
    editor.apply(Edit::StartSla(sla));
    let names = |editor: &Editor| editor.scenario().sla.as_ref().unwrap().channels.clone();
    let mix_names = |editor: &Editor| {
        mix(editor)
            .channels
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    typed(&mut editor, ChannelField::Name(2), "Newsletter");
    assert_eq!(names(&editor)[2], "Newsletter");
    let outbound_rates = editor.scenario().sla.as_ref().unwrap().close_rates[4].clone();
    edit(&mut editor, ChannelEdit::Move { from: 4, to: 0 });
    assert_eq!(names(&editor), mix_names(&editor));
    assert_eq!(
        editor.scenario().sla.as_ref().unwrap().close_rates[0],
        outbound_rates
    );
    edit(&mut editor, ChannelEdit::Add);
    assert_eq!(names(&editor), mix_names(&editor));
    edit(&mut editor, ChannelEdit::Remove(1));
    assert_eq!(names(&editor), mix_names(&editor));
    assert_eq!(names(&editor).len(), 5);
    // The SLA's channel edits act on the mix.
    editor.apply(Edit::Sla(SlaEdit::AddChannel));
    assert_eq!(mix(&editor).channels.len(), 6);
    editor.apply(Edit::Sla(SlaEdit::Text(
        SlaField::ChannelName(5),
        "Events".into(),
    )));
    assert_eq!(mix(&editor).channels[5].name, "Events");
    editor.apply(Edit::Sla(SlaEdit::RemoveChannel(0)));
    assert_eq!(names(&editor), mix_names(&editor));
    // A name the mix refuses is refused in both, with its message on the mix's cell.
    editor.apply(Edit::Sla(SlaEdit::Text(
        SlaField::ChannelName(0),
        "events".into(),
    )));
    assert!(editor.channels().error(ChannelField::Name(0)).is_some());
    assert_eq!(names(&editor), mix_names(&editor));
    // Starting a plan by channel with an SLA takes the SLA's channels.
    let mut plain = Editor::new(Scenario::default());
    plain.apply(Edit::StartSla(Sla::example(plain.scenario(), month, 10)));
    edit(&mut plain, ChannelEdit::Start);
    assert_eq!(mix_names(&plain), names(&plain));
    assert_near(
        evaluate(plain.scenario()).customers,
        90.0,
        1e-9,
        "no number moves",
    );
}

/// A channel's own rates stay on their stages when the funnel gains or loses one: a new
/// stage converts 100 % for it too, and a removed stage's rate is merged into the next one,
/// as the funnel's are, so no count moves.
#[test]
fn own_rates_follow_the_stages_inserted_and_removed() {
    let mut editor = started();
    edit(&mut editor, ChannelEdit::Conversion(0, ConversionKind::Own));
    typed(&mut editor, ChannelField::Rates(0), "5 / 40 / 50 / 60 / 25");
    let customers = evaluate(editor.scenario()).customers;
    editor.apply(Edit::InsertStage(3));
    assert_eq!(
        mix(&editor).channels[0].conversion,
        Conversion::Own {
            rates: vec![5.0, 40.0, 100.0, 50.0, 60.0, 25.0]
        }
    );
    assert_near(
        evaluate(editor.scenario()).customers,
        customers,
        1e-9,
        "inserted",
    );
    editor.apply(Edit::RemoveStage(2));
    assert_eq!(
        mix(&editor).channels[0].conversion,
        Conversion::Own {
            rates: vec![5.0, 40.0, 50.0, 60.0, 25.0]
        }
    );
    assert_near(
        evaluate(editor.scenario()).customers,
        customers,
        1e-9,
        "removed",
    );
}
