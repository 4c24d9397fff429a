//! The comparison view: a baseline and up to four variants, every input and KPI side by
//! side with deltas, a chart, and JSON / CSV export. The set lives in the page address.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::workbench_charts::WorkbenchChart;
use crate::model::format;
use crate::model::persist::export;
use crate::model::workbench::compare::{compare, format_value, Section, MAX_VARIANTS};
use crate::model::NamedScenario;
use crate::ui::chart::ChartOf;
use crate::ui::locale::use_locale;
use crate::ui::persist::library_view::{file_stem, ImportButton, ViewProps};
use crate::ui::state::Action;

crate::texts! {
    /// The comparison view.
    enum CompareViewText {
        RowHeader => "Input or result", "Donnée ou résultat";
        Baseline => "baseline", "référence";
        MakeBaseline => "Make baseline", "Prendre comme référence";
        Open => "Open", "Ouvrir";
        RemoveNamed => "Remove {name} from the comparison", "Retirer {name} de la comparaison";
        Remove => "Remove", "Retirer";
        Empty => "Add the current scenario or saved scenarios to compare them. The first one is the baseline.",
            "Ajoutez le scénario actuel ou des scénarios enregistrés pour les comparer. Le premier sert de référence.";
        DownloadJson => "Download comparison (JSON)", "Télécharger la comparaison (JSON)";
        DownloadCsv => "Download comparison (CSV)", "Télécharger la comparaison (CSV)";
        Caption => "Every input and result, with the change from the baseline",
            "Chaque donnée et chaque résultat, avec l'écart par rapport à la référence";
        Inputs => "Inputs", "Données";
        Results => "Results", "Résultats";
        Heading => "Compare scenarios", "Comparer des scénarios";
        AddCurrent => "Add the current scenario", "Ajouter le scénario actuel";
        SavedToAdd => "Saved scenario to add", "Scénario enregistré à ajouter";
        AddSaved => "Add saved scenario", "Ajouter le scénario enregistré";
        Hint => "A baseline and up to {max} variants. The comparison is part of the page address: Copy link shares it.",
            "Un scénario de référence et jusqu'à {max} variantes. La comparaison fait partie de l'adresse de la page : « Copier le lien » la partage.";
    }
}

