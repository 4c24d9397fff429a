//! The Pipeline panel on the Model view: the coverage the quota needs (1 ÷ the win rate)
//! against the pipeline the funnel creates, raw and weighted, the gap in money and in
//! opportunities; and the sales velocity with its four terms, per channel when the scenario
//! is planned by channel.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format;
use crate::model::sales::pipeline::{pipeline, Velocity};
use crate::model::sales::velocity_sensitivity::{NoVelocity, VelocityTerm};
use crate::model::{Analysis, Scenario};
use crate::ui::funnel::results::{column_headers, kpi};
use crate::ui::locale::use_locale;

crate::texts! {
    /// The Pipeline panel.
    pub(crate) enum PipelineText {
        Heading => "Pipeline coverage and sales velocity", "Couverture du pipeline et vélocité commerciale";
        Intro => "The quota needs a pipeline of 1 ÷ the win rate times itself (not a fixed 3×). The sales cycle is the forecast's.",
            "L'objectif demande un pipeline de 1 ÷ le taux de gain fois lui-même (pas un 3× fixe). Le cycle de vente est celui de la prévision.";
        Opportunities => "{stage} created {per}", "{stage} créées {per}";
        Pipeline => "Pipeline created {per}", "Pipeline créé {per}";
        PipelineFormula => "{stage} × average deal (the basket)", "{stage} × montant moyen (le panier)";
        Weighted => "Pipeline weighted by the win rate", "Pipeline pondéré par le taux de gain";
        WeightedFormula => "pipeline × win rate: the revenue it should bring", "pipeline × taux de gain : le chiffre d'affaires attendu";
        Quota => "Quota (the revenue target)", "Quota (l'objectif de chiffre d'affaires)";
        WinRate => "Win rate ({stage} → customer)", "Taux de gain ({stage} → client)";
        Required => "Coverage the quota needs", "Couverture nécessaire";
        RequiredFormula => "1 ÷ win rate", "1 ÷ taux de gain";
        Coverage => "Coverage now", "Couverture actuelle";
        CoverageFormula => "pipeline ÷ quota", "pipeline ÷ quota";
        RequiredPipeline => "Pipeline the quota needs", "Pipeline nécessaire";
        Gap => "Pipeline missing", "Pipeline manquant";
        GapFormula => "pipeline needed − pipeline created (negative: more than enough)", "pipeline nécessaire − pipeline créé (négatif : plus qu'assez)";
        GapOpportunities => "{stage} missing", "{stage} manquantes";
        VelocityHeading => "Sales velocity", "Vélocité commerciale";
        VelocityFormula => "Velocity = open opportunities × average deal × win rate ÷ sales-cycle days. Open opportunities are those created a day × the cycle's days, so in steady state the velocity is the revenue a day.",
            "Vélocité = opportunités ouvertes × montant moyen × taux de gain ÷ jours du cycle de vente. Les opportunités ouvertes sont celles créées par jour × les jours du cycle : en régime établi, la vélocité est le chiffre d'affaires par jour.";
        Channel => "Channel", "Canal";
        PerDay => "Velocity a day", "Vélocité par jour";
        PerPeriod => "Velocity {per}", "Vélocité {per}";
        All => "All", "Total";
        Caption => "The velocity's four terms and what it gives", "Les quatre termes de la vélocité et ce qu'elle donne";
    }
}

#[derive(Properties, PartialEq)]
pub struct PipelinePanelProps {
    pub analysis: Rc<Analysis>,
    pub scenario: Rc<Scenario>,
}

fn times(x: f64) -> String {
    format!("{}×", format::with_decimals(x, 2))
}

