//! The KPI panel (with the stage furthest below its benchmark, or why none) and the funnel
//! table. Every figure carries `data-kpi` and a plain `data-value` so tests and embedders
//! can read it.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::{self, machine, or_na};
use crate::model::funnel::benchmarks;
use crate::model::{Analysis, LtvMode, Scenario};
use crate::ui::locale::use_locale;

crate::texts! {
    /// The KPI panel and the funnel table.
    enum ResultsText {
        LtvDerived => "basket × purchases/year × lifetime × gross margin",
            "panier × achats/an × durée de vie × marge brute";
        LtvDirect => "entered directly", "saisie directement";
        CostPerCac => "Cost per {stage} (CAC)", "Coût par {stage} (CAC)";
        CostPer => "Cost per {stage}", "Coût par {stage}";
        Heading => "Results {per}", "Résultats {per}";
        StagePer => "{stage} {per}", "{stage} {per}";
        Revenue => "First-purchase revenue", "Chiffre d'affaires du premier achat";
        RevenueFormula => "customers × basket", "clients × panier";
        Spend => "Marketing spend", "Dépenses marketing";
        Cac => "Customer acquisition cost (CAC)", "Coût d'acquisition client (CAC)";
        CacFormula => "spend ÷ customers", "dépenses ÷ clients";
        RoiRevenue => "Marketing ROI on revenue", "ROI marketing sur le chiffre d'affaires";
        RoiRevenueFormula => "(revenue − spend) ÷ spend", "(chiffre d'affaires − dépenses) ÷ dépenses";
        RoiMargin => "Marketing ROI on gross margin", "ROI marketing sur la marge brute";
        RoiMarginFormula => "(revenue × gross margin − spend) ÷ spend",
            "(chiffre d'affaires × marge brute − dépenses) ÷ dépenses";
        Ltv => "LTV of one customer", "LTV d'un client";
        CohortLtv => "Lifetime value of these customers", "Valeur vie de ces clients";
        CohortFormula => "customers × LTV", "clients × LTV";
        LtvCac => "LTV : CAC", "LTV : CAC";
        Payback => "CAC payback at the average monthly margin", "Délai de récupération du CAC à la marge mensuelle moyenne";
        PaybackFormula => "CAC ÷ (basket × purchases/year × gross margin ÷ 12)",
            "CAC ÷ (panier × achats/an × marge brute ÷ 12)";
        LeadValue => "Value of one {stage}", "Valeur d'un {stage}";
        LeadFormula => "basket × lead → customer rate", "panier × taux lead → client";
        Caption => "Funnel, stage by stage", "Entonnoir, étape par étape";
        Stage => "Stage", "Étape";
        Count => "Count", "Volume";
        FromPrevious => "From previous", "Depuis l'étape précédente";
        FromTop => "From top", "Depuis le haut";
        CostPerColumn => "Cost per", "Coût par";
    }
}

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
    let _locale = use_locale();
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
    let _locale = use_locale();
    let f = &props.analysis.funnel;
    let s = &props.scenario;
    let per = s.period.per_label();
    let last = f.stages.len().saturating_sub(1);
    let name = |i: usize| f.stages.get(i).map_or("", |st| st.name.as_str()).to_owned();
    let ltv_formula = match s.ltv_mode {
        LtvMode::Derived => ResultsText::LtvDerived.text(),
        LtvMode::Direct => ResultsText::LtvDirect.text(),
    };
    let drop = benchmarks::largest_drop(s.segment, &f.stages);
    let cost_per = f.stages.iter().enumerate().skip(1).map(|(i, stage)| {
        let label = if i == last {
            ResultsText::CostPerCac
        } else {
            ResultsText::CostPer
        }
        .fill(&[("stage", &format::singular(&stage.name))]);
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
            <h2 id="results-heading">{ ResultsText::Heading.fill(&[("per", per)]) }</h2>
            <dl class="kpis headline">
                { kpi("customers", &ResultsText::StagePer.fill(&[("stage", &name(last)), ("per", per)]), Some(f.customers), format::count, None) }
                { kpi("revenue", ResultsText::Revenue.text(), Some(f.returns.revenue), format::money, Some(ResultsText::RevenueFormula.text())) }
                { kpi("spend", ResultsText::Spend.text(), Some(f.spend), format::money, None) }
                { kpi("cac", ResultsText::Cac.text(), f.returns.cac, format::money, Some(ResultsText::CacFormula.text())) }
                { kpi("roi_revenue", ResultsText::RoiRevenue.text(), f.returns.roi_revenue, format::percent, Some(ResultsText::RoiRevenueFormula.text())) }
                { kpi("roi_margin", ResultsText::RoiMargin.text(), f.returns.roi_margin, format::percent, Some(ResultsText::RoiMarginFormula.text())) }
            </dl>
            <dl class="kpis">
                { kpi("overall_conversion", &format!("{} → {}", name(0), name(last)), f.overall_conversion, format::percent, None) }
                { kpi("ltv", ResultsText::Ltv.text(), Some(f.returns.ltv), format::money, Some(ltv_formula)) }
                { kpi("cohort_ltv", ResultsText::CohortLtv.text(), Some(f.returns.cohort_ltv), format::money, Some(ResultsText::CohortFormula.text())) }
                { kpi("ltv_cac", ResultsText::LtvCac.text(), f.returns.ltv_cac, format::ratio, None) }
                { kpi("payback_months", ResultsText::Payback.text(), f.returns.payback_months, format::months, Some(ResultsText::PaybackFormula.text())) }
                { kpi("lead_value", &ResultsText::LeadValue.fill(&[("stage", &format::singular(&name(1)))]), f.lead_value, format::money, Some(ResultsText::LeadFormula.text())) }
                { for cost_per }
            </dl>
            <p class="weakest" id="largest-drop" data-kpi="weakest_stage" data-value={machine(drop.index().map(|i| i as f64))}>
                { benchmarks::largest_drop_text(drop, &f.stages) }
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
    let _locale = use_locale();
    let f = &props.analysis.funnel;
    html! {
        <table data-table="funnel" class="data-table">
            <caption>{ ResultsText::Caption.text() }</caption>
            { column_headers(&[
                ResultsText::Stage.text(),
                ResultsText::Count.text(),
                ResultsText::FromPrevious.text(),
                ResultsText::FromTop.text(),
                ResultsText::CostPerColumn.text(),
            ]) }
            <tbody>
                { for f.stages.iter().enumerate().map(|(i, stage)| html! {
                    <tr key={i} class={classes!((f.weakest_stage == Some(i)).then_some("weakest-row"))}>
                        <th scope="row">{ &stage.name }</th>
                        <td data-kpi={format!("stage_count_{i}")} data-value={machine(stage.count)}>{ or_na(stage.count, format::count) }</td>
                        <td>{ stage.rate.map_or_else(|| "—".to_owned(), format::percent) }</td>
                        <td>{ or_na(stage.cumulative, format::percent) }</td>
                        <td>{ if i == 0 { "—".to_owned() } else { or_na(stage.cost_per, format::money) } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
