//! The app's single reducer: the editor (inputs and last valid scenario), the view, the
//! comparison set, the saved-scenario library as last written, and the what-if settings.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use crate::model::i18n::{self, Lang};
use crate::model::persist::page::{decode_page, Page, View};
use crate::model::persist::storage::{self, Library, SavedScenario, WriteBase, STORAGE_KEY};
use crate::model::workbench::compare::MAX_VARIANTS;
use crate::model::workbench::sensitivity::StepMode;
use crate::model::{Edit, Editor, FieldId, Metric, NamedScenario, Scenario};

crate::texts! {
    /// The app's notices about storage and the comparison.
    enum StateText {
        ChangedElsewhere => "The saved scenarios were changed in another tab: the list shows them as they are now.",
            "Les scénarios enregistrés ont été modifiés dans un autre onglet : la liste les montre tels qu'ils sont maintenant.";
        StorageUnavailable => "Saved scenarios are unavailable: {error}",
            "Les scénarios enregistrés ne sont pas disponibles : {error}";
        WriteBackFailed => "Your saved scenarios could not be written back in the new format: {error}",
            "Vos scénarios enregistrés n'ont pas pu être réécrits dans le nouveau format : {error}";
        CurrentScenario => "Current scenario", "Scénario actuel";
        ComparisonFull => "A comparison holds a baseline and at most {max} variants: remove one first.",
            "Une comparaison contient un scénario de référence et au plus {max} variantes : retirez-en une d'abord.";
        Added => "Added “{name}” to the comparison.", "« {name} » a été ajouté à la comparaison.";
    }
}

/// A message in both languages, made when it happened and shown in the language in use (a
/// switch of language shows it again in the other).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Localized {
    en: String,
    fr: String,
}

impl Localized {
    /// Runs `make` once in each language (with the currency in use).
    pub fn new(make: impl Fn() -> String) -> Localized {
        let currency = i18n::currency();
        Localized {
            en: i18n::with_locale(Lang::En, currency, &make),
            fr: i18n::with_locale(Lang::Fr, currency, &make),
        }
    }

    /// This message, then `next`, in each language.
    pub fn followed_by(&self, next: &Localized) -> Localized {
        Localized {
            en: format!("{} {}", self.en, next.en),
            fr: format!("{} {}", self.fr, next.fr),
        }
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// The message in the language in use.
    pub fn text(&self) -> &str {
        self.in_lang(i18n::lang())
    }
}

/// What is known about browser storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StorageStatus {
    /// Why the stored library could not be read, if it could not.
    pub problem: Option<Localized>,
    /// The unreadable text, kept for download.
    pub unreadable: Option<Rc<String>>,
    /// Where the unreadable text was kept aside in storage (None if that failed too).
    pub kept_under: Option<String>,
    /// The last failed write (quota, refusal).
    pub write_error: Option<Localized>,
    /// The library was upgraded from this storage version on load.
    pub migrated_from: Option<u32>,
}

/// A short message about the last action ("Saved “Plan B”."), maybe with a way to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: Localized,
    pub is_error: bool,
    pub undo: Option<Undo>,
}

impl Notice {
    /// A message about something that worked (`make` writes it in the language in use).
    pub fn info(make: impl Fn() -> String) -> Notice {
        Notice {
            text: Localized::new(make),
            is_error: false,
            undo: None,
        }
    }

    /// A message about something that was refused or failed.
    pub fn error(make: impl Fn() -> String) -> Notice {
        Notice {
            is_error: true,
            ..Notice::info(make)
        }
    }

    /// A refusal or failure already written in both languages.
    pub fn error_in(text: Localized) -> Notice {
        Notice {
            text,
            is_error: true,
            undo: None,
        }
    }
}

/// What the notice's Undo button puts back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// A deleted saved scenario, at its former place in the list.
    Restore { index: usize, saved: SavedScenario },
}

/// Everything the app remembers between renders.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub editor: Rc<Editor>,
    /// Name of the current scenario ("" when unnamed).
    pub name: String,
    /// The saved scenario the editor was opened from.
    pub current_id: Option<u64>,
    pub view: View,
    /// Baseline first.
    pub comparison: Rc<Vec<NamedScenario>>,
    pub embed: bool,
    pub embed_dialog: bool,
    /// Why the page address could not be read, if it could not (in the language in use).
    pub url_message: Option<String>,
    /// The same in both languages.
    url_texts: Option<Localized>,
    /// Outcome of the last "Copy link".
    pub link_copied: Option<bool>,
    /// True while an unreadable address is on screen: it is left as it is (the user may
    /// want to fix it by hand) until the first edit.
    pub keep_address: bool,
    /// The library as last read from or written to storage.
    pub library: Rc<Library>,
    pub storage: StorageStatus,
    pub notice: Option<Notice>,
    pub sensitivity_step: String,
    pub sensitivity_mode: StepMode,
    pub sensitivity_metric: Metric,
    pub goal_lever: FieldId,
    pub goal_metric: Metric,
    pub goal_target: String,
    /// The language of the interface.
    pub lang: Lang,
    /// The language was chosen (in the link, or with the switcher): the link keeps it.
    pub lang_in_link: bool,
}

impl Default for AppState {
    fn default() -> AppState {
        AppState {
            editor: Rc::default(),
            name: String::new(),
            current_id: None,
            view: View::Model,
            comparison: Rc::default(),
            embed: false,
            embed_dialog: false,
            url_message: None,
            url_texts: None,
            link_copied: None,
            keep_address: false,
            library: Rc::default(),
            storage: StorageStatus::default(),
            notice: None,
            sensitivity_step: "10".into(),
            sensitivity_mode: StepMode::Relative,
            sensitivity_metric: Metric::Revenue,
            goal_lever: FieldId::Top,
            goal_metric: Metric::Customers,
            goal_target: "180".into(),
            lang: Lang::En,
            lang_in_link: false,
        }
    }
}

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
}

