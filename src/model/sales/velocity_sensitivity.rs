//! What moves the sales velocity: each of its four terms (open opportunities, average deal,
//! win rate, sales-cycle days) moved down and up by the sensitivity's step while the other
//! three are held, ranked by how far it moves the velocity, for the velocity tornado.
//!
//! The base is the pipeline's blended [`Velocity`] ([`pipeline`]), so the Sensitivity view
//! and the Pipeline panel show one number from one formula. The step is the sensitivity's
//! ([`SensitivitySettings::moved_within`]): relative mode moves every term by ± step %; points
//! mode moves the win rate by ± step percentage points and the other terms by ± step %. The
//! win rate stays within 0–100 % and the cycle within 0 and [`MAX_SALES_CYCLE_DAYS`]; a cycle
//! of 0 days leaves the velocity undefined (None, shown "n/a"), never infinite.
//!
//! Velocity = opportunities × deal × win rate ÷ cycle, so in relative mode the first three
//! move it by exactly ± step % (they tie, and keep the term order) while a cycle shorter by
//! step % multiplies it by 1 ÷ (1 − step %): the cycle ranks first.

use std::fmt;

use serde::Serialize;

use crate::model::forecast::projection::MAX_SALES_CYCLE_DAYS;
use crate::model::format;
use crate::model::funnel::forward::FunnelResult;
use crate::model::funnel::scenario::Scenario;
use crate::model::sales::pipeline::{period_days, pipeline, velocity, Velocity};
use crate::model::workbench::sensitivity::{
    by_swing, change, swing, SensitivityError, SensitivitySettings, StepMode,
};

crate::texts! {
    /// The velocity's terms, and why it has no sensitivity.
    pub enum VelocityText {
        Open => "Open opportunities", "Opportunités ouvertes";
        Deal => "Average deal", "Montant moyen";
        Win => "Win rate", "Taux de gain";
        Cycle => "Cycle (days)", "Cycle (jours)";
        TooShort => "A funnel needs an opportunity stage before the customers for coverage and velocity.",
            "Il faut une étape d'opportunités avant les clients pour la couverture et la vélocité.";
        NoWinRate => "No win rate: no opportunity reaches the customers' stage, so the velocity is undefined.",
            "Pas de taux de gain : aucune opportunité n'atteint l'étape des clients, la vélocité n'est pas définie.";
    }
}

/// One of the velocity's four terms, in the formula's order (the order ties keep).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VelocityTerm {
    OpenOpportunities,
    AverageDeal,
    WinRate,
    CycleDays,
}

impl VelocityTerm {
    /// The four terms, in the formula's order.
    pub const ALL: [VelocityTerm; 4] = [
        VelocityTerm::OpenOpportunities,
        VelocityTerm::AverageDeal,
        VelocityTerm::WinRate,
        VelocityTerm::CycleDays,
    ];

    /// Stable key, for `data-` attributes: `open_opportunities`, `average_deal`, `win_rate`,
    /// `cycle_days`.
    pub fn key(self) -> &'static str {
        match self {
            VelocityTerm::OpenOpportunities => "open_opportunities",
            VelocityTerm::AverageDeal => "average_deal",
            VelocityTerm::WinRate => "win_rate",
            VelocityTerm::CycleDays => "cycle_days",
        }
    }

    /// The term's name in the language in use.
    pub fn label(self) -> &'static str {
        match self {
            VelocityTerm::OpenOpportunities => VelocityText::Open,
            VelocityTerm::AverageDeal => VelocityText::Deal,
            VelocityTerm::WinRate => VelocityText::Win,
            VelocityTerm::CycleDays => VelocityText::Cycle,
        }
        .text()
    }

    /// A value of the term for people: a count, money, a percentage (the win rate is a
    /// fraction) or days.
    pub fn format(self, value: f64) -> String {
        match self {
            VelocityTerm::AverageDeal => format::money(value),
            VelocityTerm::WinRate => format::percent(value),
            VelocityTerm::OpenOpportunities | VelocityTerm::CycleDays => format::count(value),
        }
    }

    /// `base` moved in `direction` (−1 down, +1 up) by the step of `settings`.
    fn moved(self, settings: &SensitivitySettings, base: f64, direction: f64) -> f64 {
        match self {
            // In percent, so that points mode moves it by percentage points.
            VelocityTerm::WinRate => {
                let in_points = settings.mode == StepMode::Points;
                settings.moved_within(base * 100.0, direction, in_points, (0.0, 100.0)) / 100.0
            }
            VelocityTerm::CycleDays => {
                settings.moved_within(base, direction, false, (0.0, MAX_SALES_CYCLE_DAYS))
            }
            VelocityTerm::OpenOpportunities | VelocityTerm::AverageDeal => {
                settings.moved_within(base, direction, false, (0.0, f64::MAX))
            }
        }
    }
}

