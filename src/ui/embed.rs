//! Embedding: the compact calculator shown with `embed=1` (no app chrome, for iframes),
//! and the dialog that gives the iframe snippet for the current scenario.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::chart::{Chart, ChartSpec};
use super::fields::{number_props, NumberField};
use super::results::Kpi;
use super::state::{Action, AppState};
use super::Dispatch;
use crate::model::format::{self, or_na};
use crate::model::page::{encode_page, Page, View};
use crate::model::{Analysis, Edit, FieldId, SpendMode};

/// Height of the iframe in the snippet, in CSS pixels.
pub const EMBED_HEIGHT: u32 = 760;

/// The address of the compact calculator for the current scenario.
pub fn embed_url(state: &AppState) -> String {
    let mut page = Page {
        view: View::Model,
        comparison: Vec::new(),
        embed: true,
        ..state.page()
    };
    // The compact calculator does not show the SLA: keep the snippet short without it.
    page.scenario.sla = None;
    format!("{}?{}", browser::app_base_url(), encode_page(&page))
}

/// The iframe snippet for the current scenario.
pub fn embed_snippet(state: &AppState) -> String {
    format!(
        "<iframe src=\"{}\" title=\"funnelsim: marketing and sales funnel simulator\" width=\"100%\" height=\"{EMBED_HEIGHT}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        embed_url(state).replace('&', "&amp;").replace('"', "&quot;")
    )
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub state: Rc<AppState>,
    pub analysis: Rc<Analysis>,
    pub dispatch: Dispatch,
}

/// The compact calculator: volume, rates, basket and spend in; headline results and the
/// funnel out.
#[component]
pub fn EmbedCalculator(props: &EmbedProps) -> Html {
    let editor = &props.state.editor;
    let scenario = editor.scenario();
    let f = &props.analysis.funnel;
    let per = scenario.period.per_label();
    let on_number = props
        .dispatch
        .reform(|(field, text): (FieldId, String)| Action::Edit(Edit::Number(field, text)));
    let fields = std::iter::once((
        FieldId::Top,
        format!("{} {per}", scenario.stages[0].name),
        per.to_owned(),
    ))
    .chain(scenario.stages.iter().enumerate().skip(1).map(|(i, s)| {
        (
            FieldId::StageRate(i),
            format!("→ {}", s.name),
            "%".to_owned(),
        )
    }))
    .chain([
        (FieldId::Basket, "Average basket".to_owned(), "€".to_owned()),
        match scenario.spend_mode {
            SpendMode::Amount => (
                FieldId::Spend,
                format!("Marketing spend {per}"),
                "€".to_owned(),
            ),
            _ => (
                FieldId::SpendPct,
                "Marketing spend".to_owned(),
                "%".to_owned(),
            ),
        },
    ])
    .map(|(field, label, unit)| {
        html! { <NumberField ..number_props(editor, field, &label, &unit, &on_number) /> }
    });
    let full_app = {
        let page = Page {
            embed: false,
            ..props.state.page()
        };
        format!("{}?{}", browser::app_base_url(), encode_page(&page))
    };
    let required_top = props
        .analysis
        .reverse
        .stages
        .first()
        .and_then(|s| s.required);
    html! {
        <div class="embed">
            <div class="embed-head">
                <strong>{ "funnelsim" }</strong>
                <a id="open-full-app" href={full_app} target="_blank" rel="noopener">{ "Open the full simulator ↗" }</a>
            </div>
            <div class="embed-grid">
                <form class="embed-inputs" aria-label="Scenario inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { for fields }
                </form>
                <div>
                    <dl class="kpis">
                        <Kpi name="customers" label={format!("{} {per}", scenario.stages.last().map_or("Customers", |s| s.name.as_str()))}
                            value={Some(f.customers)} text={format::count(f.customers)} />
                        <Kpi name="revenue" label="First-purchase revenue" value={Some(f.revenue)} text={format::money(f.revenue)} />
                        <Kpi name="cac" label="CAC" value={f.cac} text={or_na(f.cac, format::money)} />
                        <Kpi name="roi_revenue" label="ROI on revenue" value={f.roi_revenue} text={or_na(f.roi_revenue, format::percent)} />
                        <Kpi name="required_stage_0" label={format!("{} needed for {}", scenario.stages[0].name, format::money(scenario.target_revenue))}
                            value={required_top} text={or_na(required_top, format::count)} />
                    </dl>
                    <Chart spec={ChartSpec::Funnel(props.analysis.clone(), scenario.period)} downloads={false} />
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub state: Rc<AppState>,
    pub dispatch: Dispatch,
}

/// The "Embed" dialog: the iframe snippet for the current scenario, ready to copy.
#[component]
pub fn EmbedDialog(props: &DialogProps) -> Html {
    let snippet = embed_snippet(&props.state);
    let copied = use_state(|| None::<bool>);
    let close = props.dispatch.reform(|_| Action::EmbedDialog(false));
    let on_key = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                dispatch.emit(Action::EmbedDialog(false));
            }
        })
    };
    let on_copy = {
        let snippet = snippet.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let copied = copied.clone();
            browser::copy_text(&snippet, Callback::from(move |ok| copied.set(Some(ok))));
        })
    };
    html! {
        <div class="dialog-backdrop">
            <div id="embed-dialog" class="dialog panel" role="dialog" aria-modal="true" aria-labelledby="embed-heading" onkeydown={on_key}>
                <h2 id="embed-heading">{ "Embed this calculator" }</h2>
                <p>{ "Paste this into any web page. It shows a compact calculator with the current scenario; readers can change the numbers and open the full simulator." }</p>
                <label for="embed-snippet">{ "iframe snippet" }</label>
                <textarea id="embed-snippet" readonly=true rows="5" value={snippet} />
                <div class="button-row">
                    <button id="embed-copy" type="button" onclick={on_copy}>{ "Copy snippet" }</button>
                    <a id="embed-preview" href={embed_url(&props.state)} target="_blank" rel="noopener">{ "Preview ↗" }</a>
                    <button id="embed-close" type="button" class="secondary" onclick={close} autofocus=true>{ "Close" }</button>
                    <span role="status">{ match *copied { Some(true) => "Copied.", Some(false) => "Copying was refused: select the text and copy it.", None => "" } }</span>
                </div>
            </div>
        </div>
    }
}
