//! The open pipeline of a CRM export, by owner (raw and weighted by the export's win rate,
//! with each owner's stalled deals), and the sales velocity measured from it.
//!
//! - **Open pipeline**: the amounts of the opportunities neither won nor lost.
//! - **Weighted**: the open pipeline × the export's win rate (won ÷ opportunities, every
//!   owner together: one owner's few deals say little of their own odds).
//! - **Measured velocity**: the [`velocity`] formula of the Model view's pipeline panel,
//!   read from the export: open opportunities × the average won deal × the win rate ÷ the
//!   measured sales cycle (creation → won, median days), per day and per month.

use std::rc::Rc;

use serde::Serialize;

use crate::model::crm::kpi::{CrmKpis, Kpis};
use crate::model::forecast::projection::DAYS_PER_MONTH;
use crate::model::num::finite;
use crate::model::sales::pipeline::{velocity, Velocity};

/// One owner's pipeline (or every owner's, for the total).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnerPipeline {
    /// The owner as the export writes it (`None` for the total).
    pub owner: Option<Rc<str>>,
    pub opportunities: usize,
    pub open: usize,
    pub open_pipeline: f64,
    /// The open pipeline × the export's win rate.
    pub weighted: Option<f64>,
    pub won: usize,
    pub won_amount: f64,
    /// The owner's own win rate.
    pub win_rate: Option<f64>,
    /// Open opportunities stalled past the p90 of opportunity → won.
    pub stalled: usize,
}

fn owner_pipeline(
    owner: Option<Rc<str>>,
    kpis: &Kpis,
    win_rate: Option<f64>,
    stalled: usize,
) -> OwnerPipeline {
    let open_pipeline = kpis.open_pipeline();
    OwnerPipeline {
        owner,
        opportunities: kpis.opportunities,
        open: kpis.open_opportunities(),
        open_pipeline,
        weighted: win_rate.and_then(|w| finite(open_pipeline * w)),
        won: kpis.won,
        won_amount: kpis.won_amount,
        win_rate: kpis.win_rate(),
        stalled,
    }
}

/// Every owner's pipeline, in the export's owner order, then the total.
pub fn owner_pipelines(kpis: &CrmKpis) -> Vec<OwnerPipeline> {
    let win_rate = kpis.opportunities.win_rate();
    let stalled = &kpis.timing.stalled_deals;
    let stalled_of = |owner: &str| {
        stalled
            .iter()
            .filter(|d| {
                d.owner
                    .as_deref()
                    .unwrap_or(crate::model::crm::kpi::NO_OWNER)
                    == owner
            })
            .count()
    };
    kpis.by_owner
        .iter()
        .map(|(owner, k)| owner_pipeline(Some(owner.clone()), k, win_rate, stalled_of(owner)))
        .chain(std::iter::once(owner_pipeline(
            None,
            &kpis.opportunities,
            win_rate,
            stalled.len(),
        )))
        .collect()
}

/// The sales velocity measured from the export; `None` without a measured sales cycle.
pub fn measured_velocity(kpis: &CrmKpis, name: String) -> Option<Velocity> {
    let cycle_days = kpis.timing.cycle_days()?;
    let total = &kpis.opportunities;
    Some(velocity(
        name,
        total.open_opportunities() as f64,
        total.average_won_amount().unwrap_or(0.0),
        total.win_rate(),
        cycle_days,
        DAYS_PER_MONTH,
    ))
}