/// The effect of moving one term down and up by the step, the other three held.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermEffect {
    pub term: VelocityTerm,
    pub base_value: f64,
    /// The term after the step down and after the step up (clamped).
    pub low_value: f64,
    pub high_value: f64,
    /// The velocity (a day and a period) after the step down and after the step up.
    pub low: Velocity,
    pub high: Velocity,
    /// The unmoved velocity a day (the same as the base's; kept so an effect knows its swing).
    #[serde(skip)]
    pub base_per_day: Option<f64>,
}

impl TermEffect {
    /// How far the two steps spread the velocity a day (see
    /// [`crate::model::workbench::sensitivity::swing`]): finite and ≥ 0.
    pub fn swing(&self) -> f64 {
        swing(self.low.per_day, self.high.per_day, self.base_per_day)
    }

    /// The signed change of the velocity a day after the step down (None when undefined).
    pub fn low_change(&self) -> Option<f64> {
        change(self.base_per_day, self.low.per_day)
    }

    /// The signed change of the velocity a day after the step up (None when undefined).
    pub fn high_change(&self) -> Option<f64> {
        change(self.base_per_day, self.high.per_day)
    }
}

/// The blended velocity and the effect of each of its terms.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VelocitySensitivity {
    /// The Pipeline panel's blended velocity.
    pub base: Velocity,
    /// One per term, in [`VelocityTerm::ALL`] order.
    pub effects: Vec<TermEffect>,
}

impl VelocitySensitivity {
    /// The effects sorted by swing on the velocity a day, largest first; ties keep the term
    /// order (as [`crate::model::workbench::sensitivity::Sensitivity::ranked`]).
    pub fn ranked(&self) -> Vec<&TermEffect> {
        by_swing(&self.effects, TermEffect::swing)
    }
}

/// Why a velocity has no sensitivity.
#[derive(Clone, Debug, PartialEq)]
pub enum NoVelocity {
    /// The funnel has no opportunity stage before the customers (the Pipeline panel's case).
    TooShort,
    /// The win rate into the customers is undefined (no opportunity to win).
    NoWinRate,
    /// The step is not valid.
    InvalidStep(SensitivityError),
}

impl fmt::Display for NoVelocity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoVelocity::TooShort => f.write_str(VelocityText::TooShort.text()),
            NoVelocity::NoWinRate => f.write_str(VelocityText::NoWinRate.text()),
            NoVelocity::InvalidStep(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for NoVelocity {}

/// Moves each term of the blended velocity of `scenario` (whose forward result is
/// `funnel`) down and up by the step of `settings`, the other three held.
pub fn velocity_sensitivity(
    scenario: &Scenario,
    funnel: &FunnelResult,
    settings: &SensitivitySettings,
) -> Result<VelocitySensitivity, NoVelocity> {
    settings.validate().map_err(NoVelocity::InvalidStep)?;
    let base = pipeline(scenario, funnel, None)
        .ok_or(NoVelocity::TooShort)?
        .velocity;
    let win_rate = base.win_rate.ok_or(NoVelocity::NoWinRate)?;
    let terms = [
        base.opportunities,
        base.average_deal,
        win_rate,
        base.cycle_days,
    ];
    let days = period_days(scenario);
    let at = |index: usize, value: f64| {
        let mut moved = terms;
        moved[index] = value;
        let [opportunities, deal, win_rate, cycle] = moved;
        velocity(
            base.name.clone(),
            opportunities,
            deal,
            Some(win_rate),
            cycle,
            days,
        )
    };
    let effects = VelocityTerm::ALL
        .into_iter()
        .enumerate()
        .map(|(index, term)| {
            let base_value = terms[index];
            let low_value = term.moved(settings, base_value, -1.0);
            let high_value = term.moved(settings, base_value, 1.0);
            TermEffect {
                term,
                base_value,
                low_value,
                high_value,
                low: at(index, low_value),
                high: at(index, high_value),
                base_per_day: base.per_day,
            }
        })
        .collect();
    Ok(VelocitySensitivity { base, effects })
}
