//! The monthly projection: leads entering month by month (flat, growing or seasonal), the
//! sales cycle spreading conversions over the following months, churn, upsell, recurring
//! revenue (MRR/ARR) or repeat purchases, spend, break-even, CAC payback and the LTV
//! realised within the horizon.
//!
//! The model, in expected values (fractional counts, like the funnel):
//!
//! - **Volume.** The top of the funnel per month is the scenario's top count ÷ the months of
//!   its period, times the month's volume factor: 1 (flat), `(1 + g)^(m − 1)` for month `m`
//!   (growing by `g` a month), or the calendar month's seasonal weight ÷ the mean of the 12
//!   weights (weights are relative, so a year holds the same volume as flat).
//! - **Spend** follows the volume: the funnel's spend per period ÷ its months, times the
//!   month's volume factor (the cost per contact stays as entered, as the reverse funnel
//!   assumes when it prices the leads it asks for).
//! - **Sales cycle.** A cycle of `d` days is a lag of `L = d ÷ 30.4375` months from the top
//!   of the funnel to the customers; stage `i` of `n` lags `L × i ÷ (n − 1)`. A cohort's
//!   volume at a stage with lag `ℓ` arrives `⌊ℓ⌋` months later for a share `1 − frac(ℓ)` and
//!   `⌊ℓ⌋ + 1` months later for `frac(ℓ)`, so the mean lag is exactly `ℓ` and no customer
//!   comes before month `⌊L⌋ + 1` (months counted from 1). The pipeline starts empty:
//!   nothing is in flight before month 1, and what would convert after the horizon is not
//!   counted.
//! - **Customers.** A customer won in month `m` is active (and pays) in month `m`; at the
//!   start of each later month the monthly churn takes its share of the active customers.
//! - **Revenue.** Subscription: every active customer pays a monthly fee of basket ×
//!   purchases per year ÷ 12 (the new ones included); MRR is the month's revenue and ARR 12 ×
//!   MRR. Repeat purchase: a new customer pays the basket in the month it is won; every
//!   customer still active afterwards buys basket × purchases per year ÷ 12 a month on
//!   average. Upsell / cross-sell adds a percentage of the month's recurring revenue (that
//!   of customers won in earlier months), not compounded.
//! - **Sales team.** With a team, each role works at most its month's capacity (its
//!   headcount and hires, ramping up, attrition replaced: [`Role::monthly_capacity`]); the
//!   items it cannot work that month go no further, so the stages after it receive less
//!   ([`TeamLimits`]). Without a team every number is as before.
//! - **Break-even** is the first month whose cumulative **gross margin** (revenue × margin)
//!   covers the cumulative spend; `revenue_covers_spend_month` is the same on revenue, for
//!   a chart of cumulative revenue against spend.
//!
//! Nothing returned is NaN or infinite, whatever the settings (out-of-range settings are
//! clamped; [`Projection::check`] names them for the user).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::format;
use crate::model::funnel::forward::{evaluate, without_channels};
use crate::model::funnel::scenario::Scenario;
use crate::model::num::{finite, ratio};
use crate::model::sales::capacity::Team;

crate::texts! {
    /// The projection's settings and what is wrong with them.
    enum ProjectionText {
        SalesCycleDays => "Sales cycle (days)", "Cycle de vente (jours)";
        ChurnPct => "Monthly churn", "Churn mensuel";
        UpsellPct => "Monthly upsell", "Upsell mensuel";
        GrowthPct => "Monthly growth", "Croissance mensuelle";
        SeasonalWeight => "Seasonal weight of month {m}", "Poids saisonnier du mois {m}";
        Months => "The projection covers 1 to {max} months, not {n}.",
            "La projection couvre de 1 à {max} mois, pas {n}.";
        StartMonth => "The start month is 1 (January) to 12 (December), not {n}.",
            "Le premier mois va de 1 (janvier) à 12 (décembre), pas {n}.";
        OutOfRange => "{setting}: must be between {min} and {max} (got {value}).",
            "{setting} : doit être entre {min} et {max} (saisi : {value}).";
        NoSeason => "Every seasonal weight is 0: give at least one month some volume.",
            "Tous les poids saisonniers sont à 0 : donnez du volume à au moins un mois.";
    }
}

