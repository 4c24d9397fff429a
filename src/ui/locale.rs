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

/// The page's locale; renders the component again when it changes.
#[hook]
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}
