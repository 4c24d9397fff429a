//! The CRM import view: a CSV export dropped or picked, read in a worker with a progress bar
//! (UTF-8, or Windows-1252 as French Excel writes it: [`ImportJob`]), the column mapping to
//! correct, the alignment KPIs by channel, month and owner, "use as baseline", and the sales
//! side (stage times, stalled deals, pipeline by owner: [`SalesTimes`]). Nothing leaves the browser.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::crm_charts::CrmChart;
use crate::model::crm::import::{CrmData, CrmImportError};
use crate::model::crm::kpi::{
    baseline_scenario, group_label, read_spend, CrmKpis, Kpis, SalesChannels,
};
use crate::model::crm::map::{ColumnMapping, CrmField};
use crate::model::crm::parse::Lifecycle;
use crate::model::crm::transfer::{ImportFailure, ImportReply, ImportRequest};
use crate::model::drafts::Typed;
use crate::model::format;
use crate::model::funnel::validate::{ErrorKind, NumberStyle};
use crate::model::sales::pipeline::cycle_days;
use crate::ui::chart::ChartOf;
use crate::ui::crm::import_client::{self, ImportJob, RunsIn};
use crate::ui::crm::prefs;
use crate::ui::crm::sales_times::SalesTimes;
use crate::ui::locale::use_locale;
use crate::ui::persist::library_view::ViewProps;
use crate::ui::state::Action;

crate::texts! {
    /// The CRM import view.
    enum CrmText {
        Heading => "CRM export: the alignment KPIs from your actuals",
            "Export CRM : les KPI d'alignement tirés de vos données réelles";
        Hint => "Drop a CSV export of leads or deals (HubSpot, Salesforce, Pipedrive, a spreadsheet; comma, semicolon or tab; UTF-8 or Windows-1252). It is read in this browser and never uploaded.",
            "Déposez un export CSV de leads ou de transactions (HubSpot, Salesforce, Pipedrive, un tableur ; virgule, point-virgule ou tabulation ; UTF-8 ou Windows-1252). Il est lu dans ce navigateur et n'est jamais envoyé.";
        Choose => "Choose a CSV export…", "Choisir un export CSV…";
        OrDrop => " or drop it here; or try a sample export:",
            " ou déposez-le ici ; ou essayez un export d'exemple :";
        SampleEn => "HubSpot-style (English)", "Façon HubSpot (anglais)";
        SampleFr => "Excel (French)", "Excel (français)";
        TooBig => "This file is {size} MB: funnelsim reads exports up to {max} MB in the browser. Export a shorter period, or fewer columns.",
            "Ce fichier fait {size} Mo : funnelsim lit dans le navigateur les exports jusqu'à {max} Mo. Exportez une période plus courte, ou moins de colonnes.";
        Unreadable => "The file could not be read.", "Le fichier n'a pas pu être lu.";
        SampleFailed => "The sample file could not be loaded.",
            "Le fichier d'exemple n'a pas pu être chargé.";
        Reading => "Reading the export in this browser…", "Lecture de l'export dans ce navigateur…";
        NoWorker => "The file could not be read: the import could not start in this page. Reload it to try again.",
            "Le fichier n'a pas pu être lu : l'import n'a pas pu démarrer dans cette page. Rechargez-la pour réessayer.";
        Row => "row", "ligne";
        Rows => "rows", "lignes";
        Month => "month", "mois";
        Months => "months", "mois";
        ReadOver => "{rows} read over {months}", "{rows} lues sur {months}";
        ReadOverOne => "{rows} read over {months}", "{rows} lue sur {months}";
        Skipped => "; {n} skipped (below)", " ; {n} ignorées (voir ci-dessous)";
        SkippedOne => "; {n} skipped (below)", " ; {n} ignorée (voir ci-dessous)";
        NothingUploaded => ". Nothing was uploaded: the file was read in this browser.",
            ". Rien n'a été envoyé : le fichier a été lu dans ce navigateur.";
        BaselineChannels => "Type each channel's spend in the cost table below and the baseline is planned by channel: each channel brings its own leads at its own rates and cost per lead (a channel left blank brings its leads at no cost).",
            "Saisissez la dépense de chaque canal dans le tableau des coûts ci-dessous et la base est planifiée par canal : chaque canal apporte ses propres leads, à ses propres taux et coût par lead (un canal laissé vide apporte ses leads sans coût).";
        Baseline => "Use as baseline (a monthly scenario from these actuals)",
            "Utiliser comme base (un scénario mensuel tiré de ces données réelles)";
        FromCrm => "From the CRM export", "Depuis l'export CRM";
        ColumnMapping => "Column mapping", "Correspondance des colonnes";
        NumberStyle => "Amounts are written", "Les montants sont écrits";
        DotDecimal => "1,500.50 (decimal point)", "1,500.50 (point décimal)";
        CommaDecimal => "1 500,50 (decimal comma)", "1 500,50 (virgule décimale)";
        NoColumn => "(none)", "(aucune)";
        KpisByChannel => "KPIs by channel", "KPI par canal";
        KpisByMonth => "KPIs by month of creation", "KPI par mois de création";
        ByOwner => "Opportunities by owner (win rate)", "Opportunités par propriétaire (taux de closing)";
        RowsSkipped => "{n} rows skipped", "{n} lignes ignorées";
        RowsSkippedOne => "{n} rows skipped", "{n} ligne ignorée";
        Channel => "Channel", "Canal";
        MonthHeading => "Month", "Mois";
        Owner => "Owner", "Propriétaire";
        Accepted => "Accepted by sales", "Acceptés par les ventes";
        FollowedUp => "Followed up", "Suivis par les ventes";
        MarketingShare => "Marketing share of pipeline", "Part du marketing dans le pipeline";
        WinRate => "Win rate", "Taux de closing";
        ResponseMedian => "Response (median)", "Délai de réponse (médiane)";
        ResponseP90 => "Response (p90)", "Délai de réponse (p90)";
        Within30 => "Within 30 min", "Sous 30 min";
        Within24 => "Within 24 h", "Sous 24 h";
        Total => "Total", "Total";
        Minutes => "{n} min", "{n} min";
        Hours => "{n} h", "{n} h";
        Days => "{n} days", "{n} jours";
        CostsByChannel => "Cost per lead and per opportunity by channel: type each channel's spend over the export's period",
            "Coût par lead et par opportunité par canal : saisissez les dépenses de chaque canal sur la période de l'export";
        CostsByMonth => "Cost per lead and per opportunity by month: type each month's marketing spend",
            "Coût par lead et par opportunité par mois : saisissez les dépenses marketing de chaque mois";
        Spend => "Spend ({currency})", "Dépenses ({currency})";
        SpendOf => "Spend, {group}", "Dépenses, {group}";
        CostPerLead => "Cost per lead", "Coût par lead";
        CostPerOpportunity => "Cost per opportunity", "Coût par opportunité";
        AmountError => "Enter an amount of zero or more.", "Saisissez un montant positif ou nul.";
        SalesChannels => "Sales-sourced channels (their pipeline is not counted as marketing's)",
            "Canaux d'origine commerciale (leur pipeline n'est pas compté comme celui du marketing)";
    }
}

