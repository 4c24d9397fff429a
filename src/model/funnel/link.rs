//! The link codec's common pieces, used by every feature's keys: how a value is escaped and a
//! number written and read, and the typed [`UrlError`] that says why a link cannot be read.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::model::funnel::scenario::{MAX_STAGES, MIN_STAGES};

crate::texts! {
    /// Why a link could not be read.
    pub(crate) enum UrlText {
        UnsupportedVersion => "This link was made by a newer or unknown version of funnelsim (v={v}); showing the default scenario instead.",
            "Ce lien a été créé par une version plus récente ou inconnue de funnelsim (v={v}) ; le scénario par défaut est affiché à la place.";
        BadValue => "This link could not be read ({key}={value}: {problem}); showing the default scenario instead.",
            "Ce lien n'a pas pu être lu ({key}={value} : {problem}) ; le scénario par défaut est affiché à la place.";
        StageCount => "This link has {n} stages; a funnel needs {min} to {max}. Showing the default scenario instead.",
            "Ce lien compte {n} étapes ; un entonnoir en a de {min} à {max}. Le scénario par défaut est affiché à la place.";
        UnknownValue => "unknown value", "valeur inconnue";
        NotANumber => "not a number", "pas un nombre";
        NameNumber => "expected name:number", "nom:nombre attendu";
    }
}

/// Characters escaped in a query value; `:` and `,` stay readable.
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'`');

/// Why a URL could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum UrlError {
    /// `v` names a version this build does not know (a newer app wrote it).
    UnsupportedVersion(String),
    /// A value could not be read for this key.
    BadValue {
        key: String,
        value: String,
        problem: String,
    },
    /// The `stage` list has too few or too many stages.
    StageCount(usize),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            UrlError::UnsupportedVersion(v) => UrlText::UnsupportedVersion.fill(&[("v", v)]),
            UrlError::BadValue {
                key,
                value,
                problem,
            } => UrlText::BadValue.fill(&[("key", key), ("value", value), ("problem", problem)]),
            UrlError::StageCount(n) => UrlText::StageCount.fill(&[
                ("n", &n.to_string()),
                ("min", &MIN_STAGES.to_string()),
                ("max", &MAX_STAGES.to_string()),
            ]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for UrlError {}

/// Percent-encodes a query value, leaving `:` and `,` readable.
pub fn encode_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Writes a number so that it reads back exactly (shortest round-trip form).
pub(crate) fn number(x: f64) -> String {
    format!("{}", x + 0.0)
}

/// A plain finite number (a dot for decimals, as links write them), or why not.
pub(crate) fn finite_number(key: &str, value: &str) -> Result<f64, UrlError> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| bad(key, value, UrlText::NotANumber.text()))
}

/// A value that cannot be read for `key` (the value cut to 60 characters in the message).
pub(crate) fn bad(key: &str, value: &str, problem: impl ToString) -> UrlError {
    UrlError::BadValue {
        key: key.to_owned(),
        value: value.chars().take(60).collect(),
        problem: problem.to_string(),
    }
}
