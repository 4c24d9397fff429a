//! Saved scenarios: the library view (save, rename, duplicate, delete, open, compare), the
//! storage banner, and the files panel (JSON and CSV export, JSON import).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::funnel::channels_edit::ChannelEdit;
use crate::model::i18n::{self, Lang};
use crate::model::persist::export::{self, Imported};
use crate::model::persist::storage::{self, Library, LibraryError, WriteBase, STORAGE_KEY};
use crate::model::{Analysis, Edit, NamedScenario};
use crate::ui::browser;
use crate::ui::funnel::channels_panel::ChannelsText;
use crate::ui::locale::use_locale;
use crate::ui::state::{Action, AppState, Localized, Notice, Undo};
use crate::ui::Dispatch;

crate::texts! {
    /// The saved scenarios, the storage banner, the files panel and the notices.
    enum LibraryText {
        Paused => "Saving is paused: the unreadable stored data could not be kept aside. Download it (see the message above), free some space, then reload the page.",
            "L'enregistrement est suspendu : les données stockées illisibles n'ont pas pu être mises de côté. Téléchargez-les (voir le message ci-dessus), libérez de la place, puis rechargez la page.";
        Saved => "Saved “{name}”.", "« {name} » a été enregistré.";
        KeptUnder => "Nothing was deleted: the stored text was kept aside in this browser under “{key}”.",
            "Rien n'a été supprimé : le texte stocké a été mis de côté dans ce navigateur sous « {key} ».";
        NotKept => "No copy could be kept aside (the browser's storage is full or refused it), so nothing is saved over the stored data: download it, free some space, then reload the page.",
            "Aucune copie n'a pu être mise de côté (le stockage du navigateur est plein ou l'a refusée) : rien n'est enregistré par-dessus les données stockées. Téléchargez-les, libérez de la place, puis rechargez la page.";
        DownloadUnreadable => "Download the unreadable data", "Télécharger les données illisibles";
        Migrated => "Your saved scenarios were upgraded from storage format {version}; the previous copy was kept aside.",
            "Vos scénarios enregistrés ont été mis à niveau depuis le format de stockage {version} ; la copie précédente a été mise de côté.";
        ReadFailed => "The file could not be read: {error}", "Le fichier n'a pas pu être lu : {error}";
        ImportJson => "Import JSON…", "Importer un JSON…";
        ImportedScenario => "Imported scenario", "Scénario importé";
        Imported => "Imported “{name}”. Save it to keep it in this browser.",
            "« {name} » a été importé. Enregistrez-le pour le garder dans ce navigateur.";
        ImportedComparison => "Imported a comparison of {count} scenarios.",
            "Comparaison de {count} scénarios importée.";
        ImportFailed => "Import failed: {error}", "Échec de l'import : {error}";
        Updated => "Updated “{name}”.", "« {name} » a été mis à jour.";
        FilesHeading => "Save, compare, export", "Enregistrer, comparer, exporter";
        Name => "Name", "Nom";
        SaveAsNew => "Save as new", "Enregistrer comme nouveau";
        PlanPlaceholder => "e.g. Plan 2027", "ex. Plan 2027";
        Update => "Update “{name}”", "Mettre à jour « {name} »";
        AddToComparison => "Add to comparison", "Ajouter à la comparaison";
        DownloadJson => "Download scenario (JSON)", "Télécharger le scénario (JSON)";
        DownloadCsv => "Download results (CSV)", "Télécharger les résultats (CSV)";
        ImportedAt => "imported", "importé";
        Renamed => "Renamed “{old}” to “{new}”.", "« {old} » a été renommé en « {new} ».";
        Duplicated => "Duplicated “{name}”.", "« {name} » a été dupliqué.";
        Deleted => "Deleted “{name}”.", "« {name} » a été supprimé.";
        ScenarioName => "Scenario name", "Nom du scénario";
        SavedAt => "Saved {when}", "Enregistré : {when}";
        OpenNow => " · open now", " · ouvert";
        Open => "Open", "Ouvrir";
        Compare => "Compare", "Comparer";
        Duplicate => "Duplicate", "Dupliquer";
        Json => "JSON", "JSON";
        DeleteNamed => "Delete {name}", "Supprimer {name}";
        Delete => "Delete", "Supprimer";
        LibraryHeading => "Saved scenarios", "Scénarios enregistrés";
        LibraryHint => "Kept in this browser only (local storage). Export them as files to move them elsewhere.",
            "Conservés dans ce navigateur uniquement (stockage local). Exportez-les en fichiers pour les utiliser ailleurs.";
        SaveCurrentAs => "Save the current scenario as", "Enregistrer le scénario actuel sous";
        Save => "Save", "Enregistrer";
        SpendPlaceholder => "e.g. Double ad spend", "ex. Budget publicitaire doublé";
        Empty => "No saved scenario yet.", "Aucun scénario enregistré pour l'instant.";
        Restored => "Restored “{name}”.", "« {name} » a été restauré.";
        Undo => "Undo", "Annuler";
        MergedElsewhere => "Scenarios saved in another tab meanwhile are kept too.",
            "Les scénarios enregistrés entre-temps dans un autre onglet sont conservés aussi.";
        UnreadableElsewhere => "Nothing was saved: another tab stored the scenarios in a form this page cannot read (perhaps a newer version of funnelsim). Reload the page to see them.",
            "Rien n'a été enregistré : un autre onglet a stocké les scénarios sous une forme que cette page ne sait pas lire (peut-être une version plus récente de funnelsim). Rechargez la page pour les voir.";
    }
}

