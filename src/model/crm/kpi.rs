//! The alignment KPIs of the seed articles, computed from CRM rows, in total, by channel
//! and by month, and a funnel scenario calibrated from them ("use as baseline").
//!
//! Definitions (also in the README):
//! - **Reached a stage**: a row counts at its lifecycle stage and every stage before it.
//! - **Sales-accepted-lead rate**: leads sales accepted ÷ leads marketing sent. Sent = rows
//!   that reached MQL; accepted = those that reached SQL, or whose lead status says
//!   accepted ("accepted", "accepté", "SAL").
//! - **Follow-up rate**: sent leads with a first-contact date ÷ sent leads.
//! - **Marketing contribution to pipeline**: amount of marketing-sourced opportunities ÷
//!   amount of all opportunities. Sales-sourced sources are those naming outbound, sales,
//!   prospection, commercial or cold calls, unless the user says otherwise
//!   ([`SalesChannels`]); every other source is marketing's.
//! - **Win rate**: opportunities won (lifecycle customer, or a deal stage saying won /
//!   gagné) ÷ opportunities.
//! - **Response time**: first contact − creation, for rows with both (a contact before the
//!   creation is ignored): median, 90th percentile, share within 30 minutes and 24 hours.
//! - **Cost per lead / per opportunity**: the spend entered for a channel (or a month) ÷
//!   its leads (or opportunities).
//!
//! Rows are tallied one at a time as the import reads them ([`KpiTally`]): an export of a
//! million rows is never held in memory, only its KPI groups.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::crm::map::normalise;
use crate::model::crm::parse::{
    year_month, CrmRow, FastMap, Lifecycle, NO_SOURCE, REMEMBERED_TEXTS,
};
use crate::model::crm::timing::{nearest_rank, StageTimes, TimingTally};
use crate::model::funnel::channels::{
    Channel, ChannelMix, Conversion, Entry, Objective, Response, MAX_CHANNELS,
};
use crate::model::funnel::scenario::{Period, Scenario, Stage, MAX_STAGE_NAME_CHARS};
use crate::model::funnel::validate::{parse_number, ErrorKind};
use crate::model::num::ratio;

crate::texts! {
    /// Names of the groups without a channel or an owner, as people read them.
    enum CrmKpiText {
        NoSource => "(none)", "(sans source)";
        OtherChannels => "Other channels", "Autres canaux";
        NoOwner => "(no owner)", "(sans propriétaire)";
    }
}

/// The owner group of opportunities without an owner (a group key: the same in every
/// language; [`group_label`] names it for people).
pub const NO_OWNER: &str = "(no owner)";

/// A KPI group's name for people: the channel, month or owner as the export writes it, the
/// groups without a channel or an owner named in the language in use.
pub fn group_label(group: &str) -> &str {
    match group {
        NO_SOURCE => CrmKpiText::NoSource.text(),
        NO_OWNER => CrmKpiText::NoOwner.text(),
        other => other,
    }
}

/// KPIs of a group of rows (sent from the import's worker once the tally ends, when the
/// response times are read: the times themselves are not sent).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    pub rows: usize,
    /// Rows that reached each lifecycle stage ([`Lifecycle::ALL`] order).
    pub reached: [usize; 6],
    pub sent: usize,
    pub accepted: usize,
    pub followed_up: usize,
    pub opportunities: usize,
    pub won: usize,
    pub pipeline: f64,
    /// Opportunity amounts by source (the channel), to split marketing's from sales'.
    pipeline_by_source: BTreeMap<Rc<str>, f64>,
    pub won_amount: f64,
    /// Opportunities lost (a deal stage or lead status saying lost), and their amount.
    pub lost: usize,
    pub lost_amount: f64,
    /// Minutes from creation to first contact, while the tally runs.
    #[serde(skip)]
    response_minutes: Vec<u32>,
    /// What the KPIs read of them once the tally ends.
    responses: Responses,
}

/// The response times of a group, read once its tally ends: how many, the median and the
/// 90th percentile (nearest rank), and how many within 30 minutes and within 24 hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Responses {
    count: usize,
    median: Option<u32>,
    p90: Option<u32>,
    within_30_minutes: usize,
    within_24_hours: usize,
}

impl Responses {
    /// Reads `minutes` in linear time (two selections and a count, not a sort: a million
    /// rows' tally ends within a frame or two).
    fn of(minutes: &mut [u32]) -> Responses {
        let count = minutes.len();
        let (median, p90) = (nearest_rank(minutes, 0.5), nearest_rank(minutes, 0.9));
        let within = |limit: u32| minutes.iter().filter(|&&m| m <= limit).count();
        Responses {
            count,
            median,
            p90,
            within_30_minutes: within(30),
            within_24_hours: within(1_440),
        }
    }
}

