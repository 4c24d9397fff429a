//! The sales team's capacity: each role (SDRs, account executives) works one stage of the
//! funnel with a headcount, what one fully ramped person handles a month, a ramp-up and a
//! monthly attrition; what the team can work against what the funnel brings (utilisation,
//! the bottleneck, the items left unworked and the customers and revenue they cost) and the
//! headcount the revenue target needs.
//!
//! - **Demand** at a role's stage is the funnel's count there per month (the period's count ÷
//!   its months), less what a role upstream could not work: an item nobody works goes no
//!   further.
//! - **Capacity** is headcount × items per ramped person a month × the ramped share. Leavers
//!   (attrition, % of the team a month) are replaced at once by hires who ramp up: over `R`
//!   months linearly (a new hire works `t ÷ R` of a full load in their month `t`, so each
//!   hire costs `R ÷ 2` months of work) or all at once after `R` months (a step: `R` months
//!   lost). In steady state, `attrition × R ÷ 2` (or `× R`) of the team's work is lost to
//!   ramping, at most all of it.
//! - **Worked** = min(demand, capacity); **utilisation** = demand ÷ capacity (`None` when
//!   nobody works the stage: no capacity). Utilisation ≤ 100 % exactly when nothing is left
//!   unworked.
//! - **Required headcount** = the reverse funnel's count at the stage (per month) ÷ what one
//!   person works a month in steady state, rounded up to whole people.
//! - **The bottleneck** is the role with the highest utilisation (the next one to saturate
//!   when none is over 100 %).
//!
//! The default is the published rule of one SDR for 100 MQL a month, from the rep funnel
//! 100 MQL → 50 connected → 30 discovery calls → 15 demos → 5 customers a rep a month; an
//! account executive then works 15 opportunities a month.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::forecast::projection::MAX_MONTHS;
use crate::model::funnel::forward::FunnelResult;
use crate::model::funnel::reverse::ReverseResult;
use crate::model::funnel::scenario::Scenario;
use crate::model::funnel::validate::MAX_AMOUNT;
use crate::model::num::{ceil_whole, finite, ratio};

crate::texts! {
    /// The team's roles and what is wrong with one.
    enum CapacityText {
        Sdr => "SDRs", "SDR";
        AccountExecutives => "Account executives", "Commerciaux (AE)";
        NoRoles => "The team has no role.", "L'équipe n'a aucun rôle.";
        TooManyRoles => "At most {max} roles.", "Au plus {max} rôles.";
        NoName => "Role {n}: give it a name.", "Rôle {n} : donnez-lui un nom.";
        SameName => "Two roles are called {name}.", "Deux rôles s'appellent {name}.";
        NoSuchStage => "{name}: the funnel has no stage {stage}.", "{name} : l'entonnoir n'a pas d'étape {stage}.";
        Value => "{name}, {what}: {problem}", "{name}, {what} : {problem}";
        Headcount => "headcount", "effectif";
        PerPerson => "items per person a month", "volume par personne et par mois";
        RampMonths => "ramp-up months", "mois de montée en charge";
        Attrition => "monthly attrition", "attrition mensuelle";
        Negative => "must be zero or more", "doit être positif ou nul";
        TooLarge => "is too large", "est trop grand";
        OverHundred => "must be 100 % or less", "doit être au plus 100 %";
        NotANumber => "is not a number", "n'est pas un nombre";
        TooLong => "at most {max} months", "au plus {max} mois";
        HireMonth => "{name}: a hire in month {month}: the projection's months are 1 to {max}.",
            "{name} : une embauche au mois {month} : les mois de la projection vont de 1 à {max}.";
        HireCount => "{name}: the hires of month {month}: {problem}.", "{name} : les embauches du mois {month} : {problem}.";
        TooManyHires => "{name}: at most {max} hires.", "{name} : au plus {max} embauches.";
    }
}

