//! The inputs form: the benchmark segment (chosen, cleared, or a preset started), funnel
//! stages (rename, add, remove) each rate with its benchmark marker, economics and the
//! revenue target.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::{self, currency_symbol};
use crate::model::funnel::benchmarks::{self, Segment};
use crate::model::funnel::channels::Entry;
use crate::model::funnel::forward::evaluate;
use crate::model::funnel::scenario::{MAX_STAGES, MIN_STAGES};
use crate::model::{Edit, Editor, FieldId, LtvMode, Period, SpendMode};
use crate::ui::fields::{input_value, number_props, NumberField, SelectField};
use crate::ui::locale::use_locale;

crate::texts! {
    /// The inputs form.
    enum InputsText {
        TopLabel => "{stage} {per}", "{stage} {per}";
        RateLabel => "Conversion rate into {stage} (%)", "Taux de conversion vers {stage} (%)";
        TopRole => "top of funnel, count", "haut de l'entonnoir, volume";
        RateRole => "conversion from {stage}", "conversion depuis {stage}";
        StageRole => "Stage {n} · {role}", "Étape {n} · {role}";
        InsertTitle => "Insert a stage below", "Insérer une étape en dessous";
        InsertAfter => "Insert a stage after {stage}", "Insérer une étape après {stage}";
        RemoveTitle => "Remove this stage", "Supprimer cette étape";
        RemoveStage => "Remove stage {stage}", "Supprimer l'étape {stage}";
        SpendPer => "Marketing spend {per}", "Dépenses marketing {per}";
        SpendPctRevenue => "Marketing spend, % of revenue", "Dépenses marketing, en % du chiffre d'affaires";
        SpendPctLtv => "Marketing spend, % of customers' LTV", "Dépenses marketing, en % de la LTV des clients";
        FormLabel => "Scenario inputs", "Données du scénario";
        Funnel => "Funnel", "Entonnoir";
        Period => "Numbers are counted", "Les chiffres sont comptés";
        AddStage => "Add a stage at the end", "Ajouter une étape à la fin";
        StagesHint => "Stage 2 counts as the lead stage (cost per lead, value of a lead); the last stage counts as customers. A new stage converts 100 % until you set its rate; removing a stage merges its rate into the next one.",
            "L'étape 2 est celle des leads (coût par lead, valeur d'un lead) ; la dernière étape est celle des clients. Une nouvelle étape convertit à 100\u{a0}% tant que vous n'avez pas saisi son taux ; supprimer une étape reporte son taux sur la suivante.";
        Economics => "Economics", "Données économiques";
        Basket => "Average basket (first purchase, excl. tax)", "Panier moyen (premier achat, HT)";
        Margin => "Gross margin", "Marge brute";
        LtvMode => "Customer lifetime value (LTV)", "Valeur vie client (LTV)";
        LtvDerived => "Derived from basket, purchases and margin", "Calculée à partir du panier, des achats et de la marge";
        LtvDirect => "Entered directly", "Saisie directement";
        Purchases => "Purchases per customer per year", "Achats par client et par an";
        PerYearUnit => "/ year", "/ an";
        Lifetime => "Customer lifetime", "Durée de vie client";
        YearsUnit => "years", "ans";
        LtvHint => "LTV = basket × purchases per year × lifetime × gross margin.",
            "LTV = panier × achats par an × durée de vie × marge brute.";
        Ltv => "LTV of one customer (excl. tax)", "LTV d'un client (HT)";
        PurchasesPayback => "Purchases per customer per year (for payback)",
            "Achats par client et par an (pour le délai de récupération)";
        SpendMode => "Marketing spend is given as", "Les dépenses marketing sont saisies comme";
        Amount => "An amount", "Un montant";
        PctRevenue => "A % of revenue", "Un % du chiffre d'affaires";
        PctLtv => "A % of customers' LTV", "Un % de la LTV des clients";
        Target => "Target", "Objectif";
        TopFromChannels => "{count} {per}, from the channels", "{count} {per}, des canaux";
        TopNotCounted => "Not counted: channels bring {stage}", "Non compté : canaux → {stage}";
        SpendFromChannels => "Spend {per}: {spend}, from the channels",
            "Dépense {per} : {spend}, des canaux";
        TargetPer => "Revenue target {per}", "Objectif de chiffre d'affaires {per}";
        Benchmarks => "Benchmarks", "Repères";
        Segment => "Compare the rates with", "Comparer les taux avec";
        NoSegment => "No benchmark", "Aucun repère";
        StartPreset => "New scenario from the {segment} preset", "Nouveau scénario depuis le préréglage {segment}";
        BenchmarksHint => "Each rate is placed in the segment's published band (low, median or average, high; sources: {sources}, listed in the README). A step is compared when its two stages bear the preset's names, in English or French. The preset starts a new scenario with those stages at the medians.",
            "Chaque taux est situé dans la fourchette publiée du segment (bas, médiane ou moyenne, haut ; sources : {sources}, citées dans le README). Un passage est comparé quand ses deux étapes portent les noms du préréglage, en anglais ou en français. Le préréglage ouvre un nouveau scénario avec ces étapes aux médianes.";
    }
}

