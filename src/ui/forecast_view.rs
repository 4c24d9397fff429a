//! The forecast view: the monthly projection (horizon, growth, sales cycle, churn, upsell,
//! revenue model) with its figures, charts and month-by-month table; the Monte Carlo panel
//! below it.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::{Chart, ChartSpec};
use super::fields::{SelectField, TextField};
use super::library_view::ViewProps;
use super::monte_carlo_view::MonteCarloPanel;
use super::results::{column_headers, kpi};
use super::state::Action;
use super::Dispatch;
use crate::model::forecast_edit::{ForecastDrafts, ForecastEdit, ForecastField, GrowthKind};
use crate::model::format;
use crate::model::projection::{project, Growth, Projection, ProjectionResult, RevenueModel};
use crate::model::Edit;

/// Calendar months, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Emits a forecast edit.
pub fn forecast_edit(dispatch: &Dispatch, edit: ForecastEdit) {
    dispatch.emit(Action::Edit(Edit::Forecast(edit)));
}

/// A text field of the forecast form: what the user typed (with its error) or the value in
/// use.
pub fn forecast_field(
    drafts: &ForecastDrafts,
    field: ForecastField,
    value: String,
    label: String,
    unit: &'static str,
    compact: bool,
    dispatch: &Dispatch,
) -> Html {
    let text = drafts.draft(field).map_or(value, str::to_owned);
    let error = drafts.error(field).map(ToString::to_string);
    let on_text =
        dispatch.reform(move |raw| Action::Edit(Edit::Forecast(ForecastEdit::Text(field, raw))));
    html! {
        <TextField id={field.key()} {label} {unit} {text} {error} {on_text} {compact} />
    }
}

/// The projection's settings.
fn settings(projection: &Projection, drafts: &ForecastDrafts, dispatch: &Dispatch) -> Html {
    let field = |field: ForecastField, value: f64, label: &str, unit: &'static str| {
        forecast_field(
            drafts,
            field,
            format::machine(Some(value)),
            label.to_owned(),
            unit,
            false,
            dispatch,
        )
    };
    let growth_kind = GrowthKind::of(&projection.growth);
    let on_growth = dispatch.reform(|key: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::Growth(
            GrowthKind::from_key(&key).unwrap_or(GrowthKind::Flat),
        )))
    });
    let on_revenue = dispatch.reform(|key: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::RevenueModel(
            RevenueModel::from_key(&key).unwrap_or(RevenueModel::Subscription),
        )))
    });
    let on_start = dispatch.reform(|month: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::Text(
            ForecastField::StartMonth,
            month,
        )))
    });
    let start_options: Vec<(&'static str, &'static str)> = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ]
    .into_iter()
    .zip(MONTH_NAMES)
    .collect();
    let start_key: &'static str = start_options
        .get(projection.start_month.saturating_sub(1) as usize)
        .map_or("1", |(key, _)| *key);
    let growth_fields = match &projection.growth {
        Growth::Flat => html! {},
        Growth::Growing { pct_per_month } => field(
            ForecastField::GrowthPct,
            *pct_per_month,
            "Growth per month",
            "%",
        ),
        Growth::Seasonal { weights } => html! {
            <fieldset class="season-weights">
                <legend>{ "Relative volume of each calendar month (1 = an average month)" }</legend>
                <div class="settings-row">
                    { for weights.iter().enumerate().map(|(m, w)| forecast_field(drafts, ForecastField::SeasonWeight(m), format::machine(Some(*w)), MONTH_NAMES[m].to_owned(), "", false, dispatch)) }
                </div>
            </fieldset>
        },
    };
    html! {
        <>
            <div class="settings-row">
                { field(ForecastField::Months, f64::from(projection.months), "Horizon (1–36 months)", "months") }
                <SelectField id="fc-start" label="First month" options={start_options.clone()} selected={start_key} on_change={on_start} />
                <SelectField id="fc-growth-kind" label="Volume entering the funnel"
                    options={vec![("flat", "Flat"), ("growing", "Growing (or declining) by a % a month"), ("seasonal", "Seasonal profile")]}
                    selected={growth_kind.key()} on_change={on_growth} />
                { field(ForecastField::SalesCycle, projection.sales_cycle_days, "Sales cycle (days from entering the funnel to customer)", "days") }
            </div>
            { growth_fields }
            <div class="settings-row">
                <SelectField id="fc-revenue-model" label="Revenue"
                    options={vec![("subscription", "Subscription (a monthly fee: MRR, ARR)"), ("repeat", "Repeat purchases")]}
                    selected={projection.revenue_model.key()} on_change={on_revenue} />
                { field(ForecastField::Churn, projection.churn_pct, "Churn per month", "%") }
                { field(ForecastField::Upsell, projection.upsell_pct, "Upsell and cross-sell per month", "% of recurring revenue") }
            </div>
        </>
    }
}

