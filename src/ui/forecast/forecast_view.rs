//! The forecast view: the monthly projection (horizon, growth, sales cycle, churn, upsell,
//! revenue model) with its figures, charts and month-by-month table; the Monte Carlo panel
//! below it.

use std::rc::Rc;

use yew::prelude::*;

use super::forecast_charts::ForecastChart;
use crate::model::calendar::{month_name, MonthName};
use crate::model::forecast::edit::{ForecastDrafts, ForecastEdit, ForecastField, GrowthKind};
use crate::model::forecast::projection::{
    project, Growth, Projection, ProjectionResult, RevenueModel,
};
use crate::model::format;
use crate::model::sales::team_edit::{TeamEdit, TeamField};
use crate::model::{Edit, Scenario};
use crate::ui::chart::ChartOf;
use crate::ui::fields::{SelectField, TextField};
use crate::ui::forecast::monte_carlo_view::MonteCarloPanel;
use crate::ui::funnel::results::{column_headers, kpi};
use crate::ui::locale::use_locale;
use crate::ui::persist::library_view::ViewProps;
use crate::ui::state::Action;
use crate::ui::Dispatch;

crate::texts! {
    /// The forecast view.
    enum ForecastText {
        Heading => "Month by month", "Mois par mois";
        Hint => "The funnel spread over the months: leads enter each month, the sales cycle delays the customers, churn takes its share, recurring revenue and upsell add up. Spend follows the volume.",
            "L'entonnoir réparti sur les mois : des leads entrent chaque mois, le cycle de vente retarde les clients, le churn prélève sa part, le revenu récurrent et l'upsell s'additionnent. Les dépenses suivent le volume.";
        Intro => "A funnel is not instant: leads take weeks to become customers, customers churn, subscriptions add up. Project this scenario over 1 to 36 months to see when revenue covers the spend.",
            "Un entonnoir n'est pas instantané : les leads mettent des semaines à devenir clients, des clients partent, les abonnements s'additionnent. Projetez ce scénario sur 1 à 36 mois pour voir quand le chiffre d'affaires couvre les dépenses.";
        Start => "Start a monthly projection", "Lancer une projection mensuelle";
        Remove => "Remove the projection", "Supprimer la projection";
        GrowthPerMonth => "Growth per month", "Croissance par mois";
        SeasonLegend => "Relative volume of each calendar month (1 = an average month)",
            "Volume relatif de chaque mois de l'année (1 = un mois moyen)";
        Horizon => "Horizon (1–36 months)", "Horizon (1 à 36 mois)";
        MonthsUnit => "months", "mois";
        FirstMonth => "First month", "Premier mois";
        VolumeEntering => "Volume entering the funnel", "Volume entrant dans l'entonnoir";
        Flat => "Flat", "Constant";
        Growing => "Growing (or declining) by a % a month",
            "En croissance (ou en baisse) d'un pourcentage par mois";
        Seasonal => "Seasonal profile", "Profil saisonnier";
        SalesCycle => "Sales cycle (days from entering the funnel to customer)",
            "Cycle de vente (jours entre l'entrée dans l'entonnoir et la signature du client)";
        DaysUnit => "days", "jours";
        Revenue => "Revenue", "Chiffre d'affaires";
        Subscription => "Subscription (a monthly fee: MRR, ARR)",
            "Abonnement (un montant mensuel : MRR, ARR)";
        Repeat => "Repeat purchases", "Achats répétés";
        ChurnPerMonth => "Churn per month", "Churn par mois";
        Upsell => "Upsell and cross-sell per month", "Upsell et cross-sell par mois";
        UpsellUnit => "% of recurring revenue", "% du revenu récurrent";
        MonthN => "month {n}", "mois {n}";
        CustomersWon => "Customers won over the horizon", "Clients gagnés sur l'horizon";
        ActiveAtEnd => "Active customers at the end", "Clients actifs à la fin";
        RevenueOver => "Revenue over the horizon", "Chiffre d'affaires sur l'horizon";
        SpendOver => "Marketing spend over the horizon", "Dépenses marketing sur l'horizon";
        Cac => "CAC over the horizon", "CAC sur l'horizon";
        CacFormula => "spend ÷ customers won", "dépenses ÷ clients gagnés";
        Roi => "ROI on gross margin over the horizon", "ROI sur la marge brute sur l'horizon";
        RoiFormula => "(gross margin − spend) ÷ spend", "(marge brute − dépenses) ÷ dépenses";
        BreakEven => "Break-even", "Seuil de rentabilité";
        BreakEvenFormula => "first month the cumulative gross margin covers the cumulative spend",
            "premier mois où la marge brute cumulée couvre les dépenses cumulées";
        Payback => "CAC payback over the projection", "Délai de récupération du CAC sur la projection";
        PaybackFormula => "months of one customer's gross margin, as the projection earns it (first purchase in its month, then churn and upsell), to repay the CAC over the horizon",
            "mois de marge brute d'un client, telle que la projection la gagne (premier achat dans son mois, puis churn et upsell), pour rembourser le CAC sur l'horizon";
        Ltv => "LTV realised over the horizon", "LTV réalisée sur l'horizon";
        LtvFormula => "gross margin ÷ customers won", "marge brute ÷ clients gagnés";
        Mrr => "MRR in the last month", "MRR du dernier mois";
        Arr => "ARR in the last month", "ARR du dernier mois";
        ArrFormula => "12 × MRR", "12 × MRR";
        Caption => "The projection month by month", "La projection mois par mois";
        Month => "Month", "Mois";
        NewCustomers => "New customers", "Nouveaux clients";
        ActiveCustomers => "Active customers", "Clients actifs";
        CumulativeRevenue => "Cumulative revenue", "Chiffre d'affaires cumulé";
        CumulativeMargin => "Cumulative gross margin", "Marge brute cumulée";
        CumulativeSpend => "Cumulative spend", "Dépenses cumulées";
        MrrHeader => "MRR", "MRR";
        RoleUnworked => "{role}: left unworked", "{role} : sans suite";
        HiresHeading => "Hires in the sales team", "Recrutements dans l'équipe commerciale";
        HiresHint => "Month and people, separated by semicolons: 4:2; 9:1 hires two in month 4 and one in month 9. Each ramps up as its role says; the months' table shows what each role leaves unworked.",
            "Mois et effectif, séparés par des points-virgules : 4:2 ; 9:1 recrute deux personnes au mois 4 et une au mois 9. Chacune monte en charge comme son rôle l'indique ; le tableau des mois montre ce que chaque rôle laisse sans suite.";
        HiresOf => "Hires, {role} (month:people)", "Recrutements, {role} (mois:effectif)";
        RoleCapacity => "Capacity {capacity}, demand {demand}", "Capacité {capacity}, demande {demand}";
    }
}

