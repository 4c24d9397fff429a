//! The app's state at start-up, built natively from the page address, the stored library
//! text and the browser's language: which language wins, an unreadable address kept with
//! its message, and what storage still needs (keep aside, write back) for each kind of
//! stored text.
use funnelsim::app::state::{AppState, StorageChores};
use funnelsim::model::i18n::Lang;
use funnelsim::model::persist::page::View;
use funnelsim::model::persist::storage::{serialize, Library, StorageWriteError};
use funnelsim::model::Scenario;

fn start(query: &str, stored: Option<&str>, preferred: Lang) -> (AppState, StorageChores) {
    AppState::start(query, Ok(stored.map(str::to_owned)), preferred)
}

fn saved_library() -> String {
    let mut library = Library::default();
    library
        .save_new("Baseline", Scenario::default(), 1_767_225_600_000.0)
        .unwrap();
    serialize(&library).unwrap()
}

#[test]
fn the_link_s_language_wins_over_the_browser_s() {
    let (state, _) = start("?v=1&lang=fr&view=sla", None, Lang::En);
    assert_eq!(state.lang, Lang::Fr);
    assert!(state.lang_in_link, "a chosen language stays in the link");
    assert_eq!(state.view, View::Sla);

    let (state, _) = start("?v=1&basket=9000", None, Lang::Fr);
    assert_eq!(state.lang, Lang::Fr, "no lang= in the link: the browser's");
    assert!(!state.lang_in_link);
    assert_eq!(state.editor.scenario().basket, 9000.0);
    assert!(state.url_message.is_none());
}

#[test]
fn an_unreadable_address_keeps_the_address_and_says_why_in_the_language_in_use() {
    let (state, _) = start("?v=1&stage=Visites:abc&lang=fr", None, Lang::En);
    assert!(
        state.keep_address,
        "the address is left for the user to fix"
    );
    let message = state.url_message.clone().expect("a message");
    assert!(message.contains("Ce lien n'a pas pu être lu"), "{message}");
    // The example scenario the page falls back to is written in that language too.
    let default_fr =
        funnelsim::model::i18n::with_locale(Lang::Fr, Default::default(), Scenario::default);
    assert_eq!(state.editor.scenario(), &default_fr);
    assert_ne!(
        default_fr.stages[0].name,
        Scenario::default().stages[0].name
    );
}

#[test]
fn a_readable_library_needs_no_chore() {
    let (state, chores) = start("", Some(&saved_library()), Lang::En);
    assert_eq!(chores, StorageChores::default());
    assert_eq!(state.library.scenarios().len(), 1);
    assert!(state.storage.problem.is_none());
    assert!(state.storage.unreadable.is_none());
    let (state, chores) = start("", None, Lang::En);
    assert_eq!(chores, StorageChores::default());
    assert!(state.library.is_empty());
}

#[test]
fn unreadable_text_is_kept_aside_and_never_written_over() {
    let (mut state, chores) = start("", Some("{not json"), Lang::En);
    assert_eq!(
        chores,
        StorageChores {
            keep_aside: true,
            write_back: false
        }
    );
    assert!(state.storage.problem.is_some());
    assert_eq!(
        state.storage.unreadable.as_deref().map(String::as_str),
        Some("{not json")
    );
    assert!(
        !state.can_write_library(),
        "nothing is saved until the text is safe"
    );
    state.kept_aside(Some("funnelsim.scenarios.unreadable.1".into()));
    assert!(state.can_write_library());
    assert!(!state.writes_back(chores));
}

#[test]
fn an_older_library_is_written_back_only_once_kept_aside() {
    let v1 = r#"{"version":1,"scenarios":[{"name":"Q1","query":"v=1&basket=8000"}]}"#;
    let (mut state, chores) = start("", Some(v1), Lang::En);
    assert_eq!(
        chores,
        StorageChores {
            keep_aside: true,
            write_back: true
        }
    );
    assert_eq!(state.storage.migrated_from, Some(1));
    assert_eq!(state.library.scenarios()[0].scenario.basket, 8000.0);
    assert!(!state.writes_back(chores), "not before the copy exists");
    state.kept_aside(None);
    assert!(!state.writes_back(chores), "not when copying failed");
    state.kept_aside(Some("funnelsim.scenarios.unreadable.2".into()));
    assert!(state.writes_back(chores));
    state.write_back_failed(&StorageWriteError::Quota);
    let notice = state.notice.clone().expect("the failure is told");
    assert!(notice.is_error);
    assert!(
        notice.text.in_lang(Lang::Fr).contains("plein"),
        "{:?}",
        notice.text
    );
    assert!(state.storage.write_error.is_some());
}

#[test]
fn storage_that_cannot_be_read_is_told_and_leaves_an_empty_library() {
    let (state, chores) = AppState::start(
        "",
        Err(StorageWriteError::Unavailable("SecurityError".into())),
        Lang::En,
    );
    assert_eq!(chores, StorageChores::default());
    let problem = state.storage.problem.clone().expect("a problem");
    assert!(
        problem.in_lang(Lang::En).contains("SecurityError"),
        "{problem:?}"
    );
    assert!(
        problem
            .in_lang(Lang::Fr)
            .contains("ne sont pas disponibles"),
        "{problem:?}"
    );
    assert!(state.library.is_empty());
}
