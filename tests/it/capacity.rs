//! The sales team's capacity, worked by hand on the published rep funnel: one SDR works 100
//! MQL a month, of which 50 are connected, 30 get a discovery call, 15 a demo and 5 become
//! customers (monthly scenario, basket 10,000 €).
//!
//! - 1,000 MQL a month and 10 SDRs at 100 each: capacity 1,000, utilisation 100 %, nothing
//!   unworked, 50 customers. A target of 600,000 € a month needs 60 customers, so 1,200 MQL
//!   (60 × 100 ÷ 5), so 12 SDRs.
//! - 1,500 MQL a month and the same 10 SDRs: utilisation 150 %, 500 MQL unworked, which would
//!   have made 500 × 5 % = 25 customers: 250,000 € of revenue lost a month (75 customers
//!   without the limit, 50 with it).
//! - Attrition of 3 % a month with a 4-month linear ramp-up: each replacement loses 2
//!   months of work, so 3 % × 2 = 6 % of the team's work: 10 SDRs work 940 MQL a month, and
//!   the 1,200 MQL target needs ⌈1,200 ÷ 94⌉ = 13 SDRs. A step ramp-up (nothing for 4
//!   months) loses 12 %: 880.
//! - In a flat 12-month projection with no sales cycle, 1,500 MQL a month and 10 SDRs give
//!   50 customers a month. 5 SDRs hired in month 4 with a 2-month linear ramp-up work ¼ of
//!   a full load in their first month and ¾ in their second (the middle of each month):
//!   capacity 1,125 then 1,375, so 56.25 then 68.75 customers; from month 6 the 1,500 MQL
//!   are all worked: 75 customers.
//! - Account executives on the demos, 3 of them at 15 a month: with 1,000 MQL the SDRs pass
//!   150 demos, the AEs work 45 (utilisation 333 %): the bottleneck. 45 × ⅓ = 15 customers
//!   instead of 50: 35 lost.

use std::sync::Arc;

use funnelsim::model::persist::export::{import_json, scenario_json, Imported};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::sales::capacity::{check_team, Ramp, Role, Team, TeamProblem};
use funnelsim::model::sales::team_edit::{TeamEdit, TeamField, TeamInputError};
use funnelsim::model::{analyse, Edit, Editor, NamedScenario, Period, Scenario, Stage};
use proptest::prelude::*;

use crate::channels::assert_near;

fn rep_funnel(mql: f64) -> Scenario {
    Scenario {
        period: Period::Month,
        stages: vec![
            Stage::new("MQL", mql),
            Stage::new("Connected", 50.0),
            Stage::new("Discovery", 60.0),
            Stage::new("Demo", 50.0),
            Stage::new("Customers", 100.0 / 3.0),
        ],
        basket: 10_000.0,
        target_revenue: 600_000.0,
        ..Scenario::default()
    }
}

fn role(name: &str, stage: usize, headcount: f64, per_person: f64) -> Role {
    Role {
        name: name.to_owned(),
        stage,
        headcount,
        per_person,
        ramp_months: 0.0,
        ramp: Ramp::Linear,
        attrition_pct: 0.0,
        hires: Vec::new(),
    }
}

fn with_team(scenario: Scenario, roles: Vec<Role>) -> Scenario {
    Scenario {
        team: Some(Arc::new(Team { roles })),
        ..scenario
    }
}

#[test]
fn ten_sdrs_work_a_thousand_mql_and_the_target_needs_twelve() {
    let scenario = with_team(rep_funnel(1_000.0), vec![role("SDRs", 0, 10.0, 100.0)]);
    let capacity = analyse(&scenario).capacity.unwrap();
    let sdr = &capacity.roles[0];
    assert_near(sdr.demand, 1_000.0, 1e-9, "demand");
    assert_near(sdr.capacity, 1_000.0, 1e-9, "capacity");
    assert_eq!(sdr.unworked, 0.0);
    assert_near(sdr.utilisation.unwrap(), 1.0, 1e-12, "utilisation");
    assert_eq!(sdr.required_headcount, Some(12.0));
    assert_near(capacity.customers, 50.0, 1e-9, "customers");
    assert_eq!(capacity.customers_lost, 0.0);
    assert!(!capacity.over_capacity());
}

