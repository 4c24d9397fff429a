//! The goal-seek view: which value of one input reaches a target for one result, or why
//! no value can.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::model::format;
use crate::model::workbench::goal_seek::{
    every_lever, goal_seek, lever_value, metric_the, seekable_levers, Goal,
};
use crate::model::{evaluate, FieldId, Metric, Scenario};
use crate::ui::fields::metric_options;
use crate::ui::locale::use_locale;
use crate::ui::persist::library_view::ViewProps;
use crate::ui::state::Action;

crate::texts! {
    /// The goal-seek view.
    enum GoalViewText {
        ActionHeader => "Action", "Action";
        ChooseLever => "Choose: solve for {lever}", "Choisir : résoudre pour {lever}";
        SetPrefix => "Set {lever} to ", "Réglez « {lever} » sur ";
        SetSuffix => " (now {now}): {metric} becomes {achieved}.",
            " (actuellement {now}) : {metric} devient {achieved}.";
        RevenueSubject => "Revenue", "le chiffre d'affaires";
        CustomersSubject => "Customers", "le nombre de clients";
        CacSubject => "CAC", "le CAC";
        RoiRevenueSubject => "ROI on revenue", "le ROI sur le chiffre d'affaires";
        RoiMarginSubject => "ROI on gross margin", "le ROI sur la marge brute";
        Apply => "Apply to the scenario", "Appliquer au scénario";
        Heading => "Goal seek: what it takes", "Valeur cible : ce qu'il faut";
        Today => "{metric} today: {value}.", "{metric} aujourd'hui : {value}.";
        Reach => "Reach", "Atteindre";
        TargetPct => "Target (%)", "Objectif (%)";
        Target => "Target", "Objectif";
        ByChanging => "By changing", "En modifiant";
        Caption => "Every input that could reach {value} {noun} on its own (the others unchanged), the smallest change first",
            "Chaque donnée qui pourrait à elle seule porter {noun} à {value} (les autres inchangées), le plus petit changement d'abord";
        Input => "Input", "Donnée";
        Now => "Now", "Actuellement";
        Needed => "Needed", "Nécessaire";
        Change => "Change", "Variation";
        Choose => "Choose", "Choisir";
    }
}

/// The metric as the subject of "… becomes …": its label in English, with its article in
/// French.
fn subject(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => GoalViewText::RevenueSubject,
        Metric::Customers => GoalViewText::CustomersSubject,
        Metric::Cac => GoalViewText::CacSubject,
        Metric::RoiRevenue => GoalViewText::RoiRevenueSubject,
        Metric::RoiMargin => GoalViewText::RoiMarginSubject,
    }
    .text()
}

/// The goal-seek view.
#[component]
pub fn GoalSeekView(props: &ViewProps) -> Html {
    let _locale = use_locale();
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
    let target_error = state.goal_target.error().cloned();
    let typed_target = *state.goal_target.value();
    let target = if is_ratio {
        typed_target / 100.0
    } else {
        typed_target
    };

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
    let outcome = match goal_seek(
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
            let now = lever.value_in(&scenario).unwrap_or(0.0);
            html! {
                <div id="goal-result" class="recommendation" role="status"
                    data-value={format::machine(Some(solution.value))} data-achieved={format::machine(Some(solution.achieved))}>
                    <p>
                        { GoalViewText::SetPrefix.fill(&[("lever", &lever.label(&scenario))]) }
                        <strong>{ lever_value(lever, solution.value) }</strong>
                        { GoalViewText::SetSuffix.fill(&[
                            ("now", &lever_value(lever, now)),
                            ("metric", subject(metric)),
                            ("achieved", &metric.format(Some(solution.achieved))),
                        ]) }
                    </p>
                    <button id="goal-apply" type="button" onclick={apply}>{ GoalViewText::Apply.text() }</button>
                </div>
            }
        }
        Err(error) => html! {
            <p id="goal-unreachable" class="unreachable" role="alert">{ error.to_string() }</p>
        },
    };

    html! {
        <section class="panel" aria-labelledby="goal-heading">
            <h2 id="goal-heading">{ GoalViewText::Heading.text() }</h2>
            <p class="hint">{ GoalViewText::Today.fill(&[("metric", metric.label()), ("value", &metric.format(current))]) }</p>
            <div class="settings-row">
                <div class="field">
                    <label for="field-goal-metric">{ GoalViewText::Reach.text() }</label>
                    <select id="field-goal-metric" onchange={on_metric}>{ metric_options(metric) }</select>
                </div>
                <div class="field">
                    <label for="field-goal-target">{ if is_ratio { GoalViewText::TargetPct.text() } else { GoalViewText::Target.text() } }</label>
                    <input id="field-goal-target" type="text" inputmode="decimal" value={state.goal_target.text().to_owned()}
                        oninput={on_target} aria-invalid={target_invalid.then_some("true")}
                        aria-describedby={target_invalid.then_some("field-goal-target-error")} />
                    if let Some(kind) = target_error {
                        <p id="field-goal-target-error" class="field-error" role="alert">{ kind.to_string() }</p>
                    }
                </div>
                <div class="field">
                    <label for="field-goal-lever">{ GoalViewText::ByChanging.text() }</label>
                    <select id="field-goal-lever" onchange={on_lever}>
                        { for levers.iter().map(|l| html! {
                            <option value={l.key()} selected={*l == lever}>{ l.label(&scenario) }</option>
                        }) }
                    </select>
                </div>
            </div>
            { outcome }
            <EveryLever scenario={scenario.clone()} {metric} {target} dispatch={dispatch.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EveryLeverProps {
    scenario: Scenario,
    metric: Metric,
    /// In the model's unit (a fraction for ROI).
    target: f64,
    dispatch: crate::ui::Dispatch,
}

/// Every lever that could reach the goal on its own, the smallest change first, with a
/// button to solve for it.
#[component]
fn EveryLever(props: &EveryLeverProps) -> Html {
    let locale = use_locale();
    let EveryLeverProps {
        scenario,
        metric,
        target,
        ..
    } = props;
    // Answers hold texts in the language in use: computed again when it changes.
    let answers = use_memo(
        (scenario.clone(), *metric, *target, locale.lang),
        |(s, m, t, _)| every_lever(s, *m, *t),
    );
    let rows = answers.iter().map(|answer| {
        let lever = answer.lever;
        let choose = props.dispatch.reform(move |_| Action::GoalLever(lever));
        let (needed, value, change) = match &answer.outcome {
            Ok(solution) => (
                lever_value(lever, solution.value),
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
                <td>{ lever_value(lever, answer.now) }</td>
                <td data-value={value}>{ needed }</td>
                <td>{ change }</td>
                <td>
                    if answer.outcome.is_ok() {
                        <button type="button" class="secondary" onclick={choose}
                            aria-label={GoalViewText::ChooseLever.fill(&[("lever", &lever.label(scenario))])}>{ GoalViewText::Choose.text() }</button>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <div class="table-scroll">
            <table data-table="goal-levers" class="data-table">
                <caption>{ GoalViewText::Caption.fill(&[
                    ("value", &metric.format(Some(*target))),
                    ("noun", metric_the(*metric)),
                ]) }</caption>
                { crate::ui::funnel::results::column_headers(&[
                    GoalViewText::Input.text(),
                    GoalViewText::Now.text(),
                    GoalViewText::Needed.text(),
                    GoalViewText::Change.text(),
                    GoalViewText::ActionHeader.text(),
                ]) }
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
