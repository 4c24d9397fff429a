//! CRM KPIs on a small export whose every figure is computed by hand below (golden values
//! independent of the code), by channel, month and owner, and the calibrated scenario.

use crate::support;
use funnelsim::model::crm::kpi::{baseline_scenario, compute_kpis, sales_sourced, SalesChannels};
use funnelsim::model::crm::map::ColumnMapping;
use funnelsim::model::crm::parse::{read_row, DayOrder, Interner, RecordStream};
use funnelsim::model::funnel::validate::NumberStyle;
use funnelsim::model::{funnel::validate::validate, Scenario};

/// Eight rows. By hand:
/// - reached: subscriber 8, lead 7 (all but row 8), MQL 6 (rows 2–7), SQL 4 (rows 4–7),
///   opportunity 3 (rows 5–7), customer 1 (row 6);
/// - sent (≥ MQL) 6; accepted: row 3 by its status, rows 4–7 by stage = 5 → SAL 5/6;
/// - followed up among sent: rows 2–6 = 5 → 5/6;
/// - pipeline 10,000 + 20,000 + 5,000 = 35,000, of which marketing (not outbound)
///   15,000 → 3/7; won: row 6 (customer) and row 7 (closed won) → 2/3, 25,000 → 12,500 each;
/// - response minutes 20, 1,440, 10, 1,620, 5 → sorted 5, 10, 20, 1,440, 1,620: median 20,
///   p90 1,620, within 30 min 3/5, within 24 h 4/5.
const EXPORT: &str = include_str!("../golden/crm-hand-computed.csv");

fn rows() -> Vec<funnelsim::model::crm::parse::CrmRow> {
    let mut records = Vec::new();
    let mut stream = RecordStream::new(b',');
    stream.feed(EXPORT.as_bytes(), &mut |r| records.push(r));
    stream.finish(&mut |r| records.push(r));
    let mapping = ColumnMapping::detect(&records[0].1);
    records[1..]
        .iter()
        .map(|r| {
            read_row(
                r,
                &mapping,
                DayOrder::DayFirst,
                NumberStyle::DotDecimal,
                &mut Interner::default(),
            )
            .unwrap()
        })
        .collect()
}

