//! The CRM view's sales side: the time between stages with the measured sales cycle (for
//! the projection in one click), the stalled deals, the open pipeline by owner and the
//! measured sales velocity.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::crm::kpi::{group_label, CrmKpis, NO_OWNER};
use crate::model::crm::parse::Lifecycle;
use crate::model::crm::pipeline::{measured_velocity, owner_pipelines, OwnerPipeline};
use crate::model::crm::timing::{StageTimes, StepTime};
use crate::model::forecast::edit::ForecastEdit;
use crate::model::forecast::projection::MAX_SALES_CYCLE_DAYS;
use crate::model::format;
use crate::ui::crm::crm_view::duration;
use crate::ui::forecast::forecast_view::forecast_edit;
use crate::ui::funnel::results::column_headers;
use crate::ui::Dispatch;

crate::texts! {
    /// The CRM view's sales side.
    enum SalesTimesText {
        Heading => "Time between stages", "Temps entre les étapes";
        NoDates => "Map the stage dates (became MQL, SQL, opportunity, won date) to see the time between stages, the stalled deals and the measured sales cycle.",
            "Associez les dates d'étape (passage en MQL, en SQL, en opportunité, date de gain) pour voir le temps entre les étapes, les transactions enlisées et le cycle de vente mesuré.";
        Caption => "Days from one stage to the next (median and 90th percentile), and the open rows stalled longer than the 90th percentile at the export's latest date, {as_of}",
            "Jours d'une étape à la suivante (médiane et 90e centile), et les lignes ouvertes enlisées au-delà du 90e centile à la date la plus récente de l'export, {as_of}";
        Step => "Step", "Étape";
        Measured => "Measured", "Mesurés";
        Median => "Median", "Médiane";
        P90 => "90th percentile", "90e centile";
        OutOfOrder => "Dates out of order (left out)", "Dates dans le désordre (écartées)";
        OpenNow => "Open at this stage", "Ouverts à cette étape";
        Stalled => "Stalled (open longer than the 90th percentile)", "Enlisés (ouverts depuis plus que le 90e centile)";
        Won => "Customers (won)", "Clients (gagnés)";
        Cycle => "Sales cycle (creation → won)", "Cycle de vente (création → gain)";
        UseCycle => "Use {days} as the projection's sales cycle", "Utiliser {days} comme cycle de vente de la projection";
        CycleInUse => "The projection's sales cycle is {days}.", "Le cycle de vente de la projection est de {days}.";
        CycleTooLong => "The measured sales cycle ({days}) is longer than the projection's {max}-day limit.",
            "Le cycle de vente mesuré ({days}) dépasse la limite de {max} jours de la projection.";
        DaysCount => "{n} days", "{n} jours";
        StalledHeading => "Stalled deals", "Transactions enlisées";
        StalledCaption => "Open opportunities older than the 90th percentile of opportunity → won ({p90}), longest first",
            "Opportunités ouvertes depuis plus que le 90e centile d'opportunité → gain ({p90}), les plus anciennes d'abord";
        NoStalled => "No open opportunity is older than the 90th percentile of opportunity → won.",
            "Aucune opportunité ouverte n'est plus ancienne que le 90e centile d'opportunité → gain.";
        More => "…and {n} more, not listed.", "… et {n} de plus, non listées.";
        Line => "Line in the export", "Ligne de l'export";
        Owner => "Owner", "Propriétaire";
        Source => "Source", "Source";
        Amount => "Amount", "Montant";
        DaysOpen => "Days as an opportunity", "Jours en opportunité";
        OwnersHeading => "Open pipeline by owner", "Pipeline ouvert par propriétaire";
        OwnersCaption => "Opportunities by owner: open (neither won nor lost), the open pipeline raw and weighted by the export's win rate ({win}), won deals and stalled deals",
            "Opportunités par propriétaire : ouvertes (ni gagnées ni perdues), le pipeline ouvert brut et pondéré par le taux de closing de l'export ({win}), les gagnées et les enlisées";
        Opportunities => "Opportunities", "Opportunités";
        Open => "Open", "Ouvertes";
        OpenPipeline => "Open pipeline", "Pipeline ouvert";
        Weighted => "Weighted", "Pondéré";
        WonCount => "Won", "Gagnées";
        WonAmount => "Won amount", "Montant gagné";
        WinRate => "Win rate", "Taux de closing";
        StalledDeals => "Stalled", "Enlisées";
        Total => "Total", "Total";
        Velocity => "Sales velocity measured: {open} open opportunities × {deal} average won deal × {win} win rate ÷ {cycle} = {day} a day, {month} a month.",
            "Vélocité commerciale mesurée : {open} opportunités ouvertes × {deal} de transaction gagnée moyenne × {win} de taux de closing ÷ {cycle} = {day} par jour, {month} par mois.";
        NoVelocity => "The sales velocity needs the measured sales cycle: map the won date.",
            "La vélocité commerciale a besoin du cycle de vente mesuré : associez la date de gain.";
    }
}

