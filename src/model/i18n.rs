//! Languages and currencies: English and French, the currency money is shown in, the pair in
//! use while a page (or a test) renders, and `texts!`, the compile-time checked tables that
//! give every text in both languages (an entry without its French fails the build).
//!
//! The language and currency in use are per thread: the page sets them before it renders
//! ([`set_locale`]), tests and exports run a closure under a given pair ([`with_locale`]).
//! Formatting ([`crate::model::format`]) and every text table read them, so the pure model and the
//! charts need no extra parameter to speak French.

use std::cell::Cell;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The `lang=` value and the HTML `lang` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_key(key: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The language for a browser's preferred languages (`navigator.languages`, first
    /// first): the first English or French one, English otherwise.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
                Lang::from_key(&primary)
            })
            .unwrap_or_default()
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

/// The currency amounts are shown in (amounts are not converted: it is a label).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    #[default]
    Eur,
    Usd,
    Gbp,
    Chf,
    Cad,
}

impl Currency {
    pub const ALL: [Currency; 5] = [
        Currency::Eur,
        Currency::Usd,
        Currency::Gbp,
        Currency::Chf,
        Currency::Cad,
    ];

    /// ISO 4217 code, also the `currency=` value.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Cad => "CAD",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }

    pub fn is_default(&self) -> bool {
        *self == Currency::default()
    }

    /// The symbol written with amounts in `lang` ("$" in English, "$ US" in French).
    pub fn symbol(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Currency::Eur, _) => "€",
            (Currency::Usd, Lang::En) => "$",
            (Currency::Usd, Lang::Fr) => "$\u{a0}US",
            (Currency::Gbp, _) => "£",
            (Currency::Chf, _) => "CHF",
            (Currency::Cad, Lang::En) => "CA$",
            (Currency::Cad, Lang::Fr) => "$\u{a0}CA",
        }
    }
}

thread_local! {
    static LOCALE: Cell<(Lang, Currency)> = const { Cell::new((Lang::En, Currency::Eur)) };
}

/// The language in use on this thread.
pub fn lang() -> Lang {
    LOCALE.with(|l| l.get().0)
}

/// The currency in use on this thread.
pub fn currency() -> Currency {
    LOCALE.with(|l| l.get().1)
}

/// Sets the language and currency in use on this thread (the page, before it renders).
pub fn set_locale(lang: Lang, currency: Currency) {
    LOCALE.with(|l| l.set((lang, currency)));
}

/// Runs `f` with `lang` and `currency` in use, then puts back the pair that was.
pub fn with_locale<T>(lang: Lang, currency: Currency, f: impl FnOnce() -> T) -> T {
    let before = LOCALE.with(|l| l.replace((lang, currency)));
    let result = f();
    LOCALE.with(|l| l.set(before));
    result
}

/// Replaces each `{name}` in `text` by its value: `fill("{n} rows", &[("n", "3")])`.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Whether `needle` occurs in `haystack` from byte `at` (usable in constants).
const fn occurs_at(haystack: &[u8], needle: &[u8], at: usize) -> bool {
    if at + needle.len() > haystack.len() {
        return false;
    }
    let mut i = 0;
    while i < needle.len() {
        if haystack[at + i] != needle[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether every `{name}` placeholder of `a` is also in `b` (usable in constants).
const fn placeholders_within(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() {
        if a[i] == b'{' {
            let mut end = i + 1;
            while end < a.len() && a[end] != b'}' {
                end += 1;
            }
            if end == a.len() {
                return true;
            }
            // Look for a[i..=end] in b.
            let (_, placeholder) = a.split_at(i);
            let (placeholder, _) = placeholder.split_at(end - i + 1);
            let mut at = 0;
            let mut found = false;
            while at < b.len() {
                if occurs_at(b, placeholder, at) {
                    found = true;
                    break;
                }
                at += 1;
            }
            if !found {
                return false;
            }
            i = end;
        }
        i += 1;
    }
    true
}

/// Whether `en` and `fr` have the same `{name}` placeholders: checked by [`texts!`] when
/// the crate builds.
pub const fn same_placeholders(en: &str, fr: &str) -> bool {
    placeholders_within(en.as_bytes(), fr.as_bytes())
        && placeholders_within(fr.as_bytes(), en.as_bytes())
}

/// A table of texts in English and French: an enum whose every variant has both, checked
/// by the compiler (a variant without its French, or whose French lacks a `{name}`
/// placeholder of the English or adds one, does not build).
///
/// ```
/// funnelsim::texts! {
///     /// Greetings.
///     pub enum Greeting {
///         Hello => "Hello", "Bonjour";
///         Rows => "{n} rows", "{n} lignes";
///     }
/// }
/// use funnelsim::model::i18n::{with_locale, Currency, Lang};
/// assert_eq!(with_locale(Lang::Fr, Currency::Eur, || Greeting::Hello.text()), "Bonjour");
/// assert_eq!(Greeting::Rows.fill(&[("n", "3")]), "3 rows");
/// ```
///
/// A French text that loses a placeholder does not build:
///
/// ```compile_fail
/// funnelsim::texts! {
///     enum Broken {
///         Rows => "{n} rows", "des lignes";
///     }
/// }
/// ```
#[macro_export]
macro_rules! texts {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $en:expr, $fr:expr;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }

        $(
            const _: () = assert!(
                $crate::model::i18n::same_placeholders($en, $fr),
                concat!("the English and French of ", stringify!($name), "::", stringify!($variant), " have different placeholders")
            );
        )+

        #[allow(dead_code)]
        impl $name {
            /// Every entry of the table.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The entry in `lang`.
            pub fn in_lang(self, lang: $crate::model::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($name::$variant, $crate::model::i18n::Lang::En) => $en,
                        ($name::$variant, $crate::model::i18n::Lang::Fr) => $fr,
                    )+
                }
            }

            /// The entry in the language in use.
            pub fn text(self) -> &'static str {
                self.in_lang($crate::model::i18n::lang())
            }

            /// The entry in the language in use, its `{name}` placeholders filled.
            pub fn fill(self, values: &[(&str, &str)]) -> String {
                $crate::model::i18n::fill(self.text(), values)
            }
        }
    };
}