/// The Pipeline panel.
#[component]
pub fn PipelinePanel(props: &PipelinePanelProps) -> Html {
    let _locale = use_locale();
    let scenario = &props.scenario;
    let analysis = &props.analysis;
    let per = scenario.period.per_label();
    let Some(p) = pipeline(scenario, &analysis.funnel, analysis.channels.as_ref()) else {
        return html! {
            <section class="panel pipeline" aria-labelledby="pipeline-heading">
                <h2 id="pipeline-heading">{ PipelineText::Heading.text() }</h2>
                <p class="hint">{ NoVelocity::TooShort.to_string() }</p>
            </section>
        };
    };
    let c = &p.coverage;
    let stage = p.stage.as_str();
    let row = |v: &Velocity, all: bool| {
        html! {
            <tr data-velocity={if all { "all".to_owned() } else { v.name.clone() }}>
                <th scope="row">{ if all { PipelineText::All.text().to_owned() } else { v.name.clone() } }</th>
                <td>{ format::count(v.opportunities) }</td>
                <td>{ format::money(v.average_deal) }</td>
                <td>{ format::or_na(v.win_rate, format::percent) }</td>
                <td>{ format::count(v.cycle_days) }</td>
                <td data-value={format::machine(v.per_day)}>{ format::or_na(v.per_day, format::money) }</td>
                <td data-value={format::machine(v.per_period)}>{ format::or_na(v.per_period, format::money) }</td>
            </tr>
        }
    };
    html! {
        <section class="panel pipeline" aria-labelledby="pipeline-heading">
            <h2 id="pipeline-heading">{ PipelineText::Heading.text() }</h2>
            <p class="hint">{ PipelineText::Intro.text() }</p>
            <dl class="kpis">
                { kpi("pipeline_opportunities", &PipelineText::Opportunities.fill(&[("stage", stage), ("per", per)]), Some(c.opportunities), format::count, None) }
                { kpi("pipeline_created", &PipelineText::Pipeline.fill(&[("per", per)]), Some(c.pipeline), format::money, Some(&PipelineText::PipelineFormula.fill(&[("stage", stage)]))) }
                { kpi("pipeline_weighted", PipelineText::Weighted.text(), c.weighted_pipeline, format::money, Some(PipelineText::WeightedFormula.text())) }
                { kpi("pipeline_quota", PipelineText::Quota.text(), Some(c.quota), format::money, None) }
                { kpi("pipeline_win_rate", &PipelineText::WinRate.fill(&[("stage", stage)]), c.win_rate, format::percent, None) }
                { kpi("coverage_required", PipelineText::Required.text(), c.required_coverage, times, Some(PipelineText::RequiredFormula.text())) }
                { kpi("coverage_now", PipelineText::Coverage.text(), c.coverage, times, Some(PipelineText::CoverageFormula.text())) }
                { kpi("pipeline_required", PipelineText::RequiredPipeline.text(), c.required_pipeline, format::money, None) }
                { kpi("pipeline_gap", PipelineText::Gap.text(), c.gap, format::money, Some(PipelineText::GapFormula.text())) }
                { kpi("pipeline_gap_opportunities", &PipelineText::GapOpportunities.fill(&[("stage", stage)]), c.gap_opportunities, format::count, None) }
            </dl>
            <h3>{ PipelineText::VelocityHeading.text() }</h3>
            <p class="hint">{ PipelineText::VelocityFormula.text() }</p>
            <div class="table-scroll">
                <table id="velocity-table" class="data-table" data-table="velocity">
                    <caption class="visually-hidden">{ PipelineText::Caption.text() }</caption>
                    { column_headers(&[
                        PipelineText::Channel.text(),
                        VelocityTerm::OpenOpportunities.label(),
                        VelocityTerm::AverageDeal.label(),
                        VelocityTerm::WinRate.label(),
                        VelocityTerm::CycleDays.label(),
                        PipelineText::PerDay.text(),
                        &PipelineText::PerPeriod.fill(&[("per", per)]),
                    ]) }
                    <tbody>
                        { for p.channels.iter().map(|v| row(v, false)) }
                        { row(&p.velocity, true) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