/// Applies `change` to a copy of the library and writes it to storage; only when the write
/// worked does the copy become the app's library. Returns what `change` returned.
pub fn write_library<T>(
    state: &AppState,
    dispatch: &Dispatch,
    change: impl FnOnce(&mut Library) -> Result<(T, Notice), LibraryError>,
) -> Option<T> {
    if !state.can_write_library() {
        dispatch.emit(Action::StorageWriteFailed(Localized::new(|| {
            LibraryText::Paused.text().to_owned()
        })));
        return None;
    }
    // Re-read first: another tab may have saved since this one last read or wrote.
    let stored = match browser::storage_get(STORAGE_KEY) {
        Ok(stored) => stored,
        Err(error) => {
            dispatch.emit(Action::StorageWriteFailed(Localized::new(|| {
                error.to_string()
            })));
            return None;
        }
    };
    let kept_aside = state.storage.unreadable.as_deref().map(String::as_str);
    let (mut library, elsewhere) =
        match storage::write_base(&state.library, stored.as_deref(), kept_aside) {
            WriteBase::Unchanged => ((*state.library).clone(), false),
            WriteBase::ChangedElsewhere(newest) => (newest, true),
            WriteBase::Unreadable(_) => {
                dispatch.emit(Action::StorageWriteFailed(Localized::new(|| {
                    LibraryText::UnreadableElsewhere.text().to_owned()
                })));
                return None;
            }
        };
    match change(&mut library) {
        Err(error) => {
            if elsewhere {
                dispatch.emit(Action::LibraryChangedElsewhere(Rc::new(library)));
            }
            dispatch.emit(Action::Notice(Some(Notice::error(|| error.to_string()))));
            None
        }
        Ok((value, mut notice)) => match browser::storage_set_library(STORAGE_KEY, &library) {
            Ok(()) => {
                if elsewhere {
                    notice.text = notice.text.followed_by(&Localized::new(|| {
                        LibraryText::MergedElsewhere.text().to_owned()
                    }));
                }
                dispatch.emit(Action::LibraryWritten(Rc::new(library), notice));
                Some(value)
            }
            Err(error) => {
                dispatch.emit(Action::StorageWriteFailed(Localized::new(|| {
                    error.to_string()
                })));
                None
            }
        },
    }
}

