//! The Monte Carlo panel: which inputs are uncertain (a range, or observed counts), seed and
//! trials, and the run itself, in slices of about 12 ms between which the page paints and
//! answers, its results streaming in (percentiles, target probability, histogram, fan).

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::chart::{Chart, ChartSpec};
use super::fields::SelectField;
use super::forecast_view::{forecast_edit, forecast_field};
use super::results::column_headers;
use super::state::{Action, AppState};
use super::Dispatch;
use crate::model::forecast_edit::{
    input_key, ForecastDrafts, ForecastEdit, ForecastField, SpreadKind,
};
use crate::model::format;
use crate::model::monte_carlo::{MonteCarlo, Quantiles, Summary};
use crate::model::projection::ProjectionResult;
use crate::model::uncertainty::{Spread, Uncertain, Uncertainty};
use crate::model::{Edit, Scenario};

/// Work per slice, in milliseconds: short enough for the page to stay fluid.
const SLICE_MS: f64 = 12.0;
/// How often streaming results are shown, at most, in milliseconds.
const PUBLISH_MS: f64 = 200.0;
/// Streaming summaries take at most about a fifth of the run: the next one waits at least
/// this many times as long as the last one took.
const PUBLISH_COST_RATIO: f64 = 4.0;

#[derive(Properties, PartialEq)]
pub struct MonteCarloProps {
    pub state: Rc<AppState>,
    pub dispatch: Dispatch,
    /// The deterministic projection, when the scenario has one (for the fan).
    pub projection: Option<Rc<ProjectionResult>>,
}

/// A run's progress and results.
#[derive(Clone, PartialEq)]
enum Run {
    Idle,
    Running(Rc<Summary>),
    Done(Rc<Summary>),
    Failed(String),
}

/// Runs every trial of `scenario` in slices, publishing the summary as it goes, until done
/// or until `generation` moves on (a newer scenario started its own run).
async fn drive(
    scenario: Rc<Scenario>,
    generation: Rc<Cell<u64>>,
    mine: u64,
    run: UseStateHandle<Run>,
) {
    let mut monte_carlo = match MonteCarlo::new(&scenario) {
        Ok(monte_carlo) => monte_carlo,
        Err(error) => {
            run.set(Run::Failed(error.to_string()));
            return;
        }
    };
    let mut batch: u32 = 100;
    let mut published = browser::now_ms();
    let mut publish_every = PUBLISH_MS;
    run.set(Run::Running(Rc::new(monte_carlo.summary())));
    loop {
        browser::yield_to_page().await;
        if generation.get() != mine {
            return;
        }
        let started = browser::now_ms();
        monte_carlo.step(batch);
        let elapsed = browser::now_ms() - started;
        // Aim each slice at SLICE_MS (the clock ticks in whole milliseconds).
        let next = f64::from(batch) * SLICE_MS / elapsed.max(1.0);
        batch = next
            .clamp(f64::from(batch) / 2.0, f64::from(batch) * 2.0)
            .clamp(10.0, 50_000.0) as u32;
        if monte_carlo.done() {
            run.set(Run::Done(Rc::new(monte_carlo.summary())));
            return;
        }
        if browser::now_ms() - published >= publish_every {
            let started = browser::now_ms();
            run.set(Run::Running(Rc::new(monte_carlo.summary())));
            published = browser::now_ms();
            publish_every = PUBLISH_MS.max((published - started) * PUBLISH_COST_RATIO);
        }
    }
}

/// The inputs a scenario can make uncertain, with their labels and units.
fn inputs(scenario: &Scenario) -> Vec<(Uncertain, String, &'static str)> {
    let mut inputs = Vec::new();
    if let Some(top) = scenario.stages.first() {
        inputs.push((
            Uncertain::Top,
            format!("{} {}", top.name, scenario.period.per_label()),
            "",
        ));
    }
    for (i, stage) in scenario.stages.iter().enumerate().skip(1) {
        inputs.push((Uncertain::Rate(i), format!("Rate to {}", stage.name), "%"));
    }
    inputs.push((Uncertain::Basket, "Average basket".to_owned(), "€"));
    if scenario.projection.is_some() {
        inputs.push((Uncertain::Churn, "Churn per month".to_owned(), "%"));
    }
    inputs
}

/// The scenario's value of `input`.
fn value_of(scenario: &Scenario, input: Uncertain) -> f64 {
    match input {
        Uncertain::Top => scenario.top_count(),
        Uncertain::Rate(i) => scenario.stages.get(i).map_or(0.0, |s| s.value),
        Uncertain::Basket => scenario.basket,
        Uncertain::Churn => scenario.projection.as_ref().map_or(0.0, |p| p.churn_pct),
    }
}