/// Stalled deals listed (the rest are counted).
const LISTED_STALLED: usize = 20;

fn days(value: Option<f64>) -> String {
    duration(value.map(|d| d * 1_440.0))
}

fn whole_days(n: f64) -> String {
    SalesTimesText::DaysCount.fill(&[("n", &format::count(n))])
}

/// "Leads → MQL", …, "Opportunities → Customers (won)".
fn step_label(from: Lifecycle) -> String {
    let to = match from {
        Lifecycle::Opportunity => SalesTimesText::Won.text(),
        other => Lifecycle::ALL[other as usize + 1].label(),
    };
    format!("{} → {to}", from.label())
}

fn step_row(step: &StepTime) -> Html {
    let key = format!("{:?}", step.from).to_lowercase();
    html! {
        <tr data-step={key}>
            <th scope="row">{ step_label(step.from) }</th>
            <td>{ format::count(step.days.count as f64) }</td>
            <td data-value={format::machine(step.days.median)}>{ days(step.days.median) }</td>
            <td data-value={format::machine(step.days.p90)}>{ days(step.days.p90) }</td>
            <td>{ format::count(step.out_of_order as f64) }</td>
            <td>{ format::count(step.open as f64) }</td>
            <td data-value={step.stalled.to_string()}>{ format::count(step.stalled as f64) }</td>
        </tr>
    }
}

fn as_of_text(times: &StageTimes) -> String {
    times.as_of.map_or_else(
        || format::not_applicable().to_owned(),
        crate::model::crm::parse::date_text,
    )
}

fn stage_times_table(times: &StageTimes) -> Html {
    let headers = [
        SalesTimesText::Step,
        SalesTimesText::Measured,
        SalesTimesText::Median,
        SalesTimesText::P90,
        SalesTimesText::OutOfOrder,
        SalesTimesText::OpenNow,
        SalesTimesText::Stalled,
    ]
    .map(SalesTimesText::text);
    let cycle = &times.cycle;
    html! {
        <div class="table-scroll">
            <table id="crm-stage-times" class="data-table" data-table="crm-stage-times">
                <caption>{ SalesTimesText::Caption.fill(&[("as_of", &as_of_text(times))]) }</caption>
                { column_headers(&headers) }
                <tbody>
                    { for times.steps.iter().map(step_row) }
                    <tr data-step="cycle">
                        <th scope="row">{ SalesTimesText::Cycle.text() }</th>
                        <td>{ format::count(cycle.count as f64) }</td>
                        <td data-value={format::machine(cycle.median)}>{ days(cycle.median) }</td>
                        <td data-value={format::machine(cycle.p90)}>{ days(cycle.p90) }</td>
                        <td></td><td></td><td></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

fn cycle_for_projection(times: &StageTimes, cycle_in_use: f64, dispatch: &Dispatch) -> Html {
    let Some(measured) = times.cycle_days() else {
        return html! {};
    };
    let in_use = html! {
        <p id="crm-cycle-in-use" class="hint" data-value={cycle_in_use.to_string()}>
            { SalesTimesText::CycleInUse.fill(&[("days", &whole_days(cycle_in_use))]) }
        </p>
    };
    if measured > MAX_SALES_CYCLE_DAYS {
        return html! {
            <>
                <p class="hint">{ SalesTimesText::CycleTooLong.fill(&[
                    ("days", &whole_days(measured)),
                    ("max", &format::count(MAX_SALES_CYCLE_DAYS)),
                ]) }</p>
                { in_use }
            </>
        };
    }
    let onclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::MeasuredCycle(measured)))
    };
    html! {
        <div class="settings-row">
            <button id="crm-use-cycle" type="button" class="secondary" data-value={measured.to_string()} {onclick} disabled={measured == cycle_in_use}>
                { SalesTimesText::UseCycle.fill(&[("days", &whole_days(measured))]) }
            </button>
            { in_use }
        </div>
    }
}