/// Longest horizon, in months.
pub const MAX_MONTHS: u32 = 36;
/// Longest sales cycle, in days (three years).
pub const MAX_SALES_CYCLE_DAYS: f64 = 1095.0;
/// Average days in a month (365.25 ÷ 12): turns a sales cycle in days into months.
pub const DAYS_PER_MONTH: f64 = 30.4375;
/// Largest monthly growth or decline, in percent.
pub const MAX_GROWTH_PCT: f64 = 100.0;
/// Largest seasonal weight (weights are relative: only their ratios matter).
pub const MAX_SEASONAL_WEIGHT: f64 = 1000.0;
/// How far the CAC payback is looked for, in months (ten years).
pub const MAX_PAYBACK_MONTHS: u32 = 120;

/// How the volume entering the funnel changes from month to month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Growth {
    /// The same volume every month.
    Flat,
    /// Growing (or, when negative, declining) by a percentage every month, compounded.
    Growing { pct_per_month: f64 },
    /// Relative weights for January … December (scaled to average 1).
    Seasonal { weights: [f64; 12] },
}

/// How customers keep bringing revenue after they are won.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevenueModel {
    /// A monthly fee (basket × purchases per year ÷ 12) from every active customer.
    Subscription,
    /// The basket when won, then basket × purchases per year ÷ 12 a month on average.
    RepeatPurchase,
}

impl RevenueModel {
    pub const ALL: [RevenueModel; 2] = [RevenueModel::Subscription, RevenueModel::RepeatPurchase];

    /// The key used in URLs and `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            RevenueModel::Subscription => "subscription",
            RevenueModel::RepeatPurchase => "repeat",
        }
    }

    pub fn from_key(key: &str) -> Option<RevenueModel> {
        RevenueModel::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// The projection settings a user enters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Horizon, 1 to [`MAX_MONTHS`].
    pub months: u32,
    pub growth: Growth,
    /// Calendar month of the first projected month (1 = January … 12 = December); only
    /// seasonality reads it.
    pub start_month: u32,
    /// Average days from entering the funnel to becoming a customer.
    pub sales_cycle_days: f64,
    /// Share of the active customers lost every month, percent.
    pub churn_pct: f64,
    /// Upsell and cross-sell every month, percent of the month's recurring revenue.
    pub upsell_pct: f64,
    pub revenue_model: RevenueModel,
}

impl Default for Projection {
    /// A year, flat, starting in January, no sales cycle, no churn, no upsell, subscription.
    fn default() -> Projection {
        Projection {
            months: 12,
            growth: Growth::Flat,
            start_month: 1,
            sales_cycle_days: 0.0,
            churn_pct: 0.0,
            upsell_pct: 0.0,
            revenue_model: RevenueModel::Subscription,
        }
    }
}

impl Projection {
    /// Settings that suit `scenario` to start from: two years, a 60-day sales cycle, the
    /// churn its customer lifetime implies (1 ÷ (12 × lifetime) a month), subscription when
    /// customers buy at least monthly, repeat purchases otherwise.
    pub fn suggested(scenario: &Scenario) -> Projection {
        let lifetime_months = scenario.lifetime_years * 12.0;
        let churn_pct = if lifetime_months >= 1.0 {
            100.0 / lifetime_months
        } else {
            100.0
        };
        Projection {
            months: 24,
            sales_cycle_days: 60.0,
            churn_pct: finite(churn_pct).unwrap_or(0.0).clamp(0.0, 100.0),
            revenue_model: if scenario.purchases_per_year >= 12.0 {
                RevenueModel::Subscription
            } else {
                RevenueModel::RepeatPurchase
            },
            ..Projection::default()
        }
    }