/// Most roles a team holds.
pub const MAX_ROLES: usize = 8;
/// Longest ramp-up, in months.
pub const MAX_RAMP_MONTHS: f64 = 36.0;
/// What one SDR works a month by the published rule (100 MQL).
pub const MQL_PER_SDR: f64 = 100.0;
/// What one account executive works a month in the same rep funnel (15 demos, 5 won).
pub const OPPORTUNITIES_PER_AE: f64 = 15.0;
/// A new role's ramp-up, in months.
pub const DEFAULT_RAMP_MONTHS: f64 = 3.0;
/// A new role's attrition, % a month (about a third of the team a year).
pub const DEFAULT_ATTRITION_PCT: f64 = 3.0;

/// How a new hire's productivity grows to a full load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ramp {
    /// `t ÷ R` of a full load in month `t` of `R`.
    #[default]
    Linear,
    /// Nothing for `R` months, then a full load.
    Step,
}

impl Ramp {
    pub const ALL: [Ramp; 2] = [Ramp::Linear, Ramp::Step];

    /// The key used in links and `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            Ramp::Linear => "linear",
            Ramp::Step => "step",
        }
    }

    pub fn from_key(key: &str) -> Option<Ramp> {
        Ramp::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The share of a full load worked in tenure month `month` (0 = the first month) of a
    /// ramp-up of `months` months, taken at the middle of the month: linear, `(t + ½) ÷ R`
    /// (so a ramp-up of `R` whole months loses exactly `R ÷ 2` months of work); a step, 0
    /// until the ramp-up is over.
    pub fn productivity(self, month: usize, months: f64) -> f64 {
        let middle = month as f64 + 0.5;
        if middle >= months {
            return 1.0;
        }
        match self {
            Ramp::Linear => middle / months,
            Ramp::Step => 0.0,
        }
    }

    /// The tenure months a hire spends below a full load.
    pub fn ramping_months(months: f64) -> usize {
        if months.is_finite() && months > 0.5 {
            (months - 0.5).ceil() as usize
        } else {
            0
        }
    }

    /// The months of full work a hire loses while ramping up over `months`.
    pub fn months_lost(self, months: f64) -> f64 {
        match self {
            Ramp::Linear => months / 2.0,
            Ramp::Step => months,
        }
    }
}

/// One role of the sales team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    /// The stage whose items the role works (an index into the funnel's stages).
    pub stage: usize,
    /// People in the role (fractions for part-time).
    pub headcount: f64,
    /// Items of the stage one fully ramped person works a month.
    pub per_person: f64,
    pub ramp_months: f64,
    #[serde(default)]
    pub ramp: Ramp,
    /// % of the role leaving a month, replaced at once by hires who ramp up.
    pub attrition_pct: f64,
    /// People joining in the projection's months, on top of the headcount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hires: Vec<Hire>,
}

/// People joining a role in one month of the projection.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hire {
    /// The projection's month, from 1.
    pub month: u32,
    pub count: f64,
}

/// Most hires a role plans.
pub const MAX_HIRES: usize = 36;

impl Role {
    /// The share of the role's full work done in steady state (the rest lost to ramping).
    pub fn ramped_share(&self) -> f64 {
        let lost = self.attrition_pct / 100.0 * self.ramp.months_lost(self.ramp_months);
        (1.0 - lost).clamp(0.0, 1.0)
    }

    /// What one person of the role works a month in steady state.
    pub fn per_person_steady(&self) -> f64 {
        self.per_person * self.ramped_share()
    }

    /// What the role works a month in steady state.
    pub fn capacity(&self) -> f64 {
        finite(self.headcount * self.per_person_steady()).unwrap_or(0.0)
    }

