//! The Channels panel of the Model view: the table to plan the spend by channel (add,
//! rename, remove, reorder, each one's curve and conversion), each channel's funnel and next
//! euro, the best split with its Apply button, each response curve, and what each channel
//! must bring for the target; every chart with its table.

use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;

use super::channel_charts::ChannelChart;
use crate::model::format::{self, machine, or_na};
use crate::model::funnel::channels::{
    Channel, ChannelMix, ChannelNeed, Conversion, Entry, Objective, MAX_CHANNELS,
};
use crate::model::funnel::channels_edit::{ChannelEdit, ChannelField, ConversionKind, CurveKind};
use crate::model::workbench::channel_plan::{
    objective_noun, objective_text, ChannelPlan, MARGINAL_STEP,
};
use crate::model::{Analysis, Edit, Editor};
use crate::ui::chart::ChartOf;
use crate::ui::fields::{input_value, select_value, SelectField};
use crate::ui::funnel::results::column_headers;
use crate::ui::locale::use_locale;
use crate::ui::state::Action;

crate::texts! {
    /// The Channels panel.
    pub(crate) enum ChannelsText {
        Heading => "Channels", "Canaux";
        Intro => "Plan the spend by channel: each channel's spend, the leads it brings (at a cost per lead, a count, or with diminishing returns) and how they convert. The funnel, every tab and the link then use the channels' sums, and the best split of the budget is shown.",
            "Planifiez la dépense par canal : la dépense de chaque canal, les leads qu'il apporte (à un coût par lead, en volume fixe ou avec des rendements décroissants) et leur conversion. L'entonnoir, chaque onglet et le lien utilisent alors les sommes des canaux, et la meilleure répartition du budget est affichée.";
        Start => "Plan by channel", "Planifier par canal";
        Stop => "Stop planning by channel", "Ne plus planifier par canal";
        StopHint => "Without channels, the funnel goes back to its own top count and spend.",
            "Sans canaux, l'entonnoir revient à son propre volume d'entrée et à sa propre dépense.";
        Entry => "The channels bring", "Les canaux apportent";
        EntryTop => "{stage} (top of the funnel, converted by each channel's first rate)",
            "{stage} (le haut de l'entonnoir, converti par le premier taux de chaque canal)";
        EntryLeads => "{stage} (straight into the lead stage; {top} is not counted)",
            "{stage} (directement à l'étape des leads ; {top} n'est pas compté)";
        Objective => "The best split maximises", "La meilleure répartition maximise";
        Name => "Channel", "Canal";
        Spend => "Spend {per}", "Dépense {per}";
        Curve => "Volume from spend", "Volume selon la dépense";
        Conversion => "Conversion", "Conversion";
        Bounds => "Min / max spend", "Dépense min. / max.";
        Actions => "Order", "Ordre";
        Linear => "A cost per unit", "Un coût unitaire";
        Count => "A fixed count", "Un volume fixe";
        Saturating => "Saturating", "Saturant";
        Power => "Power law", "Loi de puissance";
        CostPer => "Cost per {unit}", "Coût par {unit}";
        Volume => "{unit} per period", "{unit} par période";
        Ceiling => "Ceiling", "Plafond";
        Scale => "Spend scale", "Échelle de dépense";
        Coefficient => "Coefficient", "Coefficient";
        Exponent => "Exponent (0.01 to 1)", "Exposant (0,01 à 1)";
        Funnel => "The funnel's rates", "Les taux de l'entonnoir";
        Quality => "A quality factor", "Un facteur de qualité";
        Own => "Its own rates", "Ses propres taux";
        Factor => "× first rate", "× premier taux";
        Rates => "Rates in %, / between", "Taux en %, séparés par /";
        NoMin => "no minimum", "pas de minimum";
        NoMax => "no maximum", "pas de maximum";
        Min => "Minimum spend of {name}", "Dépense minimale de {name}";
        Max => "Maximum spend of {name}", "Dépense maximale de {name}";
        CellOf => "{what} of {name}", "{what} de {name}";
        Up => "Move {name} up", "Monter {name}";
        Down => "Move {name} down", "Descendre {name}";
        Remove => "Remove {name}", "Supprimer {name}";
        Add => "Add a channel", "Ajouter un canal";
        CurvesHint => "How spend becomes volume. A cost per unit: volume = spend ÷ cost, every euro buys the same. A fixed count: the volume comes whatever the spend (organic search, referrals). Saturating: volume = ceiling × (1 − e^(−spend ÷ scale)); the first euros bring the most, spending the scale reaches 63 % of the ceiling. Power law: volume = coefficient × spend^exponent; doubling the spend multiplies the volume by 2^exponent. A quality factor multiplies the first rate after the entry (1.5: half again as likely to convert).",
            "Comment la dépense devient du volume. Un coût unitaire : volume = dépense ÷ coût, chaque euro rapporte autant. Un volume fixe : le volume vient quelle que soit la dépense (référencement naturel, recommandations). Saturant : volume = plafond × (1 − e^(−dépense ÷ échelle)) ; les premiers euros rapportent le plus, dépenser l'échelle atteint 63 % du plafond. Loi de puissance : volume = coefficient × dépense^exposant ; doubler la dépense multiplie le volume par 2^exposant. Un facteur de qualité multiplie le premier taux après l'entrée (1,5 : moitié plus de chances de convertir).";
        ResultsHeading => "The funnel by channel", "L'entonnoir par canal";
        ResultsCaption => "Each channel's funnel at its spend, the blended totals, and what the next {step} would buy",
            "L'entonnoir de chaque canal à sa dépense, les totaux du mix, et ce que rapporteraient les {step} suivants";
        Customers => "Customers", "Clients";
        CostPerStage => "Cost per {stage}", "Coût par {stage}";
        Cac => "CAC", "CAC";
        Revenue => "Revenue", "Chiffre d'affaires";
        Roi => "ROI on revenue", "ROI sur CA";
        RoiMargin => "ROI on margin", "ROI sur marge";
        LtvCac => "LTV:CAC", "LTV:CAC";
        Payback => "Payback", "Retour sur investissement";
        NextCac => "Next customer costs", "Client suivant coûte";
        NextRoi => "ROI of the next {step}", "ROI des {step} suivants";
        NextEuro => "The next {step} should go to {name}: a customer for every {cost} spent there.",
            "Les {step} suivants devraient aller à {name} : un client pour {cost} dépensés.";
        NoNextEuro => "No channel can take more spend that brings customers.",
            "Aucun canal ne peut recevoir plus de dépense qui apporte des clients.";
        BestHeading => "The best split of the budget", "La meilleure répartition du budget";
        BestSummary => "The same {budget}, split for the most {objective}: {gain} more {objective} than now.",
            "Le même budget de {budget}, réparti pour le plus de {objective} : {gain} de {objective} de plus qu'aujourd'hui.";
        AlreadyBest => "The split now is already the best for {objective}.",
            "La répartition actuelle est déjà la meilleure pour {objective}.";
        SameSplits => "Every channel's leads are worth the same basket, so the three aims give the same split.",
            "Les leads de tous les canaux valent le même panier : les trois objectifs donnent donc la même répartition.";
        BestCaption => "Spend now and at the best split, and what each channel brings then",
            "Dépense actuelle et dans la meilleure répartition, et ce que chaque canal apporte alors";
        Now => "Spend now", "Dépense actuelle";
        Best => "Best spend", "Meilleure dépense";
        Change => "Change", "Écart";
        CustomersNow => "Customers now", "Clients actuels";
        CustomersBest => "Customers at best", "Clients au mieux";
        Apply => "Apply the best split", "Appliquer la meilleure répartition";
        Total => "All channels", "Tous les canaux";
        CurveHeading => "Response curve", "Courbe de réponse";
        CurveOf => "Channel shown", "Canal affiché";
        CurveCaption => "{name}: the volume at its spend now and at the best split",
            "{name} : le volume à la dépense actuelle et dans la meilleure répartition";
        Point => "Point", "Point";
        SpendColumn => "Spend", "Dépense";
        VolumeColumn => "Volume", "Volume";
        PerStep => "Volume from the next {step}", "Volume des {step} suivants";
        NeedsHeading => "What each channel must bring for the target", "Ce que chaque canal doit apporter pour l'objectif";
        NeedsCaption => "For {target} of revenue: at the current mix (each channel keeps its share) and at the best mix (the smallest budget)",
            "Pour {target} de chiffre d'affaires : au mix actuel (chaque canal garde sa part) et au meilleur mix (le plus petit budget)";
        NeedsNow => "{unit} at the current mix", "{unit} au mix actuel";
        SpendNow => "Spend at the current mix", "Dépense au mix actuel";
        NeedsBest => "{unit} at the best mix", "{unit} au meilleur mix";
        SpendBest => "Spend at the best mix", "Dépense au meilleur mix";
        Unreachable => "out of reach", "hors d'atteinte";
        NoCustomers => "The mix brings no customer: nothing to scale to the target.",
            "Le mix n'apporte aucun client : rien à porter à l'objectif.";
        Applied => "Applied the best split: {gain} more {objective}.",
            "Meilleure répartition appliquée : {gain} de {objective} en plus.";
        PutBack => "Put the split back as it was.", "La répartition d'avant est rétablie.";
        Removed => "Removed the channel “{name}” (and its rows in the SLA, if any).",
            "Canal « {name} » retiré (ainsi que ses lignes dans le SLA, le cas échéant).";
        PutBackChannel => "The channel is back, as it was.", "Le canal est rétabli, tel qu'il était.";
    }
}