    /// The first problem with these settings, if any.
    pub fn check(&self) -> Result<(), ProjectionError> {
        if !(1..=MAX_MONTHS).contains(&self.months) {
            return Err(ProjectionError::Months(self.months));
        }
        if !(1..=12).contains(&self.start_month) {
            return Err(ProjectionError::StartMonth(self.start_month));
        }
        let in_range = |setting: ProjectionSetting, value: f64, min: f64, max: f64| {
            if value.is_finite() && (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(ProjectionError::OutOfRange {
                    setting,
                    value,
                    min,
                    max,
                })
            }
        };
        in_range(
            ProjectionSetting::SalesCycleDays,
            self.sales_cycle_days,
            0.0,
            MAX_SALES_CYCLE_DAYS,
        )?;
        in_range(ProjectionSetting::ChurnPct, self.churn_pct, 0.0, 100.0)?;
        in_range(ProjectionSetting::UpsellPct, self.upsell_pct, 0.0, 100.0)?;
        match &self.growth {
            Growth::Flat => {}
            Growth::Growing { pct_per_month } => in_range(
                ProjectionSetting::GrowthPct,
                *pct_per_month,
                -MAX_GROWTH_PCT,
                MAX_GROWTH_PCT,
            )?,
            Growth::Seasonal { weights } => {
                for (i, &w) in weights.iter().enumerate() {
                    in_range(
                        ProjectionSetting::SeasonalWeight(i + 1),
                        w,
                        0.0,
                        MAX_SEASONAL_WEIGHT,
                    )?;
                }
                if weights.iter().all(|&w| w == 0.0) {
                    return Err(ProjectionError::NoSeason);
                }
            }
        }
        Ok(())
    }

    /// The sales cycle in months (days ÷ [`DAYS_PER_MONTH`]).
    pub fn sales_cycle_months(&self) -> f64 {
        clamp_or(self.sales_cycle_days, 0.0, MAX_SALES_CYCLE_DAYS, 0.0) / DAYS_PER_MONTH
    }

    /// The first month (counted from 1) in which customers can be won: ⌊cycle in months⌋ + 1.
    pub fn first_customer_month(&self) -> u32 {
        Lag::of(self.sales_cycle_months()).whole as u32 + 1
    }
}

/// A number setting of the projection, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectionSetting {
    SalesCycleDays,
    ChurnPct,
    UpsellPct,
    GrowthPct,
    /// The weight of a calendar month, 1 = January.
    SeasonalWeight(usize),
}

impl ProjectionSetting {
    /// The setting's name, in the language in use.
    pub fn label(self) -> String {
        match self {
            ProjectionSetting::SalesCycleDays => ProjectionText::SalesCycleDays.text().into(),
            ProjectionSetting::ChurnPct => ProjectionText::ChurnPct.text().into(),
            ProjectionSetting::UpsellPct => ProjectionText::UpsellPct.text().into(),
            ProjectionSetting::GrowthPct => ProjectionText::GrowthPct.text().into(),
            ProjectionSetting::SeasonalWeight(m) => {
                ProjectionText::SeasonalWeight.fill(&[("m", &m.to_string())])
            }
        }
    }
}

/// What is wrong with projection settings.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectionError {
    /// The horizon is outside 1 to [`MAX_MONTHS`] months.
    Months(u32),
    /// The start month is not 1 to 12.
    StartMonth(u32),
    /// A number outside its range, or not a number.
    OutOfRange {
        setting: ProjectionSetting,
        value: f64,
        min: f64,
        max: f64,
    },
    /// Every seasonal weight is 0: no month would have any volume.
    NoSeason,
}