impl AppState {
    /// The state for a page address query and the stored library.
    pub fn init(query: &str) -> AppState {
        // The language first (the last `lang=` as `decode_page` reads it, else the
        // browser's): the example scenario and every message below are written in it, even
        // when the rest of the address cannot be read.
        let mut chosen = None;
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            if key == "lang" {
                chosen = Lang::from_key(&value);
            }
        }
        let lang = chosen.unwrap_or_else(browser::preferred_lang);
        i18n::set_locale(lang, i18n::Currency::default());
        let mut state = match decode_page(query) {
            Ok(page) => AppState::from_page(page),
            Err(_) => AppState {
                keep_address: true,
                ..AppState::default()
            },
        };
        state.lang = lang;
        state.lang_in_link = chosen.is_some();
        i18n::set_locale(state.lang, state.editor.scenario().currency);
        if state.keep_address {
            let texts = Localized::new(|| {
                decode_page(query)
                    .err()
                    .map_or_else(String::new, |e| e.to_string())
            });
            state.url_message = Some(texts.in_lang(state.lang).to_owned());
            state.url_texts = Some(texts);
        }
        state.load_library();
        state
    }

    fn from_page(page: Page) -> AppState {
        AppState {
            lang: page.lang.unwrap_or_default(),
            lang_in_link: page.lang.is_some(),
            editor: Rc::new(Editor::new(page.scenario)),
            name: page.name,
            view: page.view,
            comparison: Rc::new(page.comparison),
            embed: page.embed,
            ..AppState::default()
        }
    }

    /// Reads the library from storage; unreadable content is kept aside, never dropped.
    fn load_library(&mut self) {
        let raw = match browser::storage_get(STORAGE_KEY) {
            Ok(raw) => raw,
            Err(error) => {
                self.storage.problem = Some(Localized::new(|| {
                    StateText::StorageUnavailable.fill(&[("error", &error.to_string())])
                }));
                return;
            }
        };
        let loaded = storage::load(raw.as_deref());
        let (needs_quarantine, write_back) =
            (loaded.needs_quarantine(), loaded.should_write_back());
        self.library = Rc::new(loaded.library);
        self.storage.migrated_from = loaded.migrated_from;
        let Some(raw) = raw else { return };
        if needs_quarantine {
            // Kept aside once: a reload finding the same text reuses the earlier copy.
            self.storage.kept_under = browser::keep_aside(
                STORAGE_KEY,
                storage::QUARANTINE_PREFIX,
                storage::quarantine_key(browser::now_ms()),
            )
            .ok();
        }
        // What was readable is written back in the current format once the text is safe.
        if write_back && self.storage.kept_under.is_some() {
            if let Err(error) = browser::storage_set_library(STORAGE_KEY, &self.library) {
                // The library is usable; the upgrade is retried on the next load.
                self.storage.write_error = Some(Localized::new(|| error.to_string()));
                self.notice = Some(Notice::error(|| {
                    StateText::WriteBackFailed.fill(&[("error", &error.to_string())])
                }));
            }
        }
        if let Some(problem) = loaded.problem {
            self.storage.problem = Some(Localized::new(|| problem.to_string()));
            self.storage.unreadable = Some(Rc::new(raw));
        }
    }

    /// The page as it should appear in the address bar.
    pub fn page(&self) -> Page {
        Page {
            scenario: self.editor.scenario().clone(),
            name: self.name.clone(),
            view: self.view,
            comparison: (*self.comparison).clone(),
            embed: self.embed,
            lang: self.lang_in_link.then_some(self.lang),
        }
    }

    /// The current scenario with its name.
    pub fn current(&self) -> NamedScenario {
        NamedScenario {
            name: if self.name.is_empty() {
                StateText::CurrentScenario.text().into()
            } else {
                self.name.clone()
            },
            scenario: self.editor.scenario().clone(),
        }
    }

    /// False when saving would overwrite unreadable data that could not be kept aside.
    /// Shows `library` (written by this tab or another); the current entry is forgotten if
    /// it is gone.
    fn set_library(&mut self, library: Rc<Library>) {
        self.library = library;
        if let Some(id) = self.current_id {
            if self.library.get(id).is_none() {
                self.current_id = None;
            }
        }
    }

    pub fn can_write_library(&self) -> bool {
        self.storage.unreadable.is_none() || self.storage.kept_under.is_some()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let edits_scenario = matches!(
            action,
            Action::Edit(_) | Action::Reset | Action::Open { .. }
        );
        if edits_scenario {
            next.link_copied = None;
            next.keep_address = false;
        }
        match action {
            Action::Edit(edit) => Rc::make_mut(&mut next.editor).apply(edit),
            Action::Reset => {
                next.editor = Rc::new(Editor::new(Scenario::default()));
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
            Action::SensitivityStep(text) => next.sensitivity_step = text,
            Action::SensitivityMode(mode) => next.sensitivity_mode = mode,
            Action::SensitivityMetric(metric) => next.sensitivity_metric = metric,
            Action::GoalLever(lever) => next.goal_lever = lever,
            Action::GoalMetric(metric) => next.goal_metric = metric,
            Action::GoalTarget(text) => next.goal_target = text,
            Action::EmbedDialog(open) => next.embed_dialog = open,
        }
        Rc::new(next)
    }
}
