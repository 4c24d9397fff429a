//! What a form keeps while the user types, the one way every form does it: the text of each
//! field that is not (or not yet) the value in use, the problem with it, and the last valid
//! value, which bad text never replaces.
//!
//! [`Drafts`] serves forms whose valid values live in a document (the scenario, its SLA, its
//! forecast settings): the document keeps the last valid value, the drafts keep the text.
//! [`Typed`] serves a value that lives nowhere else (the goal-seek target, the sensitivity
//! step, a spend typed in the CRM view): it keeps the text, its problem and the last valid
//! value together.

use std::collections::BTreeMap;

/// The texts and problems of a form's fields, by field.
#[derive(Clone, Debug, PartialEq)]
pub struct Drafts<F: Ord, E> {
    texts: BTreeMap<F, String>,
    errors: BTreeMap<F, E>,
}

impl<F: Ord, E> Default for Drafts<F, E> {
    fn default() -> Self {
        Drafts {
            texts: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }
}

impl<F: Ord + Copy, E> Drafts<F, E> {
    /// The text kept for `field`, when the field does not show its value in use.
    pub fn text(&self, field: F) -> Option<&str> {
        self.texts.get(&field).map(String::as_str)
    }

    /// The problem with `field`'s text, when it could not be used.
    pub fn error(&self, field: F) -> Option<&E> {
        self.errors.get(&field)
    }

    /// Every field with a problem, in field order.
    pub fn errors(&self) -> impl Iterator<Item = (&F, &E)> {
        self.errors.iter()
    }

    /// Whether any field has a problem.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Records a reading of `text` in `field` whose value, when valid, the field then shows
    /// (formatted from the document): valid text is forgotten, refused text is kept with its
    /// problem.
    pub fn settle(&mut self, field: F, text: String, read: Result<(), E>) {
        match read {
            Ok(()) => self.forget(field),
            Err(error) => {
                self.texts.insert(field, text);
                self.errors.insert(field, error);
            }
        }
    }

    /// Records a reading of `text` in `field` that keeps showing the text as typed, valid
    /// or not ("240 000" stays as typed rather than becoming "240000"); only a refused text
    /// has a problem.
    pub fn keep(&mut self, field: F, text: String, read: Result<(), E>) {
        self.texts.insert(field, text);
        match read {
            Ok(()) => {
                self.errors.remove(&field);
            }
            Err(error) => {
                self.errors.insert(field, error);
            }
        }
    }

    /// Forgets `field`'s text and problem: it shows its value in use again.
    pub fn forget(&mut self, field: F) {
        self.texts.remove(&field);
        self.errors.remove(&field);
    }

    /// Keeps only the fields for which `keep` holds.
    pub fn retain(&mut self, keep: impl Fn(F) -> bool) {
        self.texts.retain(|field, _| keep(*field));
        self.errors.retain(|field, _| keep(*field));
    }

    /// Forgets every text and problem.
    pub fn clear(&mut self) {
        self.texts.clear();
        self.errors.clear();
    }

    /// Forgets the fields of row `row` of a table (`row_of` tells a field's row) and moves
    /// those of the rows below it up one (`in_row` gives a field in another row), after the
    /// row was removed.
    pub fn remove_row(
        &mut self,
        row: usize,
        row_of: impl Fn(F) -> usize,
        in_row: impl Fn(F, usize) -> F,
    ) {
        self.retain(|field| row_of(field) != row);
        self.rename(
            |field| {
                let r = row_of(field);
                if r > row {
                    in_row(field, r - 1)
                } else {
                    field
                }
            },
            |_, error| error,
        );
    }

    /// Moves every text and problem to the field `rename` gives (fields addressed by
    /// position, after one was inserted or removed); `readdress` updates a problem that
    /// names its own field.
    pub fn rename(&mut self, rename: impl Fn(F) -> F, readdress: impl Fn(F, E) -> E) {
        self.texts = std::mem::take(&mut self.texts)
            .into_iter()
            .map(|(field, text)| (rename(field), text))
            .collect();
        self.errors = std::mem::take(&mut self.errors)
            .into_iter()
            .map(|(field, error)| {
                let field = rename(field);
                (field, readdress(field, error))
            })
            .collect();
    }
}

/// One typed value that lives nowhere else: the text as typed, the problem with it, and the
/// value in use, the last one a text gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed<T, E> {
    text: String,
    error: Option<E>,
    value: T,
}

impl<T, E> Typed<T, E> {
    /// A value shown as `text`.
    pub fn new(text: impl Into<String>, value: T) -> Self {
        Typed {
            text: text.into(),
            error: None,
            value,
        }
    }

    /// What the user typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The problem with the text, when it could not be used.
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// The value in use: the last one a text gave.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Takes a new text: its value when `read` accepts it, else its problem (the value in
    /// use stays).
    pub fn retype(&mut self, text: String, read: impl FnOnce(&str) -> Result<T, E>) {
        self.text = text;
        self.reread(read);
    }

    /// Reads the same text again (what it may hold depends on another choice that changed).
    pub fn reread(&mut self, read: impl FnOnce(&str) -> Result<T, E>) {
        match read(&self.text) {
            Ok(value) => {
                self.value = value;
                self.error = None;
            }
            Err(error) => self.error = Some(error),
        }
    }
}
