//! The app's state, pure: everything the app remembers between renders, built at start-up
//! from the page address, the stored library text and the browser's language, with the
//! storage chores (keep aside, write back) left to the caller. Native tests build it; the
//! yew reducer in `ui/state.rs` changes it.

use std::rc::Rc;

use crate::model::drafts::Typed;
use crate::model::funnel::validate::ErrorKind;
use crate::model::i18n::{self, Currency, Lang};
use crate::model::persist::page::{decode_page, lang_of, Page, View};
use crate::model::persist::storage::{self, Library, SavedScenario, StorageWriteError};
use crate::model::workbench::sensitivity::{SensitivityError, SensitivitySettings, StepMode};
use crate::model::{Editor, FieldId, Metric, NamedScenario};

crate::texts! {
    /// The app's notices about storage and the comparison.
    pub(crate) enum StateText {
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
    /// The channels' spends before a split was applied.
    Spends(Vec<f64>),
    /// The scenario before a channel was removed (with its SLA rows and leads).
    Scenario(Box<crate::model::Scenario>),
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
    pub(crate) url_texts: Option<Localized>,
    /// Outcome of the last "Copy link".
    pub link_copied: Option<bool>,
    /// True while an unreadable address is on screen: it is left as it is (the user may
    /// want to fix it by hand) until the first edit.
    pub keep_address: bool,
    /// The library as last read from or written to storage.
    pub library: Rc<Library>,
    pub storage: StorageStatus,
    pub notice: Option<Notice>,
    /// The sensitivity step as typed, and the last valid one (in %).
    pub sensitivity_step: Typed<f64, SensitivityError>,
    pub sensitivity_mode: StepMode,
    pub sensitivity_metric: Metric,
    pub goal_lever: FieldId,
    pub goal_metric: Metric,
    /// The goal-seek target as typed, and the last valid one.
    pub goal_target: Typed<f64, ErrorKind>,
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
            sensitivity_step: Typed::new("10", SensitivitySettings::default().step_pct),
            sensitivity_mode: StepMode::Relative,
            sensitivity_metric: Metric::Revenue,
            goal_lever: FieldId::Top,
            goal_metric: Metric::Customers,
            goal_target: Typed::new("180", 180.0),
            lang: Lang::En,
            lang_in_link: false,
        }
    }
}

/// What storage still needs once the state is built, for the caller to do in this order:
/// copy the stored text aside, then (if it was kept) write the library back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StorageChores {
    /// The stored text must be copied under a quarantine key before anything is written.
    pub keep_aside: bool,
    /// The library is to be written back in the current format once the text is kept.
    pub write_back: bool,
}

impl AppState {
    /// The state at start-up, from the page address `query`, the text `stored` under the
    /// library's storage key (or why storage could not be read) and the browser's
    /// `preferred` language. Pure: it neither reads nor writes the browser; what storage
    /// still needs is in the returned [`StorageChores`], for the caller to do and record.
    pub fn start(
        query: &str,
        stored: Result<Option<String>, StorageWriteError>,
        preferred: Lang,
    ) -> (AppState, StorageChores) {
        // The language first (the last `lang=` as `decode_page` reads it, else the
        // browser's): the example scenario and every message below are written in it, even
        // when the rest of the address cannot be read.
        let chosen = lang_of(query);
        let lang = chosen.unwrap_or(preferred);
        let (mut state, unreadable) =
            i18n::with_locale(lang, Currency::default(), || match decode_page(query) {
                Ok(page) => (AppState::from_page(page), None),
                Err(error) => (
                    AppState {
                        keep_address: true,
                        ..AppState::default()
                    },
                    Some(error),
                ),
            });
        state.lang = lang;
        state.lang_in_link = chosen.is_some();
        i18n::with_locale(lang, state.editor.scenario().currency, || {
            // The error is written when shown: once in each language.
            if let Some(error) = &unreadable {
                let texts = Localized::new(|| error.to_string());
                state.url_message = Some(texts.in_lang(state.lang).to_owned());
                state.url_texts = Some(texts);
            }
            let chores = state.read_library(stored);
            (state, chores)
        })
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

    /// Reads the library from the stored text; unreadable content is marked to be kept
    /// aside, never dropped.
    fn read_library(&mut self, stored: Result<Option<String>, StorageWriteError>) -> StorageChores {
        let raw = match stored {
            Ok(raw) => raw,
            Err(error) => {
                self.storage.problem = Some(Localized::new(|| {
                    StateText::StorageUnavailable.fill(&[("error", &error.to_string())])
                }));
                return StorageChores::default();
            }
        };
        let loaded = storage::load(raw.as_deref());
        let chores = StorageChores {
            keep_aside: raw.is_some() && loaded.needs_quarantine(),
            write_back: raw.is_some() && loaded.should_write_back(),
        };
        self.library = Rc::new(loaded.library);
        self.storage.migrated_from = loaded.migrated_from;
        if let (Some(problem), Some(raw)) = (loaded.problem, raw) {
            self.storage.problem = Some(Localized::new(|| problem.to_string()));
            self.storage.unreadable = Some(Rc::new(raw));
        }
        chores
    }

    /// Records where the unreadable or older text was kept aside (`None`: copying failed).
    pub fn kept_aside(&mut self, key: Option<String>) {
        self.storage.kept_under = key;
    }

    /// Whether the library is to be written back in the current format now: only once the
    /// text it replaces is safe.
    pub fn writes_back(&self, chores: StorageChores) -> bool {
        chores.write_back && self.storage.kept_under.is_some()
    }

    /// Records that writing the library back failed: the library is usable, and the upgrade
    /// is tried again on the next load.
    pub fn write_back_failed(&mut self, error: &StorageWriteError) {
        self.storage.write_error = Some(Localized::new(|| error.to_string()));
        self.notice = Some(Notice::error(|| {
            StateText::WriteBackFailed.fill(&[("error", &error.to_string())])
        }));
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
    pub fn set_library(&mut self, library: Rc<Library>) {
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