/// Emits a forecast edit.
pub fn forecast_edit(dispatch: &Dispatch, edit: ForecastEdit) {
    dispatch.emit(Action::Edit(Edit::Forecast(edit)));
}

/// A text field of the forecast form: what the user typed (with its error) or the value in
/// use.
pub fn forecast_field(
    drafts: &ForecastDrafts,
    field: ForecastField,
    value: String,
    label: String,
    unit: &'static str,
    compact: bool,
    dispatch: &Dispatch,
) -> Html {
    let text = drafts.draft(field).map_or(value, str::to_owned);
    let error = drafts.error(field).map(ToString::to_string);
    let on_text =
        dispatch.reform(move |raw| Action::Edit(Edit::Forecast(ForecastEdit::Text(field, raw))));
    html! {
        <TextField id={field.key()} {label} {unit} {text} {error} {on_text} {compact} />
    }
}

/// The projection's settings.
fn settings(projection: &Projection, drafts: &ForecastDrafts, dispatch: &Dispatch) -> Html {
    let field = |field: ForecastField, value: f64, label: &str, unit: &'static str| {
        forecast_field(
            drafts,
            field,
            crate::model::funnel::editor::input_text(value),
            label.to_owned(),
            unit,
            false,
            dispatch,
        )
    };
    let growth_kind = GrowthKind::of(&projection.growth);
    let on_growth = dispatch.reform(|key: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::Growth(
            GrowthKind::from_key(&key).unwrap_or(GrowthKind::Flat),
        )))
    });
    let on_revenue = dispatch.reform(|key: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::RevenueModel(
            RevenueModel::from_key(&key).unwrap_or(RevenueModel::Subscription),
        )))
    });
    let on_start = dispatch.reform(|month: String| {
        Action::Edit(Edit::Forecast(ForecastEdit::Text(
            ForecastField::StartMonth,
            month,
        )))
    });
    let start_options: Vec<(&'static str, &'static str)> = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ]
    .into_iter()
    .zip(MonthName::ALL.iter().map(|m| m.text()))
    .collect();
    let start_key: &'static str = start_options
        .get(projection.start_month.saturating_sub(1) as usize)
        .map_or("1", |(key, _)| *key);
    let growth_fields = match &projection.growth {
        Growth::Flat => html! {},
        Growth::Growing { pct_per_month } => field(
            ForecastField::GrowthPct,
            *pct_per_month,
            ForecastText::GrowthPerMonth.text(),
            "%",
        ),
        Growth::Seasonal { weights } => html! {
            <fieldset class="season-weights">
                <legend>{ ForecastText::SeasonLegend.text() }</legend>
                <div class="settings-row">
                    { for weights.iter().enumerate().map(|(m, w)| forecast_field(drafts, ForecastField::SeasonWeight(m), crate::model::funnel::editor::input_text(*w), month_name(m).to_owned(), "", false, dispatch)) }
                </div>
            </fieldset>
        },
    };
    html! {
        <>
            <div class="settings-row">
                { field(ForecastField::Months, f64::from(projection.months), ForecastText::Horizon.text(), ForecastText::MonthsUnit.text()) }
                <SelectField id="fc-start" label={ForecastText::FirstMonth.text()} options={start_options.clone()} selected={start_key} on_change={on_start} />
                <SelectField id="fc-growth-kind" label={ForecastText::VolumeEntering.text()}
                    options={vec![("flat", ForecastText::Flat.text()), ("growing", ForecastText::Growing.text()), ("seasonal", ForecastText::Seasonal.text())]}
                    selected={growth_kind.key()} on_change={on_growth} />
                { field(ForecastField::SalesCycle, projection.sales_cycle_days, ForecastText::SalesCycle.text(), ForecastText::DaysUnit.text()) }
            </div>
            { growth_fields }
            <div class="settings-row">
                <SelectField id="fc-revenue-model" label={ForecastText::Revenue.text()}
                    options={vec![("subscription", ForecastText::Subscription.text()), ("repeat", ForecastText::Repeat.text())]}
                    selected={projection.revenue_model.key()} on_change={on_revenue} />
                { field(ForecastField::Churn, projection.churn_pct, ForecastText::ChurnPerMonth.text(), "%") }
                { field(ForecastField::Upsell, projection.upsell_pct, ForecastText::Upsell.text(), ForecastText::UpsellUnit.text()) }
            </div>
        </>
    }
}

