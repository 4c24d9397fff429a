//! Time between stages from a CRM export: median and p90 days of each step lead → MQL →
//! SQL → opportunity → won, the measured sales cycle (creation → won), and the open rows
//! stalled longer than their stage's p90.
//!
//! Definitions (also in the README):
//! - **A step's time** is the date a row reached the next stage − the date it reached this
//!   one, for rows that have both dates: creation (the lead), then the MQL, SQL, opportunity
//!   and won dates the export gives. A won date counts only for a won row (a lost or open
//!   deal's close date is not a win). A date before the previous one is left out and counted
//!   ([`StepTime::out_of_order`]). Quantiles are nearest-rank, as the response times'.
//! - **The measured sales cycle** is creation → won, for won rows with a won date: the time
//!   the projection's sales cycle spreads from the top of the funnel to the customers.
//! - **Open** rows are those neither won nor lost (a deal stage or lead status saying lost,
//!   perdu, rejected, disqualified, unqualified). **Stalled**: an open row whose time in its
//!   current stage (the export's latest date − the date it reached that stage) is longer
//!   than the p90 of the step out of that stage. The export's latest date stands for the
//!   day it was taken, so the same file always gives the same answer.
//!
//! Rows are tallied one at a time ([`TimingTally`]): only the times themselves are kept.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::crm::parse::{CrmRow, Lifecycle, Minutes};

/// Minutes in a day.
const MINUTES_PER_DAY: f64 = 1_440.0;

/// The stages a step leaves from, in funnel order (the step out of each one is timed).
pub const TIMED_STAGES: [Lifecycle; 4] = [
    Lifecycle::Lead,
    Lifecycle::Mql,
    Lifecycle::Sql,
    Lifecycle::Opportunity,
];

/// The `q`-quantile (0–1) of `values`, nearest rank, found by selection (the values are
/// reordered, not sorted: linear time); `None` when empty.
pub fn nearest_rank(values: &mut [u32], q: f64) -> Option<u32> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    Some(*values.select_nth_unstable(rank - 1).1)
}

/// Median and p90 of durations in minutes, as days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Days {
    /// How many durations were measured.
    pub count: usize,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

impl Days {
    fn of(minutes: &mut [u32]) -> Days {
        let mut days = |q| nearest_rank(minutes, q).map(|m| f64::from(m) / MINUTES_PER_DAY);
        let (median, p90) = (days(0.5), days(0.9));
        Days {
            count: minutes.len(),
            median,
            p90,
        }
    }
}

/// The time of one step (out of [`StepTime::from`] into the next stage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepTime {
    /// The stage the step leaves (lead, MQL, SQL, opportunity; the next one is reached).
    pub from: Lifecycle,
    pub days: Days,
    /// Rows whose date for the next stage comes before this stage's: left out.
    pub out_of_order: usize,
    /// Open rows at this stage with the date they reached it.
    pub open: usize,
    /// Of those, the ones in this stage longer than the step's p90.
    pub stalled: usize,
}

/// An open opportunity stalled longer than the p90 of opportunity → won.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StalledDeal {
    /// The line of the export it is on.
    pub line: u64,
    pub owner: Option<Rc<str>>,
    pub source: Rc<str>,
    pub amount: Option<f64>,
    /// Days since it became an opportunity, at the export's latest date.
    pub days_open: f64,
}

/// Stage times of an export.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageTimes {
    /// One per [`TIMED_STAGES`] stage.
    pub steps: Vec<StepTime>,
    /// Creation → won, the measured sales cycle.
    pub cycle: Days,
    /// The export's latest date (what "open for" is measured to).
    pub as_of: Option<Minutes>,
    /// Stalled open opportunities, longest open first.
    pub stalled_deals: Vec<StalledDeal>,
}

impl StageTimes {
    /// Whether the export gave any stage date at all (otherwise there is nothing to show).
    pub fn measured(&self) -> bool {
        self.cycle.count > 0 || self.steps.iter().any(|s| s.days.count > 0)
    }

    /// The measured sales cycle in whole days (the median, rounded), for the projection.
    pub fn cycle_days(&self) -> Option<f64> {
        self.cycle.median.map(f64::round)
    }
}