    /// What the role works in each of `months` months from month 1: the headcount starts
    /// fully ramped; each month the hires planned for it join, the attrition takes its
    /// share of everyone and the leavers are replaced at once; whoever is new works their
    /// ramp-up's share of a full load.
    pub fn monthly_capacity(&self, months: usize) -> Vec<f64> {
        let leaving = (self.attrition_pct / 100.0).clamp(0.0, 1.0);
        let ramping = Ramp::ramping_months(self.ramp_months.min(MAX_RAMP_MONTHS));
        // People by tenure month while ramping up, then the ramped ones.
        let mut newcomers = vec![0.0_f64; ramping];
        let mut ramped = self.headcount.max(0.0);
        let mut capacity = Vec::with_capacity(months);
        for m in 0..months {
            let hired: f64 = self
                .hires
                .iter()
                .filter(|h| h.month as usize == m + 1)
                .map(|h| h.count.max(0.0))
                .sum();
            let total = ramped + newcomers.iter().sum::<f64>() + hired;
            let replaced = total * leaving;
            ramped *= 1.0 - leaving;
            for people in &mut newcomers {
                *people *= 1.0 - leaving;
            }
            let joining = hired * (1.0 - leaving) + replaced;
            match newcomers.first_mut() {
                Some(first) => *first += joining,
                None => ramped += joining,
            }
            let working = ramped
                + newcomers
                    .iter()
                    .enumerate()
                    .map(|(t, people)| people * self.ramp.productivity(t, self.ramp_months))
                    .sum::<f64>();
            capacity.push(finite(working * self.per_person).unwrap_or(0.0).max(0.0));
            // A month older: the last ramping month's people are ramped from now on.
            if let Some(done) = newcomers.pop() {
                ramped += done;
                newcomers.insert(0, 0.0);
            }
        }
        capacity
    }
}

/// The sales team of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub roles: Vec<Role>,
}

impl Team {
    /// The roles in the order of the stages they work (roles on one stage in their order):
    /// the order items meet them down the funnel.
    pub fn by_stage(&self) -> Vec<&Role> {
        let mut roles: Vec<&Role> = self.roles.iter().collect();
        roles.sort_by_key(|role| role.stage);
        roles
    }
}

/// Which value of a role is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleValue {
    Headcount,
    PerPerson,
    RampMonths,
    Attrition,
}

impl RoleValue {
    fn label(self) -> &'static str {
        match self {
            RoleValue::Headcount => CapacityText::Headcount.text(),
            RoleValue::PerPerson => CapacityText::PerPerson.text(),
            RoleValue::RampMonths => CapacityText::RampMonths.text(),
            RoleValue::Attrition => CapacityText::Attrition.text(),
        }
    }

    /// The largest value allowed.
    pub fn most(self) -> f64 {
        match self {
            RoleValue::Headcount | RoleValue::PerPerson => MAX_AMOUNT,
            RoleValue::RampMonths => MAX_RAMP_MONTHS,
            RoleValue::Attrition => 100.0,
        }
    }
}

/// Why a value of a role cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueProblem {
    NotANumber,
    Negative,
    TooLarge,
    OverHundred,
    TooLong,
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ValueProblem::NotANumber => CapacityText::NotANumber.text().to_owned(),
            ValueProblem::Negative => CapacityText::Negative.text().to_owned(),
            ValueProblem::TooLarge => CapacityText::TooLarge.text().to_owned(),
            ValueProblem::OverHundred => CapacityText::OverHundred.text().to_owned(),
            ValueProblem::TooLong => {
                CapacityText::TooLong.fill(&[("max", &format!("{MAX_RAMP_MONTHS}"))])
            }
        };
        f.write_str(&text)
    }
}

/// What is wrong with a team.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamProblem {
    NoRoles,
    TooManyRoles,
    /// Role `index` (from 0) has no name.
    NoName(usize),
    SameName(String),
    NoSuchStage {
        role: String,
        stage: usize,
    },
    Value {
        role: String,
        value: RoleValue,
        problem: ValueProblem,
    },
    /// A hire outside the projection's months.
    HireMonth {
        role: String,
        month: u32,
    },
    HireCount {
        role: String,
        month: u32,
        problem: ValueProblem,
    },
    TooManyHires(String),
}

