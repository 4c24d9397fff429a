//! The KPI panel and the funnel table. Every figure carries `data-kpi` and a plain
//! `data-value` so tests and embedders can read it.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::{self, machine, or_na};
use crate::model::{Analysis, LtvMode, Scenario};

#[derive(Properties, PartialEq)]
pub struct KpiProps {
    pub name: AttrValue,
    pub label: AttrValue,
    pub value: Option<f64>,
    pub text: String,
    /// How it is computed, shown under the figure.
    #[prop_or_default]
    pub formula: Option<AttrValue>,
}

/// One labelled figure.
#[component]
pub fn Kpi(props: &KpiProps) -> Html {
    html! {
        <div class="kpi">
            <dt>{ &props.label }</dt>
            <dd data-kpi={props.name.clone()} data-value={machine(props.value)}>{ &props.text }</dd>
            if let Some(formula) = &props.formula {
                <dd class="formula">{ formula }</dd>
            }
        </div>
    }
}

pub(crate) fn kpi(
    name: &str,
    label: &str,
    value: Option<f64>,
    formatter: fn(f64) -> String,
    formula: Option<&str>,
) -> Html {
    html! {
        <Kpi name={name.to_owned()} label={label.to_owned()} value={value}
            text={or_na(value, formatter)} formula={formula.map(|f| AttrValue::from(f.to_owned()))} />
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub analysis: Rc<Analysis>,
    pub scenario: Rc<Scenario>,
}

/// Every KPI of the forward funnel.
#[component]
pub fn ResultsPanel(props: &ResultsProps) -> Html {
    let f = &props.analysis.funnel;
    let s = &props.scenario;
    let per = s.period.per_label();
    let last = f.stages.len().saturating_sub(1);
    let name = |i: usize| f.stages.get(i).map_or("", |st| st.name.as_str()).to_owned();
    let ltv_formula = match s.ltv_mode {
        LtvMode::Derived => "basket × purchases/year × lifetime × gross margin",
        LtvMode::Direct => "entered directly",
    };
    let weakest = f.weakest_stage.and_then(|i| {
        let stage = f.stages.get(i)?;
        Some(format!(
            "{} → {}: {} convert",
            name(i - 1),
            stage.name,
            or_na(stage.rate, format::percent)
        ))
    });
    let cost_per = f.stages.iter().enumerate().skip(1).map(|(i, stage)| {
        let label = if i == last {
            format!("Cost per {} (CAC)", format::singular(&stage.name))
        } else {
            format!("Cost per {}", format::singular(&stage.name))
        };
        kpi(
            &format!("cost_per_stage_{i}"),
            &label,
            stage.cost_per,
            format::money,
            None,
        )
    });
    html! {
        <section class="panel results" aria-labelledby="results-heading">
            <h2 id="results-heading">{ format!("Results {per}") }</h2>
            <dl class="kpis headline">
                { kpi("customers", &format!("{} {per}", name(last)), Some(f.customers), format::count, None) }
                { kpi("revenue", "First-purchase revenue", Some(f.revenue), format::money, Some("customers × basket")) }
                { kpi("spend", "Marketing spend", Some(f.spend), format::money, None) }
                { kpi("cac", "Customer acquisition cost (CAC)", f.cac, format::money, Some("spend ÷ customers")) }
                { kpi("roi_revenue", "Marketing ROI on revenue", f.roi_revenue, format::percent, Some("(revenue − spend) ÷ spend")) }
                { kpi("roi_margin", "Marketing ROI on gross margin", f.roi_margin, format::percent, Some("(revenue × gross margin − spend) ÷ spend")) }
            </dl>
            <dl class="kpis">
                { kpi("overall_conversion", &format!("{} → {}", name(0), name(last)), f.overall_conversion, format::percent, None) }
                { kpi("ltv", "LTV of one customer", Some(f.ltv), format::money, Some(ltv_formula)) }
                { kpi("cohort_ltv", "Lifetime value of these customers", Some(f.cohort_ltv), format::money, Some("customers × LTV")) }
                { kpi("ltv_cac", "LTV : CAC", f.ltv_cac, format::ratio, None) }
                { kpi("payback_months", "CAC payback", f.payback_months, format::months, Some("CAC ÷ (basket × purchases/year × gross margin ÷ 12)")) }
                { kpi("lead_value", &format!("Value of one {}", format::singular(&name(1))), f.lead_value, format::money, Some("basket × lead → customer rate")) }
                { for cost_per }
            </dl>
            <p class="weakest" data-kpi="weakest_stage" data-value={machine(f.weakest_stage.map(|i| i as f64))}>
                { match weakest {
                    Some(text) => format!("Largest drop: {text}."),
                    None => "No stage loses anyone.".to_owned(),
                } }
            </p>
        </section>
    }
}

/// A table's `<thead>` with one column header per name.
pub fn column_headers(names: &[&str]) -> Html {
    html! {
        <thead>
            <tr>{ for names.iter().map(|name| html! { <th scope="col">{ *name }</th> }) }</tr>
        </thead>
    }
}

#[derive(Properties, PartialEq)]
pub struct FunnelTableProps {
    pub analysis: Rc<Analysis>,
}

/// The funnel chart's numbers as an accessible table.
#[component]
pub fn FunnelTable(props: &FunnelTableProps) -> Html {
    let f = &props.analysis.funnel;
    html! {
        <table data-table="funnel" class="data-table">
            <caption>{ "Funnel, stage by stage" }</caption>
            { column_headers(&["Stage", "Count", "From previous", "From top", "Cost per"]) }
            <tbody>
                { for f.stages.iter().enumerate().map(|(i, stage)| html! {
                    <tr key={i} class={classes!((f.weakest_stage == Some(i)).then_some("weakest-row"))}>
                        <th scope="row">{ &stage.name }</th>
                        <td data-kpi={format!("stage_count_{i}")} data-value={machine(Some(stage.count))}>{ format::count(stage.count) }</td>
                        <td>{ stage.rate.map_or_else(|| "—".to_owned(), format::percent) }</td>
                        <td>{ or_na(stage.cumulative, format::percent) }</td>
                        <td>{ if i == 0 { "—".to_owned() } else { or_na(stage.cost_per, format::money) } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