/// The projection's headline figures.
fn figures(result: &ProjectionResult) -> Html {
    let month = |m: f64| format!("month {}", format::count(m));
    html! {
        <dl class="kpis">
            { kpi("fc_customers_won", "Customers won over the horizon", Some(result.customers_won), format::count, None) }
            { kpi("fc_active_customers", "Active customers at the end", Some(result.active_customers), format::count, None) }
            { kpi("fc_revenue", "Revenue over the horizon", Some(result.revenue), format::money, None) }
            { kpi("fc_spend", "Marketing spend over the horizon", Some(result.spend), format::money, None) }
            { kpi("fc_cac", "CAC over the horizon", result.cac, format::money, Some("spend ÷ customers won")) }
            { kpi("fc_roi", "ROI on gross margin", result.roi_margin, format::percent, Some("(gross margin − spend) ÷ spend")) }
            { kpi("fc_break_even", "Break-even", result.break_even_month.map(f64::from), month, Some("first month the cumulative gross margin covers the cumulative spend")) }
            { kpi("fc_payback", "CAC payback", result.cac_payback_months, format::months, Some("months of a customer's gross margin to repay the CAC")) }
            { kpi("fc_ltv_realised", "LTV realised over the horizon", result.ltv_realised, format::money, Some("gross margin ÷ customers won")) }
            if result.mrr.is_some() {
                { kpi("fc_mrr", "MRR in the last month", result.mrr, format::money, None) }
                { kpi("fc_arr", "ARR in the last month", result.arr, format::money, Some("12 × MRR")) }
            }
        </dl>
    }
}

/// The projection month by month, as a table (the charts' numbers).
fn month_table(result: &ProjectionResult) -> Html {
    let lead_stage = result.stage_names.get(1).cloned().unwrap_or_default();
    let subscription = result.mrr.is_some();
    let mut headers = vec![
        "Month".to_owned(),
        lead_stage,
        "New customers".to_owned(),
        "Active customers".to_owned(),
        "Revenue".to_owned(),
        "Cumulative revenue".to_owned(),
        "Cumulative gross margin".to_owned(),
        "Cumulative spend".to_owned(),
    ];
    if subscription {
        headers.push("MRR".to_owned());
    }
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    html! {
        <div class="table-scroll">
            <table id="forecast-months" class="data-table" data-table="forecast-months">
                <caption>{ "The projection month by month" }</caption>
                { column_headers(&header_refs) }
                <tbody>
                    { for result.months.iter().map(|m| html! {
                        <tr data-month={m.month.to_string()}>
                            <th scope="row">{ format!("{} ({})", m.month, MONTH_NAMES.get(m.calendar_month as usize - 1).copied().unwrap_or_default()) }</th>
                            <td>{ format::count(m.stage_volumes.get(1).copied().unwrap_or(0.0)) }</td>
                            <td data-value={format::machine(Some(m.new_customers))}>{ format::with_decimals(m.new_customers, 1) }</td>
                            <td data-value={format::machine(Some(m.active_customers))}>{ format::with_decimals(m.active_customers, 1) }</td>
                            <td>{ format::money(m.revenue) }</td>
                            <td data-value={format::machine(Some(m.cumulative_revenue))}>{ format::money(m.cumulative_revenue) }</td>
                            <td>{ format::money(m.cumulative_gross_margin) }</td>
                            <td>{ format::money(m.cumulative_spend) }</td>
                            if subscription {
                                <td>{ format::or_na(m.mrr, format::money) }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The forecast view.
#[component]
pub fn ForecastView(props: &ViewProps) -> Html {
    let dispatch = &props.dispatch;
    let editor = &props.state.editor;
    let scenario = editor.scenario();
    let result = {
        let key = (scenario.projection.clone(), scenario.clone());
        use_memo(key, |(projection, scenario)| {
            projection
                .as_ref()
                .map(|projection| Rc::new(project(scenario, projection)))
        })
    };
    let projection_section = match (scenario.projection.as_deref(), (*result).clone()) {
        (Some(projection), Some(result)) => {
            let remove = {
                let dispatch = dispatch.clone();
                Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::RemoveProjection))
            };
            html! {
                <section class="panel" aria-labelledby="forecast-heading">
                    <h2 id="forecast-heading">{ "Month by month" }</h2>
                    <p class="hint">{ "The funnel spread over the months: leads enter each month, the sales cycle delays the customers, churn takes its share, recurring revenue and upsell add up. Spend follows the volume." }</p>
                    { settings(projection, editor.forecast(), dispatch) }
                    { figures(&result) }
                    <Chart spec={ChartSpec::ForecastCash(result.clone())} />
                    <Chart spec={ChartSpec::ForecastCustomers(result.clone())} />
                    <Chart spec={ChartSpec::ForecastVolumes(result.clone())} />
                    { month_table(&result) }
                    <button id="forecast-remove" type="button" class="secondary" onclick={remove}>{ "Remove the projection" }</button>
                </section>
            }
        }
        _ => {
            let start = {
                let dispatch = dispatch.clone();
                Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::StartProjection))
            };
            html! {
                <section class="panel" aria-labelledby="forecast-heading">
                    <h2 id="forecast-heading">{ "Month by month" }</h2>
                    <p>{ "A funnel is not instant: leads take weeks to become customers, customers churn, subscriptions add up. Project this scenario over 1 to 36 months to see when revenue covers the spend." }</p>
                    <button id="forecast-start" type="button" onclick={start}>{ "Start a monthly projection" }</button>
                </section>
            }
        }
    };
    html! {
        <>
            { projection_section }
            <MonteCarloPanel state={props.state.clone()} dispatch={dispatch.clone()} projection={(*result).clone()} />
        </>
    }
}
