//! The tools behind the tabs load their code when first opened: each tool is a split point
//! (`wasm_split`), whose code `scripts/split-wasm.mjs` cuts off the main wasm into a chunk the
//! tab fetches once (the service worker keeps it), with a loading state meanwhile.

use std::cell::RefCell;
use std::collections::BTreeMap;

use yew::prelude::*;

use crate::model::persist::page::View;
use crate::ui::persist::library_view::ViewProps;

crate::texts! {
    enum LazyText {
        Loading => "Loading this tool…", "Chargement de cet outil…";
        Failed => "This tool could not be loaded: its file did not arrive (offline before it was first opened?).",
            "Cet outil n'a pas pu être chargé : son fichier n'est pas arrivé (hors ligne avant sa première ouverture ?).";
        Retry => "Try again", "Réessayer";
    }
}

/// How a loaded tool draws its view.
pub type RenderView = fn(&ViewProps) -> Html;

/// A tool's chunk did not arrive (offline before it was first opened, a failed request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkMissing;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ChunkMissing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// A split point: `async fn $name() -> Result<RenderView, ChunkMissing>`, which draws `$view`.
/// In the split build (feature "split") its code goes to the chunk `$chunk`, fetched on the first
/// call; otherwise it is an ordinary function of the one module.
macro_rules! split_point {
    ($chunk:ident, $name:ident, $view:path) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        fn $name() -> Result<RenderView, ChunkMissing> {
            Ok(|p| html! { <$view state={p.state.clone()} dispatch={p.dispatch.clone()} /> })
        }

        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<RenderView, ChunkMissing> {
            Ok(|p| html! { <$view state={p.state.clone()} dispatch={p.dispatch.clone()} /> })
        }
    };
}

split_point!(
    compare,
    compare,
    crate::ui::workbench::compare_view::CompareView
);
split_point!(
    sensitivity,
    sensitivity,
    crate::ui::workbench::sensitivity_view::SensitivityView
);
split_point!(
    goal_seek,
    goal_seek,
    crate::ui::workbench::goal_view::GoalSeekView
);
split_point!(
    forecast,
    forecast,
    crate::ui::forecast::forecast_view::ForecastView
);
split_point!(sla, sla, crate::ui::sla::sla_view::SlaView);
split_point!(crm, crm, crate::ui::crm::crm_view::CrmView);
split_point!(glossary, glossary, crate::ui::glossary_view::GlossaryView);
split_point!(
    scenarios,
    scenarios,
    crate::ui::persist::library_view::LibraryView
);

thread_local! {
    /// The tools loaded so far: a tab opened again draws at once, with no loading state.
    static LOADED: RefCell<BTreeMap<&'static str, RenderView>> = const { RefCell::new(BTreeMap::new()) };
}

fn loaded(view: View) -> Option<RenderView> {
    LOADED.with(|loaded| loaded.borrow().get(view.key()).copied())
}

/// Fetches the chunk of a tool (once: the split loader keeps it) and gives how it draws.
async fn load(view: View) -> Result<RenderView, ChunkMissing> {
    match view {
        View::Model => Ok(|_| Html::default()),
        View::Compare => compare().await,
        View::Sensitivity => sensitivity().await,
        View::GoalSeek => goal_seek().await,
        View::Forecast => forecast().await,
        View::Sla => sla().await,
        View::Crm => crm().await,
        View::Glossary => glossary().await,
        View::Scenarios => scenarios().await,
    }
}

#[derive(Properties, PartialEq)]
pub struct LazyViewProps {
    pub view: View,
    pub props: ViewProps,
}

/// Where a tool's chunk is: arriving, arrived, or failed (with a retry).
#[derive(Clone, Copy)]
enum Chunk {
    Loading,
    Ready(RenderView),
    Failed,
}

/// A tab's tool: drawn at once when its chunk is here, else a loading state (the same height
/// as the tab's first panel, so nothing below moves) until it arrives.
#[component]
pub fn LazyView(props: &LazyViewProps) -> Html {
    let view = props.view;
    let chunk = use_state(|| loaded(view).map_or(Chunk::Loading, Chunk::Ready));
    let attempt = use_state_eq(|| 0u32);
    {
        let chunk = chunk.clone();
        use_effect_with((view, *attempt), move |&(view, _)| match loaded(view) {
            Some(render) => chunk.set(Chunk::Ready(render)),
            None => {
                chunk.set(Chunk::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match load(view).await {
                        Ok(render) => {
                            LOADED.with(|loaded| loaded.borrow_mut().insert(view.key(), render));
                            chunk.set(Chunk::Ready(render));
                        }
                        Err(_) => chunk.set(Chunk::Failed),
                    }
                });
            }
        });
    }
    match *chunk {
        Chunk::Ready(render) => {
            html! { <div class="lazy-view" data-chunk="ready" data-view={view.key()}>{ render(&props.props) }</div> }
        }
        Chunk::Loading => html! {
            <div class="lazy-view lazy-loading panel" data-chunk="loading" data-view={view.key()} role="status" aria-busy="true">
                <p>{ LazyText::Loading.text() }</p>
            </div>
        },
        Chunk::Failed => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_| attempt.set(*attempt + 1))
            };
            html! {
                <div class="lazy-view lazy-failed panel" data-chunk="failed" data-view={view.key()} role="alert">
                    <p>{ LazyText::Failed.text() }</p>
                    <button type="button" onclick={retry}>{ LazyText::Retry.text() }</button>
                </div>
            }
        }
    }
}