fn near(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn the_hand_computed_kpis() {
    let kpis = compute_kpis(&rows());
    let t = &kpis.total;
    assert_eq!(t.reached, [8, 7, 6, 4, 3, 1]);
    near(t.conversion(2), 6.0 / 7.0);
    near(t.sal_rate(), 5.0 / 6.0);
    near(t.follow_up_rate(), 5.0 / 6.0);
    near(
        t.marketing_share_of_pipeline(&SalesChannels::default()),
        15_000.0 / 35_000.0,
    );
    near(t.win_rate(), 2.0 / 3.0);
    near(t.average_won_amount(), 12_500.0);
    assert_eq!(t.responses(), 5);
    near(t.response_median(), 20.0);
    near(t.response_p90(), 1_620.0);
    near(t.responded_within_30_minutes(), 0.6);
    near(t.responded_within_24_hours(), 0.8);
    assert_eq!(kpis.months, 2);
    // Spend entered for the period: €7,000 over 7 leads and 3 opportunities.
    near(t.cost_per_lead(7_000.0), 1_000.0);
    near(t.cost_per_opportunity(7_000.0), 7_000.0 / 3.0);
    assert_eq!(compute_kpis(&[]).total.cost_per_lead(100.0), None);
}

#[test]
fn by_channel_month_and_owner() {
    let kpis = compute_kpis(&rows());
    let channels: Vec<(&str, usize)> = kpis
        .by_channel
        .iter()
        .map(|(k, v)| (&**k, v.rows))
        .collect();
    assert_eq!(
        channels,
        [
            ("E-mail", 1),
            ("Organic search", 4),
            ("Outbound", 1),
            ("Paid ads", 2)
        ]
    );
    near(kpis.by_channel["Paid ads"].sal_rate(), 1.0);
    assert_eq!(kpis.by_month["2026-01"].rows, 4);
    assert_eq!(kpis.by_month["2026-02"].rows, 4);
    near(kpis.by_owner["Alice"].win_rate(), 0.5);
    near(kpis.by_owner["Bob"].win_rate(), 1.0);
    // The owners' total covers the opportunities only: 3, of which 2 won.
    assert_eq!(kpis.opportunities.rows, 3);
    near(kpis.opportunities.win_rate(), 2.0 / 3.0);
    assert!(sales_sourced("Outbound") && sales_sourced("Prospection commerciale"));
    assert!(!sales_sourced("Organic search"));
}

#[test]
fn the_user_says_which_channels_are_sales_sourced() {
    // Pipeline by hand: Organic search 10,000 (row 5), Outbound 20,000 (row 6), E-mail 5,000
    // (row 7).
    let kpis = compute_kpis(&rows());
    let mut sales = SalesChannels::default();
    assert!(sales.is_sales("Outbound") && !sales.is_sales("Organic search"));
    sales.set("Organic search", true);
    near(
        kpis.total.marketing_share_of_pipeline(&sales),
        5_000.0 / 35_000.0,
    );
    sales.set("Outbound", false);
    near(
        kpis.total.marketing_share_of_pipeline(&sales),
        25_000.0 / 35_000.0,
    );
    // Back to the names' reading: nothing is kept as a correction.
    sales.set("Organic search", false);
    sales.set("Outbound", true);
    assert_eq!(sales, SalesChannels::default());
    // A channel's own share is all or nothing.
    near(
        kpis.by_channel["Outbound"].marketing_share_of_pipeline(&SalesChannels::default()),
        0.0,
    );
}

#[test]
fn use_as_baseline_gives_a_valid_monthly_scenario() {
    let kpis = compute_kpis(&rows());
    let s = baseline_scenario(&kpis, &Scenario::default(), &Default::default()).unwrap();
    let stages: Vec<(&str, f64)> = s
        .stages
        .iter()
        .map(|st| (st.name.as_str(), st.value))
        .collect();
    assert_eq!(
        stages,
        [
            ("Subscribers", 4.0),
            ("Leads", 87.5),
            ("MQL", 85.71),
            ("SQL", 66.67),
            ("Opportunities", 75.0),
            ("Customers", 33.33)
        ]
    );
    assert_eq!(s.basket, 12_500.0);
    assert_eq!(s.period, funnelsim::model::Period::Month);
    assert!(validate(&s).is_empty());
    assert!(baseline_scenario(
        &compute_kpis(&[]),
        &Scenario::default(),
        &Default::default()
    )
    .is_none());
}

#[test]
fn a_whole_import_in_small_chunks_reports_bad_rows_and_refuses_bad_files() {
    use funnelsim::model::crm::import::{CrmImport, CrmImportError};
    let with_bad = format!("{EXPORT}yesterday,lead,,x,,,,\n2026-03-01,evangelist,,x,,,,\n");
    let mut import = CrmImport::new(None);
    for chunk in with_bad.as_bytes().chunks(13) {
        // Chunks at byte boundaries of ASCII text are valid UTF-8 here.
        import.feed(std::str::from_utf8(chunk).unwrap());
    }
    let data = import.finish().unwrap();
    assert_eq!(data.rows, 8);
    assert_eq!(data.skipped, 2);
    assert_eq!(
        data.problems[0].to_string(),
        "line 10: “yesterday” is not a date"
    );
    assert_eq!(data.kpis, compute_kpis(&rows()));

    let refuse = |text: &str| {
        let mut import = CrmImport::new(None);
        import.feed(text);
        import.finish().unwrap_err()
    };
    assert_eq!(refuse(""), CrmImportError::Empty);
    assert_eq!(refuse("PK\u{3}\u{4}\0\0binary"), CrmImportError::NotText);
    assert!(refuse("Name,Email\na,b\n")
        .to_string()
        .contains("Created date, Lifecycle stage"));
    assert!(refuse("Created,Stage\nnope,lead\n")
        .to_string()
        .contains("None of the 1 rows"));
}

#[test]
fn a_corrected_mapping_is_used_again_for_the_same_header_only() {
    use funnelsim::model::crm::import::CrmImport;
    use funnelsim::model::crm::map::CrmField;
    let header: Vec<String> = EXPORT
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let mut corrected = ColumnMapping::detect(&header);
    corrected.set(CrmField::Owner, None);
    let mut import = CrmImport::new(None).remembering(header.clone(), corrected.clone());
    import.feed(EXPORT);
    assert_eq!(import.finish().unwrap().mapping, corrected);
    let other = EXPORT.replacen("Deal owner", "Owner", 1);
    let mut import = CrmImport::new(None).remembering(header, corrected.clone());
    import.feed(&other);
    assert_ne!(import.finish().unwrap().mapping, corrected);
}

#[test]
fn the_channel_chart_draws_every_channel_and_stage() {
    use funnelsim::charts::{draw_crm_channels, ChartStyle};
    let draw = |kpis: &funnelsim::model::crm::kpi::CrmKpis| {
        support::svg::svg((800, 420), |area| {
            draw_crm_channels(area, kpis, &ChartStyle::default()).unwrap();
        })
    };
    let svg = draw(&compute_kpis(&rows()));
    for text in [
        "Funnel by channel",
        "Organic search",
        "Paid ads",
        "Outbound",
        "E-mail",
        "Opportunities",
        "Customers",
    ] {
        assert!(svg.contains(text), "{text}");
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert!(draw(&compute_kpis(&[])).contains("No stages"));

    // By month: January sent rows 2–4 and sales accepted two (row 3 by its status, row 4 as
    // an SQL): 66.7 %; February sent rows 5–7, all accepted (100 %), two of three won.
    let svg = support::svg::svg((800, 420), |area| {
        funnelsim::charts::draw_crm_months(area, &compute_kpis(&rows()), &ChartStyle::default())
            .unwrap();
    });
    for text in [
        "Alignment by month",
        "2026-01",
        "2026-02",
        "Win rate",
        "66.7 %",
        "100 %",
    ] {
        assert!(svg.contains(text), "{text} in the month chart");
    }
    assert!(!svg.contains("NaN"));
}

/// Issue 13: an English export's `1,500` amounts are fifteen hundred (they were read as 1.5),
/// whatever the interface's language, because the file's own amounts and delimiter decide;
/// a French export's `1 500,50` stays French; the user's choice overrides the detection.
#[test]
fn amounts_are_read_in_the_number_style_of_their_file() {
    use funnelsim::model::crm::import::CrmImport;
    use funnelsim::model::i18n::{with_locale, Currency, Lang};
    let english = "Created,Stage,Amount\n2026-03-01,opportunity,\"1,500\"\n2026-03-02,opportunity,\"1,500\"\n";
    let french = "Créé le;Étape;Montant\n01/03/2026;opportunité;1 500,50\n";
    let import = |text: &str, style: Option<NumberStyle>| {
        let mut import = CrmImport::new(None);
        if let Some(style) = style {
            import = import.with_number_style(style);
        }
        import.feed(text);
        import.finish().unwrap()
    };
    for lang in Lang::ALL {
        with_locale(lang, Currency::Eur, || {
            let data = import(english, None);
            assert_eq!(data.number_style, NumberStyle::DotDecimal, "{lang:?}");
            assert_eq!(
                data.kpis.total.pipeline, 3_000.0,
                "{lang:?}: 1,500 per deal"
            );
            let data = import(french, None);
            assert_eq!(data.number_style, NumberStyle::CommaDecimal);
            assert_eq!(data.kpis.total.pipeline, 1_500.5);
        });
    }
    let corrected = import(english, Some(NumberStyle::CommaDecimal));
    assert_eq!(corrected.number_style, NumberStyle::CommaDecimal);
    assert_eq!(
        corrected.kpis.total.pipeline, 3.0,
        "the user's choice is applied"
    );
}

/// Issue 13: a file with a header and no rows says so (it said "None of the 0 rows could be used").
#[test]
fn a_header_only_file_says_it_has_no_rows() {
    use funnelsim::model::crm::import::{CrmImport, CrmImportError};
    let mut import = CrmImport::new(None);
    import.feed("Created,Stage,Amount\n");
    let error = import.finish().unwrap_err();
    assert_eq!(error, CrmImportError::NoRows);
    assert_eq!(error.to_string(), "The file has a header line but no rows.");
}

/// Issue 13: a 100-row file with `"Unclosed owner` on row 10 read "90 rows", 0 skipped and no
/// warning. Now the open quote is named with its line, and every row it swallowed is counted
/// as skipped: rows read + rows skipped = rows in the file.
#[test]
fn an_unclosed_quote_reports_the_rows_it_swallowed() {
    use funnelsim::model::crm::import::CrmImport;
    use funnelsim::model::crm::parse::RowProblem;
    let mut file = String::from("Created,Stage,Owner\n");
    for row in 1..=100 {
        let owner = if row == 10 {
            "\"Unclosed owner"
        } else {
            "Jean"
        };
        file.push_str(&format!("2026-03-{:02},lead,{owner}\n", 1 + row % 28));
    }
    let mut import = CrmImport::new(None);
    for chunk in file.as_bytes().chunks(100) {
        import.feed(std::str::from_utf8(chunk).unwrap());
    }
    let data = import.finish().unwrap();
    assert_eq!((data.rows, data.skipped), (9, 91), "{:?}", data.problems);
    assert_eq!(data.rows + data.skipped, 100);
    assert_eq!(
        data.problems.last(),
        Some(&RowProblem::UnclosedQuote {
            line: 11,
            lines: 91
        })
    );
    assert_eq!(
        data.problems.last().unwrap().to_string(),
        "line 11: a quote is never closed, so the 91 lines from there to the end of the file could not be read"
    );
}

/// Issue 13: a CSV with 20,000 columns froze the page for 7.5 s; it is refused from its header.
#[test]
fn an_absurdly_wide_file_is_refused_from_its_header() {
    use funnelsim::model::crm::import::{CrmImport, CrmImportError, MAX_COLUMNS};
    let header: Vec<String> = (0..20_000).map(|i| format!("c{i}")).collect();
    let file = format!("{}\n{}\n", header.join(","), vec!["x"; 20_000].join(","));
    let mut import = CrmImport::new(None);
    for chunk in file.as_bytes().chunks(64 * 1024) {
        import.feed(std::str::from_utf8(chunk).unwrap());
    }
    let error = import.finish().unwrap_err();
    assert_eq!(error, CrmImportError::TooWide { columns: 20_000 });
    assert!(error.to_string().contains("20000 columns"), "{error}");
    let wide_enough: Vec<String> = (0..MAX_COLUMNS).map(|i| format!("c{i}")).collect();
    let mut import = CrmImport::new(None);
    import.feed(&format!("{}\n", wide_enough.join(",")));
    assert_ne!(
        import.finish().unwrap_err(),
        CrmImportError::TooWide {
            columns: MAX_COLUMNS
        },
        "exactly the limit is read"
    );
}

/// With a spend typed for a channel, the baseline is planned by channel. By hand, over the
/// export's 2 months, each channel's rows reached (subscriber … customer):
/// - Organic search (rows 1, 2, 5, 8): 4, 3, 2, 1, 1, 0 → 2 a month, rates 75, 66.67, 50,
///   100, 0 %; no spend typed: its 2 a month come at no cost;
/// - Paid ads (rows 3, 4): 2, 2, 2, 1, 0, 0 → 1 a month, rates 100, 100, 50, 0 % and, with
///   no opportunity to measure from, the funnel's 33.33 % into customers; 1,000 € typed over
///   the 2 months: 500 € a month for 1 a month, 500 € each;
/// - E-mail (row 7) and Outbound (row 6): 0.5 a month each, every rate 100 % but E-mail's
///   last (0 %).
///
/// Blended: 4 a month at the top (8 over 2 months), 0.5 customers a month (Outbound's), for
/// the 500 € typed.
#[test]
fn use_as_baseline_fills_the_channels_where_a_spend_was_typed() {
    use funnelsim::model::funnel::channels::{Conversion, Response};
    let kpis = compute_kpis(&rows());
    let spends = [("Paid ads".to_owned(), 1_000.0)].into_iter().collect();
    let s = baseline_scenario(&kpis, &Scenario::default(), &spends).unwrap();
    let mix = s.mix().expect("planned by channel");
    let names: Vec<&str> = mix.channels.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Organic search", "Paid ads", "E-mail", "Outbound"]);
    let organic = &mix.channels[0];
    assert_eq!(organic.response, Response::Count { volume: 2.0 });
    assert_eq!(organic.spend, 0.0);
    assert_eq!(
        organic.conversion,
        Conversion::Own {
            rates: vec![75.0, 66.67, 50.0, 100.0, 0.0]
        }
    );
    let paid = &mix.channels[1];
    assert_eq!(paid.spend, 500.0);
    assert_eq!(
        paid.response,
        Response::Linear {
            cost_per_lead: 500.0
        }
    );
    assert_eq!(
        paid.conversion,
        Conversion::Own {
            rates: vec![100.0, 100.0, 50.0, 0.0, 33.33]
        }
    );
    let funnel = funnelsim::model::evaluate(&s);
    near(funnel.stages[0].count, 4.0);
    near(Some(funnel.customers), 0.5);
    near(Some(funnel.spend), 500.0);
    assert!(validate(&s).is_empty());
    assert!(funnelsim::model::funnel::channels::check_mix(mix).is_ok());
    // Without any channel's spend, the plain monthly funnel as before.
    let plain = baseline_scenario(&kpis, &Scenario::default(), &Default::default()).unwrap();
    assert!(plain.channels.is_none());
}
