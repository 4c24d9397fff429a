//! Parts of the app that load their code when first shown: each is a split point
//! (`wasm_split`), whose code `scripts/build-app-wasm.mjs` cuts off the main wasm into a chunk
//! fetched once (the service worker keeps it), with a loading state meanwhile.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::funnel::editor::{Edit, Editor};
use crate::model::persist::page::View;
use crate::model::{Analysis, Scenario};
use crate::ui::persist::library_view::{FilesProps, ViewProps};
use crate::ui::Dispatch;

crate::texts! {
    enum LazyText {
        Loading => "Loading…", "Chargement…";
        Failed => "This part could not be loaded: its file did not arrive (offline before it was first opened?).",
            "Cette partie n'a pas pu être chargée : son fichier n'est pas arrivé (hors ligne avant sa première ouverture ?).";
        Retry => "Try again", "Réessayer";
    }
}

/// How a loaded part draws itself from its properties.
pub type Render<P> = fn(&P) -> Html;

/// A part's chunk did not arrive (offline before it was first shown, a failed request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkMissing;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ChunkMissing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// A function whose code lives in the chunk `$chunk` (feature "split"): it becomes `async`, and
/// the first call fetches the chunk. `fallible`: a chunk that cannot arrive is the error
/// [`ChunkMissing`] converts into (otherwise the module aborts). Without the feature it is an
/// ordinary `async fn` of the one module.
macro_rules! in_chunk {
    ($chunk:ident $(, $fallible:ident)?; $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk $(, $fallible)?)]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use in_chunk;

/// A split point: `async fn $name() -> Result<Render<$props>, ChunkMissing>`, which draws
/// `$render`, its code in the chunk `$chunk`.
/// Loading it also gives the reducer the tools' editing code ([`apply_edit`]).
macro_rules! split_point {
    ($chunk:ident, $name:ident, $props:ty, $render:expr) => {
        in_chunk!($chunk, fallible; fn $name() -> Result<Render<$props>, ChunkMissing> {
            TOOL_EDITS.with(|edits| edits.set(Some(Editor::apply_to_tools)));
            Ok($render)
        });
    };
}

/// A tab's tool, drawn from the app's state.
macro_rules! tool {
    ($chunk:ident, $view:path) => {
        split_point!($chunk, $chunk, ViewProps, |p| html! {
            <$view state={p.state.clone()} dispatch={p.dispatch.clone()} />
        });
    };
}

tool!(compare, crate::ui::workbench::compare_view::CompareView);
tool!(
    sensitivity,
    crate::ui::workbench::sensitivity_view::SensitivityView
);
tool!(goal_seek, crate::ui::workbench::goal_view::GoalSeekView);
tool!(forecast, crate::ui::forecast::forecast_view::ForecastView);
tool!(sla, crate::ui::sla::sla_view::SlaView);
tool!(crm, crate::ui::crm::crm_view::CrmView);
tool!(glossary, crate::ui::glossary_view::GlossaryView);
tool!(scenarios, crate::ui::persist::library_view::LibraryView);

/// What the Model view's channels, capacity and pipeline panels read.
#[derive(Properties, PartialEq, Clone)]
pub struct ModelPanelsProps {
    pub editor: Rc<Editor>,
    pub analysis: Rc<Analysis>,
    /// The scenario shown (one copy for the panels that read it).
    pub scenario: Rc<Scenario>,
    pub dispatch: Dispatch,
}

// The Model view's parts below its first screen (scenario files, channels, capacity, pipeline):
// one chunk, fetched when the reader comes near them or first acts on the page.
split_point!(model_more, scenario_files, FilesProps, |p| html! {
    <crate::ui::persist::library_view::ScenarioFiles state={p.state.clone()} analysis={p.analysis.clone()} dispatch={p.dispatch.clone()} />
});
split_point!(model_more, model_panels, ModelPanelsProps, |p| html! {
    <>
        <crate::ui::funnel::channels_panel::ChannelsPanel editor={p.editor.clone()} analysis={p.analysis.clone()} dispatch={p.dispatch.clone()} />
        <crate::ui::sales::capacity_panel::CapacityPanel editor={p.editor.clone()} analysis={p.analysis.clone()} dispatch={p.dispatch.clone()} />
        <crate::ui::sales::pipeline_panel::PipelinePanel analysis={p.analysis.clone()} scenario={p.scenario.clone()} />
    </>
});

type Loading<P> = Pin<Box<dyn Future<Output = Result<Render<P>, ChunkMissing>>>>;