/// Saves the current scenario under `name` as a new library entry and makes it current.
fn save_as_new(state: &AppState, dispatch: &Dispatch, name: &str) {
    let scenario = state.editor.scenario().clone();
    let saved = write_library(state, dispatch, |library| {
        let id = library.save_new(name, scenario, browser::now_ms())?;
        let notice = Notice::info(|| LibraryText::Saved.fill(&[("name", name.trim())]));
        Ok((id, notice))
    });
    if let Some(id) = saved {
        dispatch.emit(Action::CurrentSaved {
            id,
            name: name.trim().to_owned(),
        });
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub state: Rc<AppState>,
    pub dispatch: Dispatch,
}

/// Storage problems: unreadable data (kept aside, downloadable), upgrades, failed writes.
#[component]
pub fn StorageBanner(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let storage = &props.state.storage;
    let download = storage.unreadable.clone().map(|raw| {
        Callback::from(move |_| {
            browser::download_text("funnelsim-unreadable-storage.txt", "text/plain", &raw)
        })
    });
    html! {
        <>
            if let Some(problem) = &storage.problem {
                <div id="storage-message" class="banner error" role="alert">
                    <div>
                        <p>{ problem.text() }</p>
                        if let Some(key) = &storage.kept_under {
                            <p>{ LibraryText::KeptUnder.fill(&[("key", key)]) }</p>
                        } else if storage.unreadable.is_some() {
                            <p id="storage-not-kept">{ LibraryText::NotKept.text() }</p>
                        }
                    </div>
                    if let Some(download) = download {
                        <button id="download-unreadable" type="button" class="secondary" onclick={download}>{ LibraryText::DownloadUnreadable.text() }</button>
                    }
                </div>
            }
            if let Some(version) = storage.migrated_from {
                <p id="storage-migrated" class="notice" role="status">
                    { LibraryText::Migrated.fill(&[("version", &version.to_string())]) }
                </p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub dispatch: Dispatch,
    /// Id of the file input.
    pub id: AttrValue,
}

/// A file picker that imports a scenario or a comparison set (JSON).
#[component]
pub fn ImportButton(props: &ImportProps) -> Html {
    let _locale = use_locale();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let onchange = {
        let dispatch = props.dispatch.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let dispatch = dispatch.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |text| match text {
                Ok(text) => import_text(&dispatch, &text),
                Err(error) => dispatch.emit(Action::Notice(Some(Notice::error(|| {
                    LibraryText::ReadFailed.fill(&[("error", &error.to_string())])
                })))),
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    html! {
        <label class="file-button">
            <span>{ LibraryText::ImportJson.text() }</span>
            <input id={props.id.clone()} type="file" accept=".json,application/json" {onchange} />
        </label>
    }
}

/// Imports a JSON file: a scenario opens in the editor (unsaved: the notice offers to save
/// it); a comparison set becomes the comparison.
fn import_text(dispatch: &Dispatch, text: &str) {
    match export::import_json(text) {
        Ok(Imported::Scenario(named)) => {
            let NamedScenario { name, scenario } = named;
            let name = if name.trim().is_empty() {
                LibraryText::ImportedScenario.text().to_owned()
            } else {
                name
            };
            dispatch.emit(Action::Open {
                name: name.clone(),
                id: None,
                scenario,
            });
            dispatch.emit(Action::Notice(Some(Notice::info(|| {
                LibraryText::Imported.fill(&[("name", &name)])
            }))));
        }
        Ok(Imported::Comparison(set)) => {
            let count = set.len();
            dispatch.emit(Action::CompareSet(set));
            dispatch.emit(Action::Notice(Some(Notice::info(|| {
                LibraryText::ImportedComparison.fill(&[("count", &count.to_string())])
            }))));
        }
        // Read again in each language: the problems inside are written as the file is read.
        Err(_) => dispatch.emit(Action::Notice(Some(Notice::error(|| {
            let error = export::import_json(text).err();
            LibraryText::ImportFailed
                .fill(&[("error", &error.map_or_else(String::new, |e| e.to_string()))])
        })))),
    }
}

/// A file-name-safe version of a scenario name.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "scenario".into()
    } else {
        stem.to_lowercase()
    }
}

#[derive(Properties, PartialEq)]
pub struct SaveFormProps {
    pub state: Rc<AppState>,
    pub dispatch: Dispatch,
    pub input_id: AttrValue,
    pub button_id: AttrValue,
    pub label: AttrValue,
    pub button_label: AttrValue,
    pub placeholder: AttrValue,
    /// The name the box starts with.
    #[prop_or_default]
    pub initial_name: String,
    /// Extra controls after the save button.
    #[prop_or_default]
    pub children: Html,
}

/// A name box and a button that saves the current scenario as a new library entry.
#[component]
pub fn SaveForm(props: &SaveFormProps) -> Html {
    let _locale = use_locale();
    let name_input = use_state(|| props.initial_name.clone());
    let on_name = {
        let name_input = name_input.clone();
        Callback::from(move |e: InputEvent| {
            name_input.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_save = {
        let state = props.state.clone();
        let dispatch = props.dispatch.clone();
        let name_input = name_input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save_as_new(&state, &dispatch, &name_input);
        })
    };
    html! {
        <form class="inline-form" onsubmit={on_save}>
            <label for={props.input_id.clone()}>{ &props.label }</label>
            <input id={props.input_id.clone()} type="text" maxlength="80" value={(*name_input).clone()}
                oninput={on_name} placeholder={props.placeholder.clone()} />
            <button id={props.button_id.clone()} type="submit">{ &props.button_label }</button>
            { props.children.clone() }
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub state: Rc<AppState>,
    pub analysis: Rc<Analysis>,
    pub dispatch: Dispatch,
}

/// Save, export and import for the scenario being edited.
#[component]
pub fn ScenarioFiles(props: &FilesProps) -> Html {
    let _locale = use_locale();
    let state = &props.state;
    let on_update = state.current_id.map(|id| {
        let state = state.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            let scenario = state.editor.scenario().clone();
            let name = state.name.clone();
            write_library(&state, &dispatch, |library| {
                library.update(id, scenario, browser::now_ms())?;
                Ok((
                    (),
                    Notice::info(|| LibraryText::Updated.fill(&[("name", &name)])),
                ))
            });
        })
    });
    let current = state.current();
    let on_json = {
        let current = current.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            crate::ui::download::offer_download(
                &dispatch,
                &format!("{}.funnelsim.json", file_stem(&current.name)),
                "application/json",
                export::scenario_json(&current),
            )
        })
    };
    let on_csv = {
        let current = current.clone();
        let analysis = props.analysis.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            crate::ui::download::offer_download(
                &dispatch,
                &format!("{}-results.csv", file_stem(&current.name)),
                "text/csv",
                export::results_csv(&current, &analysis),
            )
        })
    };
    let on_compare = props
        .dispatch
        .reform(move |_| Action::CompareAdd(current.clone()));
    html! {
        <section class="panel" aria-labelledby="files-heading">
            <h2 id="files-heading">{ LibraryText::FilesHeading.text() }</h2>
            <SaveForm state={state.clone()} dispatch={props.dispatch.clone()} input_id="save-name"
                button_id="save-new" label={LibraryText::Name.text()} button_label={LibraryText::SaveAsNew.text()}
                placeholder={LibraryText::PlanPlaceholder.text()}
                initial_name={state.name.clone()}>
                if let Some(on_update) = on_update {
                    <button id="save-update" type="button" class="secondary" onclick={on_update}>
                        { LibraryText::Update.fill(&[("name", &state.name)]) }
                    </button>
                }
            </SaveForm>
            <div class="button-row">
                <button id="compare-add-current" type="button" class="secondary" onclick={on_compare}>{ LibraryText::AddToComparison.text() }</button>
                <button id="export-scenario-json" type="button" class="secondary" onclick={on_json}>{ LibraryText::DownloadJson.text() }</button>
                <button id="export-results-csv" type="button" class="secondary" onclick={on_csv}>{ LibraryText::DownloadCsv.text() }</button>
                <ImportButton id="import-file" dispatch={props.dispatch.clone()} />
            </div>
        </section>
    }
}