impl fmt::Display for TeamProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            TeamProblem::NoRoles => CapacityText::NoRoles.text().to_owned(),
            TeamProblem::TooManyRoles => {
                CapacityText::TooManyRoles.fill(&[("max", &MAX_ROLES.to_string())])
            }
            TeamProblem::NoName(i) => CapacityText::NoName.fill(&[("n", &(i + 1).to_string())]),
            TeamProblem::SameName(name) => CapacityText::SameName.fill(&[("name", name)]),
            TeamProblem::NoSuchStage { role, stage } => CapacityText::NoSuchStage
                .fill(&[("name", role), ("stage", &(stage + 1).to_string())]),
            TeamProblem::Value {
                role,
                value,
                problem,
            } => CapacityText::Value.fill(&[
                ("name", role),
                ("what", value.label()),
                ("problem", &problem.to_string()),
            ]),
            TeamProblem::HireMonth { role, month } => CapacityText::HireMonth.fill(&[
                ("name", role),
                ("month", &month.to_string()),
                ("max", &MAX_MONTHS.to_string()),
            ]),
            TeamProblem::HireCount {
                role,
                month,
                problem,
            } => CapacityText::HireCount.fill(&[
                ("name", role),
                ("month", &month.to_string()),
                ("problem", &problem.to_string()),
            ]),
            TeamProblem::TooManyHires(role) => {
                CapacityText::TooManyHires.fill(&[("name", role), ("max", &MAX_HIRES.to_string())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TeamProblem {}

/// The problem with `value` as `which`, if any.
pub fn check_value(which: RoleValue, value: f64) -> Result<(), ValueProblem> {
    if !value.is_finite() {
        Err(ValueProblem::NotANumber)
    } else if value < 0.0 {
        Err(ValueProblem::Negative)
    } else if value > which.most() {
        Err(match which {
            RoleValue::Attrition => ValueProblem::OverHundred,
            RoleValue::RampMonths => ValueProblem::TooLong,
            _ => ValueProblem::TooLarge,
        })
    } else {
        Ok(())
    }
}

/// The first problem with `team` for a funnel of `stages` stages, if any.
pub fn check_team(team: &Team, stages: usize) -> Result<(), TeamProblem> {
    if team.roles.is_empty() {
        return Err(TeamProblem::NoRoles);
    }
    if team.roles.len() > MAX_ROLES {
        return Err(TeamProblem::TooManyRoles);
    }
    for (i, role) in team.roles.iter().enumerate() {
        let name = role.name.trim();
        if name.is_empty() {
            return Err(TeamProblem::NoName(i));
        }
        if team.roles[..i]
            .iter()
            .any(|other| other.name.trim().eq_ignore_ascii_case(name))
        {
            return Err(TeamProblem::SameName(name.to_owned()));
        }
        if role.stage >= stages {
            return Err(TeamProblem::NoSuchStage {
                role: name.to_owned(),
                stage: role.stage,
            });
        }
        for (which, value) in [
            (RoleValue::Headcount, role.headcount),
            (RoleValue::PerPerson, role.per_person),
            (RoleValue::RampMonths, role.ramp_months),
            (RoleValue::Attrition, role.attrition_pct),
        ] {
            check_value(which, value).map_err(|problem| TeamProblem::Value {
                role: name.to_owned(),
                value: which,
                problem,
            })?;
        }
        if role.hires.len() > MAX_HIRES {
            return Err(TeamProblem::TooManyHires(name.to_owned()));
        }
        for hire in &role.hires {
            if !(1..=MAX_MONTHS).contains(&hire.month) {
                return Err(TeamProblem::HireMonth {
                    role: name.to_owned(),
                    month: hire.month,
                });
            }
            check_value(RoleValue::Headcount, hire.count).map_err(|problem| {
                TeamProblem::HireCount {
                    role: name.to_owned(),
                    month: hire.month,
                    problem,
                }
            })?;
        }
    }
    Ok(())
}

/// One role against the funnel, per month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleLoad {
    pub name: String,
    pub stage: usize,
    /// Items reaching the stage a month (after the roles upstream).
    pub demand: f64,
    /// What the role works a month in steady state.
    pub capacity: f64,
    pub worked: f64,
    /// Items left unworked a month.
    pub unworked: f64,
    /// Demand ÷ capacity; `None` without capacity.
    pub utilisation: Option<f64>,
    /// Whole people the revenue target needs in the role; `None` when nobody can reach it
    /// (no work per person, or the target unreachable).
    pub required_headcount: Option<f64>,
}

/// The team against the funnel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityResult {
    /// One per role, in the order of their stages.
    pub roles: Vec<RoleLoad>,
    /// The index (in `roles`) of the most loaded role.
    pub bottleneck: Option<usize>,
    /// Customers per period once the team's limits apply.
    pub customers: f64,
    /// Customers (and first-purchase revenue) per period lost to unworked items.
    pub customers_lost: f64,
    pub revenue_lost: f64,
}

impl CapacityResult {
    /// Whether some items are left unworked.
    pub fn over_capacity(&self) -> bool {
        self.roles.iter().any(|r| r.unworked > 0.0)
    }
}

/// Demand ÷ capacity, above 1 exactly when the demand is (a quotient of two nearly equal
/// numbers may round to 1); 0 without demand, `None` for a demand without capacity.
fn utilisation(demand: f64, capacity: f64) -> Option<f64> {
    if demand <= 0.0 {
        return Some(0.0);
    }
    let load = ratio(demand, capacity)?;
    Some(if demand > capacity && load <= 1.0 {
        1.0 + f64::EPSILON
    } else {
        load
    })
}

/// The team against the funnel of `scenario` (its forward and reverse results given).
pub fn capacity(
    scenario: &Scenario,
    team: &Team,
    funnel: &FunnelResult,
    reverse: &ReverseResult,
) -> CapacityResult {
    let months = scenario.period.months();
    // The share of the funnel's flow still moving at each stage (1 until a role caps it).
    let mut flowing = 1.0_f64;
    let mut roles = Vec::with_capacity(team.roles.len());
    for role in team.by_stage() {
        let count = funnel
            .stages
            .get(role.stage)
            .and_then(|s| s.count)
            .unwrap_or(0.0);
        let demand = finite(count / months * flowing).unwrap_or(0.0).max(0.0);
        let capacity = role.capacity();
        let worked = demand.min(capacity);
        let unworked = (demand - worked).max(0.0);
        if let Some(share) = ratio(worked, demand) {
            flowing *= share;
        }
        let required = reverse
            .stages
            .get(role.stage)
            .and_then(|s| s.required)
            .map(|per_period| per_period / months);
        let required_headcount = required
            .and_then(|per_month| ratio(per_month, role.per_person_steady()))
            .map(ceil_whole);
        roles.push(RoleLoad {
            name: role.name.clone(),
            stage: role.stage,
            demand,
            capacity,
            worked,
            unworked,
            utilisation: utilisation(demand, capacity),
            required_headcount,
        });
    }
    let bottleneck = roles
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| {
            let load = |r: &RoleLoad| r.utilisation.unwrap_or(f64::INFINITY);
            load(a).total_cmp(&load(b))
        })
        .map(|(i, _)| i);
    let customers = finite(funnel.customers * flowing).unwrap_or(0.0);
    let customers_lost = (funnel.customers - customers).max(0.0);
    CapacityResult {
        roles,
        bottleneck,
        customers,
        customers_lost,
        revenue_lost: finite(customers_lost * scenario.basket).unwrap_or(0.0),
    }
}

