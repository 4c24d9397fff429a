//! The app's single reducer: the editor (inputs and last valid scenario) and UI notices.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{url, Edit, Editor, Scenario};

/// Everything the app remembers between renders.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub editor: Rc<Editor>,
    /// Why the page address could not be read, if it could not.
    pub url_message: Option<String>,
    /// Outcome of the last "Copy link".
    pub link_copied: Option<bool>,
    /// True while an unreadable address is on screen: it is left as it is (the user may
    /// want to fix it by hand) until the first edit.
    pub keep_address: bool,
}

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Edit),
    Reset,
    DismissUrlMessage,
    LinkCopied(bool),
}

impl AppState {
    /// The state for a page address query: its scenario, or the default with a message.
    pub fn from_query(query: &str) -> AppState {
        match url::decode(query) {
            Ok(scenario) => AppState {
                editor: Rc::new(Editor::new(scenario)),
                ..AppState::default()
            },
            Err(error) => AppState {
                url_message: Some(error.to_string()),
                keep_address: true,
                ..AppState::default()
            },
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(edit) => {
                next.link_copied = None;
                next.keep_address = false;
                Rc::make_mut(&mut next.editor).apply(edit);
            }
            Action::Reset => {
                next.editor = Rc::new(Editor::new(Scenario::default()));
                next.link_copied = None;
                next.keep_address = false;
            }
            Action::DismissUrlMessage => next.url_message = None,
            Action::LinkCopied(ok) => next.link_copied = Some(ok),
        }
        Rc::new(next)
    }
}
