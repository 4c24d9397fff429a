//! The SLA model: a worked example computed by hand (below), unreachable segments instead of
//! infinite leads, pacing, editing that keeps the last good set-up, reshaping when channels
//! and personas are added or removed, a 20 × 10 × 12 matrix, and a property test.
use std::sync::Arc;

use funnelsim::model::sla::calculator::{
    analyse_sla, funnel_close_rate, MonthActuals, NoValue, Persona, RateSource, Requirement, Sla,
    SlaProblem, YearMonth,
};
use funnelsim::model::sla::edit::{SlaEdit, SlaField, SlaInputError, SlaNotice, SlaRefusal};
use funnelsim::model::{Edit, Editor, Scenario};
use proptest::prelude::*;

fn november() -> YearMonth {
    YearMonth::new(2026, 11).unwrap()
}

/// The worked example, by hand.
///
/// Two channels × two personas. SMB buys €10,000, Enterprise €50,000.
///
/// | close rate | SMB | Enterprise |      | lead value | SMB  | Enterprise |
/// |------------|-----|------------|------|------------|------|------------|
/// | Inbound    | 5 % | 2 %        |  →   | Inbound    | €500 | €1,000     |
/// | Outbound   | 2 % | 4 %        |      | Outbound   | €200 | €2,000     |
///
/// Plan (leads / month): Inbound 100 SMB + 20 Enterprise, Outbound 50 SMB + 10 Enterprise.
/// Planned revenue: 100 × 500 + 20 × 1,000 + 50 × 200 + 10 × 2,000 = 50,000 + 20,000 +
/// 10,000 + 20,000 = €100,000, so the shares of the target are 50 %, 20 %, 10 %, 20 %.
///
/// Target €150,000 → segment targets 75,000 / 30,000 / 15,000 / 30,000 → required leads
/// 75,000 ÷ 500 = 150, 30,000 ÷ 1,000 = 30, 15,000 ÷ 200 = 75, 30,000 ÷ 2,000 = 15:
/// 270 leads (Inbound 180, Outbound 90; SMB 225, Enterprise 45). Committed revenue
/// 150 × 500 + 30 × 1,000 + 75 × 200 + 15 × 2,000 = €150,000 = the target. Customers
/// expected: 7.5 + 0.6 + 1.5 + 0.6 = 10.2.
///
/// Pacing, November (30 days) as of day 10: Inbound-SMB brought 4 leads a day (40),
/// Inbound-Enterprise 1 a day (10), Outbound-Enterprise 1 lead on day 3, Outbound-SMB none.
/// Pro-rated commitment = required × 10 ÷ 30: 50 / 10 / 25 / 5 (total 90). Inbound-SMB is
/// at 40 ÷ 50 = 80 % (behind, below 90 %) and needs (150 − 40) ÷ 20 days = 5.5 a day;
/// Inbound-Enterprise is on pace (10 of 10) and needs (30 − 10) ÷ 20 = 1 a day. Total: 51
/// delivered of 90 expected, (270 − 51) ÷ 20 = 10.95 a day to finish on target.
fn worked_example() -> Sla {
    let mut actuals = MonthActuals::empty(november(), 4);
    for day in 0..10 {
        actuals.days[day][0] = 4; // Inbound × SMB
        actuals.days[day][1] = 1; // Inbound × Enterprise
    }
    actuals.days[2][3] = 1; // Outbound × Enterprise, day 3
    Sla {
        channels: vec!["Inbound".into(), "Outbound".into()],
        personas: vec![
            Persona {
                name: "SMB".into(),
                average_sale: Some(10_000.0),
            },
            Persona {
                name: "Enterprise".into(),
                average_sale: Some(50_000.0),
            },
        ],
        rate_source: RateSource::Entered,
        close_rates: vec![vec![Some(5.0), Some(2.0)], vec![Some(2.0), Some(4.0)]],
        plan: vec![vec![Some(100.0), Some(20.0)], vec![Some(50.0), Some(10.0)]],
        monthly_target: 150_000.0,
        follow_up_hours: 24.0,
        month: november(),
        as_of_day: 10,
        actuals: vec![actuals],
    }
}