#[derive(Properties, PartialEq)]
pub struct InputsFormProps {
    pub editor: Rc<Editor>,
    pub on_edit: Callback<Edit>,
    /// Starts a new scenario from a segment's preset.
    pub on_preset: Callback<Segment>,
}

/// Every input of the scenario.
#[component]
pub fn InputsForm(props: &InputsFormProps) -> Html {
    let _locale = use_locale();
    let editor = &props.editor;
    let scenario = editor.scenario();
    let per = scenario.period.per_label();
    let on_number = props
        .on_edit
        .reform(|(field, text): (FieldId, String)| Edit::Number(field, text));
    let number = |field, label: &str, unit: &str| {
        number_props(editor.funnel(), field, label, unit, &on_number)
    };

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
    let segment = scenario.segment;
    let bands = segment.map(|segment| benchmarks::bands_of(segment, &scenario.stages));
    let on_segment = props
        .on_edit
        .reform(|key: String| Edit::Segment(Segment::from_key(&key)));
    let start_preset = segment.map(|segment| {
        let on_preset = props.on_preset.clone();
        Callback::from(move |_| on_preset.emit(segment))
    });

    let stage_rows = scenario.stages.iter().enumerate().map(|(i, stage)| {
        let name_field = FieldId::StageName(i);
        let name_id = crate::ui::fields::input_id(name_field);
        let name_error = editor.error(name_field).map(|e| e.kind.to_string());
        let on_name = {
            let on_edit = props.on_edit.clone();
            Callback::from(move |e: InputEvent| on_edit.emit(Edit::StageName(i, input_value(&e))))
        };
        let from_channels = (i == 0).then(|| scenario.mix()).flatten().map(|mix| {
            let text = match mix.entry {
                Entry::Top => InputsText::TopFromChannels.fill(&[
                    ("count", &format::count(evaluate(scenario).stages[0].count.unwrap_or(0.0))),
                    ("per", per),
                ]),
                Entry::Leads => InputsText::TopNotCounted.fill(&[(
                    "stage",
                    &scenario.stages.get(1).map_or_else(String::new, |s| s.name.to_lowercase()),
                )]),
            };
            html! { <p id="top-from-channels" class="from-channels">{ text }</p> }
        });
        let value_props = if i == 0 {
            NumberFieldProps {
                compact: true,
                ..number(
                    FieldId::Top,
                    &InputsText::TopLabel.fill(&[("stage", &editor.text(name_field)), ("per", per)]),
                    per,
                )
            }
        } else {
            NumberFieldProps {
                compact: true,
                slider: Some(stage.value),
                described_by: segment.map(|_| AttrValue::from(format!("benchmark-{i}"))),
                ..number(
                    FieldId::StageRate(i),
                    &InputsText::RateLabel.fill(&[("stage", &stage.name)]),
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
        let marker = segment.filter(|_| i > 0).map(|segment| {
            let band = bands.as_ref().and_then(|b| b.get(i).copied().flatten());
            let (text, at) = match band {
                Some(band) => (
                    benchmarks::marker_text(segment, band, stage.value),
                    benchmarks::position(band, stage.value).key(),
                ),
                None => (benchmarks::no_band_text(segment), "none"),
            };
            html! { <p id={format!("benchmark-{i}")} class="benchmark-marker" data-position={at} aria-live="polite">{ text }</p> }
        });
        let role = if i == 0 {
            InputsText::TopRole.text().to_owned()
        } else {
            InputsText::RateRole.fill(&[("stage", &scenario.stages[i - 1].name)])
        };
        html! {
            <li class="stage-row" key={i}>
                <div class={classes!("field", "stage-name", name_error.is_some().then_some("invalid"))}>
                    <label for={name_id.clone()} class="stage-role">{ InputsText::StageRole.fill(&[("n", &(i + 1).to_string()), ("role", &role)]) }</label>
                    <input id={name_id.clone()} type="text" value={editor.text(name_field)} maxlength="60"
                        oninput={on_name} aria-invalid={name_error.is_some().then_some("true")}
                        aria-describedby={name_error.as_ref().map(|_| format!("{name_id}-error"))} />
                    if let Some(error) = name_error {
                        <p id={format!("{name_id}-error")} class="field-error" role="alert">{ error }</p>
                    }
                </div>
                if let Some(from_channels) = from_channels {
                    { from_channels }
                } else {
                    <NumberField ..value_props />
                }
                { for marker }
                <div class="stage-actions">
                    if i + 1 < stage_count && stage_count < MAX_STAGES {
                        <button type="button" class="icon" id={format!("insert-stage-{}", i + 1)} onclick={insert}
                            title={InputsText::InsertTitle.text()} aria-label={InputsText::InsertAfter.fill(&[("stage", &stage.name)])}>{ "+" }</button>
                    }
                    if stage_count > MIN_STAGES {
                        <button type="button" class="icon" id={format!("remove-stage-{i}")} onclick={remove}
                            title={InputsText::RemoveTitle.text()} aria-label={InputsText::RemoveStage.fill(&[("stage", &stage.name)])}>{ "−" }</button>
                    }
                </div>
            </li>
        }
    });

    let ltv_derived = scenario.ltv_mode == LtvMode::Derived;
    let spend_field = match scenario.spend_mode {
        SpendMode::Amount => number(
            FieldId::Spend,
            &InputsText::SpendPer.fill(&[("per", per)]),
            currency_symbol(),
        ),
        SpendMode::PctRevenue => number(FieldId::SpendPct, InputsText::SpendPctRevenue.text(), "%"),
        SpendMode::PctLtv => number(FieldId::SpendPct, InputsText::SpendPctLtv.text(), "%"),
    };
    html! {
        <form class="inputs panel" aria-label={InputsText::FormLabel.text()} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class={classes!("benchmarks", segment.is_none().then_some("no-segment"))}>
                <legend>{ InputsText::Benchmarks.text() }</legend>
                <SelectField id="field-segment" label={InputsText::Segment.text()}
                    options={std::iter::once(("", InputsText::NoSegment.text()))
                        .chain(Segment::ALL.iter().map(|s| (s.key(), s.label())))
                        .collect::<Vec<_>>()}
                    selected={segment.map_or("", Segment::key)} on_change={on_segment} />
                if let (Some(segment), Some(start)) = (segment, start_preset) {
                    <button id="start-preset" type="button" class="secondary" onclick={start}>
                        { InputsText::StartPreset.fill(&[("segment", segment.label())]) }</button>
                    <p class="hint">{ InputsText::BenchmarksHint.fill(&[("sources", segment.sources())]) }</p>
                }
            </fieldset>
            <fieldset>
                <legend>{ InputsText::Funnel.text() }</legend>
                <SelectField id="field-period" label={InputsText::Period.text()}
                    options={Period::ALL.iter().map(|p| (p.key(), p.per_label())).collect::<Vec<_>>()}
                    selected={scenario.period.key()} on_change={on_period} />
                <ol class="stages">{ for stage_rows }</ol>
                <button id="add-stage" type="button" class="secondary" onclick={add_stage}
                    disabled={stage_count >= MAX_STAGES}>{ InputsText::AddStage.text() }</button>
                if let Some(notice) = notice {
                    <p class="field-error" role="alert">{ notice }</p>
                }
                <p class="hint">{ InputsText::StagesHint.text() }</p>
            </fieldset>
            <fieldset>
                <legend>{ InputsText::Economics.text() }</legend>
                <NumberField ..number(FieldId::Basket, InputsText::Basket.text(), currency_symbol()) />
                <NumberField ..number(FieldId::Margin, InputsText::Margin.text(), "%") />
                <SelectField id="field-ltv-mode" label={InputsText::LtvMode.text()}
                    options={vec![("derived", InputsText::LtvDerived.text()), ("direct", InputsText::LtvDirect.text())]}
                    selected={scenario.ltv_mode.key()} on_change={on_ltv_mode} />
                if ltv_derived {
                    <NumberField ..number(FieldId::Purchases, InputsText::Purchases.text(), InputsText::PerYearUnit.text()) />
                    <NumberField ..number(FieldId::Lifetime, InputsText::Lifetime.text(), InputsText::YearsUnit.text()) />
                    <p class="hint">{ InputsText::LtvHint.text() }</p>
                } else {
                    <NumberField ..number(FieldId::Ltv, InputsText::Ltv.text(), currency_symbol()) />
                    <NumberField ..number(FieldId::Purchases, InputsText::PurchasesPayback.text(), InputsText::PerYearUnit.text()) />
                }
                if let Some(mix) = scenario.mix() {
                    <p id="spend-from-channels" class="from-channels">{ InputsText::SpendFromChannels.fill(&[("per", per), ("spend", &format::money(mix.spend()))]) }</p>
                } else {
                    <SelectField id="field-spend-mode" label={InputsText::SpendMode.text()}
                        options={vec![("amount", InputsText::Amount.text()), ("pct_revenue", InputsText::PctRevenue.text()), ("pct_ltv", InputsText::PctLtv.text())]}
                        selected={scenario.spend_mode.key()} on_change={on_spend_mode} />
                    <NumberField ..spend_field />
                }
            </fieldset>
            <fieldset>
                <legend>{ InputsText::Target.text() }</legend>
                <NumberField ..number(FieldId::Target, &InputsText::TargetPer.fill(&[("per", per)]), currency_symbol()) />
            </fieldset>
        </form>
    }
}

use crate::ui::fields::NumberFieldProps;