/// The projection's headline figures.
fn figures(result: &ProjectionResult) -> Html {
    use ForecastText as T;
    let month = |m: f64| T::MonthN.fill(&[("n", &format::count(m))]);
    html! {
        <dl class="kpis">
            { kpi("fc_customers_won", T::CustomersWon.text(), Some(result.customers_won), format::count, None) }
            { kpi("fc_active_customers", T::ActiveAtEnd.text(), Some(result.active_customers), format::count, None) }
            { kpi("fc_revenue", T::RevenueOver.text(), Some(result.revenue), format::money, None) }
            { kpi("fc_spend", T::SpendOver.text(), Some(result.spend), format::money, None) }
            { kpi("fc_cac", T::Cac.text(), result.cac, format::money, Some(T::CacFormula.text())) }
            { kpi("fc_roi", T::Roi.text(), result.roi_margin, format::percent, Some(T::RoiFormula.text())) }
            { kpi("fc_break_even", T::BreakEven.text(), result.break_even_month.map(f64::from), month, Some(T::BreakEvenFormula.text())) }
            { kpi("fc_payback", T::Payback.text(), result.cac_payback_months, format::months, Some(T::PaybackFormula.text())) }
            { kpi("fc_ltv_realised", T::Ltv.text(), result.ltv_realised, format::money, Some(T::LtvFormula.text())) }
            if result.mrr.is_some() {
                { kpi("fc_mrr", T::Mrr.text(), result.mrr, format::money, None) }
                { kpi("fc_arr", T::Arr.text(), result.arr, format::money, Some(T::ArrFormula.text())) }
            }
        </dl>
    }
}