#[test]
fn demand_over_capacity_leaves_leads_unworked_and_revenue_lost() {
    let scenario = with_team(rep_funnel(1_500.0), vec![role("SDRs", 0, 10.0, 100.0)]);
    let analysis = analyse(&scenario);
    let capacity = analysis.capacity.unwrap();
    assert_near(analysis.funnel.customers, 75.0, 1e-9, "without the limit");
    assert_near(
        capacity.roles[0].utilisation.unwrap(),
        1.5,
        1e-12,
        "utilisation",
    );
    assert_near(capacity.roles[0].unworked, 500.0, 1e-9, "unworked MQL");
    assert_near(capacity.customers, 50.0, 1e-9, "customers");
    assert_near(capacity.customers_lost, 25.0, 1e-9, "customers lost");
    assert_near(capacity.revenue_lost, 250_000.0, 1e-6, "revenue lost");
    assert!(capacity.over_capacity());
}

#[test]
fn attrition_and_ramp_up_take_their_share_of_the_work() {
    let mut sdr = role("SDRs", 0, 10.0, 100.0);
    sdr.attrition_pct = 3.0;
    sdr.ramp_months = 4.0;
    let scenario = with_team(rep_funnel(1_000.0), vec![sdr.clone()]);
    let capacity = analyse(&scenario).capacity.unwrap();
    assert_near(capacity.roles[0].capacity, 940.0, 1e-9, "linear ramp-up");
    assert_eq!(capacity.roles[0].required_headcount, Some(13.0));
    sdr.ramp = Ramp::Step;
    let capacity = analyse(&with_team(rep_funnel(1_000.0), vec![sdr]))
        .capacity
        .unwrap();
    assert_near(capacity.roles[0].capacity, 880.0, 1e-9, "step ramp-up");
}

#[test]
fn hires_in_the_projection_ramp_up_and_the_months_recover() {
    use funnelsim::model::forecast::projection::{project_scenario, Projection};
    use funnelsim::model::sales::capacity::Hire;
    let mut sdr = role("SDRs", 0, 10.0, 100.0);
    sdr.ramp_months = 2.0;
    let projection = Projection {
        months: 12,
        sales_cycle_days: 0.0,
        ..Projection::default()
    };
    let with = |sdr: Role| Scenario {
        projection: Some(Arc::new(projection.clone())),
        ..with_team(rep_funnel(1_500.0), vec![sdr])
    };
    let before = project_scenario(&with(sdr.clone())).unwrap();
    for month in &before.months {
        assert_near(month.new_customers, 50.0, 1e-9, "customers a month");
        assert_near(
            month.team[0].demand - month.team[0].worked,
            500.0,
            1e-9,
            "unworked",
        );
    }
    sdr.hires.push(Hire {
        month: 4,
        count: 5.0,
    });
    let after = project_scenario(&with(sdr)).unwrap();
    let customers: Vec<f64> = after.months.iter().map(|m| m.new_customers).collect();
    for (m, expected) in [
        (0, 50.0),
        (2, 50.0),
        (3, 56.25),
        (4, 68.75),
        (5, 75.0),
        (11, 75.0),
    ] {
        assert_near(customers[m], expected, 1e-9, &format!("month {}", m + 1));
    }
    assert_near(
        after.months[3].team[0].capacity,
        1_125.0,
        1e-9,
        "month 4 capacity",
    );
    // The same scenario without a team projects the funnel's own 75 a month.
    let plain = project_scenario(&Scenario {
        team: None,
        segment: None,
        ..with(role("SDRs", 0, 10.0, 100.0))
    })
    .unwrap();
    assert!(plain
        .months
        .iter()
        .all(|m| (m.new_customers - 75.0).abs() < 1e-9 && m.team.is_empty()));
}

