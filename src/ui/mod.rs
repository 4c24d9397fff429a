//! The yew application: one reducer ([`state`]) and small function components, one module
//! per view.

mod browser;
mod canvas_backend;
mod chart;
mod crash;
pub mod crm;
mod deferred;
mod download;
mod embed;
mod embed_app;
mod fields;
pub mod forecast;
mod funnel;
mod glossary_view;
mod lazy_view;
mod locale;
mod persist;
mod sales;
mod sla;
mod state;
mod workbench;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::i18n::{Currency, Lang};
use crate::model::persist::page::{encode_page, View};
use locale::Locale;

/// Links longer than this (nginx's default limit for a request line) get a warning.
const LONG_LINK: usize = 8_000;
use crate::model::{analyse, Analysis};
use chart::{Chart, ChartSpec};
pub use deferred::start_up_done;
use deferred::Deferred;
pub use embed_app::{start_embed, EmbedApp};
use funnel::inputs::InputsForm;
use funnel::results::ResultsPanel;
use funnel::reverse_panel::ReversePanel;
use lazy_view::Lazy;
pub use state::{Action, AppState, Notice};

/// Mounts the app on the document body, in the task after the wasm's instantiation (two
/// shorter tasks for the browser than one).
pub fn start() {
    // The Monte Carlo workers instantiate this same module (src/ui/forecast/mc_pool.rs):
    // there is no page to mount the app on.
    if web_sys::window().is_none() {
        return;
    }
    crash::install();
    // From the start: a reader who acts before the Model view's lower parts are drawn counts.
    lazy_view::watch_for_the_reader();
    wasm_bindgen_futures::spawn_local(async {
        browser::yield_to_page().await;
        yew::Renderer::<App>::new().render();
    });
}

/// Dispatches actions to the app's reducer.
pub type Dispatch = Callback<Action>;

crate::texts! {
    /// The app's frame: header, banners, tabs, footer.
    enum AppText {
        Tagline => "How many leads marketing must bring, what they cost and what they return.",
            "Combien de leads le marketing doit apporter, ce qu'ils coûtent et ce qu'ils rapportent.";
        Unsaved => "Unsaved scenario", "Scénario non enregistré";
        CopyLink => "Copy link", "Copier le lien";
        Embed => "Embed", "Intégrer";
        Reset => "Reset to example", "Revenir à l'exemple";
        Copied => "Link copied to the clipboard.", "Lien copié dans le presse-papiers.";
        CopyRefused => "Copying was refused by the browser: copy the address bar instead.",
            "Le navigateur a refusé la copie : copiez plutôt la barre d'adresse.";
        LongLink => "This link is over 8,000 characters: some servers refuse links that long. To share this scenario, send its file (Saved scenarios → JSON) instead.",
            "Ce lien dépasse 8 000 caractères : certains serveurs refusent des liens aussi longs. Pour partager ce scénario, envoyez plutôt son fichier (Scénarios enregistrés → JSON).";
        Dismiss => "Dismiss the message", "Fermer le message";
        Views => "Views", "Vues";
        Funnel => "Funnel", "Entonnoir";
        Footer => "Everything is computed in this browser tab: no data leaves it. The scenario lives in the page address — share it to share the numbers.",
            "Tout est calculé dans cet onglet du navigateur : aucune donnée n'en sort. Le scénario vit dans l'adresse de la page — partagez-la pour partager les chiffres.";
        Language => "Language", "Langue";
        Currency => "Currency", "Devise";
    }
}

/// The tab a key moves to from `current` (arrows wrap around; Home and End go to the ends),
/// as the WAI-ARIA tabs pattern does.
fn tab_after_key(current: View, key: &str) -> Option<View> {
    let views = View::ALL;
    let at = views.iter().position(|v| *v == current)?;
    let n = views.len();
    let next = match key {
        "ArrowRight" => (at + 1) % n,
        "ArrowLeft" => (at + n - 1) % n,
        "Home" => 0,
        "End" => n - 1,
        _ => return None,
    };
    Some(views[next])
}