/// One row of the inputs table: the value, how it is given, and its spread's fields.
fn input_row(
    scenario: &Scenario,
    uncertainty: &Uncertainty,
    drafts: &ForecastDrafts,
    (input, label, unit): &(Uncertain, String, &'static str),
    dispatch: &Dispatch,
) -> Html {
    let input = *input;
    let spread = uncertainty.spread(input);
    let kind = SpreadKind::of(spread.as_ref());
    let mut options = vec![
        ("certain", "Certain"),
        ("range", "Range (low, likely, high)"),
    ];
    if input.is_rate() {
        options.push(("observed", "Observed (successes of trials)"));
    }
    let on_kind = dispatch.reform(move |key: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::SpreadKind(
            input,
            SpreadKind::from_key(&key).unwrap_or(SpreadKind::Certain),
        )))
    });
    let field = |field: ForecastField, value: String, what: &str, unit: &'static str| {
        html! {
            <td>{ forecast_field(drafts, field, value, format!("{what}, {label}"), unit, true, dispatch) }</td>
        }
    };
    let number = |x: f64| format::machine(Some(x));
    let spread_cells = match spread {
        None => {
            html! { <td colspan="3" class="hint">{ "The scenario's value in every trial" }</td> }
        }
        Some(Spread::Range { low, likely, high }) => html! {
            <>
                { field(ForecastField::Low(input), number(low), "Low", unit) }
                { field(ForecastField::Likely(input), number(likely), "Likely", unit) }
                { field(ForecastField::High(input), number(high), "High", unit) }
            </>
        },
        Some(Spread::Observed { successes, trials }) => html! {
            <>
                { field(ForecastField::Successes(input), successes.to_string(), "Successes", "") }
                { field(ForecastField::Observed(input), trials.to_string(), "Out of", "trials") }
                <td class="hint">{ format!("mean {}", format::percent(Spread::Observed { successes, trials }.mean() / 100.0)) }</td>
            </>
        },
    };
    let value = value_of(scenario, input);
    let value_text = match input {
        Uncertain::Top => format::count(value),
        Uncertain::Basket => format::money(value),
        Uncertain::Rate(_) | Uncertain::Churn => format::percent(value / 100.0),
    };
    html! {
        <tr data-input={input_key(input)}>
            <th scope="row">{ label.clone() }</th>
            <td>{ value_text }</td>
            <td><SelectField id={format!("fc-kind-{}", input_key(input))} label={format!("Given as, {label}")} options={options} selected={kind.key()} on_change={on_kind} compact=true /></td>
            { spread_cells }
        </tr>
    }
}

/// One row of percentiles.
fn quantile_row(key: &str, label: &str, q: &Quantiles, formatter: fn(f64) -> String) -> Html {
    let cell = |name: &str, value: Option<f64>| {
        html! {
            <td data-mc={format!("{key}_{name}")} data-value={format::machine(value)}>{ format::or_na(value, formatter) }</td>
        }
    };
    html! {
        <tr data-mc-row={key.to_owned()}>
            <th scope="row">{ label }</th>
            { cell("p10", q.p10) }
            { cell("p50", q.p50) }
            { cell("p90", q.p90) }
            { cell("mean", q.mean) }
        </tr>
    }
}

/// The results of the trials run so far.
fn results(
    summary: &Rc<Summary>,
    scenario: &Scenario,
    projection: Option<&Rc<ProjectionResult>>,
    done: bool,
) -> Html {
    let per = scenario.period.per_label();
    let lead_stage = scenario.stages.get(1).map_or("Leads", |s| s.name.as_str());
    let probability = summary.target_probability;
    html! {
        <>
            <p id="mc-target-probability" class="recommendation" role="status" data-value={format::machine(probability)}>
                { match probability {
                    Some(p) => format!(
                        "{} of the trials reach the revenue target of {} {per}{}",
                        format::percent(p),
                        format::money(summary.target),
                        if done { "." } else { " (so far)." }
                    ),
                    None => "No trial has run yet.".to_owned(),
                } }
                if let Some(p) = summary.break_even_probability {
                    { format!(" {} break even within the projection's horizon.", format::percent(p)) }
                }
            </p>
            <div class="table-scroll">
                <table id="mc-results" class="data-table" data-table="mc-results">
                    <caption>{ format!("Percentiles over {} trials ({per})", format::count(f64::from(summary.trials_done))) }</caption>
                    { column_headers(&["", "P10", "P50 (median)", "P90", "Mean"]) }
                    <tbody>
                        { quantile_row("customers", "Customers", &summary.customers, format::count) }
                        { quantile_row("revenue", "Revenue", &summary.revenue, format::money) }
                        { quantile_row("cac", "CAC", &summary.cac, format::money) }
                        { quantile_row("roi", "ROI on revenue", &summary.roi_revenue, format::percent) }
                        { quantile_row("roi_margin", "ROI on gross margin", &summary.roi_margin, format::percent) }
                        { quantile_row("required_leads", &format!("{lead_stage} required for the target"), &summary.required_leads, format::count) }
                    </tbody>
                </table>
            </div>
            <Chart spec={ChartSpec::ForecastHistogram(summary.clone(), scenario.period)} />
            if let Some(projection) = projection {
                <Chart spec={ChartSpec::ForecastFan(summary.clone(), projection.clone())} />
            }
        </>
    }
}

