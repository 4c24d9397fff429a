//! Form controls: a labelled number field with its error message (and any text outside it
//! that describes it), a rate with a slider, and a labelled select.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::locale::use_locale;
use crate::model::format;
use crate::model::funnel::editor::FunnelFields;
use crate::model::funnel::validate::{other_reading, NumberStyle};
use crate::model::FieldId;

crate::texts! {
    /// Form control texts.
    enum FieldsText {
        Slider => "{label} (slider)", "{label} (curseur)";
        ReadAs => "Read as {read}, not {other}.", "Lu comme {read}, et non {other}.";
    }
}

/// The DOM id of a field's input.
pub fn input_id(field: FieldId) -> String {
    format!("field-{}", field.key())
}

/// Reads the value of the `<input>` that fired an event.
pub fn input_value(event: &InputEvent) -> String {
    event.target_unchecked_into::<HtmlInputElement>().value()
}

/// Reads the value of the `<select>` that fired an event.
pub fn select_value(event: &Event) -> String {
    event.target_unchecked_into::<HtmlSelectElement>().value()
}

#[derive(Properties, PartialEq, Clone)]
pub struct NumberFieldProps {
    pub field: FieldId,
    pub label: AttrValue,
    /// Unit shown after the box ("%", "€", "per year" …).
    #[prop_or_default]
    pub unit: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub text: String,
    pub error: Option<String>,
    pub on_input: Callback<(FieldId, String)>,
    /// Hide the label visually (it stays for screen readers).
    #[prop_or_default]
    pub compact: bool,
    /// Also show a 0–100 slider (for rates).
    #[prop_or_default]
    pub slider: Option<f64>,
    /// The id of a text outside the field that also describes it (a rate's benchmark marker).
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
}

/// How the field's accepted text was read, when the other language's convention would
/// read it as another number ("120,000" in English: "Read as 120,000, not 120.").
fn reading_hint(editor: &FunnelFields, field: FieldId) -> Option<AttrValue> {
    if editor.error(field).is_some() {
        return None;
    }
    let (read, other) = other_reading(&editor.text(field), NumberStyle::in_use())?;
    Some(AttrValue::from(FieldsText::ReadAs.fill(&[
        ("read", &format::exact(read)),
        ("other", &format::exact(other)),
    ])))
}

/// The shared props for a numeric field of `editor`.
pub fn number_props(
    editor: &FunnelFields,
    field: FieldId,
    label: &str,
    unit: &str,
    on_input: &Callback<(FieldId, String)>,
) -> NumberFieldProps {
    NumberFieldProps {
        field,
        label: AttrValue::from(label.to_owned()),
        unit: AttrValue::from(unit.to_owned()),
        hint: reading_hint(editor, field),
        text: editor.text(field),
        error: editor.error(field).map(|e| e.kind.to_string()),
        on_input: on_input.clone(),
        compact: false,
        slider: None,
        described_by: None,
    }
}

/// A labelled text box for a number, with unit, optional slider and error message.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let _locale = use_locale();
    let id = input_id(props.field);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let field = props.field;
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| on_input.emit((field, input_value(&e))))
    };
    let described_by = [
        props.error.as_ref().map(|_| error_id.clone()),
        props.hint.as_ref().map(|_| hint_id.clone()),
        props.described_by.as_ref().map(|id| id.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let slider = props.slider.map(|value| {
        let slider_id = format!("field-stage-slider-{}", field.stage_index().unwrap_or(0));
        let on_input = props.on_input.clone();
        let oninput = Callback::from(move |e: InputEvent| on_input.emit((field, input_value(&e))));
        html! {
            <input id={slider_id} class="slider" type="range" min="0" max="100" step="0.1"
                value={value.to_string()} aria-label={FieldsText::Slider.fill(&[("label", &props.label)])} {oninput} />
        }
    });
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()} class={classes!(props.compact.then_some("visually-hidden"))}>{ &props.label }</label>
            <div class="field-control">
                <input id={id} type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                    value={props.text.clone()} {oninput}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={(!described_by.is_empty()).then_some(described_by)} />
                if !props.unit.is_empty() {
                    <span class="unit">{ &props.unit }</span>
                }
                { for slider }
            </div>
            if let Some(hint) = &props.hint {
                <p id={hint_id} class="hint">{ hint }</p>
            }
            if let Some(error) = &props.error {
                <p id={error_id} class="field-error" role="alert">{ error }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(&'static str, &'static str)>,
    pub selected: &'static str,
    pub on_change: Callback<String>,
    /// Hide the label visually (it stays for screen readers), as in a table cell.
    #[prop_or_default]
    pub compact: bool,
}

/// A labelled `<select>`.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let _locale = use_locale();
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| on_change.emit(select_value(&e)))
    };
    html! {
        <div class="field">
            <label for={props.id.clone()} class={classes!(props.compact.then_some("visually-hidden"))}>{ &props.label }</label>
            <div class="field-control">
                <select id={props.id.clone()} {onchange}>
                    { for props.options.iter().map(|(value, label)| html! {
                        <option value={*value} selected={*value == props.selected}>{ *label }</option>
                    }) }
                </select>
            </div>
        </div>
    }
}

/// `<option>`s for every metric, `selected` marked.
pub fn metric_options(selected: crate::model::Metric) -> Html {
    html! {
        { for crate::model::Metric::ALL.iter().map(|m| html! {
            <option value={m.key()} selected={*m == selected}>{ m.label() }</option>
        }) }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub unit: AttrValue,
    pub text: String,
    pub error: Option<String>,
    pub on_text: Callback<String>,
    /// Hide the label visually (it stays for screen readers), as in a table cell.
    #[prop_or_default]
    pub compact: bool,
}

/// A labelled text box for a number of any form (not a scenario field), with unit and
/// error message.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let _locale = use_locale();
    let error_id = format!("{}-error", props.id);
    let oninput = props.on_text.reform(|e: InputEvent| input_value(&e));
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()} class={classes!(props.compact.then_some("visually-hidden"))}>{ &props.label }</label>
            <div class="field-control">
                <input id={props.id.clone()} type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                    value={props.text.clone()} {oninput}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={props.error.is_some().then_some(error_id.clone())} />
                if !props.unit.is_empty() {
                    <span class="unit">{ &props.unit }</span>
                }
            </div>
            if let Some(error) = &props.error {
                <p id={error_id} class="field-error" role="alert">{ error }</p>
            }
        </div>
    }
}