/// The whole app: tabs for the views, or the compact calculator in embed mode.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| state::start_up(&browser::query()));
    let scenario = state.editor.scenario().clone();
    // Texts and numbers below (and in every component) read the pair in use.
    let locale = locale::use_page_locale(state.lang, scenario.currency);
    // Rendered: the loading page goes, before the browser paints again; the start-up ends
    // with the parts this render left for later (none in some views).
    use_effect_with((), |_| {
        browser::remove_loading_page();
        deferred::after_start_up(|| ());
    });
    let analysis: Rc<Analysis> = {
        let memo = use_memo(scenario.clone(), |s| Rc::new(analyse(s)));
        Rc::clone(&memo)
    };

    // Keep the address in step with the state (replace, never push), in the task after the
    // render: encoding a large SLA (months of daily leads) stays off the input's critical
    // path, and a newer change cancels a write not yet made.
    let long_link = use_state_eq(|| false);
    {
        let long_link = long_link.clone();
        use_effect_with((state.page(), state.keep_address), move |(page, keep)| {
            let page = page.clone();
            let pending = (!*keep).then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    let query = encode_page(&page);
                    long_link.set(browser::app_base_url().len() + 1 + query.len() > LONG_LINK);
                    browser::replace_query(&query);
                })
            });
            move || drop(pending)
        });
    }

    let dispatch: Dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    // Another tab saving, renaming or deleting shows here at once (the browser's `storage`
    // event fires in every other tab of this origin).
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |_| {
                    dispatch.emit(Action::StorageChangedElsewhere)
                });
            move || drop(listener)
        });
    }

    let on_copy = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let dispatch = dispatch.clone();
            browser::copy_text(
                &browser::current_link(),
                Callback::from(move |ok: bool| dispatch.emit(Action::LinkCopied(ok))),
            );
        })
    };
    let on_reset = dispatch.reform(|_| Action::Reset);
    let on_dismiss = dispatch.reform(|_| Action::DismissUrlMessage);
    let on_embed = dispatch.reform(|_| Action::EmbedDialog(true));
    let copy_status = match state.link_copied {
        Some(true) => AppText::Copied.text(),
        Some(false) => AppText::CopyRefused.text(),
        None => "",
    };
    let on_lang = dispatch.reform(|e: Event| {
        let key = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        Action::SetLang(Lang::from_key(&key).unwrap_or_default())
    });
    let on_currency = dispatch.reform(|e: Event| {
        let code = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        Action::Edit(crate::model::Edit::Currency(
            Currency::from_code(&code).unwrap_or_default(),
        ))
    });
    let tabs = View::ALL.iter().map(|&view| {
        let selected = state.view == view;
        let onclick = dispatch.reform(move |_| Action::SetView(view));
        // One tab in the Tab order (the selected one); arrows move between tabs.
        html! {
            <button type="button" role="tab" id={format!("tab-{}", view.key())}
                aria-selected={if selected { "true" } else { "false" }}
                tabindex={if selected { "0" } else { "-1" }}
                aria-controls="view-panel" class={classes!("tab", selected.then_some("active"))}
                {onclick}>{ view.label() }</button>
        }
    });
    let on_tab_key = {
        let dispatch = dispatch.clone();
        let current = state.view;
        Callback::from(move |e: KeyboardEvent| {
            let Some(next) = tab_after_key(current, &e.key()) else {
                return;
            };
            e.prevent_default();
            dispatch.emit(Action::SetView(next));
            // Focus follows the selection once the tabs are rendered again.
            let id = format!("tab-{}", next.key());
            gloo::timers::callback::Timeout::new(0, move || {
                if let Some(tab) = gloo::utils::document().get_element_by_id(&id) {
                    if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                        let _ = tab.focus();
                    }
                }
            })
            .forget();
        })
    };
    let current_name = if state.name.is_empty() {
        AppText::Unsaved.text().to_owned()
    } else {
        state.name.clone()
    };
    let state_rc = Rc::new((*state).clone());
    let body = match state.view {
        View::Model => {
            // One copy of the scenario for the panels that read it.
            let shown = Rc::new(scenario.clone());
            let files = persist::library_view::FilesProps {
                state: state_rc.clone(),
                analysis: analysis.clone(),
                dispatch: dispatch.clone(),
            };
            let panels = lazy_view::ModelPanelsProps {
                editor: state.editor.clone(),
                analysis: analysis.clone(),
                scenario: shown.clone(),
                dispatch: dispatch.clone(),
            };
            html! {
                // At start-up, each part in a task of its own, in this order.
                <div class="layout">
                    <Deferred>
                        <InputsForm editor={state.editor.clone()} on_edit={dispatch.reform(Action::Edit)}
                            on_preset={dispatch.reform(Action::StartPreset)} />
                    </Deferred>
                    <div class="outputs">
                        <Deferred>
                            <ResultsPanel analysis={analysis.clone()} scenario={shown.clone()} />
                        </Deferred>
                        <Deferred>
                            <section class="panel" aria-labelledby="funnel-heading">
                                <h2 id="funnel-heading">{ AppText::Funnel.text() }</h2>
                                <Chart spec={ChartSpec::Funnel(chart::FunnelDrawing(analysis.clone(), scenario.period))} />
                                <funnel::results::FunnelTable analysis={analysis.clone()} />
                            </section>
                        </Deferred>
                        <Deferred>
                            <ReversePanel analysis={analysis.clone()} scenario={shown.clone()} />
                        </Deferred>

                        <Deferred>
                            <Lazy<persist::library_view::FilesProps> part={lazy_view::SCENARIO_FILES} props={files} />
                        </Deferred>
                    </div>
                    <div class="wide">
                        // Channels, capacity and pipeline: their chunk comes once the parts above are drawn.
                        <Deferred>
                            <Lazy<lazy_view::ModelPanelsProps> part={lazy_view::MODEL_PANELS} props={panels} />
                        </Deferred>
                    </div>
                </div>
            }
        }
        // Every other tool loads its code when its tab is first opened (lazy_view).
        view => html! {
            <Lazy<persist::library_view::ViewProps> part={lazy_view::tool_part(view)}
                props={persist::library_view::ViewProps { state: state_rc.clone(), dispatch: dispatch.clone() }} />
        },
    };

    html! {
        <ContextProvider<Locale> context={locale}>
        <div class="app">
            <header class="app-header">
                <div>
                    <h1>{ "funnelsim" }</h1>
                    <p class="tagline">{ AppText::Tagline.text() }</p>
                </div>
                // The first render is the loading page's header; the rest comes part by part.
                <Deferred>
                <div class="header-actions">
                    <span class="current-name" data-current-name={state.name.clone()}>{ current_name }</span>
                    <label for="lang-select" class="visually-hidden">{ AppText::Language.text() }</label>
                    <select id="lang-select" class="compact-select" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.key()} lang={l.key()} selected={*l == locale.lang}>{ l.native_name() }</option>
                        }) }
                    </select>
                    <label for="currency-select" class="visually-hidden">{ AppText::Currency.text() }</label>
                    <select id="currency-select" class="compact-select" onchange={on_currency}>
                        { for Currency::ALL.iter().map(|c| html! {
                            <option value={c.code()} selected={*c == locale.currency}>{ format!("{} {}", c.code(), c.symbol(locale.lang)) }</option>
                        }) }
                    </select>
                    <button id="copy-link" type="button" onclick={on_copy}>{ AppText::CopyLink.text() }</button>
                    <button id="embed-open" type="button" class="secondary" onclick={on_embed}>{ AppText::Embed.text() }</button>
                    <button id="reset-scenario" type="button" class="secondary" onclick={on_reset}>{ AppText::Reset.text() }</button>
                    <span class="copy-status" role="status" aria-live="polite">{ copy_status }</span>
                    if *long_link {
                        <span id="link-length-warning" class="copy-status warning">
                            { AppText::LongLink.text() }
                        </span>
                    }
                </div>
                </Deferred>
            </header>
            <Deferred>
            <main>
            if let Some(message) = &state.url_message {
                <div id="url-message" class="banner error" role="alert">
                    <span>{ message }</span>
                    <button type="button" class="secondary" onclick={on_dismiss} aria-label={AppText::Dismiss.text()}>{ "×" }</button>
                </div>
            }
            <persist::library_view::StorageBanner state={state_rc.clone()} dispatch={dispatch.clone()} />
            <nav aria-label={AppText::Views.text()}>
                <div class="tabs" role="tablist" aria-label={AppText::Views.text()} onkeydown={on_tab_key}>{ for tabs }</div>
            </nav>
            <persist::library_view::NoticeBar state={state_rc.clone()} dispatch={dispatch.clone()} />
            <div id="view-panel" role="tabpanel" aria-labelledby={format!("tab-{}", state.view.key())}>
                { body }
            </div>
            </main>
            if state.embed_dialog {
                <embed::EmbedDialog state={state_rc} dispatch={dispatch.clone()} />
            }
            // Last at start-up (queued after the view's parts): it would move down as each arrives.
            <Deferred>
                <footer class="app-footer">
                    <p>{ AppText::Footer.text() }</p>
                </footer>
            </Deferred>
            </Deferred>
        </div>
        </ContextProvider<Locale>>
    }
}
