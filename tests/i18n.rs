//! Languages and currencies: numbers, money and percentages as each language writes them,
//! the language chosen from the browser's, the currency kept in the link, and every text
//! table complete in both languages with the same placeholders.
#![cfg(not(target_arch = "wasm32"))]

use funnelsim::model::format;
use funnelsim::model::i18n::{with_locale, Currency, Lang};
use funnelsim::model::{url, Scenario};

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
    use funnelsim::model::validate::parse_number;
    for x in [1_234.56, 0.25, 1_000_000.0, -42.5] {
        let shown = fr(|| format::with_decimals(x, 2));
        assert_eq!(parse_number(&shown), Ok(x), "{shown}");
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
    let query = url::encode(&usd);
    assert!(query.contains("&currency=USD"), "{query}");
    assert_eq!(url::decode(&query), Ok(usd));
    // The default (euros) is not written: older links stay as they were.
    assert!(!url::encode(&Scenario::default()).contains("currency"));
    assert_eq!(
        url::decode("?v=1&currency=gbp").map(|s| s.currency),
        Ok(Currency::Gbp)
    );
    assert!(url::decode("?v=1&currency=XYZ").is_err());
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