impl fmt::Display for ProjectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ProjectionError::Months(n) => ProjectionText::Months.fill(&[
                ("max", &MAX_MONTHS.to_string()),
                ("n", &format::message_number(f64::from(*n))),
            ]),
            ProjectionError::StartMonth(n) => {
                ProjectionText::StartMonth.fill(&[("n", &format::message_number(f64::from(*n)))])
            }
            ProjectionError::OutOfRange {
                setting,
                value,
                min,
                max,
            } => ProjectionText::OutOfRange.fill(&[
                ("min", &format::message_number(*min)),
                ("max", &format::message_number(*max)),
                ("value", &format::message_number(*value)),
                ("setting", &setting.label()),
            ]),
            ProjectionError::NoSeason => ProjectionText::NoSeason.text().to_owned(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ProjectionError {}

/// One projected month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthResult {
    /// 1 for the first projected month.
    pub month: u32,
    /// 1 = January … 12 = December.
    pub calendar_month: u32,
    /// Volume reaching each stage this month (top first), for a stacked chart.
    pub stage_volumes: Vec<f64>,
    pub new_customers: f64,
    /// Customers lost at the start of this month.
    pub churned: f64,
    /// Customers active this month (after churn, new ones included).
    pub active_customers: f64,
    /// From new customers: their first month's fee, or their first purchase.
    pub new_revenue: f64,
    /// From customers won in earlier months.
    pub recurring_revenue: f64,
    pub upsell_revenue: f64,
    /// New + recurring + upsell.
    pub revenue: f64,
    pub gross_margin: f64,
    /// Monthly recurring revenue (subscriptions only): the month's revenue.
    pub mrr: Option<f64>,
    /// Annual run rate (subscriptions only): 12 × MRR.
    pub arr: Option<f64>,
    pub spend: f64,
    pub cumulative_revenue: f64,
    pub cumulative_gross_margin: f64,
    pub cumulative_spend: f64,
    /// Each role of the sales team this month, in the order of their stages (empty without
    /// a team).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<RoleMonth>,
}

/// One role of the sales team in one projected month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleMonth {
    pub name: String,
    /// Items reaching the role's stage this month (after the roles upstream).
    pub demand: f64,
    /// What the role can work this month (hires ramping up, attrition replaced).
    pub capacity: f64,
    pub worked: f64,
}

/// The whole projection.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectionResult {
    pub stage_names: Vec<String>,
    pub months: Vec<MonthResult>,
    /// Customers won over the horizon.
    pub customers_won: f64,
    /// Customers active in the last month.
    pub active_customers: f64,
    pub revenue: f64,
    pub gross_margin: f64,
    pub spend: f64,
    /// Spend over the horizon ÷ customers won over it.
    pub cac: Option<f64>,
    /// (revenue − spend) ÷ spend over the horizon.
    pub roi_revenue: Option<f64>,
    /// (gross margin − spend) ÷ spend over the horizon.
    pub roi_margin: Option<f64>,
    /// First month (from 1) whose cumulative gross margin covers the cumulative spend.
    pub break_even_month: Option<u32>,
    /// First month (from 1) whose cumulative revenue covers the cumulative spend.
    pub revenue_covers_spend_month: Option<u32>,
    /// Months of one customer's expected gross margin (churn and upsell included, the month
    /// it is won counting as the first) needed to cover the CAC; `None` beyond
    /// [`MAX_PAYBACK_MONTHS`].
    pub cac_payback_months: Option<f64>,
    /// Gross margin over the horizon ÷ customers won over it.
    pub ltv_realised: Option<f64>,
    /// MRR and ARR of the last month (subscriptions only).
    pub mrr: Option<f64>,
    pub arr: Option<f64>,
}

/// `value` clamped to `min..=max`, or `fallback` when it is not a number.
fn clamp_or(value: f64, min: f64, max: f64, fallback: f64) -> f64 {
    if value.is_nan() {
        fallback
    } else {
        value.clamp(min, max)
    }
}

/// A lag in months split into whole months and the share arriving one month later.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lag {
    pub whole: usize,
    pub frac: f64,
}

impl Lag {
    pub(crate) fn of(months: f64) -> Lag {
        let months = clamp_or(months, 0.0, MAX_SALES_CYCLE_DAYS / DAYS_PER_MONTH, 0.0);
        let whole = months.floor();
        Lag {
            whole: whole as usize,
            frac: months - whole,
        }
    }

    /// What arrives in month index `m` (from 0) from the monthly inflows `inflow`.
    // Inlined, without closures: every Monte Carlo trial calls it for every month, and the
    // release build (opt-level "z") would call the closure and the `Option` adapters.
    #[inline(always)]
    pub(crate) fn arriving(self, inflow: &[f64], m: usize) -> f64 {
        let whole = if self.whole <= m && m - self.whole < inflow.len() {
            inflow[m - self.whole]
        } else {
            0.0
        };
        if self.frac == 0.0 {
            whole
        } else {
            let next = if self.whole < m && m - self.whole - 1 < inflow.len() {
                inflow[m - self.whole - 1]
            } else {
                0.0
            };
            (1.0 - self.frac) * whole + self.frac * next
        }
    }
}

