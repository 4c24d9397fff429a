//! The Monte Carlo panel: which inputs are uncertain (a range, or observed counts), seed and
//! trials, and the run itself, in slices of about 12 ms between which the page paints and
//! answers, its results streaming in (percentiles, target probability, histogram, fan).

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::forecast_charts::ForecastChart;
use crate::model::forecast::edit::{
    input_key, ForecastDrafts, ForecastEdit, ForecastField, SpreadKind,
};
use crate::model::forecast::monte_carlo::{MonteCarlo, MonteCarloError, Quantiles, Summary};
use crate::model::forecast::projection::ProjectionResult;
use crate::model::forecast::uncertainty::{Spread, Uncertain, Uncertainty};
use crate::model::format;
use crate::model::funnel::scenario::Period;
use crate::model::{Edit, Scenario};
use crate::ui::browser;
use crate::ui::chart::ChartOf;
use crate::ui::fields::SelectField;
use crate::ui::forecast::forecast_view::{forecast_edit, forecast_field};
use crate::ui::forecast::mc_pool::{run_in_pool, PoolOutcome};
use crate::ui::funnel::results::column_headers;
use crate::ui::locale::use_locale;
use crate::ui::state::{Action, AppState};
use crate::ui::Dispatch;

crate::texts! {
    /// The Monte Carlo panel.
    enum McText {
        MetricHeader => "Result", "Résultat";
        Heading => "Uncertainty (Monte Carlo)", "Incertitude (Monte Carlo)";
        Intro => "Rates are not certain. Give each one as a range (low, likely, high) or as what you observed (120 of 300 converted), and thousands of trials show the spread of customers, revenue, CAC and ROI, and the chance of reaching the target. The seed is part of the link: whoever opens it sees the same numbers.",
            "Les taux ne sont pas certains. Donnez chacun sous forme de plage (basse, probable, haute) ou de ce que vous avez observé (120 convertis sur 300), et des milliers de tirages montrent la dispersion des clients, du chiffre d'affaires, du CAC et du ROI, ainsi que la probabilité d'atteindre l'objectif. La graine fait partie du lien : quiconque l'ouvre voit les mêmes chiffres.";
        Start => "Add ranges (±20 % on every rate) and run",
            "Ajouter des plages (±20 % sur chaque taux) et lancer";
        StartWithChannels => "Add ranges (±20 % on every rate and every channel's cost per lead) and run",
            "Ajouter des plages (±20 % sur chaque taux et le coût par lead de chaque canal) et lancer";
        Seed => "Seed (same seed, same numbers)", "Graine (même graine, mêmes chiffres)";
        NewSeed => "New seed", "Nouvelle graine";
        Trials => "Trials (1 to 1,000,000)", "Tirages (1 à 1 000 000)";
        InputsCaption => "Uncertain inputs", "Données incertaines";
        Input => "Input", "Donnée";
        InScenario => "In the scenario", "Dans le scénario";
        GivenAs => "Given as", "Type de valeur";
        GivenAsOf => "Given as, {label}", "Type de valeur, {label}";
        LowHeader => "Low (or successes)", "Basse (ou succès)";
        LikelyHeader => "Likely (or out of)", "Probable (ou sur)";
        HighHeader => "High", "Haute";
        RemoveRanges => "Remove the ranges", "Supprimer les plages";
        Progress => "{done} of {total} trials", "{done} tirages sur {total}";
        PerMonth => "per month", "par mois";
        PerQuarter => "per quarter", "par trimestre";
        PerYear => "per year", "par an";
        RateTo => "Rate to {stage}", "Taux vers {stage}";
        AverageBasket => "Average basket", "Panier moyen";
        ChurnPerMonth => "Churn per month", "Churn par mois";
        CostPerLead => "Cost per lead, {channel}", "Coût par lead, {channel}";
        ChannelsNote => "The channels bring the volume: each trial blends them again. A channel's leads are its spend divided by the cost per lead drawn, and they convert through the rates drawn (with the channel's quality factor; its own rates stay as typed).",
            "Les canaux apportent le volume : chaque tirage les mélange à nouveau. Les leads d'un canal sont sa dépense divisée par le coût par lead tiré, et ils se convertissent aux taux tirés (avec le facteur de qualité du canal ; ses propres taux restent ceux saisis).";
        Certain => "Certain", "Certaine";
        Range => "Range (low, likely, high)", "Plage (basse, probable, haute)";
        Observed => "Observed (successes of trials)", "Observée (succès sur essais)";
        ScenarioValue => "The scenario's value in every trial",
            "La valeur du scénario dans chaque tirage";
        Low => "Low", "Basse";
        Likely => "Likely", "Probable";
        High => "High", "Haute";
        Successes => "Successes", "Succès";
        OutOf => "Out of", "Sur";
        TrialsUnit => "trials", "essais";
        Mean => "mean {value}", "moyenne {value}";
        Probability => "{share} of the trials reach the revenue target of {target} {per}.",
            "{share} des tirages atteignent l'objectif de chiffre d'affaires de {target} {per}.";
        ProbabilitySoFar => "{share} of the trials reach the revenue target of {target} {per} (so far).",
            "{share} des tirages atteignent l'objectif de chiffre d'affaires de {target} {per} (pour l'instant).";
        NoTrial => "No trial has run yet.", "Aucun tirage n'a encore été lancé.";
        BreakEven => " {share} break even within the projection's horizon.",
            " {share} atteignent le seuil de rentabilité dans l'horizon de la projection.";
        Percentiles => "Percentiles over {n} trials ({per})", "Percentiles sur {n} tirages ({per})";
        Median => "P50 (median)", "P50 (médiane)";
        MeanHeader => "Mean", "Moyenne";
        Customers => "Customers", "Clients";
        Revenue => "Revenue", "Chiffre d'affaires";
        Cac => "CAC", "CAC";
        RoiRevenue => "ROI on revenue", "ROI sur le chiffre d'affaires";
        RoiMargin => "ROI on gross margin", "ROI sur la marge brute";
        Required => "{stage} required for the target", "{stage} nécessaires pour l'objectif";
        Leads => "Leads", "Leads";
    }
}