/// Largest export read (about 2.5 million rows, ten seconds): response times are kept per
/// group for exact medians, so memory still grows with the rows (20 MB for a million).
const MAX_FILE_BYTES: f64 = 200.0 * 1024.0 * 1024.0;
/// Where the last corrected mapping is remembered, with its header.
const MAPPING_KEY: &str = "funnelsim.crm.mapping";
/// Where the user's corrections of which channels are sales-sourced are remembered.
const SALES_CHANNELS_KEY: &str = "funnelsim.crm.sales-channels";

/// Progress and outcome of the import.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Reading { done: f64, total: f64 },
    Done(Rc<CrmData>, Rc<CrmKpis>, RunsIn),
    Failed(Failure),
}

/// Why nothing was imported (its message is written in the language shown).
#[derive(Clone, PartialEq)]
enum Failure {
    /// The file is larger than [`MAX_FILE_BYTES`]; its size in bytes.
    TooBig(f64),
    Unreadable,
    SampleFailed,
    /// The import's worker could not start or answer.
    NoWorker,
    Import(CrmImportError),
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::TooBig(bytes) => CrmText::TooBig.fill(&[
                ("size", &format::count((bytes / 1_048_576.0).round())),
                ("max", &format::count(MAX_FILE_BYTES / 1_048_576.0)),
            ]),
            Failure::Unreadable => CrmText::Unreadable.text().to_owned(),
            Failure::SampleFailed => CrmText::SampleFailed.text().to_owned(),
            Failure::NoWorker => CrmText::NoWorker.text().to_owned(),
            Failure::Import(error) => error.to_string(),
        }
    }
}