impl Kpis {
    /// Counts `row`, `won` and `lost` saying how its deal ended ([`row_won`], [`row_lost`])
    /// and `accepted` whether its lead status says accepted: read once per row by the tally,
    /// not once per group.
    fn add(&mut self, row: &CrmRow, won: bool, lost: bool, accepted: bool) {
        self.rows += 1;
        for (i, stage) in Lifecycle::ALL.iter().enumerate() {
            if row.stage >= *stage {
                self.reached[i] += 1;
            }
        }
        if row.stage >= Lifecycle::Mql {
            self.sent += 1;
            if row.stage >= Lifecycle::Sql || accepted {
                self.accepted += 1;
            }
            if row.first_contact.is_some() {
                self.followed_up += 1;
            }
        }
        if row.stage >= Lifecycle::Opportunity {
            self.opportunities += 1;
            let amount = row.amount.unwrap_or(0.0).max(0.0);
            self.pipeline += amount;
            match self.pipeline_by_source.get_mut(&*row.source) {
                Some(sum) => *sum += amount,
                None => {
                    self.pipeline_by_source.insert(row.source.clone(), amount);
                }
            }
            if won {
                self.won += 1;
                self.won_amount += amount;
            } else if lost {
                self.lost += 1;
                self.lost_amount += amount;
            }
        }
        if let Some(first) = row.first_contact {
            if first >= row.created {
                let minutes = u32::try_from(first - row.created).unwrap_or(u32::MAX);
                self.response_minutes.push(minutes);
            }
        }
    }

    fn finish(&mut self) {
        self.responses = Responses::of(&mut self.response_minutes);
        self.response_minutes = Vec::new();
    }

    /// Conversion from stage `i − 1` to stage `i` (fraction).
    pub fn conversion(&self, i: usize) -> Option<f64> {
        let previous = *self.reached.get(i.checked_sub(1)?)?;
        ratio(*self.reached.get(i)? as f64, previous as f64)
    }

    pub fn sal_rate(&self) -> Option<f64> {
        ratio(self.accepted as f64, self.sent as f64)
    }

    pub fn follow_up_rate(&self) -> Option<f64> {
        ratio(self.followed_up as f64, self.sent as f64)
    }

    /// Amount of the opportunities whose source is marketing's.
    pub fn marketing_pipeline(&self, sales: &SalesChannels) -> f64 {
        self.pipeline_by_source
            .iter()
            .filter(|(source, _)| !sales.is_sales(source))
            .map(|(_, amount)| amount)
            .sum()
    }

    pub fn marketing_share_of_pipeline(&self, sales: &SalesChannels) -> Option<f64> {
        ratio(self.marketing_pipeline(sales), self.pipeline)
    }

    pub fn win_rate(&self) -> Option<f64> {
        ratio(self.won as f64, self.opportunities as f64)
    }

    /// Spend ÷ leads (rows that reached the lead stage).
    pub fn cost_per_lead(&self, spend: f64) -> Option<f64> {
        ratio(spend, self.reached[1] as f64)
    }

    /// Spend ÷ opportunities.
    pub fn cost_per_opportunity(&self, spend: f64) -> Option<f64> {
        ratio(spend, self.opportunities as f64)
    }

    /// Average amount of a won deal.
    pub fn average_won_amount(&self) -> Option<f64> {
        ratio(self.won_amount, self.won as f64)
    }

    /// The median response time, in minutes (nearest rank).
    pub fn response_median(&self) -> Option<f64> {
        self.responses.median.map(f64::from)
    }

    /// The 90th percentile of response times, in minutes (nearest rank).
    pub fn response_p90(&self) -> Option<f64> {
        self.responses.p90.map(f64::from)
    }

    /// Opportunities still open: neither won nor lost.
    pub fn open_opportunities(&self) -> usize {
        self.opportunities - self.won - self.lost
    }

    /// The amount of the open opportunities.
    pub fn open_pipeline(&self) -> f64 {
        (self.pipeline - self.won_amount - self.lost_amount).max(0.0)
    }

    /// Share of responses within 30 minutes.
    pub fn responded_within_30_minutes(&self) -> Option<f64> {
        ratio(
            self.responses.within_30_minutes as f64,
            self.responses.count as f64,
        )
    }

