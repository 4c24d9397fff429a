//! The sensitivity view: the effect of moving each lever down and up, as a tornado chart
//! and a table, which stage to fix first, and what moves the sales velocity (its four terms
//! moved by the same step, as a second tornado and table).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::workbench_charts::WorkbenchChart;
use crate::model::format;
use crate::model::funnel::forward::evaluate;
use crate::model::sales::velocity_sensitivity::{velocity_sensitivity, VelocitySensitivity};
use crate::model::workbench::goal_seek::lever_value;
use crate::model::workbench::sensitivity::{sensitivity, SensitivitySettings, StepMode};
use crate::model::Metric;
use crate::ui::chart::ChartOf;
use crate::ui::fields::metric_options;
use crate::ui::locale::use_locale;
use crate::ui::persist::library_view::ViewProps;
use crate::ui::sales::pipeline_panel::PipelineText;
use crate::ui::state::Action;

crate::texts! {
    /// The sensitivity view.
    enum SensitivityViewText {
        FixFirst => "Fix first: {from} → {to} ({rate} today). +{points} point there brings {extra} more customers, more than at any other stage.",
            "À corriger en premier : {from} → {to} ({rate} aujourd'hui). +{points} point à cette étape apporte {extra} de clients en plus, davantage qu'à toute autre étape.";
        Caption => "{metric} when each lever moves down or up (largest effect first); base: {base}",
            "{metric} quand chaque levier baisse ou monte (plus fort effet d'abord) ; base : {base}";
        Lever => "Lever", "Levier";
        DownTo => "Down to", "Baissé à";
        UpTo => "Up to", "Monté à";
        Swing => "Swing", "Amplitude";
        RelativeHint => "With a relative step every stage rate moves customers by the same share (customers = volume × every rate); switch to percentage points to see where a point of conversion is worth most.",
            "Avec un pas relatif, chaque taux d'étape fait varier les clients de la même part (clients = volume × chaque taux) ; passez en points de pourcentage pour voir où un point de conversion vaut le plus.";
        Heading => "Sensitivity: which lever matters most", "Sensibilité : quel levier compte le plus";
        Step => "Step", "Pas";
        PointsUnit => "points / %", "points / %";
        LastValid => "{error} Showing the last valid step, {step}.",
            "{error} Le dernier pas valide, {step}, reste affiché.";
        MoveBy => "Rates move by", "Les taux varient de";
        Relative => "a share of their value (±step %)", "une part de leur valeur (±pas\u{a0}%)";
        Points => "percentage points (±step)", "points de pourcentage (±pas)";
        EffectOn => "Effect on", "Effet sur";
        VelocityHeading => "Sales velocity: what moves it", "Vélocité commerciale : ce qui la fait bouger";
        VelocityIntro => "Each term of the Pipeline panel's velocity moved by the same step, the other three held.",
            "Chaque terme de la vélocité du panneau Pipeline varie du même pas, les trois autres inchangés.";
        Term => "Term", "Terme";
    }
}