fn leads(grid: &[Vec<Requirement>]) -> Vec<Vec<Option<f64>>> {
    grid.iter()
        .map(|row| row.iter().map(|r| r.leads()).collect())
        .collect()
}

#[test]
fn the_worked_example_matches_the_hand_computation() {
    let a = analyse_sla(&worked_example(), funnel_close_rate(&Scenario::default()));
    assert_eq!(
        a.lead_values,
        [[Some(500.0), Some(1_000.0)], [Some(200.0), Some(2_000.0)]]
    );
    assert_eq!(a.planned_revenue, 100_000.0);
    assert_eq!(a.planned_leads, 180.0);
    assert_eq!(
        leads(&a.required),
        [[Some(150.0), Some(30.0)], [Some(75.0), Some(15.0)]]
    );
    assert_eq!(a.channel_required, [180.0, 90.0]);
    assert_eq!(a.persona_required, [225.0, 45.0]);
    assert_eq!(a.total_required, Some(270.0));
    assert_eq!(a.committed_revenue, 150_000.0);
    assert!((a.expected_customers - 10.2).abs() < 1e-9);
    assert!(a.problems.is_empty(), "{:?}", a.problems);

    assert_eq!(a.days_in_month, 30);
    let in_smb = a.cell_pace[0][0];
    assert_eq!((in_smb.delivered, in_smb.expected), (40.0, 50.0));
    assert_eq!(in_smb.ratio(), Some(0.8));
    assert!(in_smb.is_behind());
    assert_eq!(in_smb.needed_per_day, Some(5.5));
    let in_ent = a.cell_pace[0][1];
    assert_eq!((in_ent.delivered, in_ent.expected), (10.0, 10.0));
    assert!(!in_ent.is_behind());
    assert_eq!(in_ent.needed_per_day, Some(1.0));
    assert!(a.channel_pace[0].is_behind() && a.channel_pace[1].is_behind());
    assert_eq!(a.total_pace.delivered, 51.0);
    assert!((a.total_pace.expected - 90.0).abs() < 1e-9);
    assert!((a.total_pace.needed_per_day.unwrap() - 10.95).abs() < 1e-9);
    assert_eq!(a.cumulative.len(), 10);
    assert_eq!(a.cumulative[..3], [5.0, 10.0, 16.0]);
    assert_eq!(a.cumulative[9], 51.0);
    assert_eq!(a.history.len(), 1);
    assert_eq!(
        (a.history[0].delivered, a.history[0].required),
        (51.0, 270.0)
    );
}

#[test]
fn a_target_that_does_not_divide_rounds_up_to_whole_leads() {
    let mut sla = worked_example();
    sla.monthly_target = 100_001.0;
    let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    // Segment targets 50,000.5 / 20,000.2 / 10,000.1 / 20,000.2 → 101, 21, 51, 11 leads.
    assert_eq!(
        leads(&a.required),
        [[Some(101.0), Some(21.0)], [Some(51.0), Some(11.0)]]
    );
    assert!(a.committed_revenue >= 100_001.0);
}

#[test]
fn without_a_plan_the_target_is_shared_equally() {
    let mut sla = worked_example();
    sla.plan = vec![vec![None, None], vec![None, None]];
    let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    // €37,500 per segment: 75, 37.5 → 38, 187.5 → 188, 18.75 → 19.
    assert_eq!(
        leads(&a.required),
        [[Some(75.0), Some(38.0)], [Some(188.0), Some(19.0)]]
    );
    assert_eq!(a.planned_revenue, 0.0);
}