/// The settings turned into what the month loop needs, clamped to their ranges.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub months: usize,
    /// Volume factor of each month (index 0 = month 1).
    pub factors: Vec<f64>,
    pub cycle_months: f64,
    pub customer_lag: Lag,
    pub retention: f64,
    pub upsell: f64,
    pub revenue_model: RevenueModel,
    pub start_month: u32,
}

impl Plan {
    pub(crate) fn new(projection: &Projection) -> Plan {
        let months = projection.months.clamp(1, MAX_MONTHS) as usize;
        let start_month = projection.start_month.clamp(1, 12);
        let factors = match &projection.growth {
            Growth::Flat => vec![1.0; months],
            Growth::Growing { pct_per_month } => {
                let step =
                    1.0 + clamp_or(*pct_per_month, -MAX_GROWTH_PCT, MAX_GROWTH_PCT, 0.0) / 100.0;
                (0..months).map(|m| step.powi(m as i32)).collect()
            }
            Growth::Seasonal { weights } => {
                let clean: Vec<f64> = weights
                    .iter()
                    .map(|&w| clamp_or(w, 0.0, MAX_SEASONAL_WEIGHT, 0.0))
                    .collect();
                let mean = clean.iter().sum::<f64>() / 12.0;
                if mean > 0.0 {
                    (0..months)
                        .map(|m| clean[(start_month as usize - 1 + m) % 12] / mean)
                        .collect()
                } else {
                    vec![1.0; months]
                }
            }
        };
        let cycle_months = projection.sales_cycle_months();
        Plan {
            months,
            factors,
            cycle_months,
            customer_lag: Lag::of(cycle_months),
            retention: 1.0 - clamp_or(projection.churn_pct, 0.0, 100.0, 0.0) / 100.0,
            upsell: clamp_or(projection.upsell_pct, 0.0, 100.0, 0.0) / 100.0,
            revenue_model: projection.revenue_model,
            start_month,
        }
    }

    /// The lag of stage `i` of `n`: proportional to its position (the last stage, the
    /// customers, lags the whole sales cycle).
    pub(crate) fn stage_lag(&self, i: usize, n: usize) -> Lag {
        if i + 1 >= n {
            self.customer_lag
        } else {
            Lag::of(self.cycle_months * i as f64 / (n - 1) as f64)
        }
    }

    /// Spend in month index `m` (from 0).
    pub(crate) fn spend(&self, drivers: &Drivers, m: usize) -> f64 {
        sane(drivers.monthly_spend * self.factors.get(m).copied().unwrap_or(0.0))
    }
}

/// The scenario's numbers one projection run needs; the Monte Carlo fills them from sampled
/// values.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Drivers {
    /// Top of the funnel in a month whose volume factor is 1.
    pub monthly_top: f64,
    /// Top → customers, as a fraction.
    pub conversion: f64,
    /// Spend in a month whose volume factor is 1.
    pub monthly_spend: f64,
    pub basket: f64,
    pub purchases_per_year: f64,
    /// Gross margin as a fraction.
    pub margin: f64,
}

impl Drivers {
    /// Revenue from one customer in the month it is won.
    pub(crate) fn first_month_revenue(&self, model: RevenueModel) -> f64 {
        match model {
            RevenueModel::Subscription => self.recurring_per_customer(),
            RevenueModel::RepeatPurchase => self.basket,
        }
    }

    /// Revenue from one customer in each later month it stays active.
    pub(crate) fn recurring_per_customer(&self) -> f64 {
        self.basket * self.purchases_per_year / 12.0
    }
}

/// `x` when finite, 0 otherwise: the guard on every value of a month.
pub(crate) fn sane(x: f64) -> f64 {
    finite(x).unwrap_or(0.0)
}

/// One month's customers and money, from the customers won this month and the customers
/// active last month.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct MonthMoney {
    pub churned: f64,
    pub active: f64,
    pub new_revenue: f64,
    pub recurring_revenue: f64,
    pub upsell_revenue: f64,
    pub revenue: f64,
    pub gross_margin: f64,
}