/// The Monte Carlo's fan tells the projection's truth: with every input certain, each
/// month's P50 of cumulative revenue is the projection's, team limits and hires included.
#[test]
fn the_monte_carlo_fan_of_a_limited_team_is_the_projection_s() {
    use funnelsim::model::forecast::monte_carlo::simulate;
    use funnelsim::model::forecast::projection::{project_scenario, Projection};
    use funnelsim::model::forecast::uncertainty::Uncertainty;
    use funnelsim::model::sales::capacity::Hire;
    let mut sdr = role("SDRs", 2, 10.0, 100.0);
    sdr.ramp_months = 3.0;
    sdr.attrition_pct = 2.0;
    sdr.hires.push(Hire {
        month: 5,
        count: 4.0,
    });
    let scenario = Scenario {
        projection: Some(Arc::new(Projection {
            months: 12,
            ..Projection::default()
        })),
        uncertainty: Some(Arc::new(Uncertainty {
            trials: 11,
            ..Uncertainty::default()
        })),
        ..with_team(
            rep_funnel(5_000.0),
            vec![sdr, role("Closers", 3, 4.0, 30.0)],
        )
    };
    let projection = project_scenario(&scenario).unwrap();
    let without_team = project_scenario(&Scenario {
        team: None,
        segment: None,
        ..scenario.clone()
    })
    .unwrap();
    assert!(
        projection.revenue < without_team.revenue * 0.9,
        "the team limits the months"
    );
    let summary = simulate(&scenario).unwrap();
    for (fan, month) in summary.fan.iter().zip(&projection.months) {
        let expected = month.cumulative_revenue;
        assert!(
            (fan.p50 - expected).abs() <= 1e-4 * expected.max(1.0),
            "month {}: {} vs {expected}",
            month.month,
            fan.p50
        );
    }
}

#[test]
fn a_steady_team_s_months_match_its_steady_state() {
    let mut sdr = role("SDRs", 0, 10.0, 100.0);
    sdr.attrition_pct = 3.0;
    sdr.ramp_months = 4.0;
    let months = sdr.monthly_capacity(36);
    // Ramping replacements settle near 94 % of the work (3 % × 2 months lost): the
    // replacements themselves also leave, so slightly above.
    assert!(
        months.windows(2).all(|w| w[1] <= w[0] + 1e-9),
        "falls towards steady state"
    );
    assert_near(
        months[35],
        sdr.capacity(),
        0.01 * sdr.capacity(),
        "steady state",
    );
}

#[test]
fn the_account_executives_on_the_demos_are_the_bottleneck() {
    let scenario = with_team(
        rep_funnel(1_000.0),
        vec![role("AEs", 3, 3.0, 15.0), role("SDRs", 0, 10.0, 100.0)],
    );
    let capacity = analyse(&scenario).capacity.unwrap();
    // In the order of their stages.
    assert_eq!(capacity.roles[0].name, "SDRs");
    let ae = &capacity.roles[1];
    assert_near(ae.demand, 150.0, 1e-9, "demos");
    assert_near(ae.worked, 45.0, 1e-9, "worked");
    assert_near(ae.utilisation.unwrap(), 150.0 / 45.0, 1e-12, "utilisation");
    assert_eq!(capacity.bottleneck, Some(1));
    assert_near(capacity.customers, 15.0, 1e-9, "customers");
    assert_near(capacity.customers_lost, 35.0, 1e-9, "lost");
    // 60 customers need 180 demos a month: 12 AEs.
    assert_eq!(ae.required_headcount, Some(12.0));
}

#[test]
fn nobody_on_a_stage_with_items_has_no_utilisation_but_is_the_bottleneck() {
    let scenario = with_team(
        rep_funnel(1_000.0),
        vec![role("SDRs", 0, 10.0, 100.0), role("AEs", 3, 0.0, 15.0)],
    );
    let capacity = analyse(&scenario).capacity.unwrap();
    assert_eq!(capacity.roles[1].utilisation, None);
    assert_eq!(capacity.bottleneck, Some(1));
    assert_eq!(capacity.customers, 0.0);
    assert_near(capacity.customers_lost, 50.0, 1e-9, "everything lost");
}