#[test]
fn worthless_segments_are_unreachable_never_infinite() {
    let mut sla = worked_example();
    sla.close_rates[1][0] = Some(0.0);
    sla.close_rates[0][1] = None;
    let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert_eq!(
        a.required[1][0],
        Requirement::Unreachable(NoValue::ZeroRate)
    );
    assert_eq!(
        a.required[0][1],
        Requirement::Unreachable(NoValue::EmptyRate)
    );
    assert_eq!(a.lead_values[0][1], None);
    assert!(a.problems.contains(&SlaProblem::EmptyRate {
        channel: "Inbound".into(),
        persona: "Enterprise".into()
    }));
    // The two usable segments share the target by their planned revenue (50,000 : 20,000).
    assert_eq!(
        leads(&a.required),
        [[Some(215.0), None], [None, Some(22.0)]]
    );
    assert!(a.committed_revenue >= 150_000.0);
    assert!(a.total_required.unwrap().is_finite());

    // A persona without a sale value: its column is unreachable and reported.
    let mut sla = worked_example();
    sla.personas[1].average_sale = None;
    let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert_eq!(a.required[0][1], Requirement::Unreachable(NoValue::NoSale));
    assert!(a.problems.contains(&SlaProblem::NoSaleValue {
        persona: "Enterprise".into()
    }));
    assert!(SlaProblem::NoSaleValue {
        persona: "Enterprise".into()
    }
    .to_string()
    .contains("no average sale"));

    // Nothing worth anything: no total, a clear problem, no infinity anywhere.
    let mut sla = worked_example();
    sla.close_rates = vec![vec![Some(0.0); 2]; 2];
    let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert_eq!(a.total_required, None);
    assert!(a.problems.contains(&SlaProblem::NothingProducesRevenue));
    assert!(a.channel_required.iter().all(|n| *n == 0.0));
}

#[test]
fn funnel_mode_uses_the_funnels_lead_to_customer_rate() {
    let scenario = Scenario::default();
    // 40 % × 50 % × 60 % × 25 % = 3 %.
    let rate = funnel_close_rate(&scenario).unwrap();
    assert!((rate - 3.0).abs() < 1e-12);
    let mut sla = worked_example();
    sla.rate_source = RateSource::Funnel;
    sla.close_rates = vec![vec![None; 2]; 2];
    let a = analyse_sla(&sla, funnel_close_rate(&scenario));
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    assert!((a.lead_values[0][0].unwrap() - 300.0).abs() < 1e-9);
    assert!((a.lead_values[0][1].unwrap() - 1_500.0).abs() < 1e-9);
}

#[test]
fn the_example_is_consistent_with_the_scenario() {
    let scenario = Scenario::default();
    let sla = Sla::example(&scenario, november(), 23);
    assert_eq!(sla.monthly_target, 166_667.0); // €2,000,000 a year ÷ 12
    assert_eq!((sla.channels.len(), sla.personas.len()), (5, 3));
    let a = analyse_sla(&sla, funnel_close_rate(&scenario));
    assert!(a.problems.is_empty());
    assert!(a.committed_revenue >= sla.monthly_target);
    // The plan would produce €143,025, less than the target: the SLA asks for more leads.
    assert_eq!(a.planned_revenue, 143_025.0);
    assert!(a.total_required.unwrap() > a.planned_leads);
    // Example leads on days 1 to 22, none yet today.
    assert_eq!(a.cumulative.len(), 23);
    assert!(a.total_pace.delivered > 0.0);
    assert_eq!(a.cumulative[22], a.cumulative[21]);

    // Clearing the month removes its leads and nothing else.
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::StartSla(sla.clone()));
    editor.apply(Edit::Sla(SlaEdit::ClearMonth));
    let cleared = sla_of(&editor);
    assert!(cleared.actuals.is_empty());
    assert_eq!(cleared.plan, sla.plan);
}

fn editor_with_sla() -> Editor {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::StartSla(worked_example()));
    editor
}

