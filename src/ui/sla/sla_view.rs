//! The SLA view: the seed article's four steps (close rates, lead values, monthly tracking
//! with month-to-date pacing, the SLA commitment) as forms and tables over the scenario's
//! SLA set-up.

use std::rc::Rc;
use std::sync::Arc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::model::funnel::channels_edit::ChannelField;

use super::sla_charts::SlaChart;
use crate::model::format;
use crate::model::sla::calculator::{
    analyse_sla, funnel_close_rate, NoValue, Pace, RateSource, Requirement, Sla, SlaAnalysis,
    YearMonth, BEHIND_BELOW,
};
use crate::model::sla::csv_file::{
    actuals_csv, import_actuals_csv, sla_csv, ActualsCsvError, ImportSummary,
};
use crate::model::sla::edit::{SlaDrafts, SlaEdit, SlaField};
use crate::model::Edit;
use crate::ui::browser;
use crate::ui::chart::ChartOf;
use crate::ui::fields::input_value;
use crate::ui::locale::use_locale;
use crate::ui::persist::library_view::ViewProps;
use crate::ui::state::Action;

crate::texts! {
    /// The SLA tab: its four steps (in the seed article's words), tables, pacing,
    /// commitments and the leads import.
    enum SlaViewText {
        Heading => "Marketing–sales SLA", "SLA marketing–ventes";
        Intro => "Agree with sales on how many leads marketing brings each month, per channel and persona, so that they produce the monthly revenue target; and on how fast sales follows each one up. Four steps: close rates, value of a lead, monthly tracking, the commitment.",
            "Convenez avec les ventes du nombre de leads que le marketing apporte chaque mois, par canal et par persona, pour produire l'objectif de chiffre d'affaires mensuel, et du délai dans lequel les ventes assurent le suivi de chacun. Quatre étapes : taux de closing, valeur d'un lead, suivi mensuel, engagements.";
        Start => "Start an SLA from an example", "Démarrer un SLA à partir d'un exemple";
        Hint => "Per channel and persona: the close rate, what a lead is worth, the leads marketing commits to each month and how the month is going. Saved and shared with the scenario.",
            "Par canal et par persona : le taux de closing, la valeur d'un lead, les leads auxquels le marketing s'engage chaque mois et l'avancement du mois. Enregistré et partagé avec le scénario.";
        ConfirmRemove => "Click again to remove the SLA from this scenario",
            "Cliquez à nouveau pour retirer le SLA de ce scénario";
        Remove => "Remove the SLA", "Retirer le SLA";
        Channel => "Channel", "Canal";
        Persona => "Persona", "Persona";
        Total => "Total", "Total";
        ChannelByPersona => "Channel \\ persona", "Canal \\ persona";
        RemoveShort => "Remove", "Retirer";
        PersonaName => "Persona {n} name", "Nom du persona {n}";
        RemovePersona => "Remove persona {name}", "Retirer le persona {name}";
        ChannelName => "Channel {n} name", "Nom du canal {n}";
        RemoveChannel => "Remove channel {name}", "Retirer le canal {name}";
        CellLabel => "{what}, {channel} × {persona}", "{what}, {channel} × {persona}";
        Step1 => "1. Close rate per channel and persona",
            "1. Renseigner le pourcentage de leads convertis en clients par canal et par persona";
        Step1Hint => "The share of leads that become customers, from your CRM's last six months. Rename, add or remove channels and personas.",
            "La part des leads qui deviennent clients, d'après les six derniers mois de données de votre CRM. Renommez, ajoutez ou retirez des canaux et des personas.";
        CloseRates => "Close rates", "Taux de closing";
        Typed => "typed per channel and persona", "saisis par canal et par persona";
        FunnelRate => "the funnel's lead → customer rate ({rate})",
            "le taux lead → client de l'entonnoir ({rate})";
        RatesCaption => "Lead → customer close rate (%)", "Taux de closing lead → client (%)";
        CloseRate => "Close rate", "Taux de closing";
        AddChannel => "Add a channel", "Ajouter un canal";
        SharedChannels => "These are the scenario's channels (its Channels panel): adding, renaming, moving or removing one here does it there too, and the other way round.",
            "Ce sont les canaux du scénario (son panneau Canaux) : en ajouter, renommer, déplacer ou retirer un ici le fait aussi là-bas, et inversement.";
        AddPersona => "Add a persona", "Ajouter un persona";
        AverageSale => "Average sale, {persona}", "Montant moyen d'une vente, {persona}";
        Step2 => "2. What one lead is worth", "2. Déterminer la valeur de chaque lead";
        ValuesCaption => "Value of one lead = close rate × average sale",
            "Valeur d'un lead = taux de closing × montant moyen d'une vente";
        BehindMark => " — behind", " — en retard";
        Committed => "Committed", "Engagés";
        Delivered => "Delivered", "Livrés";
        ExpectedByDay => "Expected by day {day}", "Attendus au jour {day}";
        Pace => "Pace", "Rythme";
        NeededPerDay => "Needed per day", "Requis par jour";
        NothingImported => "Nothing was imported. {error}", "Rien n'a été importé. {error}";
        FileUnreadable => "The file could not be read: {error}",
            "Le fichier n'a pas pu être lu : {error}";
        PasteLabel => "Paste leads from a spreadsheet or a CRM export (columns date, channel, persona, leads)",
            "Collez les leads depuis un tableur ou un export CRM (colonnes date, channel, persona, leads)";
        PastePlaceholder => "date,channel,persona,leads\n2026-11-03,E-mail,Small business,4",
            "date,channel,persona,leads\n2026-11-03,E-mail,Petite entreprise,4";
        ImportPasted => "Import the pasted leads", "Importer les leads collés";
        ImportFile => "Import a CSV file…", "Importer un fichier CSV…";
        DownloadLeads => "Download the leads (CSV)", "Télécharger les leads (CSV)";
        Step3 => "3. Monthly lead generation",
            "3. Suivre la génération mensuelle de leads par canal et par persona";
        Month => "Month (YYYY-MM)", "Mois (AAAA-MM)";
        AsOfDayRange => "Pacing as of day (1–{days})", "Rythme arrêté au jour (1–{days})";
        AsOfDay => "Pacing as of day", "Rythme arrêté au jour";
        PlanCaption => "Plan: leads per month (sets how the target is shared between segments)",
            "Plan : leads par mois (répartit l'objectif entre les segments)";
        PlannedLeads => "Planned leads", "Leads prévus";
        EntryDay => "Enter the leads of day (1–{days})", "Saisir les leads du jour (1–{days})";
        ActualsCaption => "Leads delivered on {month} day {day}", "Leads livrés le {day} {month}";
        FirstDay => "1", "1er";
        LeadsOnDay => "Leads on day {day}", "Leads du jour {day}";
        ClearMonth => "Clear the leads of {month}", "Effacer les leads du mois ({month})";
        MonthToDate => "Month to date: ", "Depuis le début du mois : ";
        DeliveredOf => " leads delivered of {expected} expected by day {day} ({required} committed for the month); ",
            " leads livrés sur {expected} attendus au jour {day} ({required} engagés pour le mois) ; ";
        NeededToFinish => " a day needed to finish on target.",
            " par jour nécessaires pour finir dans l'objectif.";
        ChannelPaceCaption => "Month-to-date pacing per channel (behind = under {pct} of the pro-rated commitment)",
            "Rythme depuis le début du mois par canal (en retard = moins de {pct} de l'engagement au prorata)";
        PersonaPaceCaption => "Month-to-date pacing per persona",
            "Rythme depuis le début du mois par persona";
        NoRate => "no close rate entered", "aucun taux de closing saisi";
        ZeroRate => "a {zero} close rate never produces a sale",
            "un taux de closing de {zero} ne produit jamais de vente";
        NoSale => "this persona has no sale value", "ce persona n'a pas de montant de vente";
        Unreachable => "unreachable", "inatteignable";
        Step4 => "4. The SLA commitment",
            "4. Déterminer les engagements de chacune des parties prenantes";
        Target => "Monthly revenue target", "Objectif de chiffre d'affaires mensuel";
        FollowUp => "Sales follows up each lead within",
            "Les ventes assurent le suivi de chaque lead sous";
        FollowUpLabel => "Follow-up time in hours", "Délai de suivi en heures";
        Hours => "hours", "heures";
        DownloadSla => "Download the SLA (CSV)", "Télécharger le SLA (CSV)";
        RequiredCaption => "Leads required per month so that the segments produce the target",
            "Leads requis par mois pour que les segments produisent l'objectif";
        MarketingCommits => "Marketing commits ", "Le marketing s'engage ";
        MarketingCommitment => "to deliver {leads} leads in {month} ({channels}).",
            "à livrer {leads} leads en {month} ({channels}).";
        SalesCommits => "Sales commits ", "Les ventes s'engagent ";
        SalesCommitment => "to follow up every accepted lead within {hours} hours: {leads} leads, about {per_day} a day, expected to close {customers} customers.",
            "à assurer le suivi de chaque lead accepté sous {hours} heures : {leads} leads, environ {per_day} par jour, qui devraient donner {customers} clients.";
        CommittedSla => "Committed SLA: ", "SLA engagé : ";
        CommittedRevenue => " of revenue for a {target} target (whole leads round it up).",
            " de chiffre d'affaires pour un objectif de {target} (arrondi au lead entier supérieur).";
    }
}

