//! The Capacity panel on the Model view: an invitation to plan the sales team, or the table
//! of roles (the stage each works, people, what one person works a month, ramp-up and
//! attrition) with what each can work against what reaches it, the bottleneck, and the
//! customers and revenue lost to items nobody works; a chart of the same numbers.

use std::rc::Rc;

use yew::prelude::*;

use super::capacity_chart::CapacityChart;
use crate::model::format;
use crate::model::sales::capacity::{CapacityResult, Ramp, Team, MAX_ROLES, MQL_PER_SDR};
use crate::model::sales::team_edit::{TeamEdit, TeamField};
use crate::model::{Analysis, Edit, Editor};
use crate::ui::chart::ChartOf;
use crate::ui::fields::{select_value, SelectField, TextField};
use crate::ui::funnel::results::column_headers;
use crate::ui::locale::use_locale;
use crate::ui::state::Action;

crate::texts! {
    /// The Capacity panel.
    enum CapacityPanelText {
        Heading => "Sales capacity", "Capacité commerciale";
        Intro => "Can the team follow up the leads? Give each role the stage it works, its people and what one person handles a month (the published rule: one SDR for {mql} MQL a month), and see what is left unworked, the customers it costs and the headcount the target needs.",
            "L'équipe peut-elle suivre les leads ? Donnez à chaque rôle l'étape qu'il traite, son effectif et ce qu'une personne traite par mois (la règle publiée : un SDR pour {mql} MQL par mois), et voyez ce qui reste sans suite, les clients que cela coûte et l'effectif que l'objectif demande.";
        Start => "Plan the sales team", "Planifier l'équipe commerciale";
        Stop => "Remove the team", "Retirer l'équipe";
        Add => "Add a role", "Ajouter un rôle";
        Role => "Role", "Rôle";
        Stage => "Works", "Traite";
        People => "People", "Effectif";
        PerPerson => "Per person a month", "Par personne et par mois";
        RampMonths => "Ramp-up (months)", "Montée en charge (mois)";
        Ramp => "Ramp-up curve", "Courbe de montée";
        Attrition => "Attrition (% a month)", "Attrition (% par mois)";
        Demand => "Reaching it a month", "Arrivées par mois";
        Capacity => "It can work a month", "Capacité par mois";
        Load => "Utilisation", "Taux d'occupation";
        Unworked => "Left unworked a month", "Sans suite par mois";
        Needed => "People the target needs", "Effectif pour l'objectif";
        Actions => "Actions", "Actions";
        CellOf => "{what}, {name}", "{what}, {name}";
        Remove => "Remove {name}", "Retirer {name}";
        Linear => "Linear", "Linéaire";
        Step => "All at once", "D'un coup";
        RampHint => "A leaver is replaced at once by a hire who ramps up: linearly (half the ramp-up's months lost) or all at once at its end (all of them lost).",
            "Un départ est remplacé aussitôt par une recrue en montée en charge : linéaire (la moitié des mois de montée perdus) ou d'un coup à la fin (tous perdus).";
        Within => "Every role is within its capacity. The busiest is {role}, at {load}.",
            "Chaque rôle est dans sa capacité. Le plus occupé est {role}, à {load}.";
        Over => "Bottleneck: {role} works {worked} of the {demand} {stage} reaching it a month ({load}). Items nobody works cost {customers} customers and {revenue} of revenue {per}.",
            "Goulot : {role} traite {worked} des {demand} {stage} qui lui arrivent par mois ({load}). Les éléments sans suite coûtent {customers} clients et {revenue} de chiffre d'affaires {per}.";
        NoOne => "Bottleneck: nobody works the {stage} reaching {role}: {customers} customers and {revenue} of revenue {per} are lost.",
            "Goulot : personne ne traite les {stage} qui arrivent à {role} : {customers} clients et {revenue} de chiffre d'affaires {per} sont perdus.";
    }
}

#[derive(Properties, PartialEq)]
pub struct CapacityPanelProps {
    pub editor: Rc<Editor>,
    pub analysis: Rc<Analysis>,
    pub dispatch: Callback<Action>,
}