/// A part loaded on first show: its name (`data-part`, and the key of what is loaded), the
/// call that fetches its chunk, and whether it waits for the reader to come near it.
pub struct Part<P: 'static> {
    pub name: &'static str,
    load: fn() -> Loading<P>,
    /// Below the first screen: fetched when it comes within half a screen of the viewport or
    /// when the reader first acts on the page (moves the pointer, touches, scrolls, types),
    /// not during the start-up, so it shares neither the line nor the main thread with it.
    on_approach: bool,
}

impl<P> Clone for Part<P> {
    fn clone(&self) -> Self {
        Part {
            name: self.name,
            load: self.load,
            on_approach: self.on_approach,
        }
    }
}

impl<P> PartialEq for Part<P> {
    fn eq(&self, other: &Part<P>) -> bool {
        self.name == other.name
    }
}

/// The tool behind a tab (the Model view has none: it is in the main module).
pub fn tool_part(view: View) -> Part<ViewProps> {
    let load: fn() -> Loading<ViewProps> = match view {
        View::Model => || Box::pin(async { Ok::<Render<ViewProps>, _>(|_| Html::default()) }),
        View::Compare => || Box::pin(compare()),
        View::Sensitivity => || Box::pin(sensitivity()),
        View::GoalSeek => || Box::pin(goal_seek()),
        View::Forecast => || Box::pin(forecast()),
        View::Sla => || Box::pin(sla()),
        View::Crm => || Box::pin(crm()),
        View::Glossary => || Box::pin(glossary()),
        View::Scenarios => || Box::pin(scenarios()),
    };
    Part {
        name: view.key(),
        load,
        on_approach: false,
    }
}

/// The Model view's save, export and import panel.
pub const SCENARIO_FILES: Part<FilesProps> = Part {
    name: "scenario-files",
    load: || Box::pin(scenario_files()),
    on_approach: true,
};

/// The Model view's channels, capacity and pipeline panels.
pub const MODEL_PANELS: Part<ModelPanelsProps> = Part {
    name: "model-panels",
    load: || Box::pin(model_panels()),
    on_approach: true,
};

/// [`Editor::apply_to_tools`], as a chunk gives it.
type ApplyToTools = fn(&mut Editor, Edit);

thread_local! {
    /// How a tool's edit is applied ([`Editor::apply_to_tools`]), given by the first chunk
    /// loaded: the edits come from the tools' views, which are in chunks, so the main module
    /// links none of that code.
    static TOOL_EDITS: Cell<Option<ApplyToTools>> = const { Cell::new(None) };
    /// The parts loaded so far: a part shown again draws at once, with no loading state.
    static LOADED: RefCell<BTreeMap<&'static str, Box<dyn Any>>> = const { RefCell::new(BTreeMap::new()) };
    /// The reader has acted on the page: parts waiting for their approach load at once.
    static READER_ACTED: Cell<bool> = const { Cell::new(false) };
    /// What to do when the reader first acts, and the listeners that wait for it.
    static ON_READER_ACTING: RefCell<(Vec<Callback<()>>, Vec<gloo::events::EventListener>)> =
        const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Listens for the reader's first act on the page: the first pointer move or press, touch,
/// wheel, scroll, key or focus (the app calls it as it starts).
pub fn watch_for_the_reader() {
    const ACTS: [&str; 7] = [
        "pointermove",
        "pointerdown",
        "touchstart",
        "wheel",
        "scroll",
        "keydown",
        "focusin",
    ];
    if READER_ACTED.with(Cell::get) {
        return;
    }
    ON_READER_ACTING.with(|waiting| {
        let (_, listeners) = &mut *waiting.borrow_mut();
        if listeners.is_empty() {
            let window = gloo::utils::window();
            for act in ACTS {
                listeners.push(gloo::events::EventListener::new(&window, act, |_| {
                    reader_acted()
                }));
            }
        }
    });
}

/// Calls `then` once the reader acts on the page (at once if they already have).
fn when_reader_acts(then: Callback<()>) {
    if READER_ACTED.with(Cell::get) {
        then.emit(());
        return;
    }
    watch_for_the_reader();
    ON_READER_ACTING.with(|waiting| waiting.borrow_mut().0.push(then));
}

/// The reader acted: every waiting part is told, and the listeners go (after this task).
fn reader_acted() {
    if READER_ACTED.with(|acted| acted.replace(true)) {
        return;
    }
    let (callbacks, listeners) =
        ON_READER_ACTING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut()));
    for then in callbacks {
        then.emit(());
    }
    // A listener is not dropped while its own event is dispatched.
    wasm_bindgen_futures::spawn_local(async move { drop(listeners) });
}

