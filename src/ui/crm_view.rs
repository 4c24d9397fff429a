//! The CRM import view: a CSV export dropped or picked, read in chunks with a progress bar
//! (UTF-8, or Windows-1252 as French Excel writes it, decoded by the browser), the column
//! mapping to correct, the alignment KPIs by channel, month and owner, and "use as
//! baseline". Nothing leaves the browser.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::browser;
use super::library_view::ViewProps;
use super::state::Action;
use crate::model::crm_import::{CrmData, CrmImport};
use crate::model::crm_kpi::{baseline_scenario, CrmKpis, Kpis, SalesChannels};
use crate::model::crm_map::{ColumnMapping, CrmField};
use crate::model::crm_parse::Lifecycle;
use crate::model::format;

/// Bytes read per step: each step (decode, parse, tally) takes a few milliseconds, and
/// reading the next slice is a task of its own, so the page answers in between.
const CHUNK_BYTES: f64 = 256.0 * 1024.0;
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
    Done(Rc<CrmData>, Rc<CrmKpis>),
    Failed(String),
}

/// Decodes chunks as UTF-8, or as Windows-1252 when the start of the file is not UTF-8.
struct Decoder {
    inner: web_sys::TextDecoder,
}

impl Decoder {
    fn new(label: &str, fatal: bool) -> Option<Decoder> {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        web_sys::TextDecoder::new_with_label_and_options(label, &options)
            .ok()
            .map(|inner| Decoder { inner })
    }

    fn decode(&self, bytes: &mut [u8], stream: bool) -> Result<String, ()> {
        let options = web_sys::TextDecodeOptions::new();
        options.set_stream(stream);
        self.inner
            .decode_with_u8_array_and_options(bytes, &options)
            .map_err(|_| ())
    }
}

/// The last corrected mapping, with the header it was made for.
fn remembered_mapping() -> Option<(Vec<String>, ColumnMapping)> {
    let raw = browser::storage_get(MAPPING_KEY).ok()??;
    serde_json::from_str(&raw).ok()
}

fn remember_mapping(header: &[String], mapping: &ColumnMapping) {
    if let Ok(json) = serde_json::to_string(&(header, mapping)) {
        let _ = browser::storage_set(MAPPING_KEY, &json);
    }
}