/// The Capacity panel.
#[component]
pub fn CapacityPanel(props: &CapacityPanelProps) -> Html {
    let _locale = use_locale();
    let on_edit = props
        .dispatch
        .reform(|edit: TeamEdit| Action::Edit(Edit::Team(edit)));
    let scenario = props.editor.scenario();
    let intro = CapacityPanelText::Intro.fill(&[("mql", &format::count(MQL_PER_SDR))]);
    let (Some(team), Some(capacity)) = (scenario.team.as_deref(), &props.analysis.capacity) else {
        let start = on_edit.reform(|_: MouseEvent| TeamEdit::Start);
        return html! {
            <section class="panel capacity-intro" aria-labelledby="capacity-heading">
                <h2 id="capacity-heading">{ CapacityPanelText::Heading.text() }</h2>
                <p class="hint">{ intro }</p>
                <button id="team-start" type="button" onclick={start}>{ CapacityPanelText::Start.text() }</button>
            </section>
        };
    };
    let stop = on_edit.reform(|_: MouseEvent| TeamEdit::Stop);
    html! {
        <section class="panel capacity" aria-labelledby="capacity-heading">
            <h2 id="capacity-heading">{ CapacityPanelText::Heading.text() }</h2>
            <p class="hint">{ intro }</p>
            { team_table(&props.editor, team, capacity, &on_edit) }
            <p class="hint">{ CapacityPanelText::RampHint.text() }</p>
            { verdict(&props.editor, capacity) }
            <ChartOf<CapacityChart> spec={CapacityChart::Roles(props.analysis.clone())} />
            <p>
                <button id="team-stop" type="button" class="secondary" onclick={stop}>{ CapacityPanelText::Stop.text() }</button>
            </p>
        </section>
    }
}

/// The bottleneck in a sentence, with the customers and revenue lost.
fn verdict(editor: &Editor, capacity: &CapacityResult) -> Html {
    let scenario = editor.scenario();
    let Some(role) = capacity.bottleneck.and_then(|i| capacity.roles.get(i)) else {
        return Html::default();
    };
    let stage = scenario
        .stages
        .get(role.stage)
        .map_or_else(String::new, |s| s.name.clone());
    let load = format::or_na(role.utilisation, format::percent);
    let per = scenario.period.per_label();
    let lost = [
        ("customers", format::count(capacity.customers_lost)),
        ("revenue", format::money(capacity.revenue_lost)),
    ];
    let text = if role.unworked <= 0.0 {
        CapacityPanelText::Within.fill(&[("role", &role.name), ("load", &load)])
    } else if role.utilisation.is_none() {
        CapacityPanelText::NoOne.fill(&[
            ("role", &role.name),
            ("stage", &stage),
            ("customers", &lost[0].1),
            ("revenue", &lost[1].1),
            ("per", per),
        ])
    } else {
        CapacityPanelText::Over.fill(&[
            ("role", &role.name),
            ("worked", &format::count(role.worked)),
            ("demand", &format::count(role.demand)),
            ("stage", &stage),
            ("load", &load),
            ("customers", &lost[0].1),
            ("revenue", &lost[1].1),
            ("per", per),
        ])
    };
    html! {
        <p id="capacity-verdict" class={classes!(capacity.over_capacity().then_some("warning"))}
            data-bottleneck={role.name.clone()}>
            { text }
            <span class="visually-hidden" data-kpi="capacity_customers_lost" data-value={format::machine(Some(capacity.customers_lost))}></span>
            <span class="visually-hidden" data-kpi="capacity_revenue_lost" data-value={format::machine(Some(capacity.revenue_lost))}></span>
        </p>
    }
}

