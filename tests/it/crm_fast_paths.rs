//! The CRM import's fast paths read as the general ones: an ISO date (read byte by byte) is
//! the same minute as the same date written with slashes (read the general way), for any
//! date, time and seconds (proptest); texts near the ISO shape still read the general way;
//! the tally's won, lost and accepted (each distinct text read once) are `row_won`'s,
//! `row_lost`'s and each row's own, read alone.
use std::rc::Rc;

use funnelsim::model::crm::kpi::{compute_kpis, row_lost, row_won};
use funnelsim::model::crm::parse::{parse_date_time, CrmRow, DayOrder, Lifecycle};
use proptest::prelude::*;

proptest! {
    #[test]
    fn iso_dates_read_as_the_same_date_with_slashes(
        year in 1960i64..10_050,
        month in 0i64..14,
        day in 0i64..33,
        hours in 0i64..26,
        minutes in 0i64..62,
        seconds in 0i64..61,
        form in 0usize..4,
    ) {
        let date = format!("{year:04}-{month:02}-{day:02}");
        let slashes = format!("{day:02}/{month:02}/{year:04}");
        let (iso, general) = match form {
            0 => (date, slashes),
            1 => (format!("{date} {hours:02}:{minutes:02}"), format!("{slashes} {hours:02}:{minutes:02}")),
            2 => (format!("{date}T{hours:02}:{minutes:02}"), format!("{slashes}T{hours:02}:{minutes:02}")),
            _ => (
                format!("{date}T{hours:02}:{minutes:02}:{seconds:02}"),
                format!("{slashes} {hours:02}:{minutes:02}:{seconds:02}"),
            ),
        };
        prop_assert_eq!(
            parse_date_time(&iso, DayOrder::MonthFirst),
            parse_date_time(&general, DayOrder::DayFirst),
            "{} / {}", iso, general
        );
    }
}

#[test]
fn texts_near_the_iso_shape_read_the_general_way() {
    let day = parse_date_time("2026-03-14", DayOrder::DayFirst).unwrap();
    for (text, minutes) in [
        (" 2026-03-14 09:30 ", Some(day + 570)),
        ("2026-03-14 09:30:xx", Some(day + 570)),
        ("2026-03-14 9:30", Some(day + 570)),
        ("2026-03-14T09:30:00Z", Some(day + 570)),
        ("2026-03-14 24:00", None),
        ("2026-02-30", None),
        ("0014-03-2026", Some(day)),
        ("2026-03-1a", None),
    ] {
        assert_eq!(parse_date_time(text, DayOrder::DayFirst), minutes, "{text}");
    }
}

#[test]
fn the_tally_reads_won_lost_and_accepted_as_each_row_says() {
    let texts = [
        None,
        Some("Closed won"),
        Some("Gagné"),
        Some("Closed lost"),
        Some("Perdue"),
        Some("Accepted"),
        Some("SAL"),
        Some("Disqualified"),
        Some("Proposal"),
    ];
    let mut rows = Vec::new();
    for (i, status) in texts.iter().enumerate() {
        for (j, deal) in texts.iter().enumerate() {
            for stage in [Lifecycle::Mql, Lifecycle::Opportunity, Lifecycle::Customer] {
                rows.push(CrmRow {
                    line: (rows.len() + 2) as u64,
                    created: 0,
                    stage,
                    // The same text shared by some rows, apart in others, as read_row gives.
                    status: status.map(|s| Rc::from(s.to_owned() + &" ".repeat(i % 2))),
                    source: Rc::from("Organic search"),
                    owner: None,
                    first_contact: None,
                    amount: Some(100.0),
                    deal_stage: deal.map(|d| Rc::from(d.to_owned() + &" ".repeat(j % 2))),
                    reached_on: [None; 4],
                });
            }
        }
    }
    let kpis = compute_kpis(&rows);
    let opportunities = rows.iter().filter(|r| r.stage >= Lifecycle::Opportunity);
    let won = opportunities.clone().filter(|r| row_won(r)).count();
    let lost = opportunities.filter(|r| !row_won(r) && row_lost(r)).count();
    assert_eq!((kpis.total.won, kpis.total.lost), (won, lost));
    // Each row alone in a tally of its own reads its texts afresh.
    let accepted: usize = rows
        .iter()
        .map(|r| compute_kpis(std::slice::from_ref(r)).total.accepted)
        .sum();
    assert_eq!(kpis.total.accepted, accepted);
}