/// The remembered sales-sourced channels (the names' reading when none, or unreadable).
fn remembered_sales_channels() -> SalesChannels {
    browser::storage_get(SALES_CHANNELS_KEY)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

fn remember_sales_channels(sales: &SalesChannels) {
    if let Ok(json) = serde_json::to_string(sales) {
        let _ = browser::storage_set(SALES_CHANNELS_KEY, &json);
    }
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

/// Reads `file` in chunks into an import with `mapping`, reporting progress.
async fn read_file(
    file: web_sys::Blob,
    mapping: Option<ColumnMapping>,
    status: UseStateHandle<Status>,
) {
    let total = file.size();
    if total > MAX_FILE_BYTES {
        status.set(Status::Failed(format!(
            "This file is {} MB: funnelsim reads exports up to {} MB in the browser. Export a shorter period, or fewer columns.",
            format::count((total / 1_048_576.0).round()),
            format::count(MAX_FILE_BYTES / 1_048_576.0)
        )));
        return;
    }
    let mut import = CrmImport::new(mapping);
    if let Some((header, remembered)) = remembered_mapping() {
        import = import.remembering(header, remembered);
    }
    let mut decoder: Option<Decoder> = None;
    let mut offset = 0.0;
    while offset < total {
        let end = (offset + CHUNK_BYTES).min(total);
        let Ok(blob) = file.slice_with_f64_and_f64(offset, end) else {
            status.set(Status::Failed("The file could not be read.".into()));
            return;
        };
        let Ok(buffer) = JsFuture::from(blob.array_buffer()).await else {
            status.set(Status::Failed("The file could not be read.".into()));
            return;
        };
        let mut bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let last = end >= total;
        let text = match &decoder {
            Some(d) => d.decode(&mut bytes, !last).unwrap_or_default(),
            None => {
                // The first chunk decides: UTF-8 if it decodes strictly, else Windows-1252.
                let utf8 = Decoder::new("utf-8", true);
                let decoded = utf8
                    .as_ref()
                    .and_then(|d| d.decode(&mut bytes.clone(), !last).ok());
                match (utf8, decoded) {
                    (Some(d), Some(text)) => {
                        decoder = Some(d);
                        text
                    }
                    _ => {
                        let d = Decoder::new("windows-1252", false);
                        let text = d.as_ref().and_then(|d| d.decode(&mut bytes, !last).ok());
                        decoder = d;
                        text.unwrap_or_default()
                    }
                }
            }
        };
        import.feed(&text);
        offset = end;
        status.set(Status::Reading {
            done: offset,
            total,
        });
    }
    status.set(match import.finish() {
        Ok(mut data) => {
            let kpis = std::mem::take(&mut data.kpis);
            Status::Done(Rc::new(data), Rc::new(kpis))
        }
        Err(error) => Status::Failed(error.to_string()),
    });
}

fn pct(value: Option<f64>) -> String {
    format::or_na(value, format::percent)
}

fn duration(minutes: Option<f64>) -> String {
    format::or_na(minutes, |m| {
        if m < 90.0 {
            format!("{} min", format::with_decimals(m, 0))
        } else if m < 48.0 * 60.0 {
            format!("{} h", format::with_decimals(m / 60.0, 1))
        } else {
            format!("{} days", format::with_decimals(m / 1_440.0, 1))
        }
    })
}

/// One row of KPIs.
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
            <td data-kpi-crm="response_median" data-value={format::machine(k.response_quantile(0.5))}>{ duration(k.response_quantile(0.5)) }</td>
            <td>{ duration(k.response_quantile(0.9)) }</td>
            <td>{ pct(k.responded_within(30)) }</td>
            <td>{ pct(k.responded_within(1_440)) }</td>
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
    let headers = [
        heading,
        "Leads",
        "MQL",
        "SQL",
        "Opportunities",
        "Customers",
        "Accepted by sales",
        "Followed up",
        "Marketing share of pipeline",
        "Win rate",
        "Response (median)",
        "Response (p90)",
        "Within 30 min",
        "Within 24 h",
    ];
    html! {
        <div class="table-scroll">
            <table id={id.to_owned()} class="data-table" data-table={id.to_owned()}>
                <caption>{ caption }</caption>
                { super::results::column_headers(&headers) }
                <tbody>
                    { for groups.iter().map(|(name, k)| kpi_row(name, k, name, sales)) }
                    { kpi_row("Total", total, "total", sales) }
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
            CostGroups::Channel => "Channel",
            CostGroups::Month => "Month",
        }
    }

    fn caption(self) -> &'static str {
        match self {
            CostGroups::Channel => "Cost per lead and per opportunity by channel: type each channel's spend over the export's period",
            CostGroups::Month => "Cost per lead and per opportunity by month: type each month's marketing spend",
        }
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
}