/// Formats a saved-at timestamp as a local date and time, as the language in use writes it.
fn saved_at(ms: f64) -> String {
    if ms <= 0.0 {
        return LibraryText::ImportedAt.text().into();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let locale = match i18n::lang() {
        Lang::En => "en-GB",
        Lang::Fr => "fr-FR",
    };
    String::from(date.to_locale_string(locale, &wasm_bindgen::JsValue::UNDEFINED))
}

/// The saved-scenario library.
#[component]
pub fn LibraryView(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let state = &props.state;
    let dispatch = &props.dispatch;
    let rows = state.library.scenarios().iter().map(|saved| {
        let id = saved.id;
        let name = saved.name.clone();
        let open = {
            let dispatch = dispatch.clone();
            let scenario = saved.scenario.clone();
            let name = name.clone();
            Callback::from(move |_| {
                dispatch.emit(Action::Open {
                    name: name.clone(),
                    id: Some(id),
                    scenario: scenario.clone(),
                })
            })
        };
        let rename = {
            let state = state.clone();
            let dispatch = dispatch.clone();
            let old = name.clone();
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let new_name = input.value();
                if new_name.trim() == old {
                    return;
                }
                let written = write_library(&state, &dispatch, |library| {
                    library.rename(id, &new_name)?;
                    let notice = Notice::info(|| {
                        LibraryText::Renamed.fill(&[("old", &old), ("new", new_name.trim())])
                    });
                    Ok(((), notice))
                });
                if written.is_none() {
                    input.set_value(&old);
                } else if state.current_id == Some(id) {
                    dispatch.emit(Action::CurrentSaved {
                        id,
                        name: new_name.trim().to_owned(),
                    });
                }
            })
        };
        let duplicate = {
            let state = state.clone();
            let dispatch = dispatch.clone();
            let name = name.clone();
            Callback::from(move |_| {
                write_library(&state, &dispatch, |library| {
                    let copy = library.duplicate(id, browser::now_ms())?;
                    Ok((
                        copy,
                        Notice::info(|| LibraryText::Duplicated.fill(&[("name", &name)])),
                    ))
                });
            })
        };
        let delete = {
            let state = state.clone();
            let dispatch = dispatch.clone();
            Callback::from(move |_| {
                write_library(&state, &dispatch, |library| {
                    let (index, saved) = library.delete(id)?;
                    let notice = Notice {
                        undo: Some(Undo::Restore {
                            index,
                            saved: saved.clone(),
                        }),
                        ..Notice::info(|| LibraryText::Deleted.fill(&[("name", &saved.name)]))
                    };
                    Ok(((), notice))
                });
            })
        };
        let compare = {
            let named = NamedScenario {
                name: name.clone(),
                scenario: saved.scenario.clone(),
            };
            dispatch.reform(move |_| Action::CompareAdd(named.clone()))
        };
        let export_json = {
            let named = NamedScenario {
                name: name.clone(),
                scenario: saved.scenario.clone(),
            };
            let dispatch = props.dispatch.clone();
            Callback::from(move |_| {
                crate::ui::download::offer_download(&dispatch,
                    &format!("{}.funnelsim.json", file_stem(&named.name)),
                    "application/json",
                    export::scenario_json(&named),
                )
            })
        };
        let is_current = state.current_id == Some(id);
        html! {
            <li key={id} class={classes!("saved", is_current.then_some("current"))} data-saved-id={id.to_string()}>
                <div class="saved-name">
                    <label class="visually-hidden" for={format!("saved-name-{id}")}>{ LibraryText::ScenarioName.text() }</label>
                    <input id={format!("saved-name-{id}")} type="text" maxlength="80" value={name.clone()} onchange={rename} />
                    <span class="hint">{ LibraryText::SavedAt.fill(&[("when", &saved_at(saved.saved_at_ms))]) }{ if is_current { LibraryText::OpenNow.text() } else { "" } }</span>
                </div>
                <div class="button-row">
                    <button type="button" data-action="open" onclick={open}>{ LibraryText::Open.text() }</button>
                    <button type="button" class="secondary" data-action="compare" onclick={compare}>{ LibraryText::Compare.text() }</button>
                    <button type="button" class="secondary" data-action="duplicate" onclick={duplicate}>{ LibraryText::Duplicate.text() }</button>
                    <button type="button" class="secondary" data-action="export" onclick={export_json}>{ LibraryText::Json.text() }</button>
                    <button type="button" class="secondary danger" data-action="delete" onclick={delete}
                        aria-label={LibraryText::DeleteNamed.fill(&[("name", &name)])}>{ LibraryText::Delete.text() }</button>
                </div>
            </li>
        }
    });
    let empty = state.library.scenarios().is_empty();
    html! {
        <section class="panel" aria-labelledby="library-heading">
            <h2 id="library-heading">{ LibraryText::LibraryHeading.text() }</h2>
            <p class="hint">{ LibraryText::LibraryHint.text() }</p>
            <SaveForm state={state.clone()} dispatch={dispatch.clone()} input_id="library-save-name"
                button_id="library-save" label={LibraryText::SaveCurrentAs.text()} button_label={LibraryText::Save.text()}
                placeholder={LibraryText::SpendPlaceholder.text()}>
                <ImportButton id="library-import-file" dispatch={dispatch.clone()} />
            </SaveForm>
            if empty {
                <p id="library-empty" class="hint">{ LibraryText::Empty.text() }</p>
            } else {
                <ul id="saved-list" class="saved-list">{ for rows }</ul>
            }
        </section>
    }
}