/// The team a scenario starts with: SDRs on the qualified leads (the third stage, MQL in the
/// default funnel) at 100 a month each, and account executives on the stage before the
/// customers at 15 a month each, each role as many as today's funnel needs (so that starting
/// moves no number).
pub fn starting_team(scenario: &Scenario, funnel: &FunnelResult) -> Team {
    let n = scenario.stages.len();
    let months = scenario.period.months();
    let role = |name: &str, stage: usize, per_person: f64| {
        let mut role = Role {
            name: name.to_owned(),
            stage,
            headcount: 0.0,
            per_person,
            ramp_months: DEFAULT_RAMP_MONTHS,
            ramp: Ramp::Linear,
            attrition_pct: DEFAULT_ATTRITION_PCT,
            hires: Vec::new(),
        };
        let demand = funnel
            .stages
            .get(stage)
            .and_then(|s| s.count)
            .unwrap_or(0.0)
            / months;
        role.headcount = ratio(demand, role.per_person_steady())
            .map_or(1.0, |people| ceil_whole(people).max(1.0));
        role
    };
    let mut roles = Vec::new();
    let closing = n.saturating_sub(2);
    let qualifying = 2.min(closing);
    if qualifying < closing {
        roles.push(role(CapacityText::Sdr.text(), qualifying, MQL_PER_SDR));
    }
    roles.push(role(
        CapacityText::AccountExecutives.text(),
        closing,
        OPPORTUNITIES_PER_AE,
    ));
    Team { roles }
}
