//! Reading CRM exports as a stream: records are the same whatever the chunk boundaries
//! (property test), quoted fields with newlines and a BOM are handled, dates and amounts in
//! French and English formats, stages in both languages, and bad rows skipped with their line.
use funnelsim::model::crm::map::ColumnMapping;
use funnelsim::model::crm::parse::{
    detect_day_order, detect_delimiter, detect_number_style, parse_date_time, read_row, year_month,
    DayOrder, Interner, Lifecycle, Record, RecordStream, RowProblem,
};
use funnelsim::model::funnel::validate::{parse_number_as, NumberStyle};
use proptest::prelude::*;

const EXPORT: &str = "\u{feff}Create Date;Lifecycle Stage;Original Source;Amount;Notes\n\
14/03/2026 09:30;MQL;Organic search;\"12 500,50\";\"two\nlines\"\n\
\n\
15/03/2026;Client;Paid ads;1.234,5;\"say \"\"hi\"\"\"\n\
2026-03-16;opportunité;E-mail;;x\n";

fn records(text: &[u8], chunk: usize) -> Vec<Record> {
    let mut stream = RecordStream::new(b';');
    let mut out = Vec::new();
    for part in text.chunks(chunk.max(1)) {
        stream.feed(part, &mut |r| out.push(r));
    }
    stream.finish(&mut |r| out.push(r));
    out
}

#[test]
fn records_come_out_whole_with_their_line_numbers() {
    let all = records(EXPORT.as_bytes(), 1 << 20);
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(all[0].1[0], "Create Date", "the BOM is dropped");
    assert_eq!((all[1].0, all[1].1[4].as_str()), (2, "two\nlines"));
    assert_eq!((all[2].0, all[2].1[4].as_str()), (5, "say \"hi\""));
    assert_eq!(all[3].0, 6);
    // Byte by byte (a multi-byte character split across chunks too): the same records.
    assert_eq!(records(EXPORT.as_bytes(), 1), all);
}

#[test]
fn delimiters_dates_amounts_and_stages_in_both_languages() {
    assert_eq!(detect_delimiter("a;b;c"), b';');
    assert_eq!(detect_delimiter("a\tb\tc,d"), b'\t');
    assert_eq!(detect_delimiter("a,b;c,d"), b',');
    let day = |y, m, d| parse_date_time(&format!("{y}-{m:02}-{d:02}"), DayOrder::DayFirst).unwrap();
    assert_eq!(parse_date_time("1970-01-01", DayOrder::DayFirst), Some(0));
    assert_eq!(
        parse_date_time("14/03/2026 09:30", DayOrder::DayFirst),
        Some(day(2026, 3, 14) + 570)
    );
    assert_eq!(
        parse_date_time("03/14/2026", DayOrder::MonthFirst),
        Some(day(2026, 3, 14))
    );
    assert_eq!(
        parse_date_time("2026-03-14T09:30:00Z", DayOrder::DayFirst),
        Some(day(2026, 3, 14) + 570)
    );
    assert_eq!(
        parse_date_time("14.03.26", DayOrder::DayFirst),
        Some(day(2026, 3, 14))
    );
    for bad in ["", "31/02/2026", "2026-13-01", "hier", "14/03/2026 25:00"] {
        assert_eq!(parse_date_time(bad, DayOrder::DayFirst), None, "{bad}");
    }
    assert_eq!(year_month(day(2024, 2, 29) + 1_439), (2024, 2));
    assert_eq!(year_month(day(2026, 12, 31)), (2026, 12));
    assert_eq!(
        detect_day_order(["03/14/2026", "01/02/2026"].into_iter()),
        DayOrder::MonthFirst
    );
    assert_eq!(
        detect_day_order(["14/03/2026", "03/04/2026"].into_iter()),
        DayOrder::DayFirst
    );
    let (fr, en) = (NumberStyle::CommaDecimal, NumberStyle::DotDecimal);
    assert_eq!(parse_number_as("12 500,50", fr), Ok(12_500.5));
    assert_eq!(parse_number_as("1.234,5", fr), Ok(1_234.5));
    assert_eq!(parse_number_as("1,234.5", en), Ok(1_234.5));
    assert_eq!(parse_number_as("1,500", en), Ok(1_500.0));
    for (text, stage) in [
        ("marketingqualifiedlead", Lifecycle::Mql),
        ("Sales Qualified Lead", Lifecycle::Sql),
        ("Opportunité", Lifecycle::Opportunity),
        ("client", Lifecycle::Customer),
        ("Prospect", Lifecycle::Lead),
    ] {
        assert_eq!(Lifecycle::parse(text), Some(stage), "{text}");
    }
    assert_eq!(Lifecycle::parse("evangelist"), None);
}