fn sla_of(editor: &Editor) -> &Sla {
    editor.scenario().sla.as_deref().unwrap()
}

#[test]
fn bad_input_keeps_the_last_good_set_up_with_a_message() {
    let mut editor = editor_with_sla();
    let rate = SlaField::Rate(0, 0);
    for (text, error) in [
        (
            "-1",
            SlaInputError::Number(funnelsim::model::ErrorKind::Negative),
        ),
        (
            "150",
            SlaInputError::Number(funnelsim::model::ErrorKind::AboveMax(100.0)),
        ),
        (
            "abc",
            SlaInputError::Number(funnelsim::model::ErrorKind::NotANumber),
        ),
    ] {
        editor.apply(Edit::Sla(SlaEdit::Text(rate, text.into())));
        assert_eq!(editor.sla().error(rate), Some(&error), "{text}");
        assert_eq!(editor.sla().text(sla_of(&editor), rate), text);
        assert_eq!(sla_of(&editor).close_rates[0][0], Some(5.0));
    }
    editor.apply(Edit::Sla(SlaEdit::Text(rate, "6,5".into())));
    assert_eq!(editor.sla().error(rate), None);
    assert_eq!(sla_of(&editor).close_rates[0][0], Some(6.5));
    // Empty is allowed (not entered yet) and reported by the analysis.
    editor.apply(Edit::Sla(SlaEdit::Text(rate, " ".into())));
    assert_eq!(sla_of(&editor).close_rates[0][0], None);

    let day = SlaField::AsOfDay;
    editor.apply(Edit::Sla(SlaEdit::Text(day, "31".into())));
    assert_eq!(
        editor.sla().error(day),
        Some(&SlaInputError::DayOutOfRange(30))
    );
    assert_eq!(sla_of(&editor).as_of_day, 10);
    let actual = SlaField::Actual {
        day: 12,
        channel: 1,
        persona: 0,
    };
    editor.apply(Edit::Sla(SlaEdit::Text(actual, "2.5".into())));
    assert_eq!(editor.sla().error(actual), Some(&SlaInputError::NotWhole));
    editor.apply(Edit::Sla(SlaEdit::Text(actual, "7".into())));
    assert_eq!(sla_of(&editor).actuals[0].days[11][2], 7);
    assert_eq!(editor.sla().text(sla_of(&editor), actual), "7");

    let name = SlaField::ChannelName(1);
    editor.apply(Edit::Sla(SlaEdit::Text(name, "inbound".into())));
    assert_eq!(
        editor.sla().error(name),
        Some(&SlaInputError::DuplicateName("inbound".into()))
    );
    assert_eq!(sla_of(&editor).channels[1], "Outbound");
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::FollowUp, "0".into())));
    assert_eq!(
        editor.sla().error(SlaField::FollowUp),
        Some(&SlaInputError::ZeroHours)
    );
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::Month, "2026-13".into())));
    assert_eq!(
        editor.sla().error(SlaField::Month),
        Some(&SlaInputError::BadMonth)
    );
}

