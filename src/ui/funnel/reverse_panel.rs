//! The reverse-funnel panel: what a revenue target requires at each stage, the gap, and
//! the spend it takes at the current cost per lead.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::{self, machine, or_na};
use crate::model::{Analysis, Scenario};
use crate::ui::chart::{Chart, ChartSpec};
use crate::ui::funnel::results::{column_headers, Kpi};
use crate::ui::locale::use_locale;

crate::texts! {
    /// The reverse-funnel panel.
    enum ReverseText {
        Heading => "Reverse funnel: what {target} {per} requires",
            "Entonnoir inversé : ce qu'il faut pour {target} {per}";
        RequiredSpend => "Marketing spend needed at the current cost per lead",
            "Dépenses marketing nécessaires au coût par lead actuel";
        RequiredCustomers => "Customers needed", "Clients nécessaires";
        Caption => "Required vs current, stage by stage (gap > 0: shortfall)",
            "Nécessaire et actuel, étape par étape (écart > 0 : manque)";
        Stage => "Stage", "Étape";
        Required => "Required", "Nécessaire";
        Current => "Current", "Actuel";
        Gap => "Gap", "Écart";
        Unreachable => "unreachable", "inatteignable";
    }
}

#[derive(Properties, PartialEq)]
pub struct ReversePanelProps {
    pub analysis: Rc<Analysis>,
    pub scenario: Rc<Scenario>,
}

/// Required volumes for the revenue target, with chart and table.
#[component]
pub fn ReversePanel(props: &ReversePanelProps) -> Html {
    let _locale = use_locale();
    let r = &props.analysis.reverse;
    let per = props.scenario.period.per_label();
    let gap_text = |gap: Option<f64>| match gap {
        Some(g) if g > 0.0 => format!("+{}", format::count(g)),
        Some(g) => format::count(g),
        None => format::not_applicable().to_owned(),
    };
    html! {
        <section class="panel" aria-labelledby="reverse-heading">
            <h2 id="reverse-heading">{ ReverseText::Heading.fill(&[("target", &format::money(r.target)), ("per", per)]) }</h2>
            if let Some(why) = r.unreachable {
                <p class="unreachable" role="status" data-kpi="unreachable">{ why.message(&props.scenario) }</p>
            }
            <dl class="kpis">
                <Kpi name="required_spend" label={ReverseText::RequiredSpend.text()}
                    value={r.required_spend} text={or_na(r.required_spend, format::money)} />
                <Kpi name="required_customers" label={ReverseText::RequiredCustomers.text()}
                    value={r.stages.last().and_then(|s| s.required)}
                    text={or_na(r.stages.last().and_then(|s| s.required), format::count)} />
            </dl>
            <Chart spec={ChartSpec::Gap(props.analysis.clone())} />
            <table data-table="gap" class="data-table">
                <caption>{ ReverseText::Caption.text() }</caption>
                { column_headers(&[
                    ReverseText::Stage.text(),
                    ReverseText::Required.text(),
                    ReverseText::Current.text(),
                    ReverseText::Gap.text(),
                ]) }
                <tbody>
                    { for r.stages.iter().enumerate().map(|(i, stage)| html! {
                        <tr key={i}>
                            <th scope="row">{ &stage.name }</th>
                            <td data-kpi={format!("required_stage_{i}")} data-value={machine(stage.required)}>
                                { match (stage.required, stage.current) {
                                    (Some(required), _) => format::count(required),
                                    // Above a channel mix's entry: nothing is required there.
                                    (None, None) => format::not_applicable().to_owned(),
                                    (None, Some(_)) => ReverseText::Unreachable.text().to_owned(),
                                } }
                            </td>
                            <td>{ or_na(stage.current, format::count) }</td>
                            <td data-kpi={format!("gap_stage_{i}")} data-value={machine(stage.gap)}
                                class={classes!(stage.gap.filter(|g| *g > 0.0).map(|_| "shortfall"))}>{ gap_text(stage.gap) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