#[derive(Properties, PartialEq)]
pub struct ChannelsPanelProps {
    pub editor: Rc<Editor>,
    pub analysis: Rc<Analysis>,
    pub dispatch: Callback<Action>,
}

/// The Channels panel: an invitation to plan by channel, or the mix and its plan.
#[component]
pub fn ChannelsPanel(props: &ChannelsPanelProps) -> Html {
    let _locale = use_locale();
    let on_edit = props
        .dispatch
        .reform(|edit: ChannelEdit| Action::Edit(Edit::Channels(edit)));
    let scenario = props.editor.scenario();
    let (Some(mix), Some(plan), Some(shared)) = (
        scenario.mix(),
        props.analysis.channels.as_ref(),
        scenario.channels.clone(),
    ) else {
        let start = on_edit.reform(|_: MouseEvent| ChannelEdit::Start);
        return html! {
            <section class="panel channels-intro" aria-labelledby="channels-heading">
                <h2 id="channels-heading">{ ChannelsText::Heading.text() }</h2>
                <p class="hint">{ ChannelsText::Intro.text() }</p>
                <button id="channels-start" type="button" onclick={start}>{ ChannelsText::Start.text() }</button>
            </section>
        };
    };
    let stop = on_edit.reform(|_: MouseEvent| ChannelEdit::Stop);
    html! {
        <section class="panel channels" aria-labelledby="channels-heading">
            <h2 id="channels-heading">{ ChannelsText::Heading.text() }</h2>
            <MixTable editor={props.editor.clone()} on_edit={on_edit.clone()} />
            <p class="hint">{ ChannelsText::CurvesHint.text() }</p>
            <p>
                <button id="ch-stop" type="button" class="secondary" onclick={stop}>{ ChannelsText::Stop.text() }</button>
                <span class="hint">{ " " }{ ChannelsText::StopHint.text() }</span>
            </p>
            <h3>{ ChannelsText::ResultsHeading.text() }</h3>
            <ChartOf<ChannelChart> spec={ChannelChart::Mix(props.analysis.clone())} />
            { channel_results(props, mix, plan) }
            <BestSplit analysis={props.analysis.clone()} mix={shared.clone()} dispatch={props.dispatch.clone()} />
            <CurvePanel analysis={props.analysis.clone()} mix={shared} />
            { needs_table(props, mix, plan) }
        </section>
    }
}