#[test]
fn a_team_travels_in_the_link_and_a_broken_one_is_refused() {
    let scenario = with_team(
        rep_funnel(1_000.0),
        vec![
            role("SDRs, inbound", 0, 10.0, 100.0),
            Role {
                ramp: Ramp::Step,
                ramp_months: 2.5,
                attrition_pct: 1.5,
                hires: vec![
                    funnelsim::model::sales::capacity::Hire {
                        month: 4,
                        count: 2.0,
                    },
                    funnelsim::model::sales::capacity::Hire {
                        month: 9,
                        count: 0.5,
                    },
                ],
                ..role("Account executives", 3, 3.0, 15.0)
            },
        ],
    );
    let query = encode(&scenario);
    assert!(
        query.contains("tm=0,10,100,0,linear,0,SDRs,%20inbound"),
        "{query}"
    );
    assert_eq!(decode(&query).unwrap(), scenario);
    let named = NamedScenario {
        name: "Team".into(),
        scenario: scenario.clone(),
    };
    match import_json(&scenario_json(&named).unwrap()).unwrap() {
        Imported::Scenario(back) => assert_eq!(back.scenario, scenario),
        other => panic!("{other:?}"),
    }
    let no_team = encode(&rep_funnel(1_000.0));
    assert!(!no_team.contains("tm="));
    assert_eq!(decode(&no_team).unwrap().team, None);
    for (broken, key) in [
        ("tm=9,1,100,0,linear,0,Far", "tm"),
        ("tm=0,-1,100,0,linear,0,Negative", "tm"),
        ("tm=0,1,100,0,sideways,0,Odd", "tm"),
        ("tm=0,1,100", "tm"),
        ("tm=0,1,100,0,linear,0,A&tm_hire=3:4:2", "tm_hire"),
        ("tm=0,1,100,0,linear,0,A&tm_hire=0:40:2", "40"),
        ("tm=0,1,100,0,linear,0,A&tm_hire=0:4", "tm_hire"),
        ("tm_hire=0:4:1", "tm_hire"),
    ] {
        let error = decode(&format!("{no_team}&{broken}"))
            .unwrap_err()
            .to_string();
        assert!(error.contains(key), "{broken}: {error}");
    }
    assert!(matches!(
        check_team(&Team { roles: vec![] }, 5),
        Err(TeamProblem::NoRoles)
    ));
}

