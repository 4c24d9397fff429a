//! SLA files: leads as CSV (export → import round trip, tab and semicolon delimiters,
//! repeated rows adding up, every refusal naming its line and leaving the SLA unchanged) and
//! the SLA table as CSV, read back with the csv crate.

use crate::support;
use funnelsim::model::sla::calculator::{analyse_sla, funnel_close_rate, Sla, YearMonth};
use funnelsim::model::sla::csv_file::{actuals_csv, import_actuals_csv, sla_csv, ActualsCsvError};
use funnelsim::model::Scenario;
use proptest::prelude::*;

fn november() -> YearMonth {
    YearMonth::new(2026, 11).unwrap()
}

fn example() -> Sla {
    Sla::example(&Scenario::default(), november(), 10)
}

#[test]
fn exported_leads_import_back_into_an_empty_sla() {
    let sla = example();
    let text = actuals_csv(&sla).unwrap();
    assert!(
        text.starts_with("date,channel,persona,leads\n2026-11-01,Organic search,Small business,"),
        "{text}"
    );
    let mut empty = sla.clone();
    empty.actuals.clear();
    let (imported, summary) = import_actuals_csv(&empty, &text).unwrap();
    assert_eq!(imported.actuals, sla.actuals);
    assert_eq!(summary.months, [november()]);
    let total: u64 = sla.actuals[0]
        .days
        .iter()
        .flatten()
        .map(|&n| u64::from(n))
        .sum();
    assert_eq!(summary.leads, total);
    assert!(summary.to_string().starts_with("Imported "));
}

#[test]
fn pasted_spreadsheet_text_and_european_csv_are_read() {
    let mut sla = example();
    sla.actuals.clear();
    let tabs = "Date\tChannel\tPersona\tLeads\n2026-11-03\tE-MAIL\tlarge account\t4\n2026-11-03\tE-mail\tLarge account\t3\n";
    let (imported, summary) = import_actuals_csv(&sla, tabs).unwrap();
    // Names match whatever their case; repeated rows add up.
    assert_eq!(imported.actuals[0].days[2][sla.cell(2, 2)], 7);
    assert_eq!(summary.rows, 2);
    let semicolons = "leads;persona;channel;date\n5;Small business;Outbound;2026-12-31\n";
    let (imported, _) = import_actuals_csv(&sla, semicolons).unwrap();
    assert_eq!(imported.actuals[0].month, YearMonth::new(2026, 12).unwrap());
    assert_eq!(imported.actuals[0].days[30][sla.cell(4, 0)], 5);
}

#[test]
fn broken_files_are_refused_with_their_line_and_change_nothing() {
    let sla = example();
    let header = "date,channel,persona,leads\n";
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "no rows"),
        (
            "date,channel,leads\n2026-11-01,E-mail,3\n".into(),
            "“persona” column",
        ),
        (
            format!("{header}2026-11-31,E-mail,Small business,3\n"),
            "Line 2: “2026-11-31” is not a date",
        ),
        (
            format!("{header}2026-11-02,Fax,Small business,3\n"),
            "Line 2: no channel is called “Fax” (channels: Organic search,",
        ),
        (
            format!("{header}2026-11-02,E-mail,Robots,3\n"),
            "Line 2: no persona is called “Robots”",
        ),
        (
            format!(
                "{header}2026-11-02,E-mail,Small business,3\n2026-11-02,E-mail,Small business,-1\n"
            ),
            "Line 3: “-1” is not a whole number",
        ),
        (
            format!("{header}2026-11-02,E-mail,Small business,2.5\n"),
            "“2.5” is not a whole number",
        ),
        (
            format!("{header}2026-11-02,\"E-mail,Small business,3\n"),
            "cannot be read",
        ),
        (
            format!("{header}2026-11-02,E-mail,Small business\n"),
            "Line 2 cannot be read",
        ),
    ];
    for (text, expected) in cases {
        let error = import_actuals_csv(&sla, &text).unwrap_err();
        assert!(error.to_string().contains(expected), "{text:?}: {error}");
    }
    // Thirteen months: refused as a whole.
    let months: String = (1..=12)
        .map(|m| format!("2025-{m:02}-01,E-mail,Small business,1\n"))
        .collect();
    assert_eq!(
        import_actuals_csv(&sla, &format!("{header}{months}")).unwrap_err(),
        ActualsCsvError::TooManyMonths
    );
}

#[test]
fn the_sla_table_lists_every_segment_then_channels_and_the_total() {
    let sla = example();
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    let text = sla_csv(&sla, &analysis).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[6], "required_leads");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 15 + 5 + 1);
    assert_eq!(&rows[0][0], "Organic search");
    assert_eq!(&rows[0][4], "320");
    let total = rows.last().unwrap();
    assert_eq!(&total[0], "Total");
    assert_eq!(
        total[6].parse::<f64>().unwrap(),
        analysis.total_required.unwrap()
    );
    // An unreachable segment: an empty number and its reason.
    let mut zero = sla.clone();
    zero.close_rates[0][0] = Some(0.0);
    let text = sla_csv(
        &zero,
        &analyse_sla(&zero, funnel_close_rate(&Scenario::default())),
    )
    .unwrap();
    let first = text.lines().nth(1).unwrap();
    assert!(first.contains(",,zero_rate,"), "{first}");
}