/// The stage name a mix's volume is counted in ("Visitors" or "Leads").
fn entry_unit(editor: &Editor, entry: Entry) -> String {
    editor
        .scenario()
        .stages
        .get(entry.stage())
        .map_or_else(String::new, |s| s.name.clone())
}

#[derive(Properties, PartialEq)]
struct MixTableProps {
    editor: Rc<Editor>,
    on_edit: Callback<ChannelEdit>,
}

/// The editable table of channels.
#[component]
fn MixTable(props: &MixTableProps) -> Html {
    let editor = &props.editor;
    let scenario = editor.scenario();
    let Some(mix) = scenario.mix() else {
        return Html::default();
    };
    let drafts = editor.channels();
    let per = scenario.period.per_label();
    let stage_name = |i: usize| scenario.stages.get(i).map_or("", |s| s.name.as_str());
    let unit = format::singular(stage_name(mix.entry.stage()));
    let on_entry = props.on_edit.reform(|key: String| {
        ChannelEdit::Entry(if key == "top" {
            Entry::Top
        } else {
            Entry::Leads
        })
    });
    let on_objective = props.on_edit.reform(|key: String| {
        ChannelEdit::Objective(Objective::from_key(&key).unwrap_or_default())
    });
    let n = mix.channels.len();
    let rows = mix.channels.iter().enumerate().map(|(i, channel)| {
        let name = channel.name.as_str();
        let cell = |field: ChannelField, label: String| {
            let id = field.key();
            let placeholder = match field {
                ChannelField::MinSpend(_) => Some(ChannelsText::NoMin.text()),
                ChannelField::MaxSpend(_) => Some(ChannelsText::NoMax.text()),
                _ => None,
            };
            let error = drafts.error(field).map(|e| e.to_string());
            let on_input = props.on_edit.reform(move |e: InputEvent| ChannelEdit::Text(field, input_value(&e)));
            html! {
                <div class={classes!("cell", error.is_some().then_some("invalid"))}>
                    <input id={id.clone()} type="text" inputmode={(!matches!(field, ChannelField::Name(_))).then_some("decimal")}
                        autocomplete="off" spellcheck="false" value={drafts.text(mix, field)} oninput={on_input} {placeholder}
                        aria-label={label} aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={error.as_ref().map(|_| format!("{id}-error"))} />
                    if let Some(error) = error {
                        <p id={format!("{id}-error")} class="field-error" role="alert">{ error }</p>
                    }
                </div>
            }
        };
        let of = |what: &str| ChannelsText::CellOf.fill(&[("what", what), ("name", name)]);
        let kind = CurveKind::of(&channel.response);
        let on_curve = props.on_edit.reform(move |key: String| {
            ChannelEdit::Curve(i, CurveKind::from_key(&key).unwrap_or(CurveKind::Linear))
        });
        let conversion = ConversionKind::of(&channel.conversion);
        let on_conversion = props.on_edit.reform(move |key: String| {
            ChannelEdit::Conversion(i, ConversionKind::from_key(&key).unwrap_or(ConversionKind::Funnel))
        });
        let (label_a, label_b) = match kind {
            CurveKind::Linear => (ChannelsText::CostPer.fill(&[("unit", &unit)]), None),
            CurveKind::Count => (ChannelsText::Volume.fill(&[("unit", stage_name(mix.entry.stage()))]), None),
            CurveKind::Saturating => (ChannelsText::Ceiling.text().to_owned(), Some(ChannelsText::Scale.text())),
            CurveKind::Power => (ChannelsText::Coefficient.text().to_owned(), Some(ChannelsText::Exponent.text())),
        };
        let move_to = |to: usize| props.on_edit.reform(move |_: MouseEvent| ChannelEdit::Move { from: i, to });
        let remove = props.on_edit.reform(move |_: MouseEvent| ChannelEdit::Remove(i));
        html! {
            <tr key={i} data-channel={i.to_string()}>
                <th scope="row">{ cell(ChannelField::Name(i), of(ChannelsText::Name.text())) }</th>
                <td>{ cell(ChannelField::Spend(i), of(&ChannelsText::Spend.fill(&[("per", per)]))) }</td>
                <td class="curve">
                    <SelectField id={format!("ch-curve-{i}")} label={of(ChannelsText::Curve.text())} compact=true
                        options={CurveKind::ALL.iter().map(|k| (k.key(), curve_label(*k))).collect::<Vec<_>>()}
                        selected={kind.key()} on_change={on_curve} />
                    <label class="cell-label" for={ChannelField::CurveA(i).key()}>{ &label_a }</label>
                    { cell(ChannelField::CurveA(i), of(&label_a)) }
                    if let Some(label_b) = label_b {
                        <label class="cell-label" for={ChannelField::CurveB(i).key()}>{ label_b }</label>
                        { cell(ChannelField::CurveB(i), of(label_b)) }
                    }
                </td>
                <td class="conversion">
                    <SelectField id={format!("ch-conv-{i}")} label={of(ChannelsText::Conversion.text())} compact=true
                        options={ConversionKind::ALL.iter().map(|k| (k.key(), conversion_label(*k))).collect::<Vec<_>>()}
                        selected={conversion.key()} on_change={on_conversion} />
                    { match &channel.conversion {
                        Conversion::Funnel => Html::default(),
                        Conversion::Quality { .. } => cell(ChannelField::Factor(i), of(ChannelsText::Factor.text())),
                        Conversion::Own { .. } => cell(ChannelField::Rates(i), of(ChannelsText::Rates.text())),
                    } }
                </td>
                <td class="bounds">
                    { cell(ChannelField::MinSpend(i), ChannelsText::Min.fill(&[("name", name)])) }
                    { cell(ChannelField::MaxSpend(i), ChannelsText::Max.fill(&[("name", name)])) }
                </td>
                <td class="row-actions">
                    <button type="button" class="icon" id={format!("ch-up-{i}")} disabled={i == 0}
                        onclick={move_to(i.saturating_sub(1))} aria-label={ChannelsText::Up.fill(&[("name", name)])}>{ "↑" }</button>
                    <button type="button" class="icon" id={format!("ch-down-{i}")} disabled={i + 1 >= n}
                        onclick={move_to((i + 1).min(n - 1))} aria-label={ChannelsText::Down.fill(&[("name", name)])}>{ "↓" }</button>
                    <button type="button" class="icon" id={format!("ch-remove-{i}")}
                        onclick={remove} aria-label={ChannelsText::Remove.fill(&[("name", name)])}>{ "−" }</button>
                </td>
            </tr>
        }
    });
    let add = props.on_edit.reform(|_: MouseEvent| ChannelEdit::Add);
    let top = stage_name(0).to_owned();
    let leads = stage_name(1).to_owned();
    html! {
        <>
            <div class="channel-settings">
                <div class="field">
                    <label for="ch-entry">{ ChannelsText::Entry.text() }</label>
                    <select id="ch-entry" onchange={Callback::from(move |e: Event| on_entry.emit(select_value(&e)))}>
                        <option value="top" selected={mix.entry == Entry::Top}>{ ChannelsText::EntryTop.fill(&[("stage", &top)]) }</option>
                        <option value="leads" selected={mix.entry == Entry::Leads}>{ ChannelsText::EntryLeads.fill(&[("stage", &leads), ("top", &top)]) }</option>
                    </select>
                </div>
                <SelectField id="ch-objective" label={ChannelsText::Objective.text()}
                    options={Objective::ALL.iter().map(|o| (o.key(), objective_noun(*o))).collect::<Vec<_>>()}
                    selected={mix.objective.key()} on_change={on_objective} />
            </div>
            <div class="table-scroll">
                <table data-table="channel-inputs" class="data-table channel-inputs">
                    { column_headers(&[
                        ChannelsText::Name.text(),
                        &ChannelsText::Spend.fill(&[("per", per)]),
                        ChannelsText::Curve.text(),
                        ChannelsText::Conversion.text(),
                        ChannelsText::Bounds.text(),
                        ChannelsText::Actions.text(),
                    ]) }
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <button id="ch-add" type="button" class="secondary" onclick={add} disabled={n >= MAX_CHANNELS}>{ ChannelsText::Add.text() }</button>
            if let Some(refusal) = drafts.refusal() {
                <p class="field-error" role="alert">{ refusal.to_string() }</p>
            }
        </>
    }
}