    /// Share of responses within 24 hours.
    pub fn responded_within_24_hours(&self) -> Option<f64> {
        ratio(
            self.responses.within_24_hours as f64,
            self.responses.count as f64,
        )
    }

    /// Responses measured.
    pub fn responses(&self) -> usize {
        self.responses.count
    }
}

fn has_word(text: &str, words: &[&str]) -> bool {
    let text = normalise(text);
    words
        .iter()
        .any(|w| text.split(' ').any(|t| t == *w) || text.contains(w))
}

fn status_accepted(status: Option<&str>) -> bool {
    status.is_some_and(|s| has_word(s, &["accepted", "accepte", "sal"]))
}

fn deal_won(stage: Option<&str>) -> bool {
    stage.is_some_and(|s| has_word(s, &["won", "gagne", "gagnee", "signe"]))
}

/// What a lead status or deal stage says: accepted, won, lost ([`status_accepted`],
/// [`deal_won`], [`row_lost`]'s words).
#[derive(Clone, Copy, Debug, Default)]
struct Says {
    accepted: bool,
    won: bool,
    lost: bool,
}

impl Says {
    fn of(text: &str) -> Says {
        Says {
            accepted: status_accepted(Some(text)),
            won: deal_won(Some(text)),
            lost: has_word(text, &LOST),
        }
    }
}

/// What each distinct status or deal stage text says, read once (up to
/// [`REMEMBERED_TEXTS`] of them; beyond, read each time).
#[derive(Debug, Default)]
struct Sayings(FastMap<Rc<str>, Says>);

impl Sayings {
    fn of(&mut self, text: Option<&Rc<str>>) -> Says {
        let Some(text) = text else {
            return Says::default();
        };
        if let Some(says) = self.0.get(&**text) {
            return *says;
        }
        let says = Says::of(text);
        if self.0.len() < REMEMBERED_TEXTS {
            self.0.insert(text.clone(), says);
        }
        says
    }
}

/// Whether a row is won: a customer, or a deal stage saying won.
pub fn row_won(row: &CrmRow) -> bool {
    row.stage == Lifecycle::Customer || deal_won(row.deal_stage.as_deref())
}

/// Whether a row says it is lost: its deal stage or lead status says lost, rejected,
/// disqualified or unqualified (a won row is won whatever it says: callers ask
/// [`row_won`] first).
pub fn row_lost(row: &CrmRow) -> bool {
    [row.deal_stage.as_deref(), row.status.as_deref()]
        .into_iter()
        .any(|text| text.is_some_and(|t| has_word(t, &LOST)))
}

/// The words of a lost deal or lead.
const LOST: [&str; 8] = [
    "lost",
    "perdu",
    "perdue",
    "rejected",
    "rejete",
    "disqualified",
    "unqualified",
    "disqualifie",
];

/// Sources that are sales', not marketing's.
pub fn sales_sourced(source: &str) -> bool {
    has_word(
        source,
        &["outbound", "sales", "prospection", "commercial", "cold"],
    )
}

/// Which channels are sales-sourced (their pipeline is not marketing's): detected from the
/// channel's name ([`sales_sourced`]), corrected by the user channel by channel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SalesChannels {
    /// The user's corrections: channel → sales-sourced.
    corrections: BTreeMap<String, bool>,
}

impl SalesChannels {
    pub fn is_sales(&self, channel: &str) -> bool {
        self.corrections
            .get(channel)
            .copied()
            .unwrap_or_else(|| sales_sourced(channel))
    }

    /// Says whether `channel` is sales-sourced; only a departure from the name's reading is kept.
    pub fn set(&mut self, channel: &str, sales: bool) {
        if sales == sales_sourced(channel) {
            self.corrections.remove(channel);
        } else {
            self.corrections.insert(channel.to_owned(), sales);
        }
    }
}

/// The KPIs of an import: in total, by channel, by month ("YYYY-MM"), and win rate by owner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrmKpis {
    pub total: Kpis,
    pub by_channel: BTreeMap<Rc<str>, Kpis>,
    pub by_month: BTreeMap<Rc<str>, Kpis>,
    pub by_owner: BTreeMap<Rc<str>, Kpis>,
    /// The opportunities alone (every owner): the total of `by_owner`.
    pub opportunities: Kpis,
    /// Months the data spans (from the first to the last creation month).
    pub months: usize,
    /// Time between stages, the measured sales cycle and the stalled rows.
    pub timing: StageTimes,
}

/// KPI groups being tallied, one row at a time.
#[derive(Debug, Default)]
pub struct KpiTally {
    kpis: CrmKpis,
    by_month: BTreeMap<(i32, u32), Kpis>,
    first: Option<(i32, u32)>,
    last: Option<(i32, u32)>,
    timing: TimingTally,
    sayings: Sayings,
}