/// What the last import of leads gave, put in words when shown (in the language then).
#[derive(Clone, Debug, PartialEq)]
enum ImportMessage {
    Imported(ImportSummary),
    Refused(ActualsCsvError),
    /// The file could not be read (the browser's reason).
    Unreadable(String),
}

impl ImportMessage {
    fn is_error(&self) -> bool {
        !matches!(self, ImportMessage::Imported(_))
    }

    fn text(&self) -> String {
        match self {
            ImportMessage::Imported(summary) => summary.to_string(),
            ImportMessage::Refused(error) => {
                SlaViewText::NothingImported.fill(&[("error", &error.to_string())])
            }
            ImportMessage::Unreadable(error) => {
                SlaViewText::FileUnreadable.fill(&[("error", error)])
            }
        }
    }
}

/// A day of the month in a date ("1er" in French for the first).
fn day_of_month(day: u32) -> String {
    if day == 1 {
        SlaViewText::FirstDay.text().to_owned()
    } else {
        day.to_string()
    }
}

/// Emits a typed SLA field.
type OnText = Callback<(SlaField, String)>;

#[derive(Properties, PartialEq)]
struct SlaInputProps {
    field: SlaField,
    text: String,
    error: Option<String>,
    /// The accessible name ("Close rate, Inbound × SMB").
    label: AttrValue,
    on_text: OnText,
    #[prop_or_default]
    unit: AttrValue,
}