/// An open opportunity, kept until the p90 is known.
#[derive(Debug)]
struct OpenDeal {
    line: u64,
    owner: Option<Rc<str>>,
    source: Rc<str>,
    amount: Option<f64>,
    entered: Minutes,
}

/// Stage times being tallied, one row at a time.
#[derive(Debug, Default)]
pub struct TimingTally {
    /// Minutes of each step.
    steps: [Vec<u32>; 4],
    out_of_order: [usize; 4],
    cycle: Vec<u32>,
    /// When each open row reached its current (timed) stage.
    open: [Vec<Minutes>; 4],
    deals: Vec<OpenDeal>,
    latest: Option<Minutes>,
}

/// Minutes from `from` to `to`, when `to` is not before `from`.
fn minutes_between(from: Minutes, to: Minutes) -> Option<u32> {
    (to >= from).then(|| u32::try_from(to - from).unwrap_or(u32::MAX))
}

impl TimingTally {
    /// Times `row`; `won` and `lost` say how its deal ended (neither: it is open).
    pub fn add(&mut self, row: &CrmRow, won: bool, lost: bool) {
        // The dates it reached lead (its creation), MQL, SQL, opportunity and won on.
        let won_on = row.reached_on[3].filter(|_| won);
        let dates = [
            Some(row.created),
            row.reached_on[0],
            row.reached_on[1],
            row.reached_on[2],
            won_on,
        ];
        for date in dates.iter().flatten().chain(&row.first_contact) {
            self.latest = Some(self.latest.map_or(*date, |l| l.max(*date)));
        }
        for (step, pair) in dates.windows(2).enumerate() {
            if let [Some(from), Some(to)] = *pair {
                match minutes_between(from, to) {
                    Some(minutes) => self.steps[step].push(minutes),
                    None => self.out_of_order[step] += 1,
                }
            }
        }
        if let Some(minutes) = won_on.and_then(|to| minutes_between(row.created, to)) {
            self.cycle.push(minutes);
        }
        if won || lost {
            return;
        }
        let Some(stage) = TIMED_STAGES.iter().position(|s| *s == row.stage) else {
            return;
        };
        if let Some(entered) = dates[stage] {
            self.open[stage].push(entered);
            if row.stage == Lifecycle::Opportunity {
                self.deals.push(OpenDeal {
                    line: row.line,
                    owner: row.owner.clone(),
                    source: row.source.clone(),
                    amount: row.amount,
                    entered,
                });
            }
        }
    }

    /// The stage times.
    pub fn finish(mut self) -> StageTimes {
        let as_of = self.latest;
        let in_stage_days =
            |entered: Minutes| as_of.map_or(0.0, |now| (now - entered) as f64 / MINUTES_PER_DAY);
        let mut steps = Vec::with_capacity(TIMED_STAGES.len());
        for (i, from) in TIMED_STAGES.into_iter().enumerate() {
            let days = Days::of(&mut self.steps[i]);
            let stalled = days.p90.map_or(0, |p90| {
                self.open[i]
                    .iter()
                    .filter(|&&entered| in_stage_days(entered) > p90)
                    .count()
            });
            steps.push(StepTime {
                from,
                days,
                out_of_order: self.out_of_order[i],
                open: self.open[i].len(),
                stalled,
            });
        }
        let mut stalled_deals: Vec<StalledDeal> = match steps[3].days.p90 {
            Some(p90) => self
                .deals
                .into_iter()
                .map(|deal| StalledDeal {
                    days_open: in_stage_days(deal.entered),
                    line: deal.line,
                    owner: deal.owner,
                    source: deal.source,
                    amount: deal.amount,
                })
                .filter(|deal| deal.days_open > p90)
                .collect(),
            None => Vec::new(),
        };
        // Longest open first; ties in the export's order.
        stalled_deals.sort_by(|a, b| b.days_open.total_cmp(&a.days_open));
        StageTimes {
            steps,
            cycle: Days::of(&mut self.cycle),
            as_of,
            stalled_deals,
        }
    }
}
