//! Embedding: the compact calculator shown with `embed=1` (no app chrome, for iframes),
//! and the dialog that gives the iframe snippet for the current scenario.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::fields::{number_props, NumberField};
use super::funnel::results::Kpi;
use super::locale::use_locale;
use super::state::{Action, AppState};
use super::Dispatch;
use crate::model::format::{self, currency_symbol, or_na};
use crate::model::funnel::editor::FunnelFields;
use crate::model::persist::page::{embed_address, encode_page, Page, View};
use crate::model::{Analysis, FieldId, SpendMode};

crate::texts! {
    /// The compact calculator and the embed dialog.
    enum EmbedText {
        FrameTitle => "funnelsim: marketing and sales funnel simulator",
            "funnelsim : simulateur d'entonnoir marketing et ventes";
        StagePer => "{stage} {per}", "{stage} {per}";
        Basket => "Average basket", "Panier moyen";
        SpendPer => "Marketing spend {per}", "Dépenses marketing {per}";
        Spend => "Marketing spend", "Dépenses marketing";
        OpenFull => "Open the full simulator ↗", "Ouvrir le simulateur complet ↗";
        FormLabel => "Scenario inputs", "Données du scénario";
        Customers => "Customers", "Clients";
        Revenue => "First-purchase revenue", "Chiffre d'affaires du premier achat";
        Cac => "CAC", "CAC";
        RoiRevenue => "ROI on revenue", "ROI sur le chiffre d'affaires";
        NeededFor => "{stage} needed for {target}", "{stage} nécessaires pour {target}";
        Heading => "Embed this calculator", "Intégrer ce calculateur";
        Intro => "Paste this into any web page. It shows a compact calculator with the current scenario; readers can change the numbers and open the full simulator.",
            "Collez ce code dans n'importe quelle page web. Il affiche un calculateur compact avec le scénario actuel ; les lecteurs peuvent modifier les chiffres et ouvrir le simulateur complet.";
        Snippet => "iframe snippet", "Code iframe";
        Copy => "Copy snippet", "Copier le code";
        Preview => "Preview ↗", "Aperçu ↗";
        Close => "Close", "Fermer";
        Copied => "Copied.", "Copié.";
        CopyRefused => "Copying was refused: select the text and copy it.",
            "La copie a été refusée : sélectionnez le texte et copiez-le.";
    }
}

/// Height of the iframe in the snippet, in CSS pixels.
pub const EMBED_HEIGHT: u32 = 760;

/// The address of the compact calculator (the embed build) for the current scenario.
pub fn embed_url(state: &AppState) -> String {
    let mut page = Page {
        view: View::Model,
        comparison: Vec::new(),
        embed: false,
        ..state.page()
    };
    // The compact calculator does not show the SLA: keep the snippet short without it.
    page.scenario.sla = None;
    format!(
        "{}?{}",
        embed_address(&browser::app_base_url()),
        encode_page(&page)
    )
}

/// The iframe snippet for the current scenario.
pub fn embed_snippet(state: &AppState) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{EMBED_HEIGHT}\" style=\"border:0\" loading=\"lazy\"></iframe>",
        embed_url(state).replace('&', "&amp;").replace('"', "&quot;"),
        EmbedText::FrameTitle.text()
    )
}

#[derive(Properties)]
pub struct EmbedProps {
    pub editor: Rc<FunnelFields>,
    /// The funnel and the reverse funnel of the editor's scenario.
    pub analysis: Rc<Analysis>,
    /// "Open the full simulator": the full app with this scenario.
    pub full_app: AttrValue,
    pub on_number: Callback<(FieldId, String)>,
    /// Draws the funnel chart (the full app's chart component, or the embed build's own).
    pub chart: Html,
}

impl PartialEq for EmbedProps {
    /// The same editor and analysis (by identity: a change makes new ones), link and chart.
    fn eq(&self, other: &EmbedProps) -> bool {
        Rc::ptr_eq(&self.editor, &other.editor)
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.full_app == other.full_app
            && self.on_number == other.on_number
            && self.chart == other.chart
    }
}