/// "per month", "per quarter", "per year", in the language in use.
fn per(period: Period) -> &'static str {
    match period {
        Period::Month => McText::PerMonth,
        Period::Quarter => McText::PerQuarter,
        Period::Year => McText::PerYear,
    }
    .text()
}

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
    /// The summary, and how many workers ran the trials (0: the page itself).
    Done(Rc<Summary>, usize),
    Failed(MonteCarloError),
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
            run.set(Run::Failed(error));
            return;
        }
    };
    let mut batch: u32 = 100;
    let published = Cell::new(browser::now_ms());
    let mut publish_every = PUBLISH_MS;
    run.set(Run::Running(Rc::new(monte_carlo.summary())));
    // In the workers when the page can have them; otherwise on the page in slices.
    let due = || browser::now_ms() - published.get() >= PUBLISH_MS;
    let outcome = run_in_pool(
        &scenario,
        monte_carlo.trials(),
        || generation.get() == mine,
        due,
        |so_far| {
            run.set(Run::Running(Rc::new(so_far)));
            published.set(browser::now_ms());
        },
    )
    .await;
    match outcome {
        PoolOutcome::Cancelled => return,
        PoolOutcome::Done { workers, summary } => {
            run.set(Run::Done(Rc::new(*summary), workers));
            return;
        }
        PoolOutcome::Unavailable => {}
    }
    let mut published = published.get();
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
            run.set(Run::Done(Rc::new(monte_carlo.summary()), 0));
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