#[test]
fn the_table_keeps_the_last_good_team_and_follows_the_stages() {
    let mut editor = Editor::new(rep_funnel(1_000.0));
    editor.apply(Edit::Team(TeamEdit::Start));
    let team = editor.scenario().team.clone().unwrap();
    // The starting team works today's funnel: SDRs on the third stage, AEs on the demos.
    assert_eq!(team.roles.len(), 2);
    assert_eq!((team.roles[0].stage, team.roles[1].stage), (2, 3));
    let capacity = analyse(editor.scenario()).capacity.unwrap();
    assert_eq!(capacity.customers_lost, 0.0, "starting moves no number");
    for bad in ["-2", "abc", "", "1e309"] {
        editor.apply(Edit::Team(TeamEdit::Text(
            TeamField::Headcount(0),
            bad.into(),
        )));
        assert!(
            editor.team().error(TeamField::Headcount(0)).is_some(),
            "{bad}"
        );
        assert_eq!(
            editor.scenario().team.as_ref().unwrap().roles[0],
            team.roles[0]
        );
    }
    editor.apply(Edit::Team(TeamEdit::Text(
        TeamField::Attrition(0),
        "120".into(),
    )));
    assert!(matches!(
        editor.team().error(TeamField::Attrition(0)),
        Some(TeamInputError::Value(_))
    ));
    editor.apply(Edit::Team(TeamEdit::Text(
        TeamField::Name(1),
        team.roles[0].name.to_uppercase(),
    )));
    assert!(matches!(
        editor.team().error(TeamField::Name(1)),
        Some(TeamInputError::DuplicateName(_))
    ));
    editor.apply(Edit::Team(TeamEdit::Text(
        TeamField::Headcount(0),
        "2".into(),
    )));
    assert_eq!(editor.team().error(TeamField::Headcount(0)), None);
    assert_eq!(
        editor.scenario().team.as_ref().unwrap().roles[0].headcount,
        2.0
    );
    // A stage inserted above the demos moves the AEs with them; removed, back again.
    editor.apply(Edit::InsertStage(1));
    assert_eq!(editor.scenario().team.as_ref().unwrap().roles[1].stage, 4);
    editor.apply(Edit::RemoveStage(1));
    assert_eq!(editor.scenario().team.as_ref().unwrap().roles[1].stage, 3);
    // Hires planned in the projection, as typed.
    let hires = |editor: &Editor| {
        editor.scenario().team.as_ref().unwrap().roles[0]
            .hires
            .clone()
    };
    editor.apply(Edit::Team(TeamEdit::Text(
        TeamField::Hires(0),
        "4:2; 9:0.5".into(),
    )));
    assert_eq!(
        hires(&editor),
        vec![
            funnelsim::model::sales::capacity::Hire {
                month: 4,
                count: 2.0
            },
            funnelsim::model::sales::capacity::Hire {
                month: 9,
                count: 0.5
            },
        ]
    );
    for (bad, expected) in [
        ("4-2", TeamInputError::HiresFormat),
        ("40:1", TeamInputError::HireMonth(40)),
        (
            "4:-1",
            TeamInputError::Value(funnelsim::model::sales::capacity::ValueProblem::Negative),
        ),
    ] {
        editor.apply(Edit::Team(TeamEdit::Text(TeamField::Hires(0), bad.into())));
        assert_eq!(
            editor.team().error(TeamField::Hires(0)),
            Some(&expected),
            "{bad}"
        );
        assert_eq!(hires(&editor).len(), 2, "the last good hires stay");
    }
    editor.apply(Edit::Team(TeamEdit::Text(TeamField::Hires(0), " ".into())));
    assert!(hires(&editor).is_empty());
    editor.apply(Edit::Team(TeamEdit::Remove(0)));
    editor.apply(Edit::Team(TeamEdit::Remove(0)));
    assert_eq!(
        editor.scenario().team,
        None,
        "the last role removed ends the team"
    );
}

fn any_role(stages: usize) -> impl Strategy<Value = Role> {
    (
        0..stages,
        0.0..40.0f64,
        0.0..500.0f64,
        0.0..12.0f64,
        prop_oneof![Just(Ramp::Linear), Just(Ramp::Step)],
        0.0..20.0f64,
    )
        .prop_map(
            |(stage, headcount, per_person, ramp_months, ramp, attrition_pct)| Role {
                name: format!("Role at {stage}"),
                stage,
                headcount,
                per_person,
                ramp_months,
                ramp,
                attrition_pct,
                hires: Vec::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// More people in any role never means fewer customers, and a role is within its
    /// capacity exactly when it leaves nothing unworked.
    #[test]
    fn more_headcount_never_means_fewer_customers(
        mql in 0.0..5_000.0f64,
        roles in prop::collection::vec(any_role(5), 1..4),
        which in 0usize..4,
        more in 0.0..10.0f64,
    ) {
        let mut roles = roles;
        for (i, role) in roles.iter_mut().enumerate() {
            role.name = format!("{} {i}", role.name);
        }
        let before = analyse(&with_team(rep_funnel(mql), roles.clone())).capacity.unwrap();
        for load in &before.roles {
            let within = load.utilisation.is_some_and(|u| u <= 1.0);
            prop_assert_eq!(within, load.unworked <= 0.0, "{:?}", load);
        }
        let i = which % roles.len();
        roles[i].headcount += more;
        let after = analyse(&with_team(rep_funnel(mql), roles)).capacity.unwrap();
        prop_assert!(after.customers >= before.customers - 1e-9 * before.customers.max(1.0));
    }
}
