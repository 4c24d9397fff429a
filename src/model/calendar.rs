//! Calendar facts shared by the model and the UI: leap years, days in a month, and the
//! months' names in both languages.

crate::texts! {
    /// Calendar months, January first, as a label or heading ("Janvier"); inside a French
    /// sentence they are written in lower case ([`month_in_sentence`]).
    pub enum MonthName {
        January => "January", "Janvier";
        February => "February", "Février";
        March => "March", "Mars";
        April => "April", "Avril";
        May => "May", "Mai";
        June => "June", "Juin";
        July => "July", "Juillet";
        August => "August", "Août";
        September => "September", "Septembre";
        October => "October", "Octobre";
        November => "November", "Novembre";
        December => "December", "Décembre";
    }
}

/// Whether `year` of the Gregorian calendar has a 29 February.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The days of `month` (1 to 12) in `year`: 28 to 31, `None` for another month number.
pub fn days_in_month(year: i64, month: u32) -> Option<u32> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap_year(year) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// The name of calendar month `index` (0 = January) as a label, in the language in use
/// ("" past December).
pub fn month_name(index: usize) -> &'static str {
    MonthName::ALL.get(index).map_or("", |m| m.text())
}

/// The name of month `index` (0 = January) inside a sentence: lower case in French
/// ("novembre 2026"), as is in English.
pub fn month_in_sentence(index: usize) -> String {
    match crate::model::i18n::lang() {
        crate::model::i18n::Lang::En => month_name(index).to_owned(),
        crate::model::i18n::Lang::Fr => month_name(index).to_lowercase(),
    }
}