/// The compact calculator: volume, rates, basket and spend in; headline results and the
/// funnel out: the embed build's page (`src/bin/embed.rs`).
#[component]
pub fn EmbedCalculator(props: &EmbedProps) -> Html {
    let _locale = use_locale();
    let editor = &props.editor;
    let scenario = editor.scenario();
    let f = &props.analysis.funnel;
    let per = scenario.period.per_label();
    let on_number = &props.on_number;
    let fields = std::iter::once((
        FieldId::Top,
        EmbedText::StagePer.fill(&[("stage", &scenario.stages[0].name), ("per", per)]),
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
        (
            FieldId::Basket,
            EmbedText::Basket.text().to_owned(),
            currency_symbol().to_owned(),
        ),
        match scenario.spend_mode {
            SpendMode::Amount => (
                FieldId::Spend,
                EmbedText::SpendPer.fill(&[("per", per)]),
                currency_symbol().to_owned(),
            ),
            _ => (
                FieldId::SpendPct,
                EmbedText::Spend.text().to_owned(),
                "%".to_owned(),
            ),
        },
    ])
    .map(|(field, label, unit)| {
        html! { <NumberField ..number_props(editor, field, &label, &unit, on_number) /> }
    });
    let required_top = props
        .analysis
        .reverse
        .stages
        .first()
        .and_then(|s| s.required);
    html! {
        <main class="embed">
            <div class="embed-head">
                <h1>{ "funnelsim" }</h1>
                <a id="open-full-app" href={props.full_app.clone()} target="_blank" rel="noopener">{ EmbedText::OpenFull.text() }</a>
            </div>
            <div class="embed-grid">
                <form class="embed-inputs" aria-label={EmbedText::FormLabel.text()} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { for fields }
                </form>
                <div>
                    <dl class="kpis">
                        <Kpi name="customers" label={EmbedText::StagePer.fill(&[
                                ("stage", scenario.stages.last().map_or(EmbedText::Customers.text(), |s| s.name.as_str())),
                                ("per", per),
                            ])}
                            value={Some(f.customers)} text={format::count(f.customers)} />
                        <Kpi name="revenue" label={EmbedText::Revenue.text()} value={Some(f.returns.revenue)} text={format::money(f.returns.revenue)} />
                        <Kpi name="cac" label={EmbedText::Cac.text()} value={f.returns.cac} text={or_na(f.returns.cac, format::money)} />
                        <Kpi name="roi_revenue" label={EmbedText::RoiRevenue.text()} value={f.returns.roi_revenue} text={or_na(f.returns.roi_revenue, format::percent)} />
                        <Kpi name="required_stage_0" label={EmbedText::NeededFor.fill(&[
                                ("stage", &scenario.stages[0].name),
                                ("target", &format::money(scenario.target_revenue)),
                            ])}
                            value={required_top} text={or_na(required_top, format::count)} />
                    </dl>
                    { props.chart.clone() }
                </div>
            </div>
        </main>
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
    let _locale = use_locale();
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
                <h2 id="embed-heading">{ EmbedText::Heading.text() }</h2>
                <p>{ EmbedText::Intro.text() }</p>
                <label for="embed-snippet">{ EmbedText::Snippet.text() }</label>
                <textarea id="embed-snippet" readonly=true rows="5" value={snippet} />
                <div class="button-row">
                    <button id="embed-copy" type="button" onclick={on_copy}>{ EmbedText::Copy.text() }</button>
                    <a id="embed-preview" href={embed_url(&props.state)} target="_blank" rel="noopener">{ EmbedText::Preview.text() }</a>
                    <button id="embed-close" type="button" class="secondary" onclick={close} autofocus=true>{ EmbedText::Close.text() }</button>
                    <span role="status">{ match *copied {
                        Some(true) => EmbedText::Copied.text(),
                        Some(false) => EmbedText::CopyRefused.text(),
                        None => "",
                    } }</span>
                </div>
            </div>
        </div>
    }
}