#[test]
fn adding_and_removing_channels_and_personas_keeps_every_other_value() {
    let mut editor = editor_with_sla();
    editor.apply(Edit::Sla(SlaEdit::AddChannel));
    let sla = sla_of(&editor);
    assert_eq!(sla.channels, ["Inbound", "Outbound", "Channel 3"]);
    assert_eq!(sla.close_rates[2], [None, None]);
    assert_eq!(sla.actuals[0].days[0], [4, 1, 0, 0, 0, 0]);
    editor.apply(Edit::Sla(SlaEdit::AddPersona));
    let sla = sla_of(&editor);
    assert_eq!(sla.personas[2].name, "Persona 3");
    assert_eq!(sla.close_rates[0], [Some(5.0), Some(2.0), None]);
    assert_eq!(sla.actuals[0].days[2], [4, 1, 0, 0, 1, 0, 0, 0, 0]);
    // Remove the first channel and the first persona: Outbound × Enterprise remains.
    editor.apply(Edit::Sla(SlaEdit::RemoveChannel(0)));
    editor.apply(Edit::Sla(SlaEdit::RemovePersona(0)));
    let sla = sla_of(&editor);
    assert_eq!(sla.channels, ["Outbound", "Channel 3"]);
    assert_eq!(sla.close_rates, [[Some(4.0), None], [None, None]]);
    assert_eq!(sla.plan[0][0], Some(10.0));
    assert_eq!(sla.actuals[0].days[2], [1, 0, 0, 0]);
    // The last channel cannot go.
    editor.apply(Edit::Sla(SlaEdit::RemoveChannel(1)));
    editor.apply(Edit::Sla(SlaEdit::RemoveChannel(0)));
    assert_eq!(editor.sla().refusal(), Some(SlaRefusal::LastChannel));
    assert_eq!(sla_of(&editor).channels.len(), 1);
    for _ in 0..30 {
        editor.apply(Edit::Sla(SlaEdit::AddPersona));
    }
    assert_eq!(editor.sla().refusal(), Some(SlaRefusal::TooManyPersonas));
    assert_eq!(sla_of(&editor).personas.len(), 10);
    // Removing the SLA and loading a scenario reset the form.
    editor.apply(Edit::RemoveSla);
    assert!(editor.scenario().sla.is_none());
}

#[test]
fn a_20_by_10_matrix_with_12_months_of_actuals() {
    // The largest set-up: 20 channels × 10 personas with a year of daily actuals.
    let sla = Sla::synthetic(20, 10, 12, november(), 15);
    assert_eq!(sla.actuals.len(), 12);
    assert_eq!(sla.actuals[0].month, YearMonth::new(2025, 12).unwrap());
    let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    assert_eq!(a.required.len(), 20);
    assert_eq!(a.history.len(), 12);
    assert!(a.committed_revenue >= sla.monthly_target);
    assert_eq!(a.cumulative.len(), 15);
    let delivered: f64 = a.channel_pace.iter().map(|p| p.delivered).sum();
    assert_eq!(delivered, a.total_pace.delivered);
    assert_eq!(*a.cumulative.last().unwrap(), a.total_pace.delivered);
    // Through editing too: a value typed into the last cell of the last month.
    let mut editor = Editor::new(Scenario {
        sla: Some(Arc::new(sla)),
        ..Scenario::default()
    });
    let field = SlaField::Rate(19, 9);
    editor.apply(Edit::Sla(SlaEdit::Text(field, "12".into())));
    assert_eq!(sla_of(&editor).close_rates[19][9], Some(12.0));
}