/// The comparison view.
#[component]
pub fn CompareView(props: &ViewProps) -> Html {
    let locale = use_locale();
    let state = &props.state;
    let dispatch = &props.dispatch;
    let set: Vec<NamedScenario> = (*state.comparison).clone();
    // Row labels are written in the language in use: computed again when it changes.
    let comparison = use_memo((set.clone(), locale.lang), |(set, _)| {
        compare(set).ok().map(Rc::new)
    });
    let selected_saved = use_state(|| None::<u64>);
    let full = set.len() > MAX_VARIANTS;

    let add_current = {
        let current = state.current();
        dispatch.reform(move |_| Action::CompareAdd(current.clone()))
    };
    let on_pick = {
        let selected_saved = selected_saved.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            selected_saved.set(value.parse().ok());
        })
    };
    let add_saved = {
        let library = state.library.clone();
        let selected = *selected_saved;
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let chosen = selected.or_else(|| library.scenarios().first().map(|s| s.id));
            if let Some(saved) = chosen.and_then(|id| library.get(id)) {
                dispatch.emit(Action::CompareAdd(NamedScenario {
                    name: saved.name.clone(),
                    scenario: saved.scenario.clone(),
                }));
            }
        })
    };
    let entries = set.iter().enumerate().map(|(i, named)| {
        let remove = dispatch.reform(move |_| Action::CompareRemove(i));
        let baseline = dispatch.reform(move |_| Action::CompareMakeBaseline(i));
        let open = {
            let named = named.clone();
            dispatch.reform(move |_| Action::Open {
                name: named.name.clone(),
                id: None,
                scenario: named.scenario.clone(),
            })
        };
        html! {
            <li key={i} data-compare-index={i.to_string()}>
                <span class="compare-name">{ &named.name }</span>
                if i == 0 {
                    <span class="badge">{ CompareViewText::Baseline.text() }</span>
                } else {
                    <button type="button" class="link" data-action="baseline" onclick={baseline}>{ CompareViewText::MakeBaseline.text() }</button>
                }
                <button type="button" class="link" data-action="open" onclick={open}>{ CompareViewText::Open.text() }</button>
                <button type="button" class="link danger" data-action="remove" onclick={remove}
                    aria-label={CompareViewText::RemoveNamed.fill(&[("name", &named.name)])}>{ CompareViewText::Remove.text() }</button>
            </li>
        }
    });
    let saved_options = state.library.scenarios().iter().map(|s| {
        html! { <option value={s.id.to_string()} selected={*selected_saved == Some(s.id)}>{ &s.name }</option> }
    });

    let results = match comparison.as_ref() {
        None => html! {
            <p id="compare-empty" class="hint">{ CompareViewText::Empty.text() }</p>
        },
        Some(comparison) => {
            let on_json = {
                let set = set.clone();
                let dispatch = props.dispatch.clone();
                Callback::from(move |_| {
                    crate::ui::download::offer_download(
                        &dispatch,
                        "funnelsim-comparison.json",
                        "application/json",
                        export::comparison_json(&set),
                    )
                })
            };
            let on_csv = {
                let comparison = comparison.clone();
                let stem = file_stem(set.first().map_or("comparison", |n| n.name.as_str()));
                let dispatch = props.dispatch.clone();
                Callback::from(move |_| {
                    crate::ui::download::offer_download(
                        &dispatch,
                        &format!("{stem}-comparison.csv"),
                        "text/csv",
                        export::comparison_csv(&comparison),
                    )
                })
            };
            let headers = comparison.names.iter().enumerate().map(|(i, name)| {
                html! {
                    <th scope="col" colspan={if i == 0 { "1" } else { "2" }}>{ name }</th>
                }
            });
            let section_rows = |section: Section, title: &'static str| {
                let rows = comparison.rows.iter().filter(move |r| r.section == section).map(|row| {
                    let cells = row.values.iter().enumerate().map(|(i, value)| {
                        let delta = (i > 0).then(|| row.deltas.get(i - 1)).flatten();
                        let changed = delta.and_then(|d| d.abs).is_some_and(|a| a != 0.0);
                        html! {
                            <>
                                <td data-compare={format!("{}:{i}", row.key)} data-value={format::machine(*value)}>{ format_value(*value, row.kind) }</td>
                                if let Some(delta) = delta {
                                    <td class={classes!("delta", changed.then_some("changed"))}
                                        data-delta={format!("{}:{i}", row.key)} data-value={format::machine(delta.abs)}
                                        data-pct={format::machine(delta.pct)}>{ delta.format(row.kind) }</td>
                                }
                            </>
                        }
                    });
                    html! {
                        <tr key={row.key.clone()}>
                            <th scope="row">{ &row.label }</th>
                            { for cells }
                        </tr>
                    }
                });
                html! {
                    <>
                        <tr class="section-row"><th scope="rowgroup" colspan="99">{ title }</th></tr>
                        { for rows }
                    </>
                }
            };
            html! {
                <>
                    <ChartOf<WorkbenchChart> spec={WorkbenchChart::Comparison(comparison.clone())} />
                    <div class="button-row">
                        <button id="export-comparison-json" type="button" class="secondary" onclick={on_json}>{ CompareViewText::DownloadJson.text() }</button>
                        <button id="export-comparison-csv" type="button" class="secondary" onclick={on_csv}>{ CompareViewText::DownloadCsv.text() }</button>
                    </div>
                    <div class="table-scroll">
                        <table data-table="comparison" class="data-table compare-table">
                            <caption>{ CompareViewText::Caption.text() }</caption>
                            <thead>
                                <tr><th scope="col">{ CompareViewText::RowHeader.text() }</th>{ for headers }</tr>
                            </thead>
                            <tbody>
                                { section_rows(Section::Input, CompareViewText::Inputs.text()) }
                                { section_rows(Section::Result, CompareViewText::Results.text()) }
                            </tbody>
                        </table>
                    </div>
                </>
            }
        }
    };

    html! {
        <section class="panel" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{ CompareViewText::Heading.text() }</h2>
            <ol id="compare-set" class="compare-set">{ for entries }</ol>
            <div class="button-row">
                <button id="compare-add-current-view" type="button" onclick={add_current} disabled={full}>{ CompareViewText::AddCurrent.text() }</button>
                if !state.library.scenarios().is_empty() {
                    <label class="visually-hidden" for="compare-saved">{ CompareViewText::SavedToAdd.text() }</label>
                    <select id="compare-saved" onchange={on_pick}>{ for saved_options }</select>
                    <button id="compare-add-saved" type="button" class="secondary" onclick={add_saved} disabled={full}>{ CompareViewText::AddSaved.text() }</button>
                }
                <ImportButton id="compare-import-file" dispatch={dispatch.clone()} />
            </div>
            <p class="hint">{ CompareViewText::Hint.fill(&[("max", &MAX_VARIANTS.to_string())]) }</p>
            { results }
        </section>
    }
}