/// Cost per lead and per opportunity from the spend typed per channel or per month (bad
/// text shows its message and keeps the last good amount).
#[component]
fn CostTable(props: &CostTableProps) -> Html {
    let typed = use_state(std::collections::BTreeMap::<String, String>::new);
    let spends = use_mut_ref(std::collections::BTreeMap::<String, f64>::new);
    let kpis = &props.kpis;
    let id = props.groups.id();
    let mut errors = std::collections::BTreeMap::new();
    for (group, text) in typed.iter() {
        match crate::model::validate::parse_number(text) {
            Ok(v) if v >= 0.0 => {
                spends.borrow_mut().insert(group.clone(), v);
            }
            _ if text.trim().is_empty() => {
                spends.borrow_mut().remove(group);
            }
            _ => {
                errors.insert(group.clone(), "Enter an amount of zero or more.");
            }
        }
    }
    let spends = spends.borrow().clone();
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
                next.insert(group.clone(), e.target_unchecked_into::<HtmlInputElement>().value());
                typed.set(next);
            })
        };
        let input_id = format!("{id}-spend-{i}");
        let error = errors.get(&**group);
        html! {
            <tr data-crm-cost={group.to_string()}>
                <th scope="row">{ group.to_string() }</th>
                <td>
                    <input id={input_id.clone()} type="text" inputmode="decimal" aria-label={format!("Spend, {group}")}
                        value={typed.get(&**group).cloned().unwrap_or_default()} {oninput}
                        aria-invalid={error.map(|_| "true")} />
                    if let Some(error) = error {
                        <p id={format!("{input_id}-error")} class="field-error" role="alert">{ *error }</p>
                    }
                </td>
                { cost_cells(k, spend) }
            </tr>
        }
    });
    html! {
        <div class="table-scroll">
            <table {id} class="data-table" data-table={id}>
                <caption>{ props.groups.caption() }</caption>
                { super::results::column_headers(&[props.groups.heading(), "Spend (€)", "Leads", "Cost per lead", "Opportunities", "Cost per opportunity"]) }
                <tbody>
                    { for rows }
                    <tr data-crm-cost="total">
                        <th scope="row">{ "Total" }</th>
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
                { channel.to_string() }
            </label>
        }
    });
    html! {
        <fieldset id="crm-sales-channels" class="crm-sales-channels">
            <legend>{ "Sales-sourced channels (their pipeline is not counted as marketing's)" }</legend>
            { for boxes }
        </fieldset>
    }
}

