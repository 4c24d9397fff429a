//! The inputs form: funnel stages (rename, add, remove), economics and the revenue target.

use std::rc::Rc;

use yew::prelude::*;

use super::fields::{input_value, number_props, NumberField, SelectField};
use crate::model::scenario::{MAX_STAGES, MIN_STAGES};
use crate::model::{Edit, Editor, FieldId, LtvMode, Period, SpendMode};

#[derive(Properties, PartialEq)]
pub struct InputsFormProps {
    pub editor: Rc<Editor>,
    pub on_edit: Callback<Edit>,
}

/// Every input of the scenario.
#[component]
pub fn InputsForm(props: &InputsFormProps) -> Html {
    let editor = &props.editor;
    let scenario = editor.scenario();
    let per = scenario.period.per_label();
    let on_number = props
        .on_edit
        .reform(|(field, text): (FieldId, String)| Edit::Number(field, text));
    let number =
        |field, label: &str, unit: &str| number_props(editor, field, label, unit, &on_number);

    let on_period = props
        .on_edit
        .reform(|key: String| Edit::Period(Period::from_key(&key).unwrap_or(Period::Year)));
    let on_ltv_mode = props
        .on_edit
        .reform(|key: String| Edit::LtvMode(LtvMode::from_key(&key).unwrap_or(LtvMode::Derived)));
    let on_spend_mode = props.on_edit.reform(|key: String| {
        Edit::SpendMode(SpendMode::from_key(&key).unwrap_or(SpendMode::Amount))
    });
    let stage_count = scenario.stages.len();
    let add_stage = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_| on_edit.emit(Edit::InsertStage(stage_count)))
    };
    let notice = editor.notice().map(|n| n.kind.to_string());

    let stage_rows = scenario.stages.iter().enumerate().map(|(i, stage)| {
        let name_field = FieldId::StageName(i);
        let name_id = super::fields::input_id(name_field);
        let name_error = editor.error(name_field).map(|e| e.kind.to_string());
        let on_name = {
            let on_edit = props.on_edit.clone();
            Callback::from(move |e: InputEvent| on_edit.emit(Edit::StageName(i, input_value(&e))))
        };
        let value_props = if i == 0 {
            NumberFieldProps {
                compact: true,
                ..number(FieldId::Top, &format!("{} {per}", editor.text(name_field)), per)
            }
        } else {
            NumberFieldProps {
                compact: true,
                slider: Some(stage.value),
                ..number(
                    FieldId::StageRate(i),
                    &format!("Conversion rate into {} (%)", stage.name),
                    "%",
                )
            }
        };
        let remove = {
            let on_edit = props.on_edit.clone();
            Callback::from(move |_| on_edit.emit(Edit::RemoveStage(i)))
        };
        let insert = {
            let on_edit = props.on_edit.clone();
            Callback::from(move |_| on_edit.emit(Edit::InsertStage(i + 1)))
        };
        let role = if i == 0 {
            "top of funnel, count".to_owned()
        } else {
            format!("conversion from {}", scenario.stages[i - 1].name)
        };
        html! {
            <li class="stage-row" key={i}>
                <div class={classes!("field", "stage-name", name_error.is_some().then_some("invalid"))}>
                    <label for={name_id.clone()} class="stage-role">{ format!("Stage {} · {role}", i + 1) }</label>
                    <input id={name_id.clone()} type="text" value={editor.text(name_field)} maxlength="60"
                        oninput={on_name} aria-invalid={name_error.is_some().then_some("true")}
                        aria-describedby={name_error.as_ref().map(|_| format!("{name_id}-error"))} />
                    if let Some(error) = name_error {
                        <p id={format!("{name_id}-error")} class="field-error" role="alert">{ error }</p>
                    }
                </div>
                <NumberField ..value_props />
                <div class="stage-actions">
                    if i + 1 < stage_count && stage_count < MAX_STAGES {
                        <button type="button" class="icon" id={format!("insert-stage-{}", i + 1)} onclick={insert}
                            title="Insert a stage below" aria-label={format!("Insert a stage after {}", stage.name)}>{ "+" }</button>
                    }
                    if stage_count > MIN_STAGES {
                        <button type="button" class="icon" id={format!("remove-stage-{i}")} onclick={remove}
                            title="Remove this stage" aria-label={format!("Remove stage {}", stage.name)}>{ "−" }</button>
                    }
                </div>
            </li>
        }
    });

    let ltv_derived = scenario.ltv_mode == LtvMode::Derived;
    let spend_field = match scenario.spend_mode {
        SpendMode::Amount => number(FieldId::Spend, &format!("Marketing spend {per}"), "€"),
        SpendMode::PctRevenue => number(FieldId::SpendPct, "Marketing spend, % of revenue", "%"),
        SpendMode::PctLtv => number(
            FieldId::SpendPct,
            "Marketing spend, % of customers' LTV",
            "%",
        ),
    };
    html! {
        <form class="inputs panel" aria-label="Scenario inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ "Funnel" }</legend>
                <SelectField id="field-period" label="Numbers are counted"
                    options={Period::ALL.iter().map(|p| (p.key(), p.per_label())).collect::<Vec<_>>()}
                    selected={scenario.period.key()} on_change={on_period} />
                <ol class="stages">{ for stage_rows }</ol>
                <button id="add-stage" type="button" class="secondary" onclick={add_stage}
                    disabled={stage_count >= MAX_STAGES}>{ "Add a stage at the end" }</button>
                if let Some(notice) = notice {
                    <p class="field-error" role="alert">{ notice }</p>
                }
                <p class="hint">{ "Stage 2 counts as the lead stage (cost per lead, value of a lead); the last stage counts as customers. A new stage converts 100 % until you set its rate; removing a stage merges its rate into the next one." }</p>
            </fieldset>
            <fieldset>
                <legend>{ "Economics" }</legend>
                <NumberField ..number(FieldId::Basket, "Average basket (first purchase, excl. tax)", "€") />
                <NumberField ..number(FieldId::Margin, "Gross margin", "%") />
                <SelectField id="field-ltv-mode" label="Customer lifetime value (LTV)"
                    options={vec![("derived", "Derived from basket, purchases and margin"), ("direct", "Entered directly")]}
                    selected={scenario.ltv_mode.key()} on_change={on_ltv_mode} />
                if ltv_derived {
                    <NumberField ..number(FieldId::Purchases, "Purchases per customer per year", "/ year") />
                    <NumberField ..number(FieldId::Lifetime, "Customer lifetime", "years") />
                    <p class="hint">{ "LTV = basket × purchases per year × lifetime × gross margin." }</p>
                } else {
                    <NumberField ..number(FieldId::Ltv, "LTV of one customer (excl. tax)", "€") />
                    <NumberField ..number(FieldId::Purchases, "Purchases per customer per year (for payback)", "/ year") />
                }
                <SelectField id="field-spend-mode" label="Marketing spend is given as"
                    options={vec![("amount", "An amount"), ("pct_revenue", "A % of revenue"), ("pct_ltv", "A % of customers' LTV")]}
                    selected={scenario.spend_mode.key()} on_change={on_spend_mode} />
                <NumberField ..spend_field />
            </fieldset>
            <fieldset>
                <legend>{ "Target" }</legend>
                <NumberField ..number(FieldId::Target, &format!("Revenue target {per}"), "€") />
            </fieldset>
        </form>
    }
}

use super::fields::NumberFieldProps;