/// One text box of the SLA form, with its error message under it.
#[component]
fn SlaInput(props: &SlaInputProps) -> Html {
    let _locale = use_locale();
    let id = format!("field-{}", props.field.key());
    let error_id = format!("{id}-error");
    let field = props.field;
    let oninput = props
        .on_text
        .reform(move |e: InputEvent| (field, input_value(&e)));
    html! {
        <div class={classes!("sla-input", props.error.is_some().then_some("invalid"))}>
            <input id={id} type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                value={props.text.clone()} {oninput} aria-label={props.label.clone()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={props.error.is_some().then_some(error_id.clone())} />
            if !props.unit.is_empty() {
                <span class="unit">{ &props.unit }</span>
            }
            if let Some(error) = &props.error {
                <p id={error_id} class="field-error" role="alert">{ error }</p>
            }
        </div>
    }
}

/// Props for an input of `field` with the editor's text and error.
fn input(
    sla: &Sla,
    drafts: &SlaDrafts,
    field: SlaField,
    label: String,
    unit: &str,
    on_text: &OnText,
) -> Html {
    html! {
        <SlaInput {field} text={drafts.text(sla, field)} error={drafts.error(field).map(ToString::to_string)}
            label={label} unit={unit.to_owned()} on_text={on_text.clone()} />
    }
}

/// Leads as people read them ("1,234", "n/a").
fn leads(value: Option<f64>) -> String {
    format::or_na(value, format::count)
}

/// The SLA view: a start button, or the four steps.
#[component]
pub fn SlaView(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let dispatch = &props.dispatch;
    let editor = props.state.editor.clone();
    let scenario = editor.scenario().clone();
    let funnel_rate = funnel_close_rate(&scenario);
    let analysis = {
        let sla = scenario.sla.clone();
        // Keyed by exactly what the analysis reads: the SLA and the funnel's close rate.
        use_memo((sla, funnel_rate.map(f64::to_bits)), move |(sla, _)| {
            sla.as_ref()
                .map(|sla| Rc::new(analyse_sla(sla, funnel_rate)))
        })
    };
    let confirm_remove = use_state(|| false);
    let (Some(sla), Some(analysis)) = (editor.scenario().sla.clone(), (*analysis).clone()) else {
        let start = {
            let scenario = editor.scenario().clone();
            dispatch.reform(move |_| {
                let (year, month, day) = browser::today();
                let month = YearMonth::new(year, month).unwrap_or(YearMonth {
                    year: 2026,
                    month: 1,
                });
                Action::Edit(Edit::StartSla(Sla::example(&scenario, month, day)))
            })
        };
        return html! {
            <section class="panel" aria-labelledby="sla-heading">
                <h2 id="sla-heading">{ SlaViewText::Heading.text() }</h2>
                <p>{ SlaViewText::Intro.text() }</p>
                <button id="sla-start" type="button" onclick={start}>{ SlaViewText::Start.text() }</button>
            </section>
        };
    };
    let drafts = editor.sla();
    let on_text: OnText =
        dispatch.reform(|(field, text)| Action::Edit(Edit::Sla(SlaEdit::Text(field, text))));
    let remove = {
        let confirm = confirm_remove.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            if *confirm {
                dispatch.emit(Action::Edit(Edit::RemoveSla));
                confirm.set(false);
            } else {
                confirm.set(true);
            }
        })
    };
    let problems = analysis
        .problems
        .iter()
        .map(|p| html! { <li>{ p.to_string() }</li> });
    html! {
        <section class="panel sla" aria-labelledby="sla-heading">
            <h2 id="sla-heading">{ SlaViewText::Heading.text() }</h2>
            <p class="hint">{ SlaViewText::Hint.text() }</p>
            if !analysis.problems.is_empty() {
                <ul id="sla-problems" class="sla-problems" role="alert">{ for problems }</ul>
            }
            if let Some(refusal) = drafts.refusal() {
                <p id="sla-refusal" class="field-error" role="alert">{ refusal.to_string() }</p>
            }
            <RatesStep sla={sla.clone()} editor={editor.clone()} analysis={analysis.clone()} funnel_rate={funnel_rate}
                on_text={on_text.clone()} dispatch={dispatch.clone()} />
            <ValueStep channels={channel_names(&sla)} personas={persona_names(&sla)}
                sales={(0..sla.personas.len()).map(|p| cell_of(&sla, drafts, SlaField::PersonaSale(p))).collect::<Vec<_>>()}
                lead_values={analysis.lead_values.clone()} on_text={on_text.clone()} />
            <TrackingStep sla={sla.clone()} editor={editor.clone()} analysis={analysis.clone()} on_text={on_text.clone()} dispatch={dispatch.clone()} />
            <CommitmentStep sla={sla.clone()} editor={editor.clone()} analysis={analysis.clone()} on_text={on_text.clone()} dispatch={dispatch.clone()} />
            <div class="button-row">
                <button id="sla-remove" type="button" class="secondary danger" onclick={remove}>
                    { if *confirm_remove { SlaViewText::ConfirmRemove.text() } else { SlaViewText::Remove.text() } }
                </button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StepProps {
    sla: Arc<Sla>,
    editor: Rc<crate::model::Editor>,
    analysis: Rc<SlaAnalysis>,
    on_text: OnText,
    #[prop_or_default]
    funnel_rate: Option<f64>,
    dispatch: crate::ui::Dispatch,
}

/// The totals row and column of a matrix.
struct Totals<'a> {
    per_channel: &'a dyn Fn(usize) -> Html,
    per_persona: &'a dyn Fn(usize) -> Html,
    grand: Html,
}

