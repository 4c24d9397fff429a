//! Display formatting: thousands, money, percentages, and "n/a" for undefined values.
use funnelsim::model::format::*;

#[test]
fn numbers_are_grouped_and_rounded() {
    assert_eq!(group_thousands(1_234_567.891), "1,234,568");
    assert_eq!(group_thousands(999.4), "999");
    assert_eq!(group_thousands(-1234.0), "-1,234");
    assert_eq!(group_thousands(-0.2), "0");
    assert_eq!(with_decimals(1234.5, 1), "1,234.5");
    assert_eq!(with_decimals(f64::INFINITY, 1), not_applicable());
    assert_eq!(group_thousands(1e12), "1,000,000,000,000");
}

#[test]
fn counts_money_percentages_ratios() {
    assert_eq!(count(0.9), "0.9");
    assert_eq!(count(90.0), "90");
    assert_eq!(count(3000.4), "3,000");
    assert_eq!(money(3333.333), "€3,333");
    assert_eq!(money(42.5), "€42.50");
    assert_eq!(money(0.0), "€0");
    assert_eq!(money(50.0), "€50");
    assert_eq!(money(-1500.0), "-€1,500");
    assert_eq!(percent(0.025), "2.5 %");
    assert_eq!(percent(3.5), "350 %");
    assert_eq!(percent(0.0008), "0.08 %");
    assert_eq!(percent(0.000_123), "0.01 %");
    assert_eq!(percent(0.4), "40 %");
    assert_eq!(ratio(12.6), "12.6 : 1");
    assert_eq!(months(3.8095), "3.8 months");
}

#[test]
fn undefined_values_read_na_and_machine_values_are_plain() {
    assert_eq!(or_na(None, money), "n/a");
    assert_eq!(or_na(Some(100.0), money), "€100");
    assert_eq!(machine(None), "");
    assert_eq!(machine(Some(f64::NAN)), "");
    assert_eq!(machine(Some(-0.0)), "0");
    assert_eq!(machine(Some(3333.5)), "3333.5");
}

#[test]
fn stage_names_read_in_the_singular() {
    assert_eq!(singular("Leads"), "lead");
    assert_eq!(singular("Opportunities"), "opportunity");
    assert_eq!(singular("MQL"), "MQL");
    assert_eq!(singular("SQLs"), "SQL");
    assert_eq!(singular("Customers"), "customer");
    assert_eq!(singular("Business"), "business");
    assert_eq!(singular("Démo réalisées"), "démo réalisée");
}

#[test]
fn machine_values_drop_float_noise() {
    assert_eq!(machine(Some(0.090_000_000_000_000_01)), "0.09");
    assert_eq!(machine(Some(0.1 + 0.2)), "0.3");
    assert_eq!(machine(Some(120_000.0)), "120000");
    assert_eq!(machine(Some(1e-7)).parse::<f64>(), Ok(1e-7));
    assert_eq!(machine(None), "");
    assert_eq!(machine(Some(f64::NAN)), "");
}

proptest::proptest! {
    #[test]
    fn machine_reads_back_as_twelve_significant_digits(x in proptest::num::f64::NORMAL) {
        let rounded: f64 = format!("{x:.11e}").parse().unwrap();
        proptest::prop_assert_eq!(machine(Some(x)).parse::<f64>().unwrap(), rounded);
    }
}
