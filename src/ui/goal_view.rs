//! The goal-seek view: which value of one input reaches a target for one result, or why
//! no value can.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fields::metric_options;
use super::library_view::ViewProps;
use super::state::Action;
use crate::model::editor::field_value;
use crate::model::format;
use crate::model::goal_seek::{self, every_lever, goal_seek, seekable_levers, Goal};
use crate::model::validate::parse_number;
use crate::model::{evaluate, FieldId, Metric, Scenario};

/// The goal-seek view.
#[component]
pub fn GoalSeekView(props: &ViewProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let scenario = state.editor.scenario().clone();
    let levers = seekable_levers(&scenario);
    let lever = if levers.contains(&state.goal_lever) {
        state.goal_lever
    } else {
        levers.first().copied().unwrap_or(FieldId::Top)
    };
    let metric = state.goal_metric;
    let current = metric.of(&evaluate(&scenario));
    // ROI targets are typed in percent; the model works with fractions.
    let is_ratio = matches!(metric, Metric::RoiRevenue | Metric::RoiMargin);
    // A target being typed that is not a number yet shows its message next to the field and
    // keeps the answer for the last number typed.
    let typed = parse_number(&state.goal_target);
    let last_good_target = use_mut_ref(|| None::<f64>);
    if let Ok(value) = typed {
        *last_good_target.borrow_mut() = Some(value);
    }
    let target_error = typed.err();
    let target = (*last_good_target.borrow()).map(|t| if is_ratio { t / 100.0 } else { t });

    let on_lever = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::GoalLever(FieldId::from_key(&value).unwrap_or(FieldId::Top))
    });
    let on_metric = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::GoalMetric(Metric::from_key(&value).unwrap_or(Metric::Customers))
    });
    let on_target = dispatch.reform(|e: InputEvent| {
        Action::GoalTarget(e.target_unchecked_into::<HtmlInputElement>().value())
    });

    let target_invalid = target_error.is_some();
    let outcome = match target {
        None => Html::default(),
        Some(target) => match goal_seek(
            &scenario,
            &Goal {
                lever,
                metric,
                target,
            },
        ) {
            Ok(solution) => {
                let apply = {
                    let name = state.name.clone();
                    let id = state.current_id;
                    let scenario = solution.scenario.clone();
                    dispatch.reform(move |_| Action::Open {
                        name: name.clone(),
                        id,
                        scenario: scenario.clone(),
                    })
                };
                let now = field_value(&scenario, lever).unwrap_or(0.0);
                html! {
                    <div id="goal-result" class="recommendation" role="status"
                        data-value={format::machine(Some(solution.value))} data-achieved={format::machine(Some(solution.achieved))}>
                        <p>
                            { format!("Set {} to ", lever.label(&scenario)) }
                            <strong>{ format::field_value(lever, solution.value) }</strong>
                            { format!(" (now {}): {} becomes {}.", format::field_value(lever, now), metric.label(), metric.format(Some(solution.achieved))) }
                        </p>
                        <button id="goal-apply" type="button" onclick={apply}>{ "Apply to the scenario" }</button>
                    </div>
                }
            }
            Err(error) => html! {
                <p id="goal-unreachable" class="unreachable" role="alert">{ error.to_string() }</p>
            },
        },
    };

    html! {
        <section class="panel" aria-labelledby="goal-heading">
            <h2 id="goal-heading">{ "Goal seek: what it takes" }</h2>
            <p class="hint">{ format!("{} today: {}.", metric.label(), metric.format(current)) }</p>
            <div class="settings-row">
                <div class="field">
                    <label for="field-goal-metric">{ "Reach" }</label>
                    <select id="field-goal-metric" onchange={on_metric}>{ metric_options(metric) }</select>
                </div>
                <div class="field">
                    <label for="field-goal-target">{ if is_ratio { "Target (%)" } else { "Target" } }</label>
                    <input id="field-goal-target" type="text" inputmode="decimal" value={state.goal_target.clone()}
                        oninput={on_target} aria-invalid={target_invalid.then_some("true")}
                        aria-describedby={target_invalid.then_some("field-goal-target-error")} />
                    if let Some(kind) = target_error {
                        <p id="field-goal-target-error" class="field-error" role="alert">{ kind.to_string() }</p>
                    }
                </div>
                <div class="field">
                    <label for="field-goal-lever">{ "By changing" }</label>
                    <select id="field-goal-lever" onchange={on_lever}>
                        { for levers.iter().map(|l| html! {
                            <option value={l.key()} selected={*l == lever}>{ l.label(&scenario) }</option>
                        }) }
                    </select>
                </div>
            </div>
            { outcome }
            if let Some(target) = target {
                <EveryLever scenario={scenario.clone()} {metric} {target} dispatch={dispatch.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EveryLeverProps {
    scenario: Scenario,
    metric: Metric,
    /// In the model's unit (a fraction for ROI).
    target: f64,
    dispatch: super::Dispatch,
}

/// Every lever that could reach the goal on its own, the smallest change first, with a
/// button to solve for it.
#[component]
fn EveryLever(props: &EveryLeverProps) -> Html {
    let EveryLeverProps {
        scenario,
        metric,
        target,
        ..
    } = props;
    let answers = use_memo((scenario.clone(), *metric, *target), |(s, m, t)| {
        every_lever(s, *m, *t)
    });
    let rows = answers.iter().map(|answer| {
        let lever = answer.lever;
        let choose = props.dispatch.reform(move |_| Action::GoalLever(lever));
        let (needed, value, change) = match &answer.outcome {
            Ok(solution) => (
                format::field_value(lever, solution.value),
                format::machine(Some(solution.value)),
                answer.change().map_or_else(
                    || format::not_applicable().to_owned(),
                    |c| format!("{}{}", if c > 0.0 { "+" } else { "" }, format::percent(c)),
                ),
            ),
            Err(error) => (error.short(), String::new(), String::new()),
        };
        html! {
            <tr key={lever.key()} data-goal-lever={lever.key()} class={classes!(answer.outcome.is_err().then_some("muted"))}>
                <th scope="row">{ lever.label(scenario) }</th>
                <td>{ format::field_value(lever, answer.now) }</td>
                <td data-value={value}>{ needed }</td>
                <td>{ change }</td>
                <td>
                    if answer.outcome.is_ok() {
                        <button type="button" class="secondary" onclick={choose}
                            aria-label={format!("Solve for {}", lever.label(scenario))}>{ "Choose" }</button>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <div class="table-scroll">
            <table data-table="goal-levers" class="data-table">
                <caption>{ format!("Every input that could reach {} {} on its own (the others unchanged), the smallest change first",
                    metric.format(Some(*target)), goal_seek::metric_noun(*metric)) }</caption>
                { super::results::column_headers(&["Input", "Now", "Needed", "Change", ""]) }
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