/// What watches a part's placeholder: the observer and the callback it calls, dropped together
/// when the part goes (or comes near).
struct NearWatch {
    observer: web_sys::IntersectionObserver,
    _on_change: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for NearWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `near` once `node` comes within half a screen of the viewport, as long as the watch
/// returned is kept.
fn when_near(node: &web_sys::Element, near: Callback<()>) -> Option<NearWatch> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let close = entries.iter().any(|entry| {
            entry
                .dyn_into::<web_sys::IntersectionObserverEntry>()
                .is_ok_and(|entry| entry.is_intersecting())
        });
        if close {
            near.emit(());
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("50% 0px");
    let observer = web_sys::IntersectionObserver::new_with_options(
        on_change.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(node);
    Some(NearWatch {
        observer,
        _on_change: on_change,
    })
}

/// Applies an edit, as [`Editor::apply`] does: the funnel's own edits here, the tools' edits
/// through the code their chunk gave. A tool's edit comes from its view, so its chunk is there;
/// were it not, the edit is reported and the scenario left as it was.
pub fn apply_edit(editor: &mut Editor, edit: Edit) {
    if let Some(edit) = editor.apply_to_funnel(edit) {
        match TOOL_EDITS.with(Cell::get) {
            Some(apply_to_tools) => apply_to_tools(editor, edit),
            None => web_sys::console::error_1(
                &format!("funnelsim: a tool's edit before its chunk, left unapplied: {edit:?}")
                    .into(),
            ),
        }
    }
}

fn loaded<P: 'static>(part: &Part<P>) -> Option<Render<P>> {
    LOADED.with(|loaded| {
        loaded
            .borrow()
            .get(part.name)
            .and_then(|render| render.downcast_ref::<Render<P>>().copied())
    })
}

#[derive(Properties)]
pub struct LazyProps<P: PartialEq + 'static> {
    pub part: Part<P>,
    pub props: P,
}

impl<P: PartialEq> PartialEq for LazyProps<P> {
    fn eq(&self, other: &LazyProps<P>) -> bool {
        self.part == other.part && self.props == other.props
    }
}

/// Where a part's chunk is: arriving, arrived, or failed (with a retry).
#[derive(Clone, Copy)]
enum Chunk<P: 'static> {
    Loading,
    Ready(Render<P>),
    Failed,
}

/// A part: drawn at once when its chunk is here, else a loading state until it arrives.
#[component]
pub fn Lazy<P: PartialEq + 'static>(props: &LazyProps<P>) -> Html {
    let part = props.part.clone();
    let chunk = use_state(|| loaded(&part).map_or(Chunk::Loading, Chunk::Ready));
    let attempt = use_state_eq(|| 0u32);
    // A part below the first screen waits for the reader to come near it or to act.
    let approached = use_state_eq(|| !part.on_approach || READER_ACTED.with(Cell::get));
    let placeholder = use_node_ref();
    {
        let approached = approached.clone();
        let placeholder = placeholder.clone();
        use_effect_with(*approached, move |&near| {
            let watch = if near {
                None
            } else {
                let come = Callback::from({
                    let approached = approached.clone();
                    move |()| approached.set(true)
                });
                when_reader_acts(come.clone());
                placeholder
                    .cast::<web_sys::Element>()
                    .and_then(|node| when_near(&node, come))
            };
            move || drop(watch)
        });
    }
    {
        let chunk = chunk.clone();
        use_effect_with(
            (part.name, *attempt, *approached),
            move |&(_, _, near)| match loaded(&part) {
                Some(render) => chunk.set(Chunk::Ready(render)),
                None if !near => {}
                None => {
                    chunk.set(Chunk::Loading);
                    wasm_bindgen_futures::spawn_local(async move {
                        match (part.load)().await {
                            Ok(render) => {
                                LOADED.with(|loaded| {
                                    loaded.borrow_mut().insert(part.name, Box::new(render))
                                });
                                chunk.set(Chunk::Ready(render));
                            }
                            Err(ChunkMissing) => chunk.set(Chunk::Failed),
                        }
                    });
                }
            },
        );
    }
    let name = props.part.name;
    match *chunk {
        Chunk::Ready(render) => html! {
            <div class="lazy-part" data-part={name} data-chunk="ready">{ render(&props.props) }</div>
        },
        Chunk::Loading => html! {
            <div class="lazy-part lazy-loading panel" data-part={name} ref={placeholder}
                data-chunk={if *approached { "loading" } else { "waiting" }} role="status" aria-busy="true">
                <p>{ LazyText::Loading.text() }</p>
            </div>
        },
        Chunk::Failed => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_| attempt.set(*attempt + 1))
            };
            html! {
                <div class="lazy-part lazy-failed panel" data-part={name} data-chunk="failed" role="alert">
                    <p>{ LazyText::Failed.text() }</p>
                    <button type="button" onclick={retry}>{ LazyText::Retry.text() }</button>
                </div>
            }
        }
    }
}