/// The last corrected mapping, with the header it was made for.
fn remembered_mapping() -> Option<(Vec<String>, ColumnMapping)> {
    prefs::read(MAPPING_KEY)
}

/// The remembered sales-sourced channels (the names' reading when none, or unreadable: the
/// unreadable text is kept aside before the next choice is remembered).
fn remembered_sales_channels() -> SalesChannels {
    prefs::read(SALES_CHANNELS_KEY).unwrap_or_else(SalesChannels::default)
}

/// Fetches a sample export shipped with the app (same origin, next to index.html).
async fn fetch_sample(path: &str) -> Option<web_sys::Blob> {
    use wasm_bindgen::JsCast;
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(path))
        .await
        .ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.blob().ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// Starts the import of `file` with the user's `mapping` and `number_style` (`None`:
/// detected from the file) in the import's worker, which reports to `status`; `None` when the
/// file is too large to read (`status` then says so).
fn read_file(
    file: web_sys::Blob,
    mapping: Option<ColumnMapping>,
    number_style: Option<NumberStyle>,
    status: UseStateHandle<Status>,
) -> Option<ImportJob> {
    let total = file.size();
    if total > MAX_FILE_BYTES {
        status.set(Status::Failed(Failure::TooBig(total)));
        return None;
    }
    status.set(Status::Reading { done: 0.0, total });
    let request = ImportRequest {
        lang: crate::model::i18n::lang(),
        mapping,
        number_style,
        remembered: remembered_mapping(),
    };
    let runs_in = std::rc::Rc::new(std::cell::Cell::new(RunsIn::Worker));
    let on_reply = {
        let runs_in = runs_in.clone();
        Rc::new(move |reply: ImportReply| match reply {
            ImportReply::Ready => {}
            ImportReply::Progress { done, total, .. } => status.set(Status::Reading {
                done: done as f64,
                total: total as f64,
            }),
            ImportReply::Done(mut data) => {
                let kpis = std::mem::take(&mut data.kpis);
                status.set(Status::Done(Rc::new(*data), Rc::new(kpis), runs_in.get()));
            }
            ImportReply::Failed(failure) => status.set(Status::Failed(match failure {
                ImportFailure::Unreadable => Failure::Unreadable,
                ImportFailure::BadRequest | ImportFailure::NoWorker => Failure::NoWorker,
                ImportFailure::Import(error) => Failure::Import(error),
            })),
        })
    };
    let job = ImportJob::start(file, request, on_reply);
    runs_in.set(job.runs_in());
    Some(job)
}

/// "8 rows read over 2 months".
fn read_over(rows: usize, months: usize) -> String {
    let text = if rows == 1 {
        CrmText::ReadOverOne
    } else {
        CrmText::ReadOver
    };
    text.fill(&[
        (
            "rows",
            &format::counted(rows, CrmText::Row.text(), CrmText::Rows.text()),
        ),
        (
            "months",
            &format::counted(months, CrmText::Month.text(), CrmText::Months.text()),
        ),
    ])
}

/// "; 1 skipped (below)", or nothing when no row was skipped.
fn skipped(n: usize) -> String {
    let text = match n {
        0 => return String::new(),
        1 => CrmText::SkippedOne,
        _ => CrmText::Skipped,
    };
    text.fill(&[("n", &format::count(n as f64))])
}

/// "3 rows skipped".
fn rows_skipped(n: usize) -> String {
    let text = if n == 1 {
        CrmText::RowsSkippedOne
    } else {
        CrmText::RowsSkipped
    };
    text.fill(&[("n", &format::count(n as f64))])
}

fn pct(value: Option<f64>) -> String {
    format::or_na(value, format::percent)
}

/// A duration for people: minutes, hours or days, as fits.
pub(super) fn duration(minutes: Option<f64>) -> String {
    format::or_na(minutes, |m| {
        let (text, n) = if m < 90.0 {
            (CrmText::Minutes, format::with_decimals(m, 0))
        } else if m < 48.0 * 60.0 {
            (CrmText::Hours, format::with_decimals(m / 60.0, 1))
        } else {
            (CrmText::Days, format::with_decimals(m / 1_440.0, 1))
        };
        text.fill(&[("n", &n)])
    })
}

