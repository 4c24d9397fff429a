//! Stage times, stalled rows, the pipeline by owner and the measured velocity of a CRM
//! export, checked against `tests/golden/crm-stage-times.csv`, computed by hand below.
//!
//! The export (13 rows, line = row + 1, dates at midnight) by hand:
//! - **Lead → MQL** (creation → MQL date): rows 2 (2 days), 3 (4), 4 (1), 5 (3), 6 (2),
//!   7 (2), 8 (1), 12 (1) → sorted 1, 1, 1, 2, 2, 2, 3, 4: median (rank ⌈8 × 0.5⌉ = 4) 2,
//!   p90 (rank ⌈7.2⌉ = 8) 4. Row 9's MQL date (27 Feb) is before its creation (1 Mar): out
//!   of order, left out.
//! - **MQL → SQL**: rows 3 (4), 4 (3), 5 (2), 6 (1), 7 (4), 8 (1), 12 (1) → 1, 1, 1, 2, 3,
//!   4, 4: median (rank 4) 2, p90 (rank 7) 4.
//! - **SQL → opportunity**: rows 4 (10), 5 (5), 6 (4), 7 (4), 8 (1), 12 (7) → 1, 4, 4, 5,
//!   7, 10: median (rank 3) 4, p90 (rank 6) 10.
//! - **Opportunity → won**: rows 5 (11 Jan → 10 Feb, 30) and 6 (12 Jan → 1 Feb, 20); row 7
//!   is lost, so its close date is no win → 20, 30: median 20, p90 30.
//! - **Sales cycle** (creation → won): rows 5 (40), 6 (27), 10 (20 Jan → 1 Mar, 40) → 27,
//!   40, 40: median 40, p90 40.
//! - The latest date is 1 March. **Open** rows (row 7 lost, row 13 unqualified, rows 5, 6,
//!   10 won): leads 1 (59 days, stalled: > 4) and 11 (2 days); MQL 2 (57, stalled) and 9
//!   (2); SQL 3 (50, stalled: > 4); opportunities 4 (45, stalled: > 30), 8 (55, stalled) and
//!   12 (19). Stalled deals, longest first: line 9 (Bob, 8,000, 55 days), line 5 (Alice,
//!   10,000, 45 days).
//! - **By owner**: Alice has rows 4 (open 10,000), 5 (won 20,000), 7 (lost 5,000), 10 (won
//!   6,000): 4 opportunities, 1 open (10,000), won 2 for 26,000, win rate 1/2, 1 stalled.
//!   Bob has rows 6 (won 30,000), 8 (open 8,000), 12 (open 12,000): 3, 2 open (20,000), won
//!   1, win rate 1/3, 1 stalled. Together: 7 opportunities, won 3 (56,000), win rate 3/7;
//!   weighted open pipeline 30,000 × 3/7 = 12,857.14 (Alice 10,000 × 3/7, Bob 20,000 × 3/7).
//! - **Velocity**: 3 open × 56,000 ÷ 3 average won × 3/7 ÷ 40 days = 600 a day, × 30.4375
//!   = 18,262.5 a month.

use funnelsim::model::crm::import::{CrmData, CrmImport};
use funnelsim::model::crm::map::{ColumnMapping, CrmField};
use funnelsim::model::crm::parse::{CrmRow, Lifecycle};
use funnelsim::model::crm::pipeline::{measured_velocity, owner_pipelines};
use funnelsim::model::crm::timing::{StageTimes, TimingTally};
use funnelsim::model::forecast::edit::{ForecastDrafts, ForecastEdit};
use funnelsim::model::Scenario;
use proptest::prelude::*;
use std::rc::Rc;

const EXPORT: &str = include_str!("../golden/crm-stage-times.csv");

fn import(text: &str) -> CrmData {
    let mut import = CrmImport::new(None);
    import.feed(text);
    import.finish().unwrap()
}