/// The CRM import view.
#[component]
pub fn CrmView(props: &ViewProps) -> Html {
    let status = use_state(|| Status::Idle);
    let sales = use_state(remembered_sales_channels);
    let file = use_mut_ref(|| None::<web_sys::Blob>);
    let start: Rc<dyn Fn(web_sys::Blob, Option<ColumnMapping>)> = {
        let status = status.clone();
        let file = file.clone();
        Rc::new(move |picked: web_sys::Blob, mapping| {
            *file.borrow_mut() = Some(picked.clone());
            status.set(Status::Reading {
                done: 0.0,
                total: picked.size(),
            });
            wasm_bindgen_futures::spawn_local(read_file(picked, mapping, status.clone()));
        })
    };
    let on_pick = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(picked) = input.files().and_then(|f| f.get(0)) {
                input.set_value("");
                start(picked.into(), None);
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
                start(picked.into(), None);
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
                    Some(blob) => start(blob, None),
                    None => status.set(Status::Failed(
                        "The sample file could not be loaded.".into(),
                    )),
                }
            });
        })
    };
    let body = match &*status {
        Status::Idle => html! {},
        Status::Reading { done, total } => html! {
            <div class="crm-progress">
                <label for="crm-progress">{ "Reading the export in this browser…" }</label>
                <progress id="crm-progress" max={total.max(1.0).to_string()} value={done.to_string()} />
            </div>
        },
        Status::Failed(message) => html! {
            <p id="crm-error" class="field-error" role="alert">{ message }</p>
        },
        Status::Done(data, kpis) => {
            let mapping_rows = CrmField::ALL.iter().map(|&field| {
                let current = data.mapping.column(field);
                let on_change = {
                    let data = data.clone();
                    let file = file.clone();
                    let start = start.clone();
                    Callback::from(move |e: Event| {
                        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                        let mut mapping = data.mapping.clone();
                        mapping.set(field, value.parse().ok());
                        remember_mapping(&data.header, &mapping);
                        // The borrow ends before `start` stores the file again.
                        let picked = file.borrow().clone();
                        if let Some(picked) = picked {
                            start(picked, Some(mapping));
                        }
                    })
                };
                let id = format!("crm-map-{}", serde_json::to_string(&field).unwrap_or_default().trim_matches('"'));
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ field.label() }</label>
                        <select {id} onchange={on_change}>
                            <option value="" selected={current.is_none()}>{ "(none)" }</option>
                            { for data.header.iter().enumerate().map(|(i, h)| html! {
                                <option value={i.to_string()} selected={current == Some(i)}>{ h }</option>
                            }) }
                        </select>
                    </div>
                }
            });
            let baseline = {
                let dispatch = props.dispatch.clone();
                let scenario = props.state.editor.scenario().clone();
                let kpis = kpis.clone();
                Callback::from(move |_| {
                    if let Some(s) = baseline_scenario(&kpis, &scenario) {
                        dispatch.emit(Action::Open {
                            name: "From the CRM export".into(),
                            id: None,
                            scenario: s,
                        });
                    }
                })
            };
            let on_sales = {
                let sales = sales.clone();
                Callback::from(move |next: SalesChannels| {
                    remember_sales_channels(&next);
                    sales.set(next);
                })
            };
            html! {
                <>
                    <p id="crm-summary" class="recommendation" role="status">
                        { format!("{} read over {}", format::counted(data.rows, "row", "rows"), format::counted(kpis.months, "month", "months")) }
                        { if data.skipped > 0 { format!("; {} skipped (below)", format::count(data.skipped as f64)) } else { String::new() } }
                        { ". Nothing was uploaded: the file was read in this browser." }
                    </p>
                    <button id="crm-baseline" type="button" onclick={baseline}>{ "Use as baseline (a monthly scenario from these actuals)" }</button>
                    <h3>{ "Column mapping" }</h3>
                    <div class="settings-row crm-mapping">{ for mapping_rows }</div>
                    { kpi_table("crm-by-channel", "KPIs by channel", "Channel", &kpis.total, &kpis.by_channel, &sales) }
                    <SalesChannelsPicker kpis={kpis.clone()} sales={(*sales).clone()} on_change={on_sales} />
                    <super::chart::Chart spec={super::chart::ChartSpec::CrmChannels(kpis.clone())} />
                    <CostTable kpis={kpis.clone()} groups={CostGroups::Channel} />
                    <super::chart::Chart spec={super::chart::ChartSpec::CrmMonths(kpis.clone())} />
                    { kpi_table("crm-by-month", "KPIs by month of creation", "Month", &kpis.total, &kpis.by_month, &sales) }
                    <CostTable kpis={kpis.clone()} groups={CostGroups::Month} />
                    { kpi_table("crm-by-owner", "Opportunities by owner (win rate)", "Owner", &kpis.opportunities, &kpis.by_owner, &sales) }
                    if !data.problems.is_empty() {
                        <details id="crm-problems" open=true>
                            <summary>{ format!("{} rows skipped", format::count(data.skipped as f64)) }</summary>
                            <ul>{ for data.problems.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                        </details>
                    }
                </>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="crm-heading">
            <h2 id="crm-heading">{ "CRM export: the alignment KPIs from your actuals" }</h2>
            <p class="hint">{ "Drop a CSV export of leads or deals (HubSpot, Salesforce, Pipedrive, a spreadsheet; comma, semicolon or tab; UTF-8 or Windows-1252). It is read in this browser and never uploaded." }</p>
            <div id="crm-drop" class="drop-zone" ondragover={on_drag_over} ondrop={on_drop}>
                <label class="file-button">
                    <span>{ "Choose a CSV export…" }</span>
                    <input id="crm-file" type="file" accept=".csv,.tsv,.txt,text/csv" onchange={on_pick} />
                </label>
                <span class="hint">{ " or drop it here; or try a sample export:" }</span>
                <button id="crm-sample-en" type="button" class="secondary" onclick={sample("samples/crm-sample-en.csv")}>{ "HubSpot-style (English)" }</button>
                <button id="crm-sample-fr" type="button" class="secondary" onclick={sample("samples/crm-sample-fr.csv")}>{ "Excel (French)" }</button>
            </div>
            { body }
        </section>
    }
}