#[test]
fn rows_are_read_through_the_mapping_and_bad_ones_named_by_line() {
    let all = records(EXPORT.as_bytes(), 7);
    let mapping = ColumnMapping::detect(&all[0].1);
    let rows: Vec<_> = all[1..]
        .iter()
        .map(|r| {
            read_row(
                r,
                &mapping,
                DayOrder::DayFirst,
                NumberStyle::CommaDecimal,
                &mut Interner::default(),
            )
        })
        .collect();
    let first = rows[0].as_ref().unwrap();
    assert_eq!(
        (first.stage, &*first.source, first.amount),
        (Lifecycle::Mql, "Organic search", Some(12_500.5))
    );
    assert_eq!(rows[1].as_ref().unwrap().stage, Lifecycle::Customer);
    assert_eq!(rows[2].as_ref().unwrap().amount, None);
    let bad: Record = (
        9,
        vec![
            "yesterday".into(),
            "MQL".into(),
            "x".into(),
            "1".into(),
            "".into(),
        ],
    );
    assert_eq!(
        read_row(
            &bad,
            &mapping,
            DayOrder::DayFirst,
            NumberStyle::CommaDecimal,
            &mut Interner::default()
        ),
        Err(RowProblem::BadDate {
            line: 9,
            value: "yesterday".into()
        })
    );
    let short: Record = (10, vec!["2026-01-01".into()]);
    assert!(matches!(
        read_row(
            &short,
            &mapping,
            DayOrder::DayFirst,
            NumberStyle::CommaDecimal,
            &mut Interner::default()
        ),
        Err(RowProblem::TooFewFields { line: 10, .. })
    ));
    let stage: Record = (
        11,
        vec![
            "2026-01-01".into(),
            "evangelist".into(),
            "x".into(),
            "".into(),
            "".into(),
        ],
    );
    assert!(read_row(
        &stage,
        &mapping,
        DayOrder::DayFirst,
        NumberStyle::CommaDecimal,
        &mut Interner::default()
    )
    .unwrap_err()
    .to_string()
    .contains("line 11"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Chunk boundaries never change the records.
    #[test]
    fn any_chunking_gives_the_same_records(cuts in prop::collection::vec(1usize..40, 1..30)) {
        let whole = records(EXPORT.as_bytes(), 1 << 20);
        let bytes = EXPORT.as_bytes();
        let mut stream = RecordStream::new(b';');
        let mut out = Vec::new();
        let mut at = 0;
        for cut in cuts {
            let end = (at + cut).min(bytes.len());
            stream.feed(&bytes[at..end], &mut |r| out.push(r));
            at = end;
        }
        stream.feed(&bytes[at..], &mut |r| out.push(r));
        stream.finish(&mut |r| out.push(r));
        prop_assert_eq!(out, whole);
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut stream = RecordStream::new(b',');
        let mut count = 0;
        stream.feed(&bytes, &mut |_| count += 1);
        stream.finish(&mut |_| count += 1);
        let _ = count;
    }
}

/// The number style of an export is decided from its amounts as a whole: an English export
/// whose amounts are all `1,500`-like reads them as thousands, one French amount makes the
/// file French, and a file that says nothing follows the interface's language.
#[test]
fn number_style_is_detected_per_file_from_its_amounts() {
    let (fr, en) = (NumberStyle::CommaDecimal, NumberStyle::DotDecimal);
    let detect =
        |amounts: &[&str], fallback| detect_number_style(amounts.iter().copied(), fallback);
    assert_eq!(
        detect(&["1,500", "2,000", "12,500"], fr),
        fr,
        "no evidence: fallback"
    );
    assert_eq!(detect(&["1,500", "2,000", "1,234.50"], fr), en);
    assert_eq!(detect(&["1,500", "1,234,567"], fr), en);
    assert_eq!(detect(&["1500.5"], fr), en);
    assert_eq!(detect(&["1,500", "12 500,50"], en), fr);
    assert_eq!(detect(&["1.234,5"], en), fr);
    assert_eq!(detect(&["2,5"], en), fr);
    assert_eq!(detect(&["1.500.000"], en), fr);
    assert_eq!(detect(&["1500", ""], fr), fr);
    assert_eq!(detect(&["1500"], en), en);
}
