//! Languages and currencies: numbers, money and percentages as each language writes them,
//! the language chosen from the browser's, the currency kept in the link, and every text
//! table complete in both languages with the same placeholders.
use funnelsim::model::format;
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::{persist::scenario_link, Scenario};

fn fr<T>(f: impl FnOnce() -> T) -> T {
    with_locale(Lang::Fr, Currency::Eur, f)
}

#[test]
fn french_numbers_money_and_percentages() {
    // The example: "1 234,56 €" in French, "€1,234.56" in English.
    assert_eq!(format::money(1_234.56), "€1,235", "whole units above 100");
    assert_eq!(format::with_decimals(1_234.56, 2), "1,234.56");
    assert_eq!(
        fr(|| format::with_currency(&format::with_decimals(1_234.56, 2))),
        "1\u{202f}234,56\u{a0}€"
    );
    assert_eq!(
        format::with_currency(&format::with_decimals(1_234.56, 2)),
        "€1,234.56"
    );
    assert_eq!(fr(|| format::money(42.5)), "42,50\u{a0}€");
    assert_eq!(fr(|| format::money(-3_333.0)), "-3\u{202f}333\u{a0}€");
    assert_eq!(fr(|| format::percent(0.025)), "2,5\u{202f}%");
    assert_eq!(fr(|| format::count(1_234_567.0)), "1\u{202f}234\u{202f}567");
    assert_eq!(fr(|| format::months(3.84)), "3,8 mois");
    assert_eq!(fr(|| format::or_na(None, format::money)), "n.d.");
    assert_eq!(format::or_na(None, format::money), "n/a");
    // Other currencies, placed as each language writes them.
    assert_eq!(
        with_locale(Lang::En, Currency::Usd, || format::money(1_500.0)),
        "$1,500"
    );
    assert_eq!(
        with_locale(Lang::Fr, Currency::Gbp, || format::money(1_500.0)),
        "1\u{202f}500\u{a0}£"
    );
    assert_eq!(
        with_locale(Lang::En, Currency::Chf, || format::money(-20.0)),
        "-CHF20"
    );
    // The pair in use comes back after a closure.
    assert_eq!(format::money(1.0), "€1");
}

#[test]
fn french_text_reads_back_as_the_same_number() {
    use funnelsim::model::funnel::validate::parse_number;
    for x in [1_234.56, 0.25, 1_000_000.0, -42.5] {
        let shown = fr(|| format::with_decimals(x, 2));
        assert_eq!(fr(|| parse_number(&shown)), Ok(x), "{shown}");
    }
}

/// The value a displayed text stands for, rounded as the display rounds it.
fn shown_value(x: f64, decimals: usize) -> f64 {
    format!("{x:.decimals$}").parse().unwrap()
}

proptest::proptest! {
    /// Issue 13: every format the app displays (counts, money in every currency, percentages,
    /// ratios, plain decimals) reads back, in the language that wrote it, as the value shown.
    #[test]
    fn every_displayed_format_reads_back_in_both_languages(
        x in -1e9f64..1e9,
        small in 0f64..100.0,
        fraction in 0f64..1.0,
        currency in proptest::sample::select(Currency::ALL.to_vec()),
    ) {
        use funnelsim::model::funnel::validate::parse_number;
        for lang in Lang::ALL {
            with_locale(lang, currency, || {
                let read = |text: String| parse_number(&text).map_err(|e| {
                    proptest::test_runner::TestCaseError::fail(format!("{text}: {e:?}"))
                });
                proptest::prop_assert_eq!(read(format::count(x))?, shown_value(x, 0));
                proptest::prop_assert_eq!(read(format::count(small))?, {
                    let whole = (small - small.round()).abs() < 0.05;
                    shown_value(small, if whole { 0 } else { 1 })
                });
                proptest::prop_assert_eq!(read(format::money(x))?, shown_value(x, 0));
                proptest::prop_assert_eq!(read(format::with_decimals(x, 2))?, shown_value(x, 2));
                let pct = read(format::percent(fraction))?;
                let digits = if fraction >= 0.1 { 1 } else { 2 };
                proptest::prop_assert_eq!(pct, shown_value(fraction * 100.0, digits));
                proptest::prop_assert_eq!(read(format::ratio(small))?, shown_value(small, 1));
                Ok(())
            })?;
        }
    }
}

#[test]
fn the_language_follows_the_browser() {
    assert_eq!(Lang::from_browser(["fr-FR", "en-US"]), Lang::Fr);
    assert_eq!(Lang::from_browser(["de-DE", "fr-CA"]), Lang::Fr);
    assert_eq!(Lang::from_browser(["en-GB", "fr"]), Lang::En);
    assert_eq!(Lang::from_browser(["de", "es"]), Lang::En);
    assert_eq!(Lang::from_browser([]), Lang::En);
    assert_eq!(Lang::from_key("fr"), Some(Lang::Fr));
    assert_eq!(Lang::from_key("FR"), None);
}

#[test]
fn the_currency_is_part_of_the_scenario_link() {
    let usd = Scenario {
        currency: Currency::Usd,
        ..Scenario::default()
    };
    let query = scenario_link::encode(&usd);
    assert!(query.contains("&currency=USD"), "{query}");
    assert_eq!(scenario_link::decode(&query), Ok(usd));
    // The default (euros) is not written: older links stay as they were.
    assert!(!scenario_link::encode(&Scenario::default()).contains("currency"));
    assert_eq!(
        scenario_link::decode("?v=1&currency=gbp").map(|s| s.currency),
        Ok(Currency::Gbp)
    );
    assert!(scenario_link::decode("?v=1&currency=XYZ").is_err());
}

#[test]
fn placeholders_must_match_in_both_languages() {
    use funnelsim::model::i18n::same_placeholders;
    assert!(same_placeholders("{n} rows over {m}", "{m} : {n} lignes"));
    assert!(same_placeholders("no placeholder", "aucun"));
    assert!(!same_placeholders("{n} rows", "des lignes"));
    assert!(!same_placeholders("rows", "{n} lignes"));
    assert!(!same_placeholders("{n} rows", "{m} lignes"));
}

#[test]
fn placeholders_are_filled() {
    assert_eq!(
        funnelsim::model::i18n::fill("{n} of {n}", &[("n", "3")]),
        "3 of 3"
    );
}