fn near(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn the_stage_date_columns_are_found_in_english_and_in_french() {
    let header = |line: &str| line.split(',').map(str::to_owned).collect::<Vec<_>>();
    let english = ColumnMapping::detect(&header(EXPORT.lines().next().unwrap()));
    let dates = CrmField::STAGE_DATES.map(|f| english.column(f));
    assert_eq!(dates, [Some(8), Some(9), Some(10), Some(11)]);
    let french = ColumnMapping::detect(&header(
        "Date de création,Étape du cycle de vie,Date de passage en MQL,Date de passage en SQL,Date de création de l'opportunité,Date de signature",
    ));
    assert_eq!(french.column(CrmField::Created), Some(0));
    let dates = CrmField::STAGE_DATES.map(|f| french.column(f));
    assert_eq!(dates, [Some(2), Some(3), Some(4), Some(5)]);
}

#[test]
fn the_hand_computed_stage_times() {
    let data = import(EXPORT);
    assert_eq!((data.rows, data.skipped), (13, 0), "{:?}", data.problems);
    let t = &data.kpis.timing;
    let expected = [
        // (count, median, p90, out of order, open, stalled)
        (8, 2.0, 4.0, 1, 2, 1),
        (7, 2.0, 4.0, 0, 2, 1),
        (6, 4.0, 10.0, 0, 1, 1),
        (2, 20.0, 30.0, 0, 3, 2),
    ];
    for (step, (count, median, p90, out, open, stalled)) in t.steps.iter().zip(expected) {
        assert_eq!(step.days.count, count, "{:?}", step.from);
        near(step.days.median, median);
        near(step.days.p90, p90);
        assert_eq!(
            (step.out_of_order, step.open, step.stalled),
            (out, open, stalled),
            "{:?}",
            step.from
        );
    }
    assert_eq!(t.cycle.count, 3);
    near(t.cycle.median, 40.0);
    near(t.cycle.p90, 40.0);
    assert_eq!(t.cycle_days(), Some(40.0));
    let deals: Vec<(u64, Option<&str>, Option<f64>, f64)> = t
        .stalled_deals
        .iter()
        .map(|d| (d.line, d.owner.as_deref(), d.amount, d.days_open))
        .collect();
    assert_eq!(
        deals,
        [
            (9, Some("Bob"), Some(8_000.0), 55.0),
            (5, Some("Alice"), Some(10_000.0), 45.0)
        ]
    );
}

#[test]
fn the_hand_computed_pipeline_by_owner_and_velocity() {
    let data = import(EXPORT);
    let owners = owner_pipelines(&data.kpis);
    let rows: Vec<_> = owners
        .iter()
        .map(|o| {
            (
                o.owner.as_deref(),
                o.opportunities,
                o.open,
                o.open_pipeline,
                o.won,
                o.won_amount,
                o.stalled,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some("Alice"), 4, 1, 10_000.0, 2, 26_000.0, 1),
            (Some("Bob"), 3, 2, 20_000.0, 1, 30_000.0, 1),
            (None, 7, 3, 30_000.0, 3, 56_000.0, 2),
        ]
    );
    near(owners[0].win_rate, 0.5);
    near(owners[1].win_rate, 1.0 / 3.0);
    near(owners[0].weighted, 10_000.0 * 3.0 / 7.0);
    near(owners[1].weighted, 20_000.0 * 3.0 / 7.0);
    near(owners[2].weighted, 30_000.0 * 3.0 / 7.0);
    let velocity = measured_velocity(&data.kpis, String::new()).unwrap();
    assert_eq!(velocity.opportunities, 3.0);
    near(Some(velocity.average_deal), 56_000.0 / 3.0);
    assert_eq!(velocity.cycle_days, 40.0);
    near(velocity.per_day, 600.0);
    near(velocity.per_period, 18_262.5);
}

#[test]
fn an_export_without_stage_dates_measures_nothing_and_has_no_velocity() {
    let text = "Create Date,Lifecycle Stage,Amount,Deal Stage\n2026-01-01,customer,100,Closed won\n2026-01-02,opportunity,50,Proposal\n";
    let data = import(text);
    assert!(!data.kpis.timing.measured());
    assert_eq!(data.kpis.timing.cycle_days(), None);
    assert_eq!(measured_velocity(&data.kpis, String::new()), None);
    // Nothing is stalled without a p90 to compare with.
    assert!(data.kpis.timing.steps.iter().all(|s| s.stalled == 0));
}

#[test]
fn a_stage_date_that_is_not_a_date_skips_its_row_with_a_message() {
    let text =
        format!("{EXPORT}14,2026-01-01,marketingqualifiedlead,New,Paid ads,Alice,,,soon,,,\n");
    let data = import(&text);
    assert_eq!((data.rows, data.skipped), (13, 1));
    assert_eq!(
        data.problems[0].to_string(),
        "line 15: “soon” is not a date"
    );
}

#[test]
fn the_measured_cycle_becomes_the_projection_s_in_one_edit() {
    let mut scenario = Scenario::default();
    assert!(scenario.projection.is_none());
    let mut drafts = ForecastDrafts::default();
    drafts.apply(&mut scenario, ForecastEdit::MeasuredCycle(40.0));
    let projection = scenario.projection.clone().expect("started");
    assert_eq!(projection.sales_cycle_days, 40.0);
    // The rest is what starting a projection gives.
    let mut started = Scenario::default();
    drafts.apply(&mut started, ForecastEdit::StartProjection);
    let started = started.projection.unwrap();
    assert_eq!(projection.months, started.months);
    assert_eq!(projection.churn_pct, started.churn_pct);
    // A cycle beyond the projection's three years changes nothing.
    drafts.apply(&mut scenario, ForecastEdit::MeasuredCycle(5_000.0));
    assert_eq!(scenario.projection.unwrap().sales_cycle_days, 40.0);
    let mut fresh = Scenario::default();
    drafts.apply(&mut fresh, ForecastEdit::MeasuredCycle(f64::NAN));
    assert!(
        fresh.projection.is_none(),
        "nothing is started for a bad cycle"
    );
}

fn row(stage: usize, created: i64, steps: [Option<i64>; 4], won: bool) -> CrmRow {
    // Each later date is the previous known date + its step (in minutes; negative = out of order).
    let mut reached_on = [None; 4];
    let mut last = created;
    for (date, step) in reached_on.iter_mut().zip(steps) {
        if let Some(step) = step {
            last += step;
            *date = Some(last);
        }
    }
    CrmRow {
        line: 2,
        created,
        stage: Lifecycle::ALL[stage],
        status: None,
        source: Rc::from("x"),
        owner: None,
        first_contact: None,
        amount: Some(100.0),
        deal_stage: won.then(|| Rc::from("Closed won")),
        reached_on,
    }
}

fn times(rows: &[CrmRow]) -> StageTimes {
    let mut tally = TimingTally::default();
    for r in rows {
        let won = r.stage == Lifecycle::Customer || r.deal_stage.is_some();
        tally.add(r, won, false);
    }
    tally.finish()
}

proptest! {
    #[test]
    fn quantiles_are_ordered_and_stalled_rows_are_open_past_the_p90(
        rows in prop::collection::vec(
            (1usize..6, 0i64..100_000, prop::array::uniform4(prop::option::of(-2_000i64..50_000)), any::<bool>()),
            1..60,
        )
    ) {
        let rows: Vec<CrmRow> = rows.into_iter().map(|(s, c, d, w)| row(s, c, d, w)).collect();
        let t = times(&rows);
        for step in &t.steps {
            prop_assert!(step.stalled <= step.open);
            if let (Some(median), Some(p90)) = (step.days.median, step.days.p90) {
                prop_assert!(0.0 <= median && median <= p90);
            } else {
                prop_assert_eq!(step.days.count, 0);
                prop_assert_eq!(step.stalled, 0);
            }
        }
        let p90 = t.steps[3].days.p90;
        for deal in &t.stalled_deals {
            prop_assert!(deal.days_open > p90.unwrap());
        }
        prop_assert_eq!(t.stalled_deals.len(), t.steps[3].stalled);
        prop_assert!(t.stalled_deals.windows(2).all(|w| w[0].days_open >= w[1].days_open));
        // Every pair of known, consecutive dates is measured or counted out of order.
        let pairs: usize = t.steps.iter().map(|s| s.days.count + s.out_of_order).sum();
        let expected: usize = rows
            .iter()
            .map(|r| {
                let won = r.stage == Lifecycle::Customer || r.deal_stage.is_some();
                let dates = [
                    Some(r.created),
                    r.reached_on[0],
                    r.reached_on[1],
                    r.reached_on[2],
                    r.reached_on[3].filter(|_| won),
                ];
                dates.windows(2).filter(|p| p[0].is_some() && p[1].is_some()).count()
            })
            .sum();
        prop_assert_eq!(pairs, expected);
    }
}