impl KpiTally {
    /// Counts `row` in every group it belongs to.
    pub fn add(&mut self, row: &CrmRow) {
        let month = year_month(row.created);
        self.first = Some(self.first.map_or(month, |f| f.min(month)));
        self.last = Some(self.last.map_or(month, |l| l.max(month)));
        // As row_won and row_lost read it, each distinct text read once.
        let status = self.sayings.of(row.status.as_ref());
        let deal = self.sayings.of(row.deal_stage.as_ref());
        let won = row.stage == Lifecycle::Customer || deal.won;
        let lost = !won && (deal.lost || status.lost);
        let accepted = status.accepted;
        self.timing.add(row, won, lost);
        let kpis = &mut self.kpis;
        kpis.total.add(row, won, lost, accepted);
        match kpis.by_channel.get_mut(&*row.source) {
            Some(group) => group.add(row, won, lost, accepted),
            None => kpis
                .by_channel
                .entry(row.source.clone())
                .or_default()
                .add(row, won, lost, accepted),
        }
        self.by_month
            .entry(month)
            .or_default()
            .add(row, won, lost, accepted);
        if row.stage >= Lifecycle::Opportunity {
            let owner = row.owner.clone().unwrap_or_else(|| Rc::from(NO_OWNER));
            kpis.by_owner
                .entry(owner)
                .or_default()
                .add(row, won, lost, accepted);
            kpis.opportunities.add(row, won, lost, accepted);
        }
    }

    /// Rows counted so far.
    pub fn rows(&self) -> usize {
        self.kpis.total.rows
    }

    /// Every KPI group.
    pub fn finish(self) -> CrmKpis {
        let mut kpis = self.kpis;
        kpis.by_month = self
            .by_month
            .into_iter()
            .map(|((year, month), k)| (Rc::from(format!("{year:04}-{month:02}")), k))
            .collect();
        kpis.months = match (self.first, self.last) {
            (Some((fy, fm)), Some((ly, lm))) => {
                ((ly - fy) * 12 + lm as i32 - fm as i32 + 1) as usize
            }
            _ => 0,
        };
        kpis.timing = self.timing.finish();
        kpis.total.finish();
        kpis.opportunities.finish();
        for group in [&mut kpis.by_channel, &mut kpis.by_month, &mut kpis.by_owner] {
            group.values_mut().for_each(Kpis::finish);
        }
        kpis
    }
}

/// Computes every KPI group from `rows`.
pub fn compute_kpis(rows: &[CrmRow]) -> CrmKpis {
    let mut tally = KpiTally::default();
    rows.iter().for_each(|row| tally.add(row));
    tally.finish()
}

/// A monthly funnel from the actuals: the volume per month at the top (subscribers, or
/// leads), the measured conversion at each later stage, the average won deal as the
/// basket; spend and target are the base scenario's, per month. `None` without leads.
///
/// When a spend over the export's period was typed for at least one channel
/// (`channel_spends`, by the export's channel names), the baseline is planned by channel
/// ([`baseline_mix`]): each channel brings its own volume at its own measured rates.
pub fn baseline_scenario(
    kpis: &CrmKpis,
    base: &Scenario,
    channel_spends: &BTreeMap<String, f64>,
) -> Option<Scenario> {
    let total = &kpis.total;
    // The top of the funnel: subscribers when the export has some (so leads are the
    // funnel's lead stage), otherwise leads.
    let top = if total.reached[0] > total.reached[1] {
        0
    } else {
        1
    };
    let count = total.reached[top];
    if total.reached[1] == 0 || kpis.months == 0 {
        return None;
    }
    let mut stages = vec![Stage::new(
        Lifecycle::ALL[top].label(),
        (count as f64 / kpis.months as f64).round(),
    )];
    for (i, stage) in Lifecycle::ALL.iter().enumerate().skip(top + 1) {
        stages.push(Stage::new(stage.label(), rate_pct(total.conversion(i))));
    }
    let typed = kpis
        .by_channel
        .keys()
        .any(|channel| channel_spends.contains_key(&**channel));
    let funnel_rates: Vec<f64> = stages.iter().skip(1).map(|s| s.value).collect();
    Some(Scenario {
        period: Period::Month,
        stages,
        basket: total.average_won_amount().unwrap_or(base.basket).round(),
        target_revenue: (base.target_revenue / base.period.months()).round(),
        spend: (base.spend / base.period.months()).round(),
        channels: typed
            .then(|| baseline_mix(kpis, top, &funnel_rates, channel_spends))
            .map(std::sync::Arc::new),
        sla: None,
        // Rate spreads belong to the base's stages, not to these.
        uncertainty: None,
        ..base.clone()
    })
}