/// One row of KPIs (`key` is the group, `label` its name for people).
fn kpi_row(label: &str, k: &Kpis, key: &str, sales: &SalesChannels) -> Html {
    let marketing_share = k.marketing_share_of_pipeline(sales);
    html! {
        <tr data-crm-row={key.to_owned()}>
            <th scope="row">{ label }</th>
            { for Lifecycle::ALL[1..].iter().enumerate().map(|(i, _)| html! { <td>{ format::count(k.reached[i + 1] as f64) }</td> }) }
            <td data-kpi-crm="sal" data-value={format::machine(k.sal_rate())}>{ pct(k.sal_rate()) }</td>
            <td data-kpi-crm="follow_up" data-value={format::machine(k.follow_up_rate())}>{ pct(k.follow_up_rate()) }</td>
            <td data-kpi-crm="marketing_share" data-value={format::machine(marketing_share)}>{ pct(marketing_share) }</td>
            <td data-kpi-crm="win_rate" data-value={format::machine(k.win_rate())}>{ pct(k.win_rate()) }</td>
            <td data-kpi-crm="response_median" data-value={format::machine(k.response_median())}>{ duration(k.response_median()) }</td>
            <td>{ duration(k.response_p90()) }</td>
            <td>{ pct(k.responded_within_30_minutes()) }</td>
            <td>{ pct(k.responded_within_24_hours()) }</td>
        </tr>
    }
}

fn kpi_table(
    id: &str,
    caption: &str,
    heading: &str,
    total: &Kpis,
    groups: &std::collections::BTreeMap<Rc<str>, Kpis>,
    sales: &SalesChannels,
) -> Html {
    let mut headers = vec![heading];
    headers.extend(Lifecycle::ALL[1..].iter().map(|stage| stage.label()));
    headers.extend(
        [
            CrmText::Accepted,
            CrmText::FollowedUp,
            CrmText::MarketingShare,
            CrmText::WinRate,
            CrmText::ResponseMedian,
            CrmText::ResponseP90,
            CrmText::Within30,
            CrmText::Within24,
        ]
        .map(CrmText::text),
    );
    html! {
        <div class="table-scroll">
            <table id={id.to_owned()} class="data-table" data-table={id.to_owned()}>
                <caption>{ caption }</caption>
                { crate::ui::funnel::results::column_headers(&headers) }
                <tbody>
                    { for groups.iter().map(|(name, k)| kpi_row(group_label(name), k, name, sales)) }
                    { kpi_row(CrmText::Total.text(), total, "total", sales) }
                </tbody>
            </table>
        </div>
    }
}

/// The groups a cost table divides spend over.
#[derive(Clone, Copy, PartialEq)]
enum CostGroups {
    Channel,
    Month,
}

impl CostGroups {
    fn id(self) -> &'static str {
        match self {
            CostGroups::Channel => "crm-costs",
            CostGroups::Month => "crm-costs-by-month",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            CostGroups::Channel => CrmText::Channel,
            CostGroups::Month => CrmText::MonthHeading,
        }
        .text()
    }

    fn caption(self) -> &'static str {
        match self {
            CostGroups::Channel => CrmText::CostsByChannel,
            CostGroups::Month => CrmText::CostsByMonth,
        }
        .text()
    }

    fn of(self, kpis: &CrmKpis) -> &std::collections::BTreeMap<Rc<str>, Kpis> {
        match self {
            CostGroups::Channel => &kpis.by_channel,
            CostGroups::Month => &kpis.by_month,
        }
    }
}

#[derive(Properties, PartialEq)]
struct CostTableProps {
    kpis: Rc<CrmKpis>,
    groups: CostGroups,
    /// Each group's spend as typed, with the last valid amount (kept by the view: the
    /// channels' spends also start the baseline's channels).
    typed: UseStateHandle<SpendsTyped>,
}