fn any_sla() -> impl Strategy<Value = Sla> {
    (1usize..6, 1usize..5, 1u32..=30).prop_flat_map(|(nc, np, day)| {
        let cells = nc * np;
        (
            prop::collection::vec(prop::option::of(0.0..=100.0f64), cells),
            prop::collection::vec(prop::option::of(0.0..=500.0f64), cells),
            prop::collection::vec(prop::option::of(0.0..=1e6f64), np),
            0.0..=1e9f64,
            prop::collection::vec(0u32..50, cells * 30),
        )
            .prop_map(move |(rates, plan, sales, target, counts)| {
                let grid = |v: &[Option<f64>]| -> Vec<Vec<Option<f64>>> {
                    v.chunks(np).map(<[Option<f64>]>::to_vec).collect()
                };
                let mut actuals = MonthActuals::empty(november(), cells);
                for (d, day) in actuals.days.iter_mut().enumerate() {
                    day.copy_from_slice(&counts[d * cells..(d + 1) * cells]);
                }
                Sla {
                    channels: (0..nc).map(|c| format!("C{c}")).collect(),
                    personas: sales
                        .iter()
                        .enumerate()
                        .map(|(p, sale)| Persona {
                            name: format!("P{p}"),
                            average_sale: *sale,
                        })
                        .collect(),
                    rate_source: RateSource::Entered,
                    close_rates: grid(&rates),
                    plan: grid(&plan),
                    monthly_target: target,
                    follow_up_hours: 24.0,
                    month: november(),
                    as_of_day: day,
                    actuals: vec![actuals],
                }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every figure is finite; a reachable SLA commits at least the target and less than
    /// one extra lead per segment above it.
    #[test]
    fn every_figure_is_finite_and_the_commitment_meets_the_target(sla in any_sla()) {
        let a = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
        let paces = a.cell_pace.iter().flatten().chain(&a.channel_pace).chain(&a.persona_pace).chain([&a.total_pace]);
        for pace in paces {
            prop_assert!(pace.required.is_finite() && pace.delivered.is_finite() && pace.expected.is_finite());
            prop_assert!(pace.needed_per_day.is_none_or(f64::is_finite));
        }
        prop_assert!(a.committed_revenue.is_finite() && a.expected_customers.is_finite());
        if let Some(total) = a.total_required {
            prop_assert!(total.is_finite());
            prop_assert!(a.committed_revenue >= sla.monthly_target * (1.0 - 1e-12));
            let slack: f64 = a.lead_values.iter().flatten().flatten().sum();
            prop_assert!(a.committed_revenue <= sla.monthly_target + slack + 1e-6);
        } else {
            prop_assert!(a.problems.contains(&SlaProblem::NothingProducesRevenue));
        }
    }
}

/// Moving the SLA from a 31-day month to February used to move "as of day 31" to day 28
/// without a word; it is now told next to the day field.
#[test]
fn a_shorter_month_moves_the_day_and_says_so() {
    let mut editor = editor_with_sla();
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::Month, "2026-12".into())));
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::AsOfDay, "31".into())));
    assert_eq!(editor.sla().notice(), None);
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::Month, "2027-02".into())));
    assert_eq!(sla_of(&editor).as_of_day, 28);
    let notice = editor.sla().notice().unwrap();
    assert_eq!(
        notice,
        SlaNotice::DayMoved {
            month: YearMonth::new(2027, 2).unwrap(),
            from: 31,
            to: 28
        }
    );
    assert_eq!(
        notice.to_string(),
        "2027-02 has 28 days: the SLA is now as of day 28 (it was day 31)."
    );
    // The next edit clears the notice.
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::Target, "1000".into())));
    assert_eq!(editor.sla().notice(), None);
}

/// Entering leads for a thirteenth month used to delete the oldest month's leads without a
/// word; it is refused next to the cell and every month is kept.
#[test]
fn leads_for_a_thirteenth_month_are_refused_and_no_month_is_dropped() {
    let mut editor = editor_with_sla();
    let cell = SlaField::Actual {
        day: 1,
        channel: 0,
        persona: 0,
    };
    for month in 1..=11 {
        editor.apply(Edit::Sla(SlaEdit::Text(
            SlaField::Month,
            format!("2027-{month:02}"),
        )));
        editor.apply(Edit::Sla(SlaEdit::Text(cell, "3".into())));
        assert_eq!(editor.sla().error(cell), None, "month {month}");
    }
    assert_eq!(sla_of(&editor).actuals.len(), 12);
    let before = sla_of(&editor).actuals.clone();
    editor.apply(Edit::Sla(SlaEdit::Text(SlaField::Month, "2027-12".into())));
    editor.apply(Edit::Sla(SlaEdit::Text(cell, "3".into())));
    assert_eq!(editor.sla().error(cell), Some(&SlaInputError::MonthLimit));
    assert_eq!(sla_of(&editor).actuals, before);
    assert!(editor
        .sla()
        .error(cell)
        .unwrap()
        .to_string()
        .contains("at most 12 months"));
}