/// A measured conversion in %, to two decimals (0 when undefined).
fn rate_pct(conversion: Option<f64>) -> f64 {
    (conversion.unwrap_or(0.0) * 100.0 * 100.0).round() / 100.0
}

/// The export's channels as a mix bringing the baseline's top stage (`top`: subscribers or
/// leads) each month: a channel's volume is its count at `top` over the export's months, its
/// rates its own measured ones (`funnel_rates` where it has nothing to measure from), and
/// where its spend over the period was typed, it brings that volume at that cost per unit;
/// where it was not, the volume comes at no cost (a count whatever the spend). Beyond 20
/// channels, the smallest are added up as "Other channels" (nothing is dropped).
pub fn baseline_mix(
    kpis: &CrmKpis,
    top: usize,
    funnel_rates: &[f64],
    channel_spends: &BTreeMap<String, f64>,
) -> ChannelMix {
    let months = kpis.months.max(1) as f64;
    let mut groups: Vec<(String, [usize; 6], Option<f64>)> = kpis
        .by_channel
        .iter()
        .filter(|(_, k)| k.reached[top] > 0)
        .map(|(name, k)| {
            (
                group_label(name).to_owned(),
                k.reached,
                channel_spends.get(&**name).copied(),
            )
        })
        .collect();
    // Largest first; ties keep the export's order.
    groups.sort_by(|a, b| b.1[top].cmp(&a.1[top]));
    if groups.len() > MAX_CHANNELS {
        let rest = groups.split_off(MAX_CHANNELS - 1);
        let mut reached = [0; 6];
        let mut spend: Option<f64> = None;
        for (_, counts, typed) in &rest {
            for (sum, count) in reached.iter_mut().zip(counts) {
                *sum += count;
            }
            if let Some(typed) = typed {
                spend = Some(spend.unwrap_or(0.0) + typed);
            }
        }
        groups.push((CrmKpiText::OtherChannels.text().to_owned(), reached, spend));
    }
    let mut names: Vec<String> = Vec::new();
    let channels = groups
        .into_iter()
        .map(|(name, reached, spend)| {
            let name = unique_name(&name, &names);
            names.push(name.to_lowercase());
            let volume = reached[top] as f64 / months;
            let rates = (top + 1..6)
                .map(|i| {
                    let measured = ratio(reached[i] as f64, reached[i - 1] as f64);
                    match measured {
                        Some(_) => rate_pct(measured),
                        None => funnel_rates.get(i - top - 1).copied().unwrap_or(0.0),
                    }
                })
                .collect();
            let per_month = spend.map(|s| s / months).filter(|s| *s > 0.0);
            let (spend, response) = match per_month.and_then(|s| Some((s, ratio(s, volume)?))) {
                Some((spend, cost_per_lead)) => (spend, Response::Linear { cost_per_lead }),
                None => (0.0, Response::Count { volume }),
            };
            Channel::new(&name, spend, response, Conversion::Own { rates })
        })
        .collect();
    ChannelMix {
        entry: Entry::Top,
        channels,
        objective: Objective::default(),
    }
}

/// `name` cut to a channel name's length, numbered when another channel has it already.
fn unique_name(name: &str, taken: &[String]) -> String {
    let cut = |name: &str, room: usize| name.trim().chars().take(room).collect::<String>();
    let base = cut(name, MAX_STAGE_NAME_CHARS);
    let base = if base.is_empty() {
        CrmKpiText::NoSource.text().to_owned()
    } else {
        base
    };
    if !taken.contains(&base.to_lowercase()) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            format!(
                "{}{suffix}",
                cut(&base, MAX_STAGE_NAME_CHARS - suffix.chars().count())
            )
        })
        .find(|candidate| !taken.contains(&candidate.to_lowercase()))
        .unwrap_or(base)
}

/// Reads a spend typed for a channel or a month: an amount of 0 or more, or nothing when the
/// text is blank (the costs of that group are then not shown).
pub fn read_spend(text: &str) -> Result<Option<f64>, ErrorKind> {
    match parse_number(text) {
        Ok(amount) if amount >= 0.0 => Ok(Some(amount)),
        _ if text.trim().is_empty() => Ok(None),
        Ok(_) => Err(ErrorKind::Negative),
        Err(kind) => Err(kind),
    }
}