/// Cost per lead and per opportunity from the spend typed per channel or per month (bad
/// text shows its message and keeps the last good amount).
#[component]
fn CostTable(props: &CostTableProps) -> Html {
    let _locale = use_locale();
    let typed = &props.typed;
    let kpis = &props.kpis;
    let id = props.groups.id();
    let spends: std::collections::BTreeMap<&str, f64> = typed
        .iter()
        .filter_map(|(group, spend)| Some((group.as_str(), (*spend.value())?)))
        .collect();
    let groups = props.groups.of(kpis);
    // Only the spend of groups in this export counts (a re-mapped import may drop some).
    let total_spend: Option<f64> = groups
        .keys()
        .filter_map(|g| spends.get(&**g))
        .copied()
        .reduce(|a, b| a + b);
    let rows = groups.iter().enumerate().map(|(i, (group, k))| {
        let spend = spends.get(&**group).copied();
        let oninput = {
            let typed = typed.clone();
            let group = group.to_string();
            Callback::from(move |e: InputEvent| {
                let mut next = (*typed).clone();
                let text = e.target_unchecked_into::<HtmlInputElement>().value();
                next.entry(group.clone())
                    .or_insert_with(|| Typed::new("", None))
                    .retype(text, read_spend);
                typed.set(next);
            })
        };
        let input_id = format!("{id}-spend-{i}");
        let spend_typed = typed.get(&**group);
        let error = spend_typed
            .and_then(Typed::error)
            .map(|_| CrmText::AmountError.text());
        html! {
            <tr data-crm-cost={group.to_string()}>
                <th scope="row">{ group_label(group) }</th>
                <td>
                    <input id={input_id.clone()} type="text" inputmode="decimal" aria-label={CrmText::SpendOf.fill(&[("group", group_label(group))])}
                        value={spend_typed.map(|s| s.text().to_owned()).unwrap_or_default()} {oninput}
                        aria-invalid={error.map(|_| "true")} />
                    if let Some(error) = error {
                        <p id={format!("{input_id}-error")} class="field-error" role="alert">{ error }</p>
                    }
                </td>
                { cost_cells(k, spend) }
            </tr>
        }
    });
    let spend_header = CrmText::Spend.fill(&[("currency", format::currency_symbol())]);
    let headers = [
        props.groups.heading(),
        &spend_header,
        Lifecycle::Lead.label(),
        CrmText::CostPerLead.text(),
        Lifecycle::Opportunity.label(),
        CrmText::CostPerOpportunity.text(),
    ];
    html! {
        <div class="table-scroll">
            <table {id} class="data-table" data-table={id}>
                <caption>{ props.groups.caption() }</caption>
                { crate::ui::funnel::results::column_headers(&headers) }
                <tbody>
                    { for rows }
                    <tr data-crm-cost="total">
                        <th scope="row">{ CrmText::Total.text() }</th>
                        <td>{ total_spend.map(format::money).unwrap_or_default() }</td>
                        { cost_cells(&kpis.total, total_spend) }
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// Leads, cost per lead, opportunities and cost per opportunity of a group.
fn cost_cells(k: &Kpis, spend: Option<f64>) -> Html {
    let per_lead = spend.and_then(|s| k.cost_per_lead(s));
    let per_opportunity = spend.and_then(|s| k.cost_per_opportunity(s));
    html! {
        <>
            <td>{ format::count(k.reached[1] as f64) }</td>
            <td data-value={format::machine(per_lead)}>{ format::or_na(per_lead, format::money) }</td>
            <td>{ format::count(k.opportunities as f64) }</td>
            <td data-value={format::machine(per_opportunity)}>{ format::or_na(per_opportunity, format::money) }</td>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SalesChannelsProps {
    kpis: Rc<CrmKpis>,
    sales: SalesChannels,
    on_change: Callback<SalesChannels>,
}

/// Which channels are sales-sourced (their pipeline is not marketing's), one box per channel.
#[component]
fn SalesChannelsPicker(props: &SalesChannelsProps) -> Html {
    let _locale = use_locale();
    let boxes = props.kpis.by_channel.keys().enumerate().map(|(i, channel)| {
        let checked = props.sales.is_sales(channel);
        let onchange = {
            let sales = props.sales.clone();
            let on_change = props.on_change.clone();
            let channel = channel.clone();
            Callback::from(move |e: Event| {
                let mut next = sales.clone();
                next.set(&channel, e.target_unchecked_into::<HtmlInputElement>().checked());
                on_change.emit(next);
            })
        };
        let id = format!("crm-sales-{i}");
        html! {
            <label for={id.clone()} class="check">
                <input {id} type="checkbox" {checked} {onchange} data-channel={channel.to_string()} />
                { group_label(channel) }
            </label>
        }
    });
    html! {
        <fieldset id="crm-sales-channels" class="crm-sales-channels">
            <legend>{ CrmText::SalesChannels.text() }</legend>
            { for boxes }
        </fieldset>
    }
}

/// Starts reading a file, with the user's column mapping and number style when they chose
/// them (`None`: detected from the file).
/// The spend typed per group of a cost table, with the last valid amount of each.
type SpendsTyped = std::collections::BTreeMap<String, Typed<Option<f64>, ErrorKind>>;

type StartRead = Rc<dyn Fn(web_sys::Blob, Option<ColumnMapping>, Option<NumberStyle>)>;

/// The CRM import view.
#[component]
pub fn CrmView(props: &ViewProps) -> Html {
    let _locale = use_locale();
    let status = use_state(|| Status::Idle);
    let sales = use_state(remembered_sales_channels);
    // The spends typed per channel and per month over the export's period.
    let channel_spends = use_state(SpendsTyped::new);
    let month_spends = use_state(SpendsTyped::new);
    let file = use_mut_ref(|| None::<web_sys::Blob>);
    // The running import: replaced (so stopped) by the next file, dropped with the view.
    let job = use_mut_ref(|| None::<ImportJob>);
    // A worker waits for the first file while the tab is open (its wasm loaded ahead).
    use_effect_with((), |_| {
        import_client::prewarm();
        import_client::drop_spare
    });
    let start: StartRead = {
        let status = status.clone();
        let file = file.clone();
        Rc::new(move |picked: web_sys::Blob, mapping, number_style| {
            *file.borrow_mut() = Some(picked.clone());
            // The import running is stopped before the next one starts.
            job.borrow_mut().take();
            *job.borrow_mut() = read_file(picked, mapping, number_style, status.clone());
        })
    };
    let on_pick = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(picked) = input.files().and_then(|f| f.get(0)) {
                input.set_value("");
                start(picked.into(), None, None);
            }
        })
    };
    let on_drop = {
        let start = start.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(picked) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                start(picked.into(), None, None);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let sample = |path: &'static str| {
        let start = start.clone();
        let status = status.clone();
        Callback::from(move |_| {
            let start = start.clone();
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match fetch_sample(path).await {
                    Some(blob) => start(blob, None, None),
                    None => status.set(Status::Failed(Failure::SampleFailed)),
                }
            });
        })
    };
    let body = match &*status {
        Status::Idle => html! {},
        Status::Reading { done, total } => html! {
            <div class="crm-progress">
                <label for="crm-progress">{ CrmText::Reading.text() }</label>
                <progress id="crm-progress" max={total.max(1.0).to_string()} value={done.to_string()} />
            </div>
        },
        Status::Failed(message) => html! {
            <p id="crm-error" class="field-error" role="alert">{ message.message() }</p>
        },
        Status::Done(data, kpis, runs_in) => {
            let mapping_rows = CrmField::ALL.iter().map(|&field| {
                let current = data.mapping.column(field);
                let on_change = {
                    let data = data.clone();
                    let file = file.clone();
                    let start = start.clone();
                    let dispatch = props.dispatch.clone();
                    Callback::from(move |e: Event| {
                        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                        let mut mapping = data.mapping.clone();
                        mapping.set(field, value.parse().ok());
                        prefs::remember(&dispatch, MAPPING_KEY, &(data.header.clone(), mapping.clone()));
                        // The borrow ends before `start` stores the file again.
                        let picked = file.borrow().clone();
                        if let Some(picked) = picked {
                            start(picked, Some(mapping), Some(data.number_style));
                        }
                    })
                };
                let id = format!("crm-map-{}", serde_json::to_string(&field).unwrap_or_default().trim_matches('"'));
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ field.label() }</label>
                        <select {id} onchange={on_change}>
                            <option value="" selected={current.is_none()}>{ CrmText::NoColumn.text() }</option>
                            { for data.header.iter().enumerate().map(|(i, h)| html! {
                                <option value={i.to_string()} selected={current == Some(i)}>{ h }</option>
                            }) }
                        </select>
                    </div>
                }
            });
            let on_number_style = {
                let data = data.clone();
                let file = file.clone();
                let start = start.clone();
                Callback::from(move |e: Event| {
                    let style = match e
                        .target_unchecked_into::<HtmlSelectElement>()
                        .value()
                        .as_str()
                    {
                        "comma" => NumberStyle::CommaDecimal,
                        _ => NumberStyle::DotDecimal,
                    };
                    let picked = file.borrow().clone();
                    if let Some(picked) = picked {
                        start(picked, Some(data.mapping.clone()), Some(style));
                    }
                })
            };
            let comma = data.number_style == NumberStyle::CommaDecimal;
            let number_style = html! {
                <div class="field">
                    <label for="crm-number-style">{ CrmText::NumberStyle.text() }</label>
                    <select id="crm-number-style" onchange={on_number_style}>
                        <option value="dot" selected={!comma}>{ CrmText::DotDecimal.text() }</option>
                        <option value="comma" selected={comma}>{ CrmText::CommaDecimal.text() }</option>
                    </select>
                </div>
            };
            let baseline = {
                let channel_spends = channel_spends.clone();
                let dispatch = props.dispatch.clone();
                let scenario = props.state.editor.scenario().clone();
                let kpis = kpis.clone();
                Callback::from(move |_| {
                    let spends: std::collections::BTreeMap<String, f64> = channel_spends
                        .iter()
                        .filter_map(|(group, spend)| Some((group.clone(), (*spend.value())?)))
                        .collect();
                    if let Some(s) = baseline_scenario(&kpis, &scenario, &spends) {
                        dispatch.emit(Action::Open {
                            name: CrmText::FromCrm.text().into(),
                            id: None,
                            scenario: s,
                        });
                    }
                })
            };
            let on_sales = {
                let sales = sales.clone();
                let dispatch = props.dispatch.clone();
                Callback::from(move |next: SalesChannels| {
                    prefs::remember(&dispatch, SALES_CHANNELS_KEY, &next);
                    sales.set(next);
                })
            };
            html! {
                <>
                    <p id="crm-summary" class="recommendation" role="status" data-read-in={runs_in.name()}>
                        { read_over(data.rows, kpis.months) }
                        { skipped(data.skipped) }
                        { CrmText::NothingUploaded.text() }
                    </p>
                    <button id="crm-baseline" type="button" onclick={baseline}>{ CrmText::Baseline.text() }</button>
                    <p class="hint">{ CrmText::BaselineChannels.text() }</p>
                    <h3>{ CrmText::ColumnMapping.text() }</h3>
                    <div class="settings-row crm-mapping">{ for mapping_rows }{ number_style }</div>
                    { kpi_table("crm-by-channel", CrmText::KpisByChannel.text(), CrmText::Channel.text(), &kpis.total, &kpis.by_channel, &sales) }
                    <SalesChannelsPicker kpis={kpis.clone()} sales={(*sales).clone()} on_change={on_sales} />
                    <ChartOf<CrmChart> spec={CrmChart::Channels(kpis.clone())} />
                    <CostTable kpis={kpis.clone()} groups={CostGroups::Channel} typed={channel_spends.clone()} />
                    <ChartOf<CrmChart> spec={CrmChart::Months(kpis.clone())} />
                    { kpi_table("crm-by-month", CrmText::KpisByMonth.text(), CrmText::MonthHeading.text(), &kpis.total, &kpis.by_month, &sales) }
                    <CostTable kpis={kpis.clone()} groups={CostGroups::Month} typed={month_spends.clone()} />
                    { kpi_table("crm-by-owner", CrmText::ByOwner.text(), CrmText::Owner.text(), &kpis.opportunities, &kpis.by_owner, &sales) }
                    <SalesTimes kpis={kpis.clone()} cycle_in_use={cycle_days(props.state.editor.scenario())} dispatch={props.dispatch.clone()} />
                    if !data.problems.is_empty() {
                        <details id="crm-problems" open=true>
                            <summary>{ rows_skipped(data.skipped) }</summary>
                            <ul>{ for data.problems.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                        </details>
                    }
                </>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="crm-heading">
            <h2 id="crm-heading">{ CrmText::Heading.text() }</h2>
            <p class="hint">{ CrmText::Hint.text() }</p>
            <div id="crm-drop" class="drop-zone" ondragover={on_drag_over} ondrop={on_drop}>
                <label class="file-button">
                    <span>{ CrmText::Choose.text() }</span>
                    <input id="crm-file" type="file" accept=".csv,.tsv,.txt,text/csv" onchange={on_pick} />
                </label>
                <span class="hint">{ CrmText::OrDrop.text() }</span>
                <button id="crm-sample-en" type="button" class="secondary" onclick={sample("samples/crm-sample-en.csv")}>{ CrmText::SampleEn.text() }</button>
                <button id="crm-sample-fr" type="button" class="secondary" onclick={sample("samples/crm-sample-fr.csv")}>{ CrmText::SampleFr.text() }</button>
            </div>
            { body }
        </section>
    }
}