/// The sensitivity view.
#[component]
pub fn SensitivityView(props: &ViewProps) -> Html {
    let locale = use_locale();
    let state = &props.state;
    let dispatch = &props.dispatch;
    let scenario = state.editor.scenario().clone();
    // A step being typed that is not valid yet shows its message and keeps the last valid
    // step's result on screen.
    let step_error = state.sensitivity_step.error().cloned();
    let settings = SensitivitySettings {
        step_pct: *state.sensitivity_step.value(),
        mode: state.sensitivity_mode,
    };
    // Lever labels are written in the language in use: computed again when it changes.
    let outcome = use_memo(
        (scenario.clone(), settings, locale.lang),
        |(scenario, settings, _)| sensitivity(scenario, settings).map(Rc::new),
    );
    let metric = state.sensitivity_metric;
    let velocity = use_memo((scenario.clone(), settings), |(scenario, settings)| {
        velocity_sensitivity(scenario, &evaluate(scenario), settings).map(Rc::new)
    });

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
                        <td>{ lever_value(effect.lever, effect.low_value) }</td>
                        <td data-sensitivity={format!("{}:low", effect.lever.key())}
                            data-value={format::machine(effect.low.get(metric))}>{ metric.format(effect.low.get(metric)) }</td>
                        <td>{ lever_value(effect.lever, effect.high_value) }</td>
                        <td data-sensitivity={format!("{}:high", effect.lever.key())}
                            data-value={format::machine(effect.high.get(metric))}>{ metric.format(effect.high.get(metric)) }</td>
                        <td data-swing={effect.lever.key()} data-value={format::machine(Some(effect.swing(metric)))}>{ metric.format(Some(effect.swing(metric))) }</td>
                    </tr>
                }
            });
            let fix_first = result.fix_first.as_ref().and_then(|fix| {
                let stage = scenario.stages.get(fix.stage)?;
                let previous = scenario.stages.get(fix.stage.checked_sub(1)?)?;
                Some(SensitivityViewText::FixFirst.fill(&[
                    ("from", &previous.name),
                    ("to", &stage.name),
                    ("rate", &format::percent(stage.value / 100.0)),
                    ("points", &format::with_decimals(fix.points, 0)),
                    ("extra", &format::percent(fix.extra_customers_pct / 100.0)),
                ]))
            });
            html! {
                <>
                    if let Some(text) = fix_first {
                        <p id="fix-first" class="recommendation" data-stage={result.fix_first.as_ref().map(|f| f.stage.to_string())}>{ text }</p>
                    }
                    <ChartOf<WorkbenchChart> spec={WorkbenchChart::Tornado(result.clone(), metric, settings)} />
                    <div class="table-scroll">
                        <table data-table="sensitivity" class="data-table">
                            <caption>{ SensitivityViewText::Caption.fill(&[
                                ("metric", metric.label()),
                                ("base", &metric.format(result.base.get(metric))),
                            ]) }</caption>
                            { crate::ui::funnel::results::column_headers(&[
                                SensitivityViewText::Lever.text(),
                                SensitivityViewText::DownTo.text(),
                                metric.label(),
                                SensitivityViewText::UpTo.text(),
                                metric.label(),
                                SensitivityViewText::Swing.text(),
                            ]) }
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                    if !points {
                        <p class="hint">{ SensitivityViewText::RelativeHint.text() }</p>
                    }
                </>
            }
        }
    };

    html! {
        <section class="panel" aria-labelledby="sensitivity-heading">
            <h2 id="sensitivity-heading">{ SensitivityViewText::Heading.text() }</h2>
            <div class="settings-row">
                <div class="field">
                    <label for="field-sensitivity-step">{ SensitivityViewText::Step.text() }</label>
                    <div class="field-control">
                        <input id="field-sensitivity-step" type="text" inputmode="decimal" value={state.sensitivity_step.text().to_owned()}
                            oninput={on_step} aria-invalid={step_error.is_some().then_some("true")}
                            aria-describedby={step_error.is_some().then_some("field-sensitivity-step-error")} />
                        <span class="unit">{ if points { SensitivityViewText::PointsUnit.text() } else { "%" } }</span>
                    </div>
                    if let Some(error) = &step_error {
                        <p id="field-sensitivity-step-error" class="field-error" role="alert">
                            { SensitivityViewText::LastValid.fill(&[
                                ("error", &error.to_string()),
                                ("step", &settings.step_label()),
                            ]) }
                        </p>
                    }
                </div>
                <div class="field">
                    <label for="field-sensitivity-mode">{ SensitivityViewText::MoveBy.text() }</label>
                    <select id="field-sensitivity-mode" onchange={on_mode}>
                        <option value="relative" selected={!points}>{ SensitivityViewText::Relative.text() }</option>
                        <option value="points" selected={points}>{ SensitivityViewText::Points.text() }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="field-sensitivity-metric">{ SensitivityViewText::EffectOn.text() }</label>
                    <select id="field-sensitivity-metric" onchange={on_metric}>{ metric_options(metric) }</select>
                </div>
            </div>
            { body }
            <section class="velocity-sensitivity" aria-labelledby="velocity-sensitivity-heading">
                <h3 id="velocity-sensitivity-heading">{ SensitivityViewText::VelocityHeading.text() }</h3>
                { match velocity.as_ref() {
                    Ok(velocity) => velocity_tornado(velocity, settings),
                    Err(reason) => html! { <p id="velocity-sensitivity-none" class="hint">{ reason.to_string() }</p> },
                } }
            </section>
        </section>
    }
}

/// The velocity tornado and its table: each term down and up, and the velocity a day.
fn velocity_tornado(velocity: &Rc<VelocitySensitivity>, settings: SensitivitySettings) -> Html {
    let per_day = PipelineText::PerDay.text();
    let rows = velocity.ranked().into_iter().enumerate().map(|(rank, effect)| {
        let key = effect.term.key();
        let swing = Some(effect.swing());
        html! {
            <tr key={key} data-term={key}>
                <th scope="row">{ format!("{}. {}", rank + 1, effect.term.label()) }</th>
                <td>{ effect.term.format(effect.low_value) }</td>
                <td data-velocity-term={format!("{key}:low")} data-value={format::machine(effect.low.per_day)}>{ format::or_na(effect.low.per_day, format::money) }</td>
                <td>{ effect.term.format(effect.high_value) }</td>
                <td data-velocity-term={format!("{key}:high")} data-value={format::machine(effect.high.per_day)}>{ format::or_na(effect.high.per_day, format::money) }</td>
                <td data-velocity-swing={key} data-value={format::machine(swing)}>{ format::or_na(swing, format::money) }</td>
            </tr>
        }
    });
    html! {
        <>
            <p class="hint">{ SensitivityViewText::VelocityIntro.text() }</p>
            <ChartOf<WorkbenchChart> spec={WorkbenchChart::VelocityTornado(velocity.clone(), settings)} />
            <div class="table-scroll">
                <table data-table="velocity-sensitivity" class="data-table"
                    data-base={format::machine(velocity.base.per_day)}>
                    <caption>{ SensitivityViewText::Caption.fill(&[
                        ("metric", per_day),
                        ("base", &format::or_na(velocity.base.per_day, format::money)),
                    ]) }</caption>
                    { crate::ui::funnel::results::column_headers(&[
                        SensitivityViewText::Term.text(),
                        SensitivityViewText::DownTo.text(),
                        per_day,
                        SensitivityViewText::UpTo.text(),
                        per_day,
                        SensitivityViewText::Swing.text(),
                    ]) }
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </>
    }
}