/// A channels × personas table: a header of persona names, a row per channel, `cell`
/// drawing each cell; optionally a last column and row of totals.
fn matrix(
    channels: &[String],
    personas: &[String],
    caption: &str,
    table: &'static str,
    cell: &dyn Fn(usize, usize) -> Html,
    totals: Option<Totals>,
) -> Html {
    let row_total = totals.as_ref().map(|t| t.per_channel);
    let headers = personas
        .iter()
        .map(|p| html! { <th scope="col">{ p }</th> });
    let rows = channels.iter().enumerate().map(|(c, channel)| {
        html! {
            <tr>
                <th scope="row">{ channel }</th>
                { for (0..personas.len()).map(|p| html! { <td>{ cell(c, p) }</td> }) }
                if let Some(total) = row_total { <td class="total">{ total(c) }</td> }
            </tr>
        }
    });
    html! {
        <div class="table-scroll">
            <table class="data-table sla-matrix" data-table={table}>
                <caption>{ caption }</caption>
                <thead><tr><th scope="col">{ SlaViewText::Channel.text() }</th>{ for headers }
                    if row_total.is_some() { <th scope="col">{ SlaViewText::Total.text() }</th> }</tr></thead>
                <tbody>
                    { for rows }
                    if let Some(totals) = totals {
                        <tr class="total">
                            <th scope="row">{ SlaViewText::Total.text() }</th>
                            { for (0..personas.len()).map(|p| html! { <td>{ (totals.per_persona)(p) }</td> }) }
                            <td>{ totals.grand }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </div>
    }
}

/// One input of a matrix: its field, text and error.
#[derive(Clone, Debug, PartialEq)]
struct Cell {
    field: SlaField,
    text: String,
    error: Option<String>,
}

fn cell_of(sla: &Sla, drafts: &SlaDrafts, field: SlaField) -> Cell {
    Cell {
        field,
        text: drafts.text(sla, field),
        error: drafts.error(field).map(ToString::to_string),
    }
}

/// The inputs of every segment for `field`.
fn grid_cells(
    sla: &Sla,
    drafts: &SlaDrafts,
    field: impl Fn(usize, usize) -> SlaField,
) -> Vec<Vec<Cell>> {
    (0..sla.channels.len())
        .map(|c| {
            (0..sla.personas.len())
                .map(|p| cell_of(sla, drafts, field(c, p)))
                .collect()
        })
        .collect()
}

/// Channel and persona names as inputs, with remove buttons.
#[derive(Clone, Debug, PartialEq)]
struct NameCells {
    channels: Vec<Cell>,
    personas: Vec<Cell>,
}

#[derive(Properties, PartialEq)]
struct InputMatrixProps {
    table: AttrValue,
    caption: AttrValue,
    /// What each input holds, for its accessible name ("Close rate").
    what: AttrValue,
    #[prop_or_default]
    unit: AttrValue,
    channels: Vec<String>,
    personas: Vec<String>,
    cells: Vec<Vec<Cell>>,
    /// Shown in every cell instead of inputs (close rates taken from the funnel).
    #[prop_or_default]
    read_only: Option<String>,
    #[prop_or_default]
    names: Option<NameCells>,
    on_text: OnText,
    #[prop_or_default]
    on_edit: Option<Callback<SlaEdit>>,
}

/// A channels × personas table of inputs. Its props are plain data, so it is not
/// re-rendered when an unrelated part of the SLA changes (a 20 × 10 matrix is 200 inputs).
#[component]
fn InputMatrix(props: &InputMatrixProps) -> Html {
    let _locale = use_locale();
    let on_text = &props.on_text;
    let field_input = |cell: &Cell, label: String, unit: &AttrValue| {
        html! {
            <SlaInput field={cell.field} text={cell.text.clone()} error={cell.error.clone()}
                label={label} unit={unit.clone()} on_text={on_text.clone()} />
        }
    };
    let remove = |edit: SlaEdit, id: String, label: String| {
        props.on_edit.as_ref().map(|on_edit| {
            let onclick = on_edit.reform(move |_| edit.clone());
            html! { <button type="button" class="link danger" {id} {onclick} aria-label={label}>{ SlaViewText::RemoveShort.text() }</button> }
        })
    };
    let no_unit = AttrValue::default();
    let persona_headers = props.personas.iter().enumerate().map(|(p, persona)| match &props.names {
        Some(names) => html! {
            <th scope="col">
                { field_input(&names.personas[p], SlaViewText::PersonaName.fill(&[("n", &(p + 1).to_string())]), &no_unit) }
                { for remove(SlaEdit::RemovePersona(p), format!("sla-remove-persona-{p}"), SlaViewText::RemovePersona.fill(&[("name", persona)])) }
            </th>
        },
        None => html! { <th scope="col">{ persona }</th> },
    });
    let rows = props.channels.iter().enumerate().map(|(c, channel)| {
        let header = match &props.names {
            Some(names) => html! {
                <th scope="row">
                    { field_input(&names.channels[c], SlaViewText::ChannelName.fill(&[("n", &(c + 1).to_string())]), &no_unit) }
                    { for remove(SlaEdit::RemoveChannel(c), format!("sla-remove-channel-{c}"), SlaViewText::RemoveChannel.fill(&[("name", channel)])) }
                </th>
            },
            None => html! { <th scope="row">{ channel }</th> },
        };
        let cells = props.cells.get(c).into_iter().flatten().enumerate().map(|(p, cell)| {
            let label = SlaViewText::CellLabel.fill(&[
                ("what", &props.what),
                ("channel", channel),
                ("persona", props.personas.get(p).map_or("", String::as_str)),
            ]);
            html! {
                <td>
                    if let Some(text) = &props.read_only {
                        <span data-sla-rate={format!("{c}:{p}")}>{ text.clone() }</span>
                    } else {
                        { field_input(cell, label, &props.unit) }
                    }
                </td>
            }
        });
        html! { <tr>{ header }{ for cells }</tr> }
    });
    html! {
        <div class="table-scroll">
            <table class="data-table sla-matrix" data-table={props.table.clone()}>
                <caption>{ &props.caption }</caption>
                <thead><tr><th scope="col">{ SlaViewText::ChannelByPersona.text() }</th>{ for persona_headers }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

fn channel_names(sla: &Sla) -> Vec<String> {
    sla.channels.clone()
}

fn persona_names(sla: &Sla) -> Vec<String> {
    sla.personas.iter().map(|p| p.name.clone()).collect()
}

/// Step 1: channels, personas and close rates.
#[component]
fn RatesStep(props: &StepProps) -> Html {
    let _locale = use_locale();
    let StepProps {
        sla,
        editor,
        on_text,
        ..
    } = props;
    let drafts = editor.sla();
    let dispatch = props.dispatch.clone();
    let on_edit = dispatch.reform(|e: SlaEdit| Action::Edit(Edit::Sla(e)));
    let edit = |e: SlaEdit| on_edit.reform(move |_| e.clone());
    let on_source = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::Edit(Edit::Sla(SlaEdit::RateSource(if value == "funnel" {
            RateSource::Funnel
        } else {
            RateSource::Entered
        })))
    });
    let from_funnel = sla.rate_source == RateSource::Funnel;
    let funnel_text = format::or_na(props.funnel_rate.map(|r| r / 100.0), format::percent);
    let names = NameCells {
        // Planned by channel, the names are the mix's (one list): typed there, checked there.
        channels: (0..sla.channels.len())
            .map(|c| match editor.scenario().mix() {
                Some(mix) => {
                    let field = ChannelField::Name(c);
                    Cell {
                        field: SlaField::ChannelName(c),
                        text: editor.channels().text(mix, field),
                        error: editor.channels().error(field).map(ToString::to_string),
                    }
                }
                None => cell_of(sla, drafts, SlaField::ChannelName(c)),
            })
            .collect(),
        personas: (0..sla.personas.len())
            .map(|p| cell_of(sla, drafts, SlaField::PersonaName(p)))
            .collect(),
    };
    html! {
        <section class="sla-step" aria-labelledby="sla-step-1">
            <h3 id="sla-step-1">{ SlaViewText::Step1.text() }</h3>
            <p class="hint">{ SlaViewText::Step1Hint.text() }</p>
            if editor.scenario().mix().is_some() {
                <p id="sla-shared-channels" class="hint">{ SlaViewText::SharedChannels.text() }</p>
            }
            <div class="field">
                <label for="field-sla-rate-source">{ SlaViewText::CloseRates.text() }</label>
                <select id="field-sla-rate-source" onchange={on_source}>
                    <option value="entered" selected={!from_funnel}>{ SlaViewText::Typed.text() }</option>
                    <option value="funnel" selected={from_funnel}>{ SlaViewText::FunnelRate.fill(&[("rate", &funnel_text)]) }</option>
                </select>
            </div>
            <InputMatrix table="sla-rates" caption={SlaViewText::RatesCaption.text()} what={SlaViewText::CloseRate.text()} unit="%"
                channels={channel_names(sla)} personas={persona_names(sla)}
                cells={grid_cells(sla, drafts, SlaField::Rate)} read_only={from_funnel.then_some(funnel_text.clone())}
                names={Some(names)} on_text={on_text.clone()} on_edit={Some(on_edit.clone())} />
            <div class="button-row">
                <button id="sla-add-channel" type="button" class="secondary" onclick={edit(SlaEdit::AddChannel)}>{ SlaViewText::AddChannel.text() }</button>
                <button id="sla-add-persona" type="button" class="secondary" onclick={edit(SlaEdit::AddPersona)}>{ SlaViewText::AddPersona.text() }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ValueStepProps {
    channels: Vec<String>,
    personas: Vec<String>,
    sales: Vec<Cell>,
    lead_values: Vec<Vec<Option<f64>>>,
    on_text: OnText,
}

/// Step 2: average sale per persona and the value of one lead per segment (plain-data
/// props: not re-rendered when only the target or the leads change).
#[component]
fn ValueStep(props: &ValueStepProps) -> Html {
    let _locale = use_locale();
    let sales = props
        .sales
        .iter()
        .zip(&props.personas)
        .map(|(cell, persona)| {
            let label = SlaViewText::AverageSale.fill(&[("persona", persona)]);
            html! {
                <div class="field">
                    <label for={format!("field-{}", cell.field.key())}>{ label.clone() }</label>
                    <SlaInput field={cell.field} text={cell.text.clone()} error={cell.error.clone()}
                        label={label} unit={format::currency_symbol()} on_text={props.on_text.clone()} />
                </div>
            }
        });
    let cell = |c: usize, p: usize| {
        let value = props.lead_values[c][p];
        html! { <span data-sla-value={format!("{c}:{p}")} data-value={format::machine(value)}>{ format::or_na(value, format::money) }</span> }
    };
    html! {
        <section class="sla-step" aria-labelledby="sla-step-2">
            <h3 id="sla-step-2">{ SlaViewText::Step2.text() }</h3>
            <div class="settings-row">{ for sales }</div>
            { matrix(&props.channels, &props.personas, SlaViewText::ValuesCaption.text(), "sla-values", &cell, None) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PaceTableProps {
    id: AttrValue,
    caption: AttrValue,
    heading: AttrValue,
    labels: Vec<String>,
    paces: Vec<Pace>,
    total: Pace,
    day: u32,
}

/// Month-to-date pacing, one row per channel (or persona), behind rows flagged.
#[component]
fn PaceTable(props: &PaceTableProps) -> Html {
    let _locale = use_locale();
    let row = |label: &str, pace: &Pace, key: Option<usize>| {
        let behind = pace.is_behind();
        html! {
            <tr class={classes!(behind.then_some("behind"))} data-pace={key.map(|k| k.to_string())} data-behind={behind.then_some("true")}>
                <th scope="row">{ label }{ if behind { SlaViewText::BehindMark.text() } else { "" } }</th>
                <td data-value={format::machine(Some(pace.required))}>{ format::count(pace.required) }</td>
                <td data-value={format::machine(Some(pace.delivered))}>{ format::count(pace.delivered) }</td>
                <td>{ format::with_decimals(pace.expected, 1) }</td>
                <td>{ format::or_na(pace.ratio(), format::percent) }</td>
                <td data-value={format::machine(pace.needed_per_day)}>{ format::or_na(pace.needed_per_day, |v| format::with_decimals(v, 1)) }</td>
            </tr>
        }
    };
    html! {
        <div class="table-scroll">
            <table id={props.id.clone()} class="data-table" data-table={props.id.clone()}>
                <caption>{ &props.caption }</caption>
                { crate::ui::funnel::results::column_headers(&[
                    &props.heading,
                    SlaViewText::Committed.text(),
                    SlaViewText::Delivered.text(),
                    &SlaViewText::ExpectedByDay.fill(&[("day", &props.day.to_string())]),
                    SlaViewText::Pace.text(),
                    SlaViewText::NeededPerDay.text(),
                ]) }
                <tbody>
                    { for props.labels.iter().zip(&props.paces).enumerate().map(|(i, (l, p))| row(l, p, Some(i))) }
                    { row(SlaViewText::Total.text(), &props.total, None) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LeadsImportProps {
    sla: Arc<Sla>,
    dispatch: crate::ui::Dispatch,
}

/// Leads pasted (from a spreadsheet) or imported from a CSV file, and exported the same way.
#[component]
fn LeadsImport(props: &LeadsImportProps) -> Html {
    let _locale = use_locale();
    let text = use_state(String::new);
    let message = use_state(|| None::<ImportMessage>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let import = {
        let sla = props.sla.clone();
        let dispatch = props.dispatch.clone();
        let message = message.clone();
        Rc::new(move |csv: &str| match import_actuals_csv(&sla, csv) {
            Ok((updated, summary)) => {
                dispatch.emit(Action::Edit(Edit::Sla(SlaEdit::Replace(updated))));
                message.set(Some(ImportMessage::Imported(summary)));
            }
            Err(error) => message.set(Some(ImportMessage::Refused(error))),
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_paste_import = {
        let text = text.clone();
        let import = import.clone();
        Callback::from(move |_| import(&text))
    };
    let on_file = {
        let reader = reader.clone();
        let message = message.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let import = import.clone();
            let message = message.clone();
            let file = gloo::file::File::from(file);
            *reader.borrow_mut() =
                Some(gloo::file::callbacks::read_as_text(
                    &file,
                    move |read| match read {
                        Ok(csv) => import(&csv),
                        Err(error) => {
                            message.set(Some(ImportMessage::Unreadable(error.to_string())))
                        }
                    },
                ));
        })
    };
    let export = {
        let sla = props.sla.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            crate::ui::download::offer_download(
                &dispatch,
                "funnelsim-sla-leads.csv",
                "text/csv",
                actuals_csv(&sla),
            )
        })
    };
    html! {
        <div class="sla-import">
            <label for="sla-csv-text">{ SlaViewText::PasteLabel.text() }</label>
            <textarea id="sla-csv-text" rows="4" placeholder={SlaViewText::PastePlaceholder.text()}
                value={(*text).clone()} oninput={on_text} />
            <div class="button-row">
                <button id="sla-csv-import" type="button" class="secondary" onclick={on_paste_import}>{ SlaViewText::ImportPasted.text() }</button>
                <label class="file-button">
                    <span>{ SlaViewText::ImportFile.text() }</span>
                    <input id="sla-csv-file" type="file" accept=".csv,.tsv,.txt,text/csv" onchange={on_file} />
                </label>
                <button id="sla-export-leads" type="button" class="secondary" onclick={export}>{ SlaViewText::DownloadLeads.text() }</button>
            </div>
            if let Some(message) = &*message {
                <p id="sla-csv-message" class={classes!(if message.is_error() { "field-error" } else { "hint" })}
                    role={if message.is_error() { "alert" } else { "status" }}>{ message.text() }</p>
            }
        </div>
    }
}

/// Step 3: the tracked month, the plan, leads day by day, and month-to-date pacing.
#[component]
fn TrackingStep(props: &StepProps) -> Html {
    let _locale = use_locale();
    let StepProps {
        sla,
        editor,
        analysis,
        on_text,
        ..
    } = props;
    let drafts = editor.sla();
    let entry_day = use_state(|| sla.as_of_day);
    let day = (*entry_day).clamp(1, sla.month.days());
    let on_day = {
        let entry_day = entry_day.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(d) = input_value(&e).trim().parse::<u32>() {
                entry_day.set(d);
            }
        })
    };
    let total = &analysis.total_pace;
    let days = sla.month.days().to_string();
    let month = sla.month.label();
    let channel_caption =
        SlaViewText::ChannelPaceCaption.fill(&[("pct", &format::percent(BEHIND_BELOW))]);
    html! {
        <section class="sla-step" aria-labelledby="sla-step-3">
            <h3 id="sla-step-3">{ SlaViewText::Step3.text() }</h3>
            <div class="settings-row">
                <div class="field">
                    <label for="field-sla-month">{ SlaViewText::Month.text() }</label>
                    { input(sla, drafts, SlaField::Month, SlaViewText::Month.text().into(), "", on_text) }
                </div>
                <div class="field">
                    <label for="field-sla-day">{ SlaViewText::AsOfDayRange.fill(&[("days", &days)]) }</label>
                    { input(sla, drafts, SlaField::AsOfDay, SlaViewText::AsOfDay.text().into(), "", on_text) }
                    if let Some(notice) = drafts.notice() {
                        <p id="sla-day-notice" class="field-note" role="status">{ notice.to_string() }</p>
                    }
                </div>
            </div>
            <InputMatrix table="sla-plan" caption={SlaViewText::PlanCaption.text()}
                what={SlaViewText::PlannedLeads.text()} channels={channel_names(sla)} personas={persona_names(sla)}
                cells={grid_cells(sla, drafts, SlaField::Plan)} on_text={on_text.clone()} />
            <div class="field">
                <label for="sla-entry-day">{ SlaViewText::EntryDay.fill(&[("days", &days)]) }</label>
                <input id="sla-entry-day" type="number" min="1" max={sla.month.days().to_string()} value={day.to_string()} oninput={on_day} />
            </div>
            <InputMatrix table="sla-actuals"
                caption={SlaViewText::ActualsCaption.fill(&[("month", &month), ("day", &day_of_month(day))])}
                what={SlaViewText::LeadsOnDay.fill(&[("day", &day.to_string())])} channels={channel_names(sla)} personas={persona_names(sla)}
                cells={grid_cells(sla, drafts, |c, p| SlaField::Actual { day, channel: c, persona: p })}
                on_text={on_text.clone()} />
            <LeadsImport sla={sla.clone()} dispatch={props.dispatch.clone()} />
            <div class="button-row">
                <button id="sla-clear-month" type="button" class="secondary danger"
                    onclick={props.dispatch.reform(|_| Action::Edit(Edit::Sla(SlaEdit::ClearMonth)))}>
                    { SlaViewText::ClearMonth.fill(&[("month", &month)]) }</button>
            </div>
            <p class="kpi-line">
                { SlaViewText::MonthToDate.text() }
                <strong data-kpi="sla_delivered" data-value={format::machine(Some(total.delivered))}>{ format::count(total.delivered) }</strong>
                { SlaViewText::DeliveredOf.fill(&[
                    ("expected", &format::with_decimals(total.expected, 1)),
                    ("day", &sla.as_of_day.to_string()),
                    ("required", &format::count(total.required)),
                ]) }
                <strong data-kpi="sla_needed_per_day" data-value={format::machine(total.needed_per_day)}>
                    { format::or_na(total.needed_per_day, |v| format::with_decimals(v, 1)) }</strong>
                { SlaViewText::NeededToFinish.text() }
            </p>
            <ChartOf<SlaChart> spec={SlaChart::Pacing(analysis.clone())} />
            <ChartOf<SlaChart> spec={SlaChart::Leads(sla.clone(), analysis.clone())} />
            <PaceTable id="sla-pace-channels" caption={channel_caption}
                heading={SlaViewText::Channel.text()} labels={sla.channels.clone()} paces={analysis.channel_pace.clone()} total={*total} day={sla.as_of_day} />
            <PaceTable id="sla-pace-personas" caption={SlaViewText::PersonaPaceCaption.text()}
                heading={SlaViewText::Persona.text()} labels={persona_names(sla)}
                paces={analysis.persona_pace.clone()} total={*total} day={sla.as_of_day} />
        </section>
    }
}

/// Step 4: the monthly target, the leads it requires and both teams' commitments.
#[component]
fn CommitmentStep(props: &StepProps) -> Html {
    let _locale = use_locale();
    let StepProps {
        sla,
        editor,
        analysis,
        on_text,
        ..
    } = props;
    let drafts = editor.sla();
    let cell = |c: usize, p: usize| match analysis.required[c][p] {
        Requirement::Leads(n) => html! {
            <span data-sla-required={format!("{c}:{p}")} data-value={format::machine(Some(n))}>{ format::count(n) }</span>
        },
        Requirement::Unreachable(reason) => html! {
            <span data-sla-required={format!("{c}:{p}")} data-value="" class="unreachable"
                title={match reason {
                    NoValue::EmptyRate => SlaViewText::NoRate.text().to_owned(),
                    NoValue::ZeroRate => SlaViewText::ZeroRate.fill(&[("zero", &format::percent(0.0))]),
                    NoValue::NoSale => SlaViewText::NoSale.text().to_owned(),
                }}>{ SlaViewText::Unreachable.text() }</span>
        },
    };
    let row_total = |c: usize| html! { { format::count(analysis.channel_required[c]) } };
    let column_total = |p: usize| html! { { format::count(analysis.persona_required[p]) } };
    let total = analysis.total_required;
    let grand = html! {
        <strong data-kpi="sla_total_required" data-value={format::machine(total)}>{ leads(total) }</strong>
    };
    let channel_list = sla
        .channels
        .iter()
        .zip(&analysis.channel_required)
        .map(|(c, n)| format!("{} {c}", format::count(*n)))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <section class="sla-step" aria-labelledby="sla-step-4">
            <h3 id="sla-step-4">{ SlaViewText::Step4.text() }</h3>
            <div class="settings-row">
                <div class="field">
                    <label for="field-sla-target">{ SlaViewText::Target.text() }</label>
                    { input(sla, drafts, SlaField::Target, SlaViewText::Target.text().into(), format::currency_symbol(), on_text) }
                </div>
                <div class="field">
                    <label for="field-sla-follow-up">{ SlaViewText::FollowUp.text() }</label>
                    { input(sla, drafts, SlaField::FollowUp, SlaViewText::FollowUpLabel.text().into(), SlaViewText::Hours.text(), on_text) }
                </div>
            </div>
            <div class="button-row">
                <button id="sla-export-csv" type="button" class="secondary" onclick={{
                    let (sla, analysis, dispatch) = (sla.clone(), analysis.clone(), props.dispatch.clone());
                    Callback::from(move |_| crate::ui::download::offer_download(&dispatch, "funnelsim-sla.csv", "text/csv", sla_csv(&sla, &analysis)))
                }}>{ SlaViewText::DownloadSla.text() }</button>
            </div>
            { matrix(&channel_names(sla), &persona_names(sla), SlaViewText::RequiredCaption.text(), "sla-required",
                &cell, Some(Totals { per_channel: &row_total, per_persona: &column_total, grand })) }
            if let Some(total) = total {
                <div class="commitments">
                    <p id="sla-marketing-commitment">
                        <strong>{ SlaViewText::MarketingCommits.text() }</strong>
                        { SlaViewText::MarketingCommitment.fill(&[
                            ("leads", &format::count(total)),
                            ("month", &sla.month.label()),
                            ("channels", &channel_list),
                        ]) }
                    </p>
                    <p id="sla-sales-commitment">
                        <strong>{ SlaViewText::SalesCommits.text() }</strong>
                        { SlaViewText::SalesCommitment.fill(&[
                            ("hours", &format::with_decimals(sla.follow_up_hours, 0)),
                            ("leads", &format::count(total)),
                            ("per_day", &format::with_decimals(total / f64::from(sla.month.days()), 1)),
                            ("customers", &format::with_decimals(analysis.expected_customers, 1)),
                        ]) }
                    </p>
                    <p>
                        { SlaViewText::CommittedSla.text() }
                        <strong data-kpi="sla_committed_revenue" data-value={format::machine(Some(analysis.committed_revenue))}>
                            { format::money(analysis.committed_revenue) }</strong>
                        { SlaViewText::CommittedRevenue.fill(&[("target", &format::money(sla.monthly_target))]) }
                    </p>
                </div>
            }
        </section>
    }
}
