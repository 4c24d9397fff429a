//! The app's single reducer: the actions and how each changes the [`AppState`] (the state
//! itself, pure, is in `app/state.rs`), and the start-up's browser effects.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::lazy_view::apply_edit;
use crate::app::state::StateText;
pub use crate::app::state::{AppState, Localized, Notice, Undo};
use crate::model::funnel::benchmarks::{self, Segment};
use crate::model::funnel::channels::Objective;
use crate::model::funnel::channels_edit::ChannelEdit;
use crate::model::funnel::validate::parse_number;
use crate::model::i18n::{self, Lang};
use crate::model::persist::page::View;
use crate::model::persist::storage::{self, Library, WriteBase, STORAGE_KEY};
use crate::model::workbench::channel_plan::{objective_noun, objective_text};
use crate::model::workbench::compare::MAX_VARIANTS;
use crate::model::workbench::sensitivity::{SensitivitySettings, StepMode};
use crate::model::{Edit, Editor, FieldId, Metric, NamedScenario, Scenario};
use crate::ui::funnel::channels_panel::ChannelsText;

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(Edit),
    Reset,
    DismissUrlMessage,
    LinkCopied(bool),
    SetView(View),
    /// Opens a scenario in the editor (from the library, an import or a comparison).
    Open {
        name: String,
        id: Option<u64>,
        scenario: Scenario,
    },
    /// Starts a new, unsaved scenario from a segment's preset (its stages at the medians).
    StartPreset(Segment),
    /// The library was written to storage successfully.
    LibraryWritten(Rc<Library>, Notice),
    /// Another tab changed the stored library (a `storage` event, or found on re-reading
    /// before a write): this tab shows the newest.
    LibraryChangedElsewhere(Rc<Library>),
    /// The browser said the storage changed in another tab: re-read it.
    StorageChangedElsewhere,
    /// Writing the library failed: it stays as it was.
    StorageWriteFailed(Localized),
    /// The current scenario was saved as (or is now) this library entry.
    CurrentSaved {
        id: u64,
        name: String,
    },
    Notice(Option<Notice>),
    CompareAdd(NamedScenario),
    CompareRemove(usize),
    CompareMakeBaseline(usize),
    CompareSet(Vec<NamedScenario>),
    SensitivityStep(String),
    SensitivityMode(StepMode),
    SensitivityMetric(Metric),
    GoalLever(FieldId),
    GoalMetric(Metric),
    GoalTarget(String),
    EmbedDialog(bool),
    /// The language chosen with the switcher.
    SetLang(Lang),
    /// Gives the channels the best split's spends (`before`: theirs now, for Undo), which
    /// buys `gain` more of `objective`.
    ApplySplit {
        spends: Vec<f64>,
        before: Vec<f64>,
        objective: Objective,
        gain: f64,
    },
}

