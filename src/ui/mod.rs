//! The yew application: one reducer ([`state`]) and small function components.

mod browser;
mod chart;
mod fields;
mod inputs;
mod results;
mod reverse_panel;
mod state;

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{analyse, url};
use chart::{Chart, ChartKind};
use inputs::InputsForm;
use results::ResultsPanel;
use reverse_panel::ReversePanel;
pub use state::{Action, AppState};

/// Mounts the app on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The whole app: inputs on the left, results and charts on the right.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::from_query(&browser::query()));
    let scenario = state.editor.scenario().clone();
    let analysis = use_memo(scenario.clone(), |s| Rc::new(analyse(s)));
    let analysis: Rc<crate::model::Analysis> = Rc::clone(&analysis);

    // Keep the URL in step with the last valid scenario (replace, never push).
    let query = url::encode(&scenario);
    use_effect_with((query, state.keep_address), |(query, keep)| {
        if !keep {
            browser::replace_query(query);
        }
    });

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let on_copy = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            let dispatch = dispatch.clone();
            browser::copy_current_link(Callback::from(move |ok: bool| {
                dispatch.emit(Action::LinkCopied(ok))
            }));
        })
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Reset))
    };
    let on_dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::DismissUrlMessage))
    };
    let copy_status = match state.link_copied {
        Some(true) => "Link copied to the clipboard.",
        Some(false) => "Copying was refused by the browser: copy the address bar instead.",
        None => "",
    };

    html! {
        <div class="app">
            <header class="app-header">
                <div>
                    <h1>{ "funnelsim" }</h1>
                    <p class="tagline">{ "How many leads marketing must bring, what they cost and what they return." }</p>
                </div>
                <div class="header-actions">
                    <button id="copy-link" type="button" onclick={on_copy}>{ "Copy link" }</button>
                    <button id="reset-scenario" type="button" class="secondary" onclick={on_reset}>{ "Reset to example" }</button>
                    <span class="copy-status" role="status" aria-live="polite">{ copy_status }</span>
                </div>
            </header>
            if let Some(message) = &state.url_message {
                <div id="url-message" class="url-message" role="alert">
                    <span>{ message }</span>
                    <button type="button" class="secondary" onclick={on_dismiss} aria-label="Dismiss the message">{ "×" }</button>
                </div>
            }
            <main class="layout">
                <InputsForm editor={state.editor.clone()} on_edit={dispatch.reform(Action::Edit)} />
                <div class="outputs">
                    <ResultsPanel analysis={analysis.clone()} scenario={Rc::new(scenario.clone())} />
                    <section class="panel" aria-labelledby="funnel-heading">
                        <h2 id="funnel-heading">{ "Funnel" }</h2>
                        <Chart kind={ChartKind::Funnel} analysis={analysis.clone()} period={scenario.period} />
                        <results::FunnelTable analysis={analysis.clone()} />
                    </section>
                    <ReversePanel analysis={analysis.clone()} scenario={Rc::new(scenario.clone())} />
                </div>
            </main>
            <footer class="app-footer">
                <p>{ "Everything is computed in this browser tab: no data leaves it. The scenario lives in the page address — share it to share the numbers." }</p>
            </footer>
        </div>
    }
}