/// The inputs a scenario can make uncertain, with their labels and units. With a channel
/// mix, the volume comes from the channels: each channel that buys its volume has a cost per
/// lead row, and the top and the rates above the entry have none (unless a link or file
/// gave them a spread, which the row then shows so it can be set back to certain).
fn inputs(scenario: &Scenario) -> Vec<(Uncertain, String, &'static str)> {
    let mut inputs = Vec::new();
    let uncertainty = scenario.uncertainty.as_deref();
    let spread = |input: Uncertain| uncertainty.and_then(|u| u.spread(input)).is_some();
    let mix = scenario.mix();
    let entry = mix.map(|m| m.entry.stage());
    if let Some(top) = scenario.stages.first() {
        if entry.is_none() || spread(Uncertain::Top) {
            inputs.push((
                Uncertain::Top,
                format!("{} {}", top.name, per(scenario.period)),
                "",
            ));
        }
    }
    for (i, stage) in scenario.stages.iter().enumerate().skip(1) {
        let input = Uncertain::Rate(i);
        if entry.is_none_or(|entry| i > entry) || spread(input) {
            inputs.push((input, McText::RateTo.fill(&[("stage", &stage.name)]), "%"));
        }
    }
    for (i, channel) in mix.iter().flat_map(|m| m.channels.iter().enumerate()) {
        let input = Uncertain::ChannelCost(i);
        if input.value_in(scenario) > 0.0 || spread(input) {
            inputs.push((
                input,
                McText::CostPerLead.fill(&[("channel", &channel.name)]),
                format::currency_symbol(),
            ));
        }
    }
    inputs.push((
        Uncertain::Basket,
        McText::AverageBasket.text().to_owned(),
        format::currency_symbol(),
    ));
    if scenario.projection.is_some() {
        inputs.push((
            Uncertain::Churn,
            McText::ChurnPerMonth.text().to_owned(),
            "%",
        ));
    }
    inputs
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
        ("certain", McText::Certain.text()),
        ("range", McText::Range.text()),
    ];
    if input.is_rate() {
        options.push(("observed", McText::Observed.text()));
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
    let number = crate::model::funnel::editor::input_text;
    let spread_cells = match spread {
        None => {
            html! { <td colspan="3" class="hint">{ McText::ScenarioValue.text() }</td> }
        }
        Some(Spread::Range { low, likely, high }) => html! {
            <>
                { field(ForecastField::Low(input), number(low), McText::Low.text(), unit) }
                { field(ForecastField::Likely(input), number(likely), McText::Likely.text(), unit) }
                { field(ForecastField::High(input), number(high), McText::High.text(), unit) }
            </>
        },
        Some(Spread::Observed { successes, trials }) => html! {
            <>
                { field(ForecastField::Successes(input), successes.to_string(), McText::Successes.text(), "") }
                { field(ForecastField::Observed(input), trials.to_string(), McText::OutOf.text(), McText::TrialsUnit.text()) }
                <td class="hint">{ McText::Mean.fill(&[("value", &format::percent(Spread::Observed { successes, trials }.mean() / 100.0))]) }</td>
            </>
        },
    };
    let value = input.value_in(scenario);
    let value_text = match input {
        Uncertain::Top => format::count(value),
        Uncertain::Basket | Uncertain::ChannelCost(_) => format::money(value),
        Uncertain::Rate(_) | Uncertain::Churn => format::percent(value / 100.0),
    };
    html! {
        <tr data-input={input_key(input)}>
            <th scope="row">{ label.clone() }</th>
            <td>{ value_text }</td>
            <td><SelectField id={format!("fc-kind-{}", input_key(input))} label={McText::GivenAsOf.fill(&[("label", label)])} options={options} selected={kind.key()} on_change={on_kind} compact=true /></td>
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
    let per = per(scenario.period);
    let lead_stage = scenario
        .stages
        .get(1)
        .map_or(McText::Leads.text(), |s| s.name.as_str());
    let probability = summary.target_probability;
    html! {
        <>
            <p id="mc-target-probability" class="recommendation" role="status" data-value={format::machine(probability)}>
                { match probability {
                    Some(p) => if done { McText::Probability } else { McText::ProbabilitySoFar }.fill(&[
                        ("share", &format::percent(p)),
                        ("target", &format::money(summary.target)),
                        ("per", per),
                    ]),
                    None => McText::NoTrial.text().to_owned(),
                } }
                if let Some(p) = summary.break_even_probability {
                    { McText::BreakEven.fill(&[("share", &format::percent(p))]) }
                }
            </p>
            <div class="table-scroll">
                <table id="mc-results" class="data-table" data-table="mc-results">
                    <caption>{ McText::Percentiles.fill(&[("n", &format::count(f64::from(summary.trials_done))), ("per", per)]) }</caption>
                    { column_headers(&[McText::MetricHeader.text(), "P10", McText::Median.text(), "P90", McText::MeanHeader.text()]) }
                    <tbody>
                        { quantile_row("customers", McText::Customers.text(), &summary.customers, format::count) }
                        { quantile_row("revenue", McText::Revenue.text(), &summary.revenue, format::money) }
                        { quantile_row("cac", McText::Cac.text(), &summary.cac, format::money) }
                        { quantile_row("roi", McText::RoiRevenue.text(), &summary.roi_revenue, format::percent) }
                        { quantile_row("roi_margin", McText::RoiMargin.text(), &summary.roi_margin, format::percent) }
                        { quantile_row("required_leads", &McText::Required.fill(&[("stage", lead_stage)]), &summary.required_leads, format::count) }
                    </tbody>
                </table>
            </div>
            <ChartOf<ForecastChart> spec={ForecastChart::Histogram(summary.clone(), scenario.period)} />
            if let Some(projection) = projection {
                <ChartOf<ForecastChart> spec={ForecastChart::Fan(summary.clone(), projection.clone())} />
            }
        </>
    }
}

/// The Monte Carlo panel.
#[component]
pub fn MonteCarloPanel(props: &MonteCarloProps) -> Html {
    let _locale = use_locale();
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
                <h2 id="mc-heading">{ McText::Heading.text() }</h2>
                <p>{ McText::Intro.text() }</p>
                <button id="mc-start" type="button" onclick={start}>{
                    if scenario.mix().is_some() { McText::StartWithChannels.text() } else { McText::Start.text() }
                }</button>
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
            html! { <p id="mc-error" class="field-error" role="alert">{ message.to_string() }</p> }
        }
        Run::Running(summary) | Run::Done(summary, _) => {
            let done = matches!(&*run, Run::Done(..));
            let workers = match &*run {
                Run::Done(_, workers) => Some(workers.to_string()),
                _ => None,
            };
            html! {
                <>
                    <div class="crm-progress">
                        <label for="mc-progress">{ McText::Progress.fill(&[("done", &format::count(f64::from(summary.trials_done))), ("total", &format::count(f64::from(summary.trials)))]) }</label>
                        <progress id="mc-progress" max={summary.trials.max(1).to_string()} value={summary.trials_done.to_string()} data-done={done.then_some("true")} data-workers={workers} />
                    </div>
                    { results(summary, &scenario, props.projection.as_ref(), done) }
                </>
            }
        }
    };
    let rows = inputs(&scenario);
    html! {
        <section class="panel" aria-labelledby="mc-heading">
            <h2 id="mc-heading">{ McText::Heading.text() }</h2>
            <div class="settings-row">
                { forecast_field(drafts, ForecastField::Seed, uncertainty.seed.to_string(), McText::Seed.text().to_owned(), "", false, dispatch) }
                <button id="mc-new-seed" type="button" class="secondary" onclick={new_seed}>{ McText::NewSeed.text() }</button>
                { forecast_field(drafts, ForecastField::Trials, uncertainty.trials.to_string(), McText::Trials.text().to_owned(), "", false, dispatch) }
            </div>
            <div class="table-scroll">
                <table id="mc-inputs" class="data-table" data-table="mc-inputs">
                    <caption>{ McText::InputsCaption.text() }</caption>
                    { column_headers(&[McText::Input.text(), McText::InScenario.text(), McText::GivenAs.text(), McText::LowHeader.text(), McText::LikelyHeader.text(), McText::HighHeader.text()]) }
                    <tbody>
                        { for rows.iter().map(|row| input_row(&scenario, &uncertainty, drafts, row, dispatch)) }
                    </tbody>
                </table>
            </div>
            if scenario.mix().is_some() {
                <p id="mc-channels-note" class="hint">{ McText::ChannelsNote.text() }</p>
            }
            { status }
            <button id="mc-remove" type="button" class="secondary" onclick={remove}>{ McText::RemoveRanges.text() }</button>
        </section>
    }
}