impl MonthMoney {
    #[inline(always)]
    pub(crate) fn of(
        plan: &Plan,
        drivers: &Drivers,
        new_customers: f64,
        previous_active: f64,
    ) -> MonthMoney {
        let survivors = sane(previous_active * plan.retention);
        let active = sane(survivors + new_customers);
        let new_revenue = sane(new_customers * drivers.first_month_revenue(plan.revenue_model));
        let recurring_revenue = sane(survivors * drivers.recurring_per_customer());
        let upsell_revenue = sane(recurring_revenue * plan.upsell);
        let revenue = sane(new_revenue + recurring_revenue + upsell_revenue);
        MonthMoney {
            churned: sane(previous_active - survivors).max(0.0),
            active,
            new_revenue,
            recurring_revenue,
            upsell_revenue,
            revenue,
            gross_margin: sane(revenue * drivers.margin),
        }
    }
}

/// `total + x`, kept finite and never decreasing (`x` is never negative here).
// A comparison, not `f64::max`: in wasm that is a call to libm's `fmax` (its NaN rule is not
// the instruction's), three per month of every Monte Carlo trial. The same bits: a NaN or a
// negative `x` adds 0, and `total` (a sum from +0 of numbers ≥ 0) is never −0.
#[inline(always)]
pub(crate) fn accumulate(total: f64, x: f64) -> f64 {
    finite(total + if x > 0.0 { x } else { 0.0 }).unwrap_or(total)
}

/// The top of the funnel in each month.
pub(crate) fn monthly_tops(plan: &Plan, drivers: &Drivers, out: &mut Vec<f64>) {
    out.clear();
    out.extend(plan.factors.iter().map(|f| sane(drivers.monthly_top * f)));
}

/// The drivers of `scenario` as entered.
fn scenario_drivers(scenario: &Scenario) -> Drivers {
    let months = scenario.period.months();
    let funnel = evaluate(scenario);
    Drivers {
        monthly_top: sane(scenario.top_count() / months),
        conversion: cumulative_conversions(scenario.stages.iter().map(|s| s.value))
            .last()
            .copied()
            .unwrap_or(0.0),
        monthly_spend: sane(funnel.spend / months),
        basket: sane(scenario.basket),
        purchases_per_year: sane(scenario.purchases_per_year),
        margin: sane(scenario.margin_pct / 100.0),
    }
}

/// Conversion from the top to each stage (1 for the top), from the stages' values (the top's
/// count is not read, then rates in percent).
pub(crate) fn cumulative_conversions(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut conversion = 1.0;
    values
        .enumerate()
        .map(|(i, value)| {
            if i > 0 {
                conversion = sane(conversion * (value / 100.0));
            }
            conversion
        })
        .collect()
}

/// Months (from 1, fractional) for one customer's expected gross margin to cover `cac`.
pub(crate) fn cac_payback(plan: &Plan, drivers: &Drivers, cac: f64) -> Option<f64> {
    if !(cac.is_finite() && cac >= 0.0) {
        return None;
    }
    if cac == 0.0 {
        return Some(0.0);
    }
    let mut covered = 0.0;
    let mut survival = 1.0;
    for k in 1..=MAX_PAYBACK_MONTHS {
        let revenue = if k == 1 {
            drivers.first_month_revenue(plan.revenue_model)
        } else {
            survival *= plan.retention;
            survival * drivers.recurring_per_customer() * (1.0 + plan.upsell)
        };
        let margin = sane(revenue * drivers.margin);
        if margin > 0.0 && covered + margin >= cac {
            return finite(f64::from(k - 1) + (cac - covered) / margin);
        }
        covered += margin;
    }
    None
}

/// The sales team over a projection's months: each role, in the order of their stages,
/// with the stage it works and its capacity month by month.
#[derive(Clone, Debug)]
pub(crate) struct TeamMonths {
    roles: Vec<(String, usize, Vec<f64>)>,
}

impl TeamMonths {
    pub(crate) fn new(team: &Team, months: usize, stages: usize) -> TeamMonths {
        let roles = team
            .by_stage()
            .into_iter()
            .map(|role| {
                (
                    role.name.clone(),
                    role.stage.min(stages.saturating_sub(1)),
                    role.monthly_capacity(months),
                )
            })
            .collect();
        TeamMonths { roles }
    }