/// The Monte Carlo panel.
#[component]
pub fn MonteCarloPanel(props: &MonteCarloProps) -> Html {
    let dispatch = &props.dispatch;
    let editor = &props.state.editor;
    let scenario = Rc::new(editor.scenario().clone());
    let run = use_state(|| Run::Idle);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0_u64)));
    {
        let run = run.clone();
        let generation = generation.borrow().clone();
        // A new run for every new scenario with a Monte Carlo set-up (same scenario, same
        // numbers: the seed is part of it).
        use_effect_with(scenario.clone(), move |scenario| {
            let mine = generation.get() + 1;
            generation.set(mine);
            if scenario.uncertainty.is_some() {
                wasm_bindgen_futures::spawn_local(drive(
                    scenario.clone(),
                    generation.clone(),
                    mine,
                    run,
                ));
            } else {
                run.set(Run::Idle);
            }
            move || generation.set(generation.get() + 1)
        });
    }
    let Some(uncertainty) = scenario.uncertainty.clone() else {
        let start = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::StartUncertainty))
        };
        return html! {
            <section class="panel" aria-labelledby="mc-heading">
                <h2 id="mc-heading">{ "Uncertainty (Monte Carlo)" }</h2>
                <p>{ "Rates are not certain. Give each one as a range (low, likely, high) or as what you observed (120 of 300 converted), and thousands of trials show the spread of customers, revenue, CAC and ROI, and the chance of reaching the target. The seed is part of the link: whoever opens it sees the same numbers." }</p>
                <button id="mc-start" type="button" onclick={start}>{ "Add ranges (±20 % on every rate) and run" }</button>
            </section>
        };
    };
    let drafts = editor.forecast();
    let new_seed = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            // Whole numbers below 2^53 survive the trip through an f64 and the URL.
            let seed = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
            forecast_edit(&dispatch, ForecastEdit::Seed(seed));
        })
    };
    let remove = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::RemoveUncertainty))
    };
    let status = match &*run {
        Run::Idle => html! {},
        Run::Failed(message) => {
            html! { <p id="mc-error" class="field-error" role="alert">{ message }</p> }
        }
        Run::Running(summary) | Run::Done(summary) => {
            let done = matches!(&*run, Run::Done(_));
            html! {
                <>
                    <div class="crm-progress">
                        <label for="mc-progress">{ format!("{} of {} trials", format::count(f64::from(summary.trials_done)), format::count(f64::from(summary.trials))) }</label>
                        <progress id="mc-progress" max={summary.trials.max(1).to_string()} value={summary.trials_done.to_string()} data-done={done.then_some("true")} />
                    </div>
                    { results(summary, &scenario, props.projection.as_ref(), done) }
                </>
            }
        }
    };
    let rows = inputs(&scenario);
    html! {
        <section class="panel" aria-labelledby="mc-heading">
            <h2 id="mc-heading">{ "Uncertainty (Monte Carlo)" }</h2>
            <div class="settings-row">
                { forecast_field(drafts, ForecastField::Seed, uncertainty.seed.to_string(), "Seed (same seed, same numbers)".to_owned(), "", false, dispatch) }
                <button id="mc-new-seed" type="button" class="secondary" onclick={new_seed}>{ "New seed" }</button>
                { forecast_field(drafts, ForecastField::Trials, uncertainty.trials.to_string(), "Trials (1 to 1,000,000)".to_owned(), "", false, dispatch) }
            </div>
            <div class="table-scroll">
                <table id="mc-inputs" class="data-table" data-table="mc-inputs">
                    <caption>{ "Uncertain inputs" }</caption>
                    { column_headers(&["Input", "In the scenario", "Given as", "Low (or successes)", "Likely (or out of)", "High"]) }
                    <tbody>
                        { for rows.iter().map(|row| input_row(&scenario, &uncertainty, drafts, row, dispatch)) }
                    </tbody>
                </table>
            </div>
            { status }
            <button id="mc-remove" type="button" class="secondary" onclick={remove}>{ "Remove the ranges" }</button>
        </section>
    }
}