fn curve_label(kind: CurveKind) -> &'static str {
    match kind {
        CurveKind::Linear => ChannelsText::Linear,
        CurveKind::Count => ChannelsText::Count,
        CurveKind::Saturating => ChannelsText::Saturating,
        CurveKind::Power => ChannelsText::Power,
    }
    .text()
}

fn conversion_label(kind: ConversionKind) -> &'static str {
    match kind {
        ConversionKind::Funnel => ChannelsText::Funnel,
        ConversionKind::Quality => ChannelsText::Quality,
        ConversionKind::Own => ChannelsText::Own,
    }
    .text()
}

/// Each channel's funnel and next euro, and the blended totals (the mix chart's numbers).
fn channel_results(props: &ChannelsPanelProps, mix: &ChannelMix, plan: &ChannelPlan) -> Html {
    let scenario = props.editor.scenario();
    let step = format::money(MARGINAL_STEP);
    let entry = mix.entry.stage();
    let unit = entry_unit(&props.editor, mix.entry);
    let lead_stage = scenario.stages.get(1).map_or("", |s| s.name.as_str());
    let cost_per_lead =
        ChannelsText::CostPerStage.fill(&[("stage", &format::singular(lead_stage))]);
    let next_roi = ChannelsText::NextRoi.fill(&[("step", &step)]);
    let row = |i: Option<usize>, funnel: &crate::model::funnel::channels::ChannelFunnel| {
        let marginal = i.and_then(|i| plan.marginals.get(i));
        let r = &funnel.returns;
        let key = i.map_or_else(|| "all".to_owned(), |i| i.to_string());
        html! {
            <tr class={classes!(i.is_none().then_some("total"))} data-channel={key.clone()}>
                <th scope="row">{ &funnel.name }</th>
                <td>{ format::money(funnel.spend) }</td>
                <td data-kpi={format!("ch_volume_{key}")} data-value={machine(funnel.counts.get(entry).copied().flatten())}>
                    { or_na(funnel.counts.get(entry).copied().flatten(), format::count) }</td>
                <td data-kpi={format!("ch_customers_{key}")} data-value={machine(Some(funnel.customers))}>{ format::count(funnel.customers) }</td>
                <td>{ or_na(funnel.cost_per.get(1).copied().flatten(), format::money) }</td>
                <td data-kpi={format!("ch_cac_{key}")} data-value={machine(r.cac)}>{ or_na(r.cac, format::money) }</td>
                <td>{ format::money(r.revenue) }</td>
                <td>{ or_na(r.roi_revenue, format::percent) }</td>
                <td>{ or_na(r.roi_margin, format::percent) }</td>
                <td>{ or_na(r.ltv_cac, format::ratio) }</td>
                <td>{ or_na(r.payback_months, format::months) }</td>
                <td>{ marginal.map_or_else(|| "—".to_owned(), |m| or_na(m.cost_per_customer, format::money)) }</td>
                <td>{ marginal.map_or_else(|| "—".to_owned(), |m| or_na(m.roi_revenue, format::percent)) }</td>
            </tr>
        }
    };
    let next = match plan
        .next_euro
        .and_then(|i| Some((i, plan.marginals.get(i)?)))
    {
        Some((i, m)) => ChannelsText::NextEuro.fill(&[
            ("step", &step),
            ("name", &mix.channels[i].name),
            ("cost", &or_na(m.cost_per_customer, format::money)),
        ]),
        None => ChannelsText::NoNextEuro.text().to_owned(),
    };
    html! {
        <>
            <p class="next-euro" data-kpi="next_euro" data-value={machine(plan.next_euro.map(|i| i as f64))}>{ next }</p>
            <div class="table-scroll">
                <table data-table="channels" class="data-table">
                    <caption>{ ChannelsText::ResultsCaption.fill(&[("step", &step)]) }</caption>
                    { column_headers(&[
                        ChannelsText::Name.text(),
                        ChannelsText::SpendColumn.text(),
                        &unit,
                        ChannelsText::Customers.text(),
                        &cost_per_lead,
                        ChannelsText::Cac.text(),
                        ChannelsText::Revenue.text(),
                        ChannelsText::Roi.text(),
                        ChannelsText::RoiMargin.text(),
                        ChannelsText::LtvCac.text(),
                        ChannelsText::Payback.text(),
                        ChannelsText::NextCac.text(),
                        &next_roi,
                    ]) }
                    <tbody>
                        { for plan.now.channels.iter().enumerate().map(|(i, f)| row(Some(i), f)) }
                        { row(None, &plan.now.blended) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BestSplitProps {
    analysis: Rc<Analysis>,
    mix: Arc<ChannelMix>,
    dispatch: Callback<Action>,
}

/// The best split of the budget: sentence, chart, table and the Apply button.
#[component]
fn BestSplit(props: &BestSplitProps) -> Html {
    let Some(plan) = props.analysis.channels.as_ref() else {
        return Html::default();
    };
    let mix = &props.mix;
    let objective = mix.objective;
    let noun = objective_noun(objective);
    let best = match &plan.best {
        Ok(best) => best,
        Err(error) => {
            return html! {
                <>
                    <h3>{ ChannelsText::BestHeading.text() }</h3>
                    <p class="field-error" role="alert">{ error.to_string() }</p>
                </>
            }
        }
    };
    let gain = plan.gain(objective).unwrap_or(0.0);
    let moves = mix
        .channels
        .iter()
        .zip(&best.allocation.spends)
        .any(|(c, s)| (c.spend - s).abs() >= 0.5);
    let summary = if moves && gain > 0.0 {
        ChannelsText::BestSummary.fill(&[
            ("budget", &format::money(mix.spend())),
            ("objective", noun),
            ("gain", &objective_text(objective, gain)),
        ])
    } else {
        ChannelsText::AlreadyBest.fill(&[("objective", noun)])
    };
    let apply = {
        let dispatch = props.dispatch.clone();
        let spends = best.allocation.spends.clone();
        let before: Vec<f64> = mix.channels.iter().map(|c| c.spend).collect();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::ApplySplit {
                spends: spends.clone(),
                before: before.clone(),
                objective,
                gain,
            })
        })
    };
    let total_now = mix.spend();
    let total_best = best.allocation.total();
    html! {
        <>
            <h3>{ ChannelsText::BestHeading.text() }</h3>
            <p data-kpi="best_gain" data-value={machine(Some(gain))}>{ summary }</p>
            <p class="hint">{ ChannelsText::SameSplits.text() }</p>
            <ChartOf<ChannelChart> spec={ChannelChart::Allocation(props.analysis.clone(), props.mix.clone())} />
            <div class="table-scroll">
                <table data-table="allocation" class="data-table">
                    <caption>{ ChannelsText::BestCaption.text() }</caption>
                    { column_headers(&[
                        ChannelsText::Name.text(),
                        ChannelsText::Now.text(),
                        ChannelsText::Best.text(),
                        ChannelsText::Change.text(),
                        ChannelsText::CustomersNow.text(),
                        ChannelsText::CustomersBest.text(),
                    ]) }
                    <tbody>
                        { for mix.channels.iter().enumerate().map(|(i, channel)| {
                            let best_spend = best.allocation.spends.get(i).copied().unwrap_or(0.0);
                            let now = plan.now.channels.get(i).map_or(0.0, |f| f.customers);
                            let at_best = best.result.channels.get(i).map_or(0.0, |f| f.customers);
                            html! {
                                <tr key={i}>
                                    <th scope="row">{ &channel.name }</th>
                                    <td>{ format::money(channel.spend) }</td>
                                    <td data-kpi={format!("best_spend_{i}")} data-value={machine(Some(best_spend))}>{ format::money(best_spend) }</td>
                                    <td>{ format::money(best_spend - channel.spend) }</td>
                                    <td>{ format::count(now) }</td>
                                    <td>{ format::count(at_best) }</td>
                                </tr>
                            }
                        }) }
                        <tr class="total">
                            <th scope="row">{ ChannelsText::Total.text() }</th>
                            <td>{ format::money(total_now) }</td>
                            <td>{ format::money(total_best) }</td>
                            <td>{ format::money(total_best - total_now) }</td>
                            <td>{ format::count(plan.now.blended.customers) }</td>
                            <td>{ format::count(best.result.blended.customers) }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <button id="ch-apply" type="button" onclick={apply} disabled={!moves}>{ ChannelsText::Apply.text() }</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CurvePanelProps {
    analysis: Rc<Analysis>,
    mix: Arc<ChannelMix>,
}

/// One channel's response curve, chosen in a list, with its points in a table.
#[component]
fn CurvePanel(props: &CurvePanelProps) -> Html {
    let chosen = use_state(|| 0_usize);
    let n = props.mix.channels.len();
    let index = (*chosen).min(n.saturating_sub(1));
    let Some(channel) = props.mix.channels.get(index) else {
        return Html::default();
    };
    let best = props
        .analysis
        .channels
        .as_ref()
        .and_then(|p| p.best.as_ref().ok())
        .and_then(|b| b.allocation.spends.get(index).copied());
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(select_value(&e).parse().unwrap_or(0));
        })
    };
    let step = format::money(MARGINAL_STEP);
    let point = |label: &str, spend: f64| {
        let volume = channel.response.volume(spend);
        let next = channel.response.volume(spend + MARGINAL_STEP) - volume;
        html! {
            <tr>
                <th scope="row">{ label.to_owned() }</th>
                <td>{ format::money(spend) }</td>
                <td>{ format::count(volume) }</td>
                <td>{ format::count(next) }</td>
            </tr>
        }
    };
    html! {
        <>
            <h3>{ ChannelsText::CurveHeading.text() }</h3>
            <div class="field">
                <label for="ch-curve-channel">{ ChannelsText::CurveOf.text() }</label>
                <select id="ch-curve-channel" onchange={on_choose}>
                    { for props.mix.channels.iter().enumerate().map(|(i, c)| html! {
                        <option value={i.to_string()} selected={i == index}>{ &c.name }</option>
                    }) }
                </select>
            </div>
            <ChartOf<ChannelChart> spec={ChannelChart::Curve(props.analysis.clone(), props.mix.clone(), index)} />
            <table data-table="channel-curve" class="data-table">
                <caption>{ ChannelsText::CurveCaption.fill(&[("name", &channel.name)]) }</caption>
                { column_headers(&[
                    ChannelsText::Point.text(),
                    ChannelsText::SpendColumn.text(),
                    ChannelsText::VolumeColumn.text(),
                    &ChannelsText::PerStep.fill(&[("step", &step)]),
                ]) }
                <tbody>
                    { point(ChannelsText::Now.text(), channel.spend) }
                    if let Some(best) = best {
                        { point(ChannelsText::Best.text(), best) }
                    }
                </tbody>
            </table>
        </>
    }
}