/// The state at start-up: built from the address, the stored library and the browser's
/// language, then the locale set and the storage chores done.
pub fn start_up(query: &str) -> AppState {
    let (mut state, chores) = AppState::start(
        query,
        browser::storage_get(STORAGE_KEY),
        browser::preferred_lang(),
    );
    i18n::set_locale(state.lang, state.editor.scenario().currency);
    if chores.keep_aside {
        // Kept aside once: a reload finding the same text reuses the earlier copy.
        state.kept_aside(
            browser::keep_aside(
                STORAGE_KEY,
                storage::QUARANTINE_PREFIX,
                storage::quarantine_key(browser::now_ms()),
            )
            .ok(),
        );
    }
    if state.writes_back(chores) {
        if let Err(error) = browser::storage_set_library(STORAGE_KEY, &state.library) {
            state.write_back_failed(&error);
        }
    }
    state
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let edits_scenario = matches!(
            action,
            Action::Edit(_)
                | Action::Reset
                | Action::StartPreset(_)
                | Action::Open { .. }
                | Action::ApplySplit { .. }
        );
        if edits_scenario {
            next.link_copied = None;
            next.keep_address = false;
        }
        match action {
            Action::Edit(Edit::Channels(ChannelEdit::Remove(at))) => {
                let before = next.editor.scenario().clone();
                let removed = before
                    .mix()
                    .and_then(|m| m.channels.get(at))
                    .map(|c| c.name.clone());
                apply_edit(
                    Rc::make_mut(&mut next.editor),
                    Edit::Channels(ChannelEdit::Remove(at)),
                );
                if let (Some(name), true) = (removed, next.editor.scenario() != &before) {
                    next.notice = Some(Notice {
                        undo: Some(Undo::Scenario(Box::new(before))),
                        ..Notice::info(|| ChannelsText::Removed.fill(&[("name", &name)]))
                    });
                }
            }
            Action::Edit(edit) => apply_edit(Rc::make_mut(&mut next.editor), edit),
            Action::Reset => {
                next.editor = Rc::new(Editor::new(Scenario::example()));
                next.name.clear();
                next.current_id = None;
            }
            Action::StartPreset(segment) => {
                next.editor = Rc::new(Editor::new(benchmarks::preset(segment)));
                next.name.clear();
                next.current_id = None;
            }
            Action::DismissUrlMessage => {
                next.url_message = None;
                next.url_texts = None;
            }
            Action::LinkCopied(ok) => next.link_copied = Some(ok),
            Action::SetLang(lang) => {
                next.lang = lang;
                next.lang_in_link = true;
                next.url_message = next.url_texts.as_ref().map(|t| t.in_lang(lang).to_owned());
            }
            Action::SetView(view) => {
                next.view = view;
                next.notice = None;
            }
            Action::Open { name, id, scenario } => {
                next.editor = Rc::new(Editor::new(scenario));
                next.name = name;
                next.current_id = id;
                next.view = View::Model;
            }
            Action::LibraryWritten(library, notice) => {
                next.set_library(library);
                next.storage.write_error = None;
                next.notice = Some(notice);
            }
            Action::LibraryChangedElsewhere(library) => next.set_library(library),
            Action::StorageChangedElsewhere => {
                let stored = browser::storage_get(STORAGE_KEY).ok().flatten();
                let kept_aside = next.storage.unreadable.as_deref().map(String::as_str);
                match storage::write_base(&next.library, stored.as_deref(), kept_aside) {
                    WriteBase::Unchanged => {}
                    WriteBase::ChangedElsewhere(library) => {
                        next.set_library(Rc::new(library));
                        next.notice = Some(Notice::info(|| {
                            StateText::ChangedElsewhere.text().to_owned()
                        }));
                    }
                    // Told when this tab next tries to write (write_library refuses then).
                    WriteBase::Unreadable(_) => {}
                }
            }
            Action::StorageWriteFailed(message) => {
                next.storage.write_error = Some(message.clone());
                next.notice = Some(Notice::error_in(message));
            }
            Action::CurrentSaved { id, name } => {
                next.current_id = Some(id);
                next.name = name;
            }
            Action::Notice(notice) => next.notice = notice,
            Action::CompareAdd(named) => {
                if next.comparison.len() > MAX_VARIANTS {
                    next.notice = Some(Notice::error(|| {
                        StateText::ComparisonFull.fill(&[("max", &MAX_VARIANTS.to_string())])
                    }));
                } else {
                    next.notice = Some(Notice::info(|| {
                        StateText::Added.fill(&[("name", &named.name)])
                    }));
                    Rc::make_mut(&mut next.comparison).push(named);
                }
            }
            Action::CompareRemove(i) => {
                if i < next.comparison.len() {
                    Rc::make_mut(&mut next.comparison).remove(i);
                }
            }
            Action::CompareMakeBaseline(i) => {
                if i < next.comparison.len() {
                    let set = Rc::make_mut(&mut next.comparison);
                    let chosen = set.remove(i);
                    set.insert(0, chosen);
                }
            }
            Action::CompareSet(set) => {
                next.comparison = Rc::new(set.into_iter().take(MAX_VARIANTS + 1).collect());
                next.view = View::Compare;
            }
            Action::SensitivityStep(text) => next
                .sensitivity_step
                .retype(text, SensitivitySettings::read_step),
            Action::SensitivityMode(mode) => next.sensitivity_mode = mode,
            Action::SensitivityMetric(metric) => next.sensitivity_metric = metric,
            Action::GoalLever(lever) => next.goal_lever = lever,
            Action::GoalMetric(metric) => next.goal_metric = metric,
            Action::GoalTarget(text) => next.goal_target.retype(text, parse_number),
            Action::EmbedDialog(open) => next.embed_dialog = open,
            Action::ApplySplit {
                spends,
                before,
                objective,
                gain,
            } => {
                apply_edit(
                    Rc::make_mut(&mut next.editor),
                    Edit::Channels(ChannelEdit::Spends(spends)),
                );
                next.notice = Some(Notice {
                    undo: Some(Undo::Spends(before)),
                    ..Notice::info(|| {
                        ChannelsText::Applied.fill(&[
                            ("gain", &objective_text(objective, gain)),
                            ("objective", objective_noun(objective)),
                        ])
                    })
                });
            }
        }
        Rc::new(next)
    }
}
