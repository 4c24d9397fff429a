//! The embed build's app (`src/bin/embed.rs`): the compact calculator alone, with a state
//! of its own (the link's page and the funnel fields' drafts) and the funnel chart alone,
//! so that the build links what the calculator needs and nothing of the other views.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::chart::{ChartOf, FunnelDrawing};
use super::embed::EmbedCalculator;
use super::locale::{use_page_locale, Locale};
use crate::model::funnel::editor::FunnelFields;
use crate::model::funnel::forward::evaluate;
use crate::model::funnel::reverse::reverse;
use crate::model::funnel::scenario::NamedScenario;
use crate::model::i18n::{self, Currency, Lang};
use crate::model::persist::page::{
    app_address_from_embed, decode_compact_page, encode_compact_page, lang_of, CompactPage,
};
use crate::model::persist::scenario_link::UnreadFeatures;
use crate::model::{Analysis, FieldId, Scenario};

/// Mounts the compact calculator on the document body.
pub fn start_embed() {
    super::crash::install();
    yew::Renderer::<EmbedApp>::new().render();
}

/// What the compact calculator holds.
#[derive(Clone, PartialEq)]
struct EmbedState {
    /// The link as read: the scenario in it is the editor's when read, kept for the rest.
    page: CompactPage,
    editor: Rc<FunnelFields>,
    lang: Lang,
    /// Why the link could not be read (the default funnel is shown instead), in `lang`.
    unreadable: Option<String>,
}

impl EmbedState {
    /// Reads the address: the language first (the last `lang=`, else the browser's), then
    /// the page; a link that cannot be read shows the default funnel and why.
    fn start(query: &str, preferred: Lang) -> EmbedState {
        let asked = lang_of(query);
        let lang = asked.unwrap_or(preferred);
        let (page, unreadable) = i18n::with_locale(lang, Currency::default(), || {
            match decode_compact_page(query) {
                Ok(page) => (page, None),
                Err(error) => (
                    CompactPage {
                        named: NamedScenario {
                            name: String::new(),
                            scenario: Scenario::default(),
                        },
                        unread: UnreadFeatures::default(),
                        lang: asked,
                    },
                    Some(error.to_string()),
                ),
            }
        });
        EmbedState {
            editor: Rc::new(FunnelFields::new(page.named.scenario.clone())),
            page,
            lang,
            unreadable,
        }
    }

    /// The page with the editor's scenario.
    fn page(&self) -> CompactPage {
        let mut page = self.page.clone();
        page.named.scenario = self.editor.scenario().clone();
        page
    }
}

impl Reducible for EmbedState {
    type Action = (FieldId, String);

    fn reduce(self: Rc<Self>, (field, text): (FieldId, String)) -> Rc<Self> {
        let mut next = (*self).clone();
        Rc::make_mut(&mut next.editor).type_number(field, text);
        next.unreadable = None;
        Rc::new(next)
    }
}

/// The embed build's whole page.
#[component]
pub fn EmbedApp() -> Html {
    let state = use_reducer(|| EmbedState::start(&browser::query(), browser::preferred_lang()));
    let scenario = state.editor.scenario().clone();
    let locale = use_page_locale(state.lang, scenario.currency);
    use_effect_with((), |_| browser::remove_loading_page());
    // The funnel and the reverse funnel only: the calculator shows nothing else.
    let analysis = use_memo(scenario.clone(), |s| {
        let funnel = evaluate(s);
        let reverse = reverse(s, &funnel);
        Rc::new(Analysis {
            funnel,
            reverse,
            channels: None,
            capacity: None,
        })
    });
    let analysis: Rc<Analysis> = Rc::clone(&analysis);
    // The address follows the inputs (replaced, never pushed), in the task after the render;
    // a link that could not be read stays in the address until something is typed.
    let query = encode_compact_page(&state.page());
    use_effect_with(
        (query.clone(), state.unreadable.is_some()),
        |(query, unreadable)| {
            let query = query.clone();
            let pending = (!*unreadable).then(|| {
                gloo::timers::callback::Timeout::new(0, move || browser::replace_query(&query))
            });
            move || drop(pending)
        },
    );
    let on_number = {
        let state = state.clone();
        Callback::from(move |edit: (FieldId, String)| state.dispatch(edit))
    };
    let chart = html! {
        <ChartOf<FunnelDrawing> spec={FunnelDrawing(analysis.clone(), scenario.period)} downloads={false} />
    };
    let full_app = format!(
        "{}?{query}",
        app_address_from_embed(&browser::app_base_url())
    );
    html! {
        <ContextProvider<Locale> context={locale}>
            if let Some(message) = &state.unreadable {
                <p id="url-error" class="field-error embed-url-error" role="alert">{ message }</p>
            }
            <EmbedCalculator editor={state.editor.clone()} {analysis} full_app={full_app} {on_number} {chart} />
        </ContextProvider<Locale>>
    }
}