fn stalled_table(times: &StageTimes) -> Html {
    let p90 = times.steps.get(3).and_then(|s| s.days.p90);
    let deals = &times.stalled_deals;
    if deals.is_empty() {
        return match p90 {
            Some(_) => {
                html! { <p id="crm-stalled-none" class="hint">{ SalesTimesText::NoStalled.text() }</p> }
            }
            None => html! {},
        };
    }
    let headers = [
        SalesTimesText::Line,
        SalesTimesText::Owner,
        SalesTimesText::Source,
        SalesTimesText::Amount,
        SalesTimesText::DaysOpen,
    ]
    .map(SalesTimesText::text);
    let more = deals.len().saturating_sub(LISTED_STALLED);
    html! {
        <>
            <h4>{ SalesTimesText::StalledHeading.text() }</h4>
            <div class="table-scroll">
                <table id="crm-stalled" class="data-table" data-table="crm-stalled" data-count={deals.len().to_string()}>
                    <caption>{ SalesTimesText::StalledCaption.fill(&[("p90", &days(p90))]) }</caption>
                    { column_headers(&headers) }
                    <tbody>
                        { for deals.iter().take(LISTED_STALLED).map(|d| html! {
                            <tr data-line={d.line.to_string()}>
                                <th scope="row">{ format::count(d.line as f64) }</th>
                                <td>{ group_label(d.owner.as_deref().unwrap_or(NO_OWNER)) }</td>
                                <td>{ group_label(&d.source) }</td>
                                <td>{ format::or_na(d.amount, format::money) }</td>
                                <td data-value={d.days_open.to_string()}>{ format::with_decimals(d.days_open, 1) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if more > 0 {
                <p class="hint">{ SalesTimesText::More.fill(&[("n", &format::count(more as f64))]) }</p>
            }
        </>
    }
}

fn owner_row(o: &OwnerPipeline) -> Html {
    let (key, label) = match o.owner.as_deref() {
        Some(owner) => (owner.to_owned(), group_label(owner).to_owned()),
        None => ("total".to_owned(), SalesTimesText::Total.text().to_owned()),
    };
    html! {
        <tr data-owner={key}>
            <th scope="row">{ label }</th>
            <td>{ format::count(o.opportunities as f64) }</td>
            <td data-kpi-owner="open">{ format::count(o.open as f64) }</td>
            <td data-kpi-owner="open_pipeline" data-value={o.open_pipeline.to_string()}>{ format::money(o.open_pipeline) }</td>
            <td data-kpi-owner="weighted" data-value={format::machine(o.weighted)}>{ format::or_na(o.weighted, format::money) }</td>
            <td>{ format::count(o.won as f64) }</td>
            <td>{ format::money(o.won_amount) }</td>
            <td>{ format::or_na(o.win_rate, format::percent) }</td>
            <td data-kpi-owner="stalled">{ format::count(o.stalled as f64) }</td>
        </tr>
    }
}

fn owners_table(kpis: &CrmKpis) -> Html {
    if kpis.opportunities.opportunities == 0 {
        return html! {};
    }
    let headers = [
        SalesTimesText::Owner,
        SalesTimesText::Opportunities,
        SalesTimesText::Open,
        SalesTimesText::OpenPipeline,
        SalesTimesText::Weighted,
        SalesTimesText::WonCount,
        SalesTimesText::WonAmount,
        SalesTimesText::WinRate,
        SalesTimesText::StalledDeals,
    ]
    .map(SalesTimesText::text);
    let win = format::or_na(kpis.opportunities.win_rate(), format::percent);
    html! {
        <>
            <h3>{ SalesTimesText::OwnersHeading.text() }</h3>
            <div class="table-scroll">
                <table id="crm-owner-pipeline" class="data-table" data-table="crm-owner-pipeline">
                    <caption>{ SalesTimesText::OwnersCaption.fill(&[("win", &win)]) }</caption>
                    { column_headers(&headers) }
                    <tbody>{ for owner_pipelines(kpis).iter().map(owner_row) }</tbody>
                </table>
            </div>
        </>
    }
}

fn velocity_line(kpis: &CrmKpis) -> Html {
    if kpis.opportunities.opportunities == 0 {
        return html! {};
    }
    match measured_velocity(kpis, String::new()) {
        Some(v) => html! {
            <p id="crm-velocity" class="recommendation" data-value={format::machine(v.per_day)}>
                { SalesTimesText::Velocity.fill(&[
                    ("open", &format::count(v.opportunities)),
                    ("deal", &format::money(v.average_deal)),
                    ("win", &format::or_na(v.win_rate, format::percent)),
                    ("cycle", &whole_days(v.cycle_days)),
                    ("day", &format::or_na(v.per_day, format::money)),
                    ("month", &format::or_na(v.per_period, format::money)),
                ]) }
            </p>
        },
        None => {
            html! { <p id="crm-velocity" class="hint">{ SalesTimesText::NoVelocity.text() }</p> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SalesTimesProps {
    pub kpis: Rc<CrmKpis>,
    /// The sales cycle the scenario's projection uses (or would start with), in days.
    pub cycle_in_use: f64,
    pub dispatch: Dispatch,
}

/// The time between stages, the stalled deals, the pipeline by owner and the velocity.
#[component]
pub fn SalesTimes(props: &SalesTimesProps) -> Html {
    let times = &props.kpis.timing;
    let timing = if times.measured() {
        html! {
            <>
                { stage_times_table(times) }
                { cycle_for_projection(times, props.cycle_in_use, &props.dispatch) }
                { stalled_table(times) }
            </>
        }
    } else {
        html! { <p id="crm-no-stage-dates" class="hint">{ SalesTimesText::NoDates.text() }</p> }
    };
    html! {
        <section aria-labelledby="crm-times-heading">
            <h3 id="crm-times-heading">{ SalesTimesText::Heading.text() }</h3>
            { timing }
            { owners_table(&props.kpis) }
            { velocity_line(&props.kpis) }
        </section>
    }
}