/// What each channel must bring for the target, at the current and at the best mix.
fn needs_table(props: &ChannelsPanelProps, mix: &ChannelMix, plan: &ChannelPlan) -> Html {
    let scenario = props.editor.scenario();
    let unit = entry_unit(&props.editor, mix.entry);
    let Some(now) = &plan.needs_now else {
        return html! {
            <>
                <h3>{ ChannelsText::NeedsHeading.text() }</h3>
                <p class="hint">{ ChannelsText::NoCustomers.text() }</p>
            </>
        };
    };
    let best: Option<&Vec<ChannelNeed>> = plan.needs_best.as_ref().ok();
    let spend_text = |spend: Option<f64>| {
        spend.map_or_else(
            || ChannelsText::Unreachable.text().to_owned(),
            format::money,
        )
    };
    let total = |needs: &[ChannelNeed]| -> (f64, Option<f64>) {
        let volume = needs.iter().map(|n| n.volume).sum();
        let spend = needs.iter().map(|n| n.spend).sum::<Option<f64>>();
        (volume, spend)
    };
    let (now_volume, now_spend) = total(now);
    let best_total = best.map(|b| total(b));
    let channel_of = |i: usize| -> Option<&Channel> { mix.channels.get(i) };
    html! {
        <>
            <h3>{ ChannelsText::NeedsHeading.text() }</h3>
            if let Err(error) = &plan.needs_best {
                <p class="hint">{ error.to_string() }</p>
            }
            <div class="table-scroll">
                <table data-table="channel-needs" class="data-table">
                    <caption>{ ChannelsText::NeedsCaption.fill(&[("target", &format::money(scenario.target_revenue))]) }</caption>
                    { column_headers(&[
                        ChannelsText::Name.text(),
                        &ChannelsText::NeedsNow.fill(&[("unit", &unit)]),
                        ChannelsText::SpendNow.text(),
                        &ChannelsText::NeedsBest.fill(&[("unit", &unit)]),
                        ChannelsText::SpendBest.text(),
                    ]) }
                    <tbody>
                        { for now.iter().enumerate().map(|(i, need)| {
                            let at_best = best.and_then(|b| b.get(i));
                            html! {
                                <tr key={i}>
                                    <th scope="row">{ channel_of(i).map_or(need.name.as_str(), |c| c.name.as_str()) }</th>
                                    <td>{ format::count(need.volume) }</td>
                                    <td data-kpi={format!("need_spend_{i}")} data-value={machine(need.spend)}>{ spend_text(need.spend) }</td>
                                    <td>{ at_best.map_or_else(|| "—".to_owned(), |n| format::count(n.volume)) }</td>
                                    <td>{ at_best.map_or_else(|| "—".to_owned(), |n| spend_text(n.spend)) }</td>
                                </tr>
                            }
                        }) }
                        <tr class="total">
                            <th scope="row">{ ChannelsText::Total.text() }</th>
                            <td>{ format::count(now_volume) }</td>
                            <td>{ spend_text(now_spend) }</td>
                            <td>{ best_total.map_or_else(|| "—".to_owned(), |(v, _)| format::count(v)) }</td>
                            <td data-kpi="need_spend_best" data-value={machine(best_total.and_then(|(_, s)| s))}>
                                { best_total.map_or_else(|| "—".to_owned(), |(_, s)| spend_text(s)) }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </>
    }
}