/// The notice under the tabs, with an Undo button when the last action can be undone.
#[component]
pub fn NoticeBar(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let Some(notice) = &props.state.notice else {
        return Html::default();
    };
    let undo = notice.undo.clone().map(|undo| {
        let state = props.state.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| match undo.clone() {
            Undo::Restore { index, saved } => {
                let name = saved.name.clone();
                write_library(&state, &dispatch, |library| {
                    library.restore(index, saved)?;
                    let notice = Notice::info(|| LibraryText::Restored.fill(&[("name", &name)]));
                    Ok(((), notice))
                });
            }
            Undo::Scenario(scenario) => {
                dispatch.emit(Action::Edit(Edit::Load(*scenario)));
                dispatch.emit(Action::Notice(Some(Notice::info(|| {
                    ChannelsText::PutBackChannel.text().to_owned()
                }))));
            }
            Undo::Spends(spends) => {
                dispatch.emit(Action::Edit(Edit::Channels(ChannelEdit::Spends(spends))));
                dispatch.emit(Action::Notice(Some(Notice::info(|| {
                    ChannelsText::PutBack.text().to_owned()
                }))));
            }
        })
    });
    html! {
        <p id="notice" class={classes!("notice", notice.is_error.then_some("error"))}
            role={if notice.is_error { "alert" } else { "status" }}>
            <span>{ notice.text.text() }</span>
            if let Some(undo) = undo {
                <button id="notice-undo" type="button" class="secondary" onclick={undo}>{ LibraryText::Undo.text() }</button>
            }
        </p>
    }
}
