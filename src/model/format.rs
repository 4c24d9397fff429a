//! Display formatting of counts, money, percentages and ratios in the language and currency
//! in use ([`crate::model::i18n`]): "1,234.5" and "€1,234" in English, "1 234,5" and "1 234 €" in
//! French; undefined values read "n/a" ("n.d.").

use crate::model::i18n::{self, Lang};

/// What the UI shows for an undefined KPI, in the language in use.
pub fn not_applicable() -> &'static str {
    match i18n::lang() {
        Lang::En => "n/a",
        Lang::Fr => "n.d.",
    }
}

/// The thousands separator and the decimal mark of the language in use (French groups
/// with a narrow no-break space).
fn separators() -> (char, char) {
    match i18n::lang() {
        Lang::En => (',', '.'),
        Lang::Fr => ('\u{202f}', ','),
    }
}

/// Groups the integer part by thousands: 1234567.891 → "1,234,568" (rounded; "1 234 568"
/// in French).
pub fn group_thousands(x: f64) -> String {
    with_decimals(x, 0)
}

/// A number with `decimals` decimals and thousands separators: (1234.5, 1) → "1,234.5"
/// ("1 234,5" in French).
pub fn with_decimals(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return not_applicable().to_owned();
    }
    let (thousands, decimal_mark) = separators();
    let text = format!("{:.*}", decimals, x.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + text.len() / 3 + 1);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    if let Some(frac) = frac_part {
        grouped.push(decimal_mark);
        grouped.push_str(frac);
    }
    let is_zero = grouped
        .chars()
        .all(|c| c == '0' || c == thousands || c == decimal_mark);
    if x < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A number with every decimal it has, grouped the way the language writes it: 120000 →
/// "120,000", 1.5 → "1.5" ("120 000", "1,5" in French); at most 12 decimals.
pub fn exact(x: f64) -> String {
    let plain = format!("{}", x + 0.0);
    let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len()).min(12);
    with_decimals(x, decimals)
}

/// A stage count: whole numbers, one decimal below 100 when fractional ("0.9", "12.5", "3,000").
pub fn count(x: f64) -> String {
    if x.abs() < 100.0 && (x - x.round()).abs() >= 0.05 {
        with_decimals(x, 1)
    } else {
        group_thousands(x)
    }
}

/// Money in the currency in use: cents below 100 when there are any, whole units otherwise
/// ("€42.50", "€0", "€3,333"; in French "42,50 €", "3 333 €").
pub fn money(x: f64) -> String {
    let has_cents = (x * 100.0).round() % 100.0 != 0.0;
    let digits = if x.abs() < 100.0 && has_cents { 2 } else { 0 };
    with_currency(&with_decimals(x, digits))
}

/// The symbol of the currency in use, for units and column headers ("€", "$", "CHF").
pub fn currency_symbol() -> &'static str {
    i18n::currency().symbol(i18n::lang())
}

/// A formatted amount with the currency in use, placed as the language writes it.
pub fn with_currency(body: &str) -> String {
    let lang = i18n::lang();
    let symbol = i18n::currency().symbol(lang);
    match lang {
        Lang::En => match body.strip_prefix('-') {
            Some(abs) => format!("-{symbol}{abs}"),
            None => format!("{symbol}{body}"),
        },
        Lang::Fr => format!("{body}\u{a0}{symbol}"),
    }
}

/// A fraction as a percentage with up to two decimals: 0.025 → "2.5 %", 3.5 → "350 %".
pub fn percent(fraction: f64) -> String {
    let pct = fraction * 100.0;
    let digits = if pct.abs() >= 100.0 {
        0
    } else if pct.abs() >= 10.0 {
        1
    } else {
        2
    };
    let text = with_decimals(pct, digits);
    let (_, decimal_mark) = separators();
    let trimmed = if text.contains(decimal_mark) {
        text.trim_end_matches('0').trim_end_matches(decimal_mark)
    } else {
        &text
    };
    match i18n::lang() {
        Lang::En => format!("{trimmed} %"),
        Lang::Fr => format!("{trimmed}\u{202f}%"),
    }
}

/// A ratio such as LTV:CAC: 12.6 → "12.6 : 1".
pub fn ratio(x: f64) -> String {
    format!("{} : 1", with_decimals(x, 1))
}

/// Months with one decimal: "3.8 months" ("3,8 mois").
pub fn months(x: f64) -> String {
    match i18n::lang() {
        Lang::En => format!("{} months", with_decimals(x, 1)),
        Lang::Fr => format!("{} mois", with_decimals(x, 1)),
    }
}

/// A count with its noun: "1 month", "1,200 rows".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as f64), if n == 1 { one } else { many })
}

/// Applies a formatter to a defined value, "n/a" otherwise.
pub fn or_na(value: Option<f64>, formatter: fn(f64) -> String) -> String {
    value.map_or_else(|| not_applicable().to_owned(), formatter)
}

/// A plain, machine-readable number for `data-value` attributes ("" when undefined): the
/// shortest text that reads back as the value rounded to 12 significant digits, so float
/// noise does not show (0.09000000000000001 → "0.09", 0.1 + 0.2 → "0.3").
pub fn machine(value: Option<f64>) -> String {
    value
        .filter(|x| x.is_finite())
        .map_or_else(String::new, |x| {
            let rounded: f64 = format!("{x:.11e}").parse().unwrap_or(x);
            format!("{}", rounded + 0.0)
        })
}

/// A stage name in the singular, for "cost per …" labels: "Leads" → "lead",
/// "Opportunities" → "opportunity", "MQL" and "MQLs" → "MQL".
pub fn singular(name: &str) -> String {
    let is_acronym = |text: &str| {
        text.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    };
    if is_acronym(name) {
        return name.to_owned();
    }
    if let Some(stem) = name.strip_suffix('s').filter(|stem| is_acronym(stem)) {
        return stem.to_owned();
    }
    let word = if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with('s') && !name.ends_with("ss") && name.chars().count() > 3 {
        name[..name.len() - 1].to_owned()
    } else {
        name.to_owned()
    };
    word.to_lowercase()
}

/// A number as messages write it: as Rust prints it in English ("1000", "2.5"), with a
/// decimal comma and grouped thousands in French ("1 000", "2,5").
pub fn message_number(x: f64) -> String {
    match i18n::lang() {
        Lang::En => format!("{x}"),
        Lang::Fr if x.is_finite() => {
            let decimals = format!("{x}").split_once('.').map_or(0, |(_, f)| f.len());
            with_decimals(x, decimals)
        }
        Lang::Fr => format!("{x}"),
    }
}
