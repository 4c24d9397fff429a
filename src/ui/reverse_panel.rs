//! The reverse-funnel panel: what a revenue target requires at each stage, the gap, and
//! the spend it takes at the current cost per lead.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::{Chart, ChartSpec};
use super::results::{column_headers, Kpi};
use crate::model::format::{self, machine, or_na};
use crate::model::{Analysis, Scenario};

#[derive(Properties, PartialEq)]
pub struct ReversePanelProps {
    pub analysis: Rc<Analysis>,
    pub scenario: Rc<Scenario>,
}

/// Required volumes for the revenue target, with chart and table.
#[component]
pub fn ReversePanel(props: &ReversePanelProps) -> Html {
    let r = &props.analysis.reverse;
    let per = props.scenario.period.per_label();
    let gap_text = |gap: Option<f64>| match gap {
        Some(g) if g > 0.0 => format!("+{}", format::count(g)),
        Some(g) => format::count(g),
        None => format::not_applicable().to_owned(),
    };
    html! {
        <section class="panel" aria-labelledby="reverse-heading">
            <h2 id="reverse-heading">{ format!("Reverse funnel: what {} {per} requires", format::money(r.target)) }</h2>
            if let Some(why) = r.unreachable {
                <p class="unreachable" role="status" data-kpi="unreachable">{ why.message(&props.scenario) }</p>
            }
            <dl class="kpis">
                <Kpi name="required_spend" label="Marketing spend needed at the current cost per lead"
                    value={r.required_spend} text={or_na(r.required_spend, format::money)} />
                <Kpi name="required_customers" label="Customers needed"
                    value={r.stages.last().and_then(|s| s.required)}
                    text={or_na(r.stages.last().and_then(|s| s.required), format::count)} />
            </dl>
            <Chart spec={ChartSpec::Gap(props.analysis.clone())} />
            <table data-table="gap" class="data-table">
                <caption>{ "Required vs current, stage by stage (gap > 0: shortfall)" }</caption>
                { column_headers(&["Stage", "Required", "Current", "Gap"]) }
                <tbody>
                    { for r.stages.iter().enumerate().map(|(i, stage)| html! {
                        <tr key={i}>
                            <th scope="row">{ &stage.name }</th>
                            <td data-kpi={format!("required_stage_{i}")} data-value={machine(stage.required)}>
                                { stage.required.map_or_else(|| "unreachable".to_owned(), format::count) }
                            </td>
                            <td>{ format::count(stage.current) }</td>
                            <td data-kpi={format!("gap_stage_{i}")} data-value={machine(stage.gap)}
                                class={classes!(stage.gap.filter(|g| *g > 0.0).map(|_| "shortfall"))}>{ gap_text(stage.gap) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