/// The projection month by month, as a table (the charts' numbers).
fn month_table(result: &ProjectionResult) -> Html {
    let lead_stage = result.stage_names.get(1).cloned().unwrap_or_default();
    let subscription = result.mrr.is_some();
    let mut headers = vec![
        ForecastText::Month.text().to_owned(),
        lead_stage,
        ForecastText::NewCustomers.text().to_owned(),
        ForecastText::ActiveCustomers.text().to_owned(),
        ForecastText::Revenue.text().to_owned(),
        ForecastText::CumulativeRevenue.text().to_owned(),
        ForecastText::CumulativeMargin.text().to_owned(),
        ForecastText::CumulativeSpend.text().to_owned(),
    ];
    if subscription {
        headers.push(ForecastText::MrrHeader.text().to_owned());
    }
    let roles: Vec<String> = result
        .months
        .first()
        .map(|m| m.team.iter().map(|r| r.name.clone()).collect())
        .unwrap_or_default();
    headers.extend(
        roles
            .iter()
            .map(|role| ForecastText::RoleUnworked.fill(&[("role", role)])),
    );
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    html! {
        <div class="table-scroll">
            <table id="forecast-months" class="data-table" data-table="forecast-months">
                <caption>{ ForecastText::Caption.text() }</caption>
                { column_headers(&header_refs) }
                <tbody>
                    { for result.months.iter().map(|m| html! {
                        <tr data-month={m.month.to_string()}>
                            <th scope="row">{ format!("{} ({})", m.month, month_name((m.calendar_month as usize).wrapping_sub(1))) }</th>
                            <td>{ format::count(m.stage_volumes.get(1).copied().unwrap_or(0.0)) }</td>
                            <td data-value={format::machine(Some(m.new_customers))}>{ format::with_decimals(m.new_customers, 1) }</td>
                            <td data-value={format::machine(Some(m.active_customers))}>{ format::with_decimals(m.active_customers, 1) }</td>
                            <td>{ format::money(m.revenue) }</td>
                            <td data-value={format::machine(Some(m.cumulative_revenue))}>{ format::money(m.cumulative_revenue) }</td>
                            <td>{ format::money(m.cumulative_gross_margin) }</td>
                            <td>{ format::money(m.cumulative_spend) }</td>
                            if subscription {
                                <td>{ format::or_na(m.mrr, format::money) }</td>
                            }
                            { for m.team.iter().enumerate().map(|(i, role)| {
                                let unworked = (role.demand - role.worked).max(0.0);
                                html! {
                                    <td data-role-unworked={i.to_string()} data-value={format::machine(Some(unworked))}
                                        title={ForecastText::RoleCapacity.fill(&[("capacity", &format::count(role.capacity)), ("demand", &format::count(role.demand))])}>
                                        { format::count(unworked) }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The hires planned for each role of the sales team, when there is one.
fn team_hires(editor: &crate::model::Editor, dispatch: &Dispatch) -> Html {
    let Some(team) = editor.scenario().team.as_deref() else {
        return Html::default();
    };
    let drafts = editor.team();
    html! {
        <fieldset id="team-hires" class="settings-row">
            <legend>{ ForecastText::HiresHeading.text() }</legend>
            <p class="hint">{ ForecastText::HiresHint.text() }</p>
            { for team.roles.iter().enumerate().map(|(i, role)| {
                let field = TeamField::Hires(i);
                let on_text = dispatch.reform(move |text: String| Action::Edit(Edit::Team(TeamEdit::Text(field, text))));
                html! {
                    <TextField id={field.key()} label={ForecastText::HiresOf.fill(&[("role", &role.name)])}
                        text={drafts.text(team, field)} error={drafts.error(field).map(|e| e.to_string())} {on_text} />
                }
            }) }
        </fieldset>
    }
}

/// The forecast view.
#[component]
pub fn ForecastView(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let dispatch = &props.dispatch;
    let editor = &props.state.editor;
    let scenario = editor.scenario();
    // The projection does not read the Monte Carlo's set-up: an edit of the trials, the seed
    // or a spread keeps it, so its figures, table and charts are not made again.
    let result = use_memo(
        Scenario {
            uncertainty: None,
            ..scenario.clone()
        },
        |scenario| {
            scenario
                .projection
                .as_ref()
                .map(|projection| Rc::new(project(scenario, projection)))
        },
    );
    let projection_section = match (scenario.projection.as_deref(), (*result).clone()) {
        (Some(projection), Some(result)) => {
            let remove = {
                let dispatch = dispatch.clone();
                Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::RemoveProjection))
            };
            html! {
                <section class="panel" aria-labelledby="forecast-heading">
                    <h2 id="forecast-heading">{ ForecastText::Heading.text() }</h2>
                    <p class="hint">{ ForecastText::Hint.text() }</p>
                    { settings(projection, editor.forecast(), dispatch) }
                    { team_hires(editor, dispatch) }
                    { figures(&result) }
                    <ChartOf<ForecastChart> spec={ForecastChart::Cash(result.clone())} />
                    <ChartOf<ForecastChart> spec={ForecastChart::Customers(result.clone())} />
                    <ChartOf<ForecastChart> spec={ForecastChart::Volumes(result.clone())} />
                    { month_table(&result) }
                    <button id="forecast-remove" type="button" class="secondary" onclick={remove}>{ ForecastText::Remove.text() }</button>
                </section>
            }
        }
        _ => {
            let start = {
                let dispatch = dispatch.clone();
                Callback::from(move |_| forecast_edit(&dispatch, ForecastEdit::StartProjection))
            };
            html! {
                <section class="panel" aria-labelledby="forecast-heading">
                    <h2 id="forecast-heading">{ ForecastText::Heading.text() }</h2>
                    <p>{ ForecastText::Intro.text() }</p>
                    <button id="forecast-start" type="button" onclick={start}>{ ForecastText::Start.text() }</button>
                </section>
            }
        }
    };
    html! {
        <>
            { projection_section }
            <MonteCarloPanel state={props.state.clone()} dispatch={dispatch.clone()} projection={(*result).clone()} />
        </>
    }
}
