//! The language and currency the page speaks, given to every component as a context: a
//! component that reads it with [`use_locale`] renders again when either changes (the text
//! tables and formatters read the pair in use, which the app sets before it renders).

use yew::prelude::*;

use crate::model::i18n::{Currency, Lang};

/// The language and currency in use.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Locale {
    pub lang: Lang,
    pub currency: Currency,
}

/// Makes `lang` and `currency` the pair in use for the page's root component: the texts and
/// numbers it renders read them, and so does `<html lang>`. The root then gives the returned
/// locale to every component as the context [`use_locale`] reads.
#[hook]
pub fn use_page_locale(lang: Lang, currency: Currency) -> Locale {
    crate::model::i18n::set_locale(lang, currency);
    use_effect_with(lang, |lang| super::browser::set_document_lang(*lang));
    Locale { lang, currency }
}

/// The page's locale; renders the component again when it changes.
#[hook]
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}