/// The editable table of roles with each one's load.
fn team_table(
    editor: &Editor,
    team: &Team,
    capacity: &CapacityResult,
    on_edit: &Callback<TeamEdit>,
) -> Html {
    let scenario = editor.scenario();
    let drafts = editor.team();
    let rows = team.roles.iter().enumerate().map(|(i, role)| {
        let name = role.name.as_str();
        let of = |what: &str| CapacityPanelText::CellOf.fill(&[("what", what), ("name", name)]);
        let cell = |field: TeamField, what: &str, unit: &'static str| {
            let on_text = on_edit.reform(move |text: String| TeamEdit::Text(field, text));
            html! {
                <TextField id={field.key()} label={of(what)} unit={unit} compact=true
                    text={drafts.text(team, field)} error={drafts.error(field).map(|e| e.to_string())} {on_text} />
            }
        };
        let on_stage = on_edit.reform(move |e: Event| {
            TeamEdit::Stage(i, select_value(&e).parse().unwrap_or(usize::MAX))
        });
        let on_ramp = on_edit.reform(move |key: String| {
            TeamEdit::Ramp(i, Ramp::from_key(&key).unwrap_or_default())
        });
        let load = capacity.roles.iter().find(|l| l.name == role.name);
        let figure = |value: Option<f64>, formatter: fn(f64) -> String, key: &str| {
            html! {
                <td data-role-figure={key.to_owned()} data-value={format::machine(value)}>{ format::or_na(value, formatter) }</td>
            }
        };
        let remove = on_edit.reform(move |_: MouseEvent| TeamEdit::Remove(i));
        let stage_id = format!("tm-stage-{i}");
        html! {
            <tr key={i} data-role={i.to_string()}>
                <th scope="row">{ cell(TeamField::Name(i), CapacityPanelText::Role.text(), "") }</th>
                <td>
                    <label for={stage_id.clone()} class="visually-hidden">{ of(CapacityPanelText::Stage.text()) }</label>
                    <select id={stage_id} onchange={on_stage}>
                        { for scenario.stages.iter().enumerate().map(|(s, stage)| html! {
                            <option value={s.to_string()} selected={s == role.stage}>{ stage.name.clone() }</option>
                        }) }
                    </select>
                </td>
                <td>{ cell(TeamField::Headcount(i), CapacityPanelText::People.text(), "") }</td>
                <td>{ cell(TeamField::PerPerson(i), CapacityPanelText::PerPerson.text(), "") }</td>
                <td>{ cell(TeamField::RampMonths(i), CapacityPanelText::RampMonths.text(), "") }</td>
                <td>
                    <SelectField id={format!("tm-curve-{i}")} label={of(CapacityPanelText::Ramp.text())} compact=true
                        options={vec![
                            (Ramp::Linear.key(), CapacityPanelText::Linear.text()),
                            (Ramp::Step.key(), CapacityPanelText::Step.text()),
                        ]}
                        selected={role.ramp.key()} on_change={on_ramp} />
                </td>
                <td>{ cell(TeamField::Attrition(i), CapacityPanelText::Attrition.text(), "%") }</td>
                { figure(load.map(|l| l.demand), format::count, "demand") }
                { figure(load.map(|l| l.capacity), format::count, "capacity") }
                { figure(load.and_then(|l| l.utilisation), format::percent, "utilisation") }
                { figure(load.map(|l| l.unworked), format::count, "unworked") }
                { figure(load.and_then(|l| l.required_headcount), format::count, "needed") }
                <td class="row-actions">
                    <button type="button" class="icon" id={format!("tm-remove-{i}")} onclick={remove}
                        aria-label={CapacityPanelText::Remove.fill(&[("name", name)])}>{ "−" }</button>
                </td>
            </tr>
        }
    });
    let add = on_edit.reform(|_: MouseEvent| TeamEdit::Add);
    html! {
        <>
            <div class="table-scroll">
                <table id="team-table" data-table="team" class="data-table team-inputs">
                    { column_headers(&[
                        CapacityPanelText::Role.text(),
                        CapacityPanelText::Stage.text(),
                        CapacityPanelText::People.text(),
                        CapacityPanelText::PerPerson.text(),
                        CapacityPanelText::RampMonths.text(),
                        CapacityPanelText::Ramp.text(),
                        CapacityPanelText::Attrition.text(),
                        CapacityPanelText::Demand.text(),
                        CapacityPanelText::Capacity.text(),
                        CapacityPanelText::Load.text(),
                        CapacityPanelText::Unworked.text(),
                        CapacityPanelText::Needed.text(),
                        CapacityPanelText::Actions.text(),
                    ]) }
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <button id="team-add" type="button" class="secondary" onclick={add} disabled={team.roles.len() >= MAX_ROLES}>{ CapacityPanelText::Add.text() }</button>
            if let Some(refusal) = drafts.refused_add() {
                <p class="field-error" role="alert">{ refusal }</p>
            }
        </>
    }
}
