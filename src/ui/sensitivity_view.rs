//! The sensitivity view: the effect of moving each lever down and up, as a tornado chart
//! and a table, and which stage to fix first.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::chart::{Chart, ChartSpec};
use super::fields::metric_options;
use super::library_view::ViewProps;
use super::state::Action;
use crate::model::format;
use crate::model::sensitivity::{sensitivity, SensitivitySettings, StepMode};
use crate::model::validate::parse_number;
use crate::model::Metric;

/// The sensitivity view.
#[component]
pub fn SensitivityView(props: &ViewProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let scenario = state.editor.scenario().clone();
    // A step being typed that is not valid yet shows its message and keeps the last good
    // step's result on screen.
    let typed = SensitivitySettings {
        step_pct: parse_number(&state.sensitivity_step).unwrap_or(f64::NAN),
        mode: state.sensitivity_mode,
    };
    let step_error = typed.validate().err();
    let last_good_step = use_mut_ref(|| SensitivitySettings::default().step_pct);
    if step_error.is_none() {
        *last_good_step.borrow_mut() = typed.step_pct;
    }
    let settings = SensitivitySettings {
        step_pct: *last_good_step.borrow(),
        ..typed
    };
    let outcome = use_memo((scenario.clone(), settings), |(scenario, settings)| {
        sensitivity(scenario, settings).map(Rc::new)
    });
    let metric = state.sensitivity_metric;

    let on_step = dispatch.reform(|e: InputEvent| {
        Action::SensitivityStep(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let on_mode = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SensitivityMode(if value == "points" {
            StepMode::Points
        } else {
            StepMode::Relative
        })
    });
    let on_metric = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SensitivityMetric(Metric::from_key(&value).unwrap_or(Metric::Revenue))
    });
    let points = state.sensitivity_mode == StepMode::Points;

    let body = match outcome.as_ref() {
        Err(error) => html! {
            <p class="field-error" role="alert">{ error.to_string() }</p>
        },
        Ok(result) => {
            let ranked = result.ranked(metric);
            let rows = ranked.iter().enumerate().map(|(rank, effect)| {
                html! {
                    <tr key={effect.lever.key()} data-lever={effect.lever.key()}>
                        <th scope="row">{ format!("{}. {}", rank + 1, effect.label) }</th>
                        <td>{ format::field_value(effect.lever, effect.low_value) }</td>
                        <td data-sensitivity={format!("{}:low", effect.lever.key())}
                            data-value={format::machine(effect.low.get(metric))}>{ metric.format(effect.low.get(metric)) }</td>
                        <td>{ format::field_value(effect.lever, effect.high_value) }</td>
                        <td data-sensitivity={format!("{}:high", effect.lever.key())}
                            data-value={format::machine(effect.high.get(metric))}>{ metric.format(effect.high.get(metric)) }</td>
                        <td data-swing={effect.lever.key()} data-value={format::machine(Some(effect.swing(metric)))}>{ metric.format(Some(effect.swing(metric))) }</td>
                    </tr>
                }
            });
            let fix_first = result.fix_first.as_ref().and_then(|fix| {
                let stage = scenario.stages.get(fix.stage)?;
                let previous = scenario.stages.get(fix.stage.checked_sub(1)?)?;
                Some(format!(
                    "Fix first: {} → {} ({} today). +{} point there brings {} more customers, more than at any other stage.",
                    previous.name,
                    stage.name,
                    format::percent(stage.value / 100.0),
                    format::with_decimals(fix.points, 0),
                    format::percent(fix.extra_customers_pct / 100.0),
                ))
            });
            html! {
                <>
                    if let Some(text) = fix_first {
                        <p id="fix-first" class="recommendation" data-stage={result.fix_first.as_ref().map(|f| f.stage.to_string())}>{ text }</p>
                    }
                    <Chart spec={ChartSpec::Tornado(result.clone(), metric, settings)} />
                    <div class="table-scroll">
                        <table data-table="sensitivity" class="data-table">
                            <caption>{ format!("{} when each lever moves down or up (largest effect first); base: {}",
                                metric.label(), metric.format(result.base.get(metric))) }</caption>
                            { super::results::column_headers(&["Lever", "Down to", metric.label(), "Up to", metric.label(), "Swing"]) }
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                    if !points {
                        <p class="hint">{ "With a relative step every stage rate moves customers by the same share (customers = volume × every rate); switch to percentage points to see where a point of conversion is worth most." }</p>
                    }
                </>
            }
        }
    };

    html! {
        <section class="panel" aria-labelledby="sensitivity-heading">
            <h2 id="sensitivity-heading">{ "Sensitivity: which lever matters most" }</h2>
            <div class="settings-row">
                <div class="field">
                    <label for="field-sensitivity-step">{ "Step" }</label>
                    <div class="field-control">
                        <input id="field-sensitivity-step" type="text" inputmode="decimal" value={state.sensitivity_step.clone()}
                            oninput={on_step} aria-invalid={step_error.is_some().then_some("true")}
                            aria-describedby={step_error.is_some().then_some("field-sensitivity-step-error")} />
                        <span class="unit">{ if points { "points / %" } else { "%" } }</span>
                    </div>
                    if let Some(error) = &step_error {
                        <p id="field-sensitivity-step-error" class="field-error" role="alert">
                            { format!("{error} Showing the last valid step, {}.", settings.step_label()) }
                        </p>
                    }
                </div>
                <div class="field">
                    <label for="field-sensitivity-mode">{ "Rates move by" }</label>
                    <select id="field-sensitivity-mode" onchange={on_mode}>
                        <option value="relative" selected={!points}>{ "a share of their value (±step %)" }</option>
                        <option value="points" selected={points}>{ "percentage points (±step)" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="field-sensitivity-metric">{ "Effect on" }</label>
                    <select id="field-sensitivity-metric" onchange={on_metric}>{ metric_options(metric) }</select>
                </div>
            </div>
            { body }
        </section>
    }
}