    /// Lets the cohorts of `tops` (the top's inflow by month) through each role in turn.
    ///
    /// A role's demand in a month is what reaches its stage then (from the cohorts the roles
    /// before it let through); when it exceeds the month's capacity, the share worked,
    /// capacity ÷ demand, applies to every item arriving that month. A cohort reaches the
    /// stage over one or two months, by the stage's lag, so its share let through is the mix
    /// of those months' shares. `through` (one share per cohort, 1 to start) ends as the
    /// share of each cohort that every role let through; `after_role` sees each role's
    /// index, stage, the shares so far and its months (demand, capacity, worked).
    pub(crate) fn let_through(
        &self,
        tops: &[f64],
        conversions: &[f64],
        lags: &[Lag],
        through: &mut [f64],
        mut after_role: impl FnMut(usize, usize, &[f64], &[(f64, f64, f64)]),
    ) {
        let months = tops.len();
        let mut inflow = vec![0.0; months];
        let mut role_months = Vec::with_capacity(months);
        for (index, (_, stage, capacity)) in self.roles.iter().enumerate() {
            let stage = *stage;
            let (Some(&conversion), Some(&lag)) = (conversions.get(stage), lags.get(stage)) else {
                continue;
            };
            for ((slot, top), share) in inflow.iter_mut().zip(tops).zip(through.iter()) {
                *slot = top * share;
            }
            role_months.clear();
            for m in 0..months {
                let demand = sane(lag.arriving(&inflow, m) * conversion);
                let available = capacity.get(m).copied().unwrap_or(0.0);
                role_months.push((demand, available, demand.min(available)));
            }
            let share_at = |m: usize| match role_months.get(m) {
                Some(&(demand, _, worked)) => {
                    ratio(worked, demand).map_or(1.0, |s| s.clamp(0.0, 1.0))
                }
                None => 1.0,
            };
            for (cohort, share) in through.iter_mut().enumerate() {
                let first = cohort + lag.whole;
                *share *= (1.0 - lag.frac) * share_at(first) + lag.frac * share_at(first + 1);
            }
            after_role(index, stage, through, &role_months);
        }
    }

    /// The role's name, by its place in stage order.
    fn name(&self, index: usize) -> &str {
        self.roles
            .get(index)
            .map_or("", |(name, _, _)| name.as_str())
    }
}

/// The sales team's limits on a projection ([`TeamMonths::let_through`]): what each stage
/// receives once the roles upstream have worked what they could, and each role's months.
struct TeamLimits {
    /// By stage, the top's monthly inflow as seen from that stage.
    stage_tops: Vec<Vec<f64>>,
    /// By role (in the order of their stages), by month.
    roles: Vec<Vec<RoleMonth>>,
}

impl TeamLimits {
    fn new(
        team: &Team,
        plan: &Plan,
        tops: &[f64],
        conversions: &[f64],
        lags: &[Lag],
    ) -> TeamLimits {
        let stages = conversions.len();
        let team_months = TeamMonths::new(team, plan.months, stages);
        let mut through = vec![1.0_f64; tops.len()];
        let mut stage_tops = vec![tops.to_vec(); stages];
        let mut roles = Vec::new();
        team_months.let_through(
            tops,
            conversions,
            lags,
            &mut through,
            |index, stage, through, months| {
                for later in stage_tops.iter_mut().skip(stage + 1) {
                    for ((value, top), share) in later.iter_mut().zip(tops).zip(through) {
                        *value = top * share;
                    }
                }
                let name = team_months.name(index);
                roles.push(
                    months
                        .iter()
                        .map(|&(demand, capacity, worked)| RoleMonth {
                            name: name.to_owned(),
                            demand,
                            capacity,
                            worked,
                        })
                        .collect(),
                );
            },
        );
        TeamLimits { stage_tops, roles }
    }
}