#[test]
fn names_a_spreadsheet_would_run_as_formulas_round_trip() {
    let mut sla = example();
    sla.channels[0] = "=Paid".into();
    sla.channels[1] = "-Direct".into();
    sla.personas[0].name = "@Mentions".into();
    sla.personas[1].name = "+Plus".into();
    let text = actuals_csv(&sla).unwrap();
    // Exported with the leading ' that keeps a spreadsheet from running them…
    assert!(text.contains("\n2026-11-01,'=Paid,'@Mentions,"), "{text}");
    // …and read back as the names they are.
    let mut empty = sla.clone();
    empty.actuals.clear();
    let (imported, _) = import_actuals_csv(&empty, &text).unwrap();
    assert_eq!(imported.actuals, sla.actuals);
    // Typed without the quote, they are found too.
    let typed = "date,channel,persona,leads\n2026-11-02,-direct,+plus,4\n";
    let (imported, _) = import_actuals_csv(&empty, typed).unwrap();
    assert_eq!(imported.actuals[0].days[1][sla.cell(1, 1)], 4);
}

#[test]
fn rows_set_the_day_they_name_and_leave_the_others() {
    let sla = example();
    let text = "date,channel,persona,leads\n2026-11-02,E-mail,Small business,0\n";
    let (imported, summary) = import_actuals_csv(&sla, text).unwrap();
    let cell = sla.cell(2, 0);
    assert_ne!(sla.actuals[0].days[1][cell], 0);
    assert_eq!(imported.actuals[0].days[1][cell], 0);
    // Every other segment-day is as it was.
    let mut expected = sla.actuals.clone();
    expected[0].days[1][cell] = 0;
    assert_eq!(imported.actuals, expected);
    assert_eq!((summary.rows, summary.leads), (1, 0));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any valid set-up's leads, exported, import back into it with its leads cleared
    /// (months without a lead are not written, so they do not come back).
    #[test]
    fn exported_leads_of_any_sla_import_back(sla in support::sla::valid_sla()) {
        let text = actuals_csv(&sla).unwrap();
        let mut expected: Vec<_> = sla
            .actuals
            .iter()
            .filter(|m| m.days.iter().flatten().any(|&n| n > 0))
            .cloned()
            .collect();
        expected.sort_by_key(|m| m.month);
        let mut empty = sla.clone();
        empty.actuals.clear();
        match import_actuals_csv(&empty, &text) {
            Ok((imported, summary)) => {
                prop_assert_eq!(&imported.actuals, &expected);
                prop_assert_eq!(summary.months.len(), expected.len());
            }
            Err(error) => {
                prop_assert!(expected.is_empty(), "{}: {}", error, text);
                prop_assert_eq!(error, ActualsCsvError::Empty);
            }
        }
    }

    /// Any text is read or refused, never a panic; a refusal changes nothing (the input is
    /// only borrowed) and names its reason.
    #[test]
    fn any_text_is_read_or_refused(body in r#"([0-9x",;\t\r\n-]|E-mail|Outbound|Small business){0,60}"#) {
        let sla = example();
        let text = format!("date,channel,persona,leads\n{body}");
        if let Err(error) = import_actuals_csv(&sla, &text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

/// Pasting 600,000 leads a day three times for one segment said "Imported 3 rows:
/// 1800000 leads" and stored 1,000,000. The paste is now refused, naming the line that went
/// over, and nothing changes; the summary groups its figures and says "1 row".
#[test]
fn repeated_rows_over_a_day_are_refused_and_the_summary_reports_what_is_stored() {
    let mut sla = example();
    sla.actuals.clear();
    let row = "2026-11-03,E-mail,Small business,600000\n";
    let text = format!("date,channel,persona,leads\n{row}{row}{row}");
    let err = import_actuals_csv(&sla, &text).unwrap_err();
    assert!(
        matches!(
            err,
            ActualsCsvError::DayTooLarge {
                line: 3,
                total: 1_200_000,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.starts_with("Line 3: the rows for 2026-11-03, E-mail × Small business add up to 1,200,000 leads, more than the 1,000,000"), "{message}");

    let (imported, summary) =
        import_actuals_csv(&sla, &format!("date,channel,persona,leads\n{row}")).unwrap();
    assert_eq!(imported.actuals[0].days[2][sla.cell(2, 0)], 600_000);
    assert_eq!(
        summary.to_string(),
        "Imported 1 row: 600,000 leads in 2026-11."
    );
}