/// Projects `scenario` month by month with `projection`'s settings.
pub fn project(scenario: &Scenario, projection: &Projection) -> ProjectionResult {
    // A channel mix is projected by its blended funnel.
    let scenario = &*without_channels(scenario);
    let plan = Plan::new(projection);
    let drivers = scenario_drivers(scenario);
    let conversions = cumulative_conversions(scenario.stages.iter().map(|s| s.value));
    let stage_count = conversions.len();
    let lags: Vec<Lag> = (0..stage_count)
        .map(|i| plan.stage_lag(i, stage_count))
        .collect();
    let mut tops = Vec::with_capacity(plan.months);
    monthly_tops(&plan, &drivers, &mut tops);
    let limits = scenario
        .team
        .as_deref()
        .map(|team| TeamLimits::new(team, &plan, &tops, &conversions, &lags));

    let mut months = Vec::with_capacity(plan.months);
    let (mut active, mut cumulative_revenue, mut cumulative_margin, mut cumulative_spend) =
        (0.0, 0.0, 0.0, 0.0);
    let (mut customers_won, mut break_even_month, mut revenue_covers_spend_month) =
        (0.0, None, None);
    for m in 0..plan.months {
        let stage_volumes: Vec<f64> = conversions
            .iter()
            .zip(&lags)
            .enumerate()
            .map(|(i, (&conversion, lag))| {
                let inflow = limits.as_ref().map_or(&tops, |l| &l.stage_tops[i]);
                sane(lag.arriving(inflow, m) * conversion)
            })
            .collect();
        // The customers arrive with the last stage's lag (= the customer lag).
        let new_customers = stage_volumes.last().copied().unwrap_or(0.0);
        let money = MonthMoney::of(&plan, &drivers, new_customers, active);
        let spend = plan.spend(&drivers, m);
        active = money.active;
        customers_won = accumulate(customers_won, new_customers);
        cumulative_revenue = accumulate(cumulative_revenue, money.revenue);
        cumulative_margin = accumulate(cumulative_margin, money.gross_margin);
        cumulative_spend = accumulate(cumulative_spend, spend);
        let month = m as u32 + 1;
        if break_even_month.is_none()
            && cumulative_margin > 0.0
            && cumulative_margin >= cumulative_spend
        {
            break_even_month = Some(month);
        }
        if revenue_covers_spend_month.is_none()
            && cumulative_revenue > 0.0
            && cumulative_revenue >= cumulative_spend
        {
            revenue_covers_spend_month = Some(month);
        }
        let subscription = plan.revenue_model == RevenueModel::Subscription;
        months.push(MonthResult {
            month,
            calendar_month: (plan.start_month - 1 + m as u32) % 12 + 1,
            stage_volumes,
            new_customers,
            churned: money.churned,
            active_customers: money.active,
            new_revenue: money.new_revenue,
            recurring_revenue: money.recurring_revenue,
            upsell_revenue: money.upsell_revenue,
            revenue: money.revenue,
            gross_margin: money.gross_margin,
            mrr: subscription.then_some(money.revenue),
            arr: subscription.then(|| sane(money.revenue * 12.0)),
            spend,
            cumulative_revenue,
            cumulative_gross_margin: cumulative_margin,
            cumulative_spend,
            team: limits
                .as_ref()
                .map(|l| l.roles.iter().map(|months| months[m].clone()).collect())
                .unwrap_or_default(),
        });
    }
    let cac = ratio(cumulative_spend, customers_won);
    let last = months.last();
    ProjectionResult {
        stage_names: scenario.stages.iter().map(|s| s.name.clone()).collect(),
        customers_won,
        active_customers: active,
        revenue: cumulative_revenue,
        gross_margin: cumulative_margin,
        spend: cumulative_spend,
        cac,
        roi_revenue: ratio(cumulative_revenue - cumulative_spend, cumulative_spend),
        roi_margin: ratio(cumulative_margin - cumulative_spend, cumulative_spend),
        break_even_month,
        revenue_covers_spend_month,
        cac_payback_months: cac.and_then(|cac| cac_payback(&plan, &drivers, cac)),
        ltv_realised: ratio(cumulative_margin, customers_won),
        mrr: last.and_then(|m| m.mrr),
        arr: last.and_then(|m| m.arr),
        months,
    }
}

/// Projects `scenario` with its own projection settings, when it has some.
pub fn project_scenario(scenario: &Scenario) -> Option<ProjectionResult> {
    scenario
        .projection
        .as_deref()
        .map(|projection| project(scenario, projection))
}
