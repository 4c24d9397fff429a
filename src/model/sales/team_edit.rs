//! Editing the sales team as the Capacity table does: start (a team sized for today's
//! funnel), add, remove, rename, move a role to another stage, typed numbers and the hires
//! planned in the projection (`4:2; 9:1`), each with its message next to the cell while the
//! team keeps its last good value.

use std::fmt;
use std::sync::Arc;

use crate::model::drafts::Drafts;
use crate::model::forecast::projection::MAX_MONTHS;
use crate::model::funnel::editor::input_text;
use crate::model::funnel::forward::evaluate;
use crate::model::funnel::scenario::{Scenario, MAX_STAGE_NAME_CHARS};
use crate::model::funnel::validate::{parse_number, ErrorKind};
use crate::model::sales::capacity::{
    check_team, check_value, starting_team, Hire, Ramp, Role, RoleValue, Team, ValueProblem,
    DEFAULT_ATTRITION_PCT, DEFAULT_RAMP_MONTHS, MAX_HIRES, MAX_ROLES, MQL_PER_SDR,
};

crate::texts! {
    /// Messages of the Capacity table.
    enum TeamEditText {
        NewRole => "Role {n}", "Rôle {n}";
        NameEmpty => "Give the role a name.", "Donnez un nom au rôle.";
        NameTooLong => "At most {max} characters.", "Au plus {max} caractères.";
        DuplicateName => "Another role is called {name}.", "Un autre rôle s'appelle {name}.";
        Full => "A team has at most {max} roles.", "Une équipe a au plus {max} rôles.";
        HiresFormat => "Write each hire as month:people, separated by semicolons (4:2; 9:1).",
            "Écrivez chaque embauche sous la forme mois:effectif, séparées par des points-virgules (4:2 ; 9:1).";
        HireMonth => "Month {month}: the projection's months are 1 to {max}.",
            "Mois {month} : les mois de la projection vont de 1 à {max}.";
        TooManyHires => "At most {max} hires.", "Au plus {max} embauches.";
    }
}

/// Hires as the cell shows them: `4:2; 9:1` (counts as the language writes numbers).
pub fn hires_text(hires: &[Hire]) -> String {
    hires
        .iter()
        .map(|h| format!("{}:{}", h.month, input_text(h.count)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads `4:2; 9:1` (empty: no hire).
fn read_hires(raw: &str) -> Result<Vec<Hire>, TeamInputError> {
    let mut hires = Vec::new();
    for item in raw
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let (month, count) = item.split_once(':').ok_or(TeamInputError::HiresFormat)?;
        let month: u32 = month
            .trim()
            .parse()
            .map_err(|_| TeamInputError::HiresFormat)?;
        if !(1..=MAX_MONTHS).contains(&month) {
            return Err(TeamInputError::HireMonth(month));
        }
        let count = parse_number(count).map_err(TeamInputError::Number)?;
        check_value(RoleValue::Headcount, count).map_err(TeamInputError::Value)?;
        if hires.len() >= MAX_HIRES {
            return Err(TeamInputError::TooManyHires);
        }
        hires.push(Hire { month, count });
    }
    Ok(hires)
}

/// A typed cell of the Capacity table (role index first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TeamField {
    Name(usize),
    Headcount(usize),
    PerPerson(usize),
    RampMonths(usize),
    Attrition(usize),
    /// The hires planned in the projection: `4:2; 9:1`.
    Hires(usize),
}

impl TeamField {
    /// The role the field belongs to.
    pub fn role(self) -> usize {
        match self {
            TeamField::Name(i)
            | TeamField::Headcount(i)
            | TeamField::PerPerson(i)
            | TeamField::RampMonths(i)
            | TeamField::Attrition(i)
            | TeamField::Hires(i) => i,
        }
    }

    /// The same field of role `i`.
    fn of(self, i: usize) -> TeamField {
        match self {
            TeamField::Name(_) => TeamField::Name(i),
            TeamField::Headcount(_) => TeamField::Headcount(i),
            TeamField::PerPerson(_) => TeamField::PerPerson(i),
            TeamField::RampMonths(_) => TeamField::RampMonths(i),
            TeamField::Attrition(_) => TeamField::Attrition(i),
            TeamField::Hires(_) => TeamField::Hires(i),
        }
    }

    /// The element id in the page: `tm-count-0`, `tm-name-1` …
    pub fn key(self) -> String {
        let (what, i) = match self {
            TeamField::Name(i) => ("name", i),
            TeamField::Headcount(i) => ("count", i),
            TeamField::PerPerson(i) => ("per", i),
            TeamField::RampMonths(i) => ("ramp", i),
            TeamField::Attrition(i) => ("attrition", i),
            TeamField::Hires(i) => ("hires", i),
        };
        format!("tm-{what}-{i}")
    }
}

/// What is wrong with a typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamInputError {
    Number(ErrorKind),
    Value(ValueProblem),
    NameEmpty,
    NameTooLong,
    DuplicateName(String),
    HiresFormat,
    HireMonth(u32),
    TooManyHires,
}

impl fmt::Display for TeamInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            TeamInputError::Number(kind) => kind.to_string(),
            TeamInputError::Value(problem) => {
                let mut text = problem.to_string();
                if let Some(first) = text.get(..1) {
                    text = first.to_uppercase() + &text[1..] + ".";
                }
                text
            }
            TeamInputError::NameEmpty => TeamEditText::NameEmpty.text().to_owned(),
            TeamInputError::NameTooLong => {
                TeamEditText::NameTooLong.fill(&[("max", &MAX_STAGE_NAME_CHARS.to_string())])
            }
            TeamInputError::DuplicateName(name) => {
                TeamEditText::DuplicateName.fill(&[("name", name)])
            }
            TeamInputError::HiresFormat => TeamEditText::HiresFormat.text().to_owned(),
            TeamInputError::HireMonth(month) => TeamEditText::HireMonth.fill(&[
                ("month", &month.to_string()),
                ("max", &MAX_MONTHS.to_string()),
            ]),
            TeamInputError::TooManyHires => {
                TeamEditText::TooManyHires.fill(&[("max", &MAX_HIRES.to_string())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TeamInputError {}

/// An edit of the team.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamEdit {
    /// A team sized for today's funnel.
    Start,
    Stop,
    Add,
    Remove(usize),
    Text(TeamField, String),
    /// Role `.0` works stage `.1`.
    Stage(usize, usize),
    Ramp(usize, Ramp),
}

/// The Capacity table's drafts (the team itself lives in the scenario).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamDrafts {
    drafts: Drafts<TeamField, TeamInputError>,
    /// Why the last add was refused (the team is full).
    full: bool,
}

impl TeamDrafts {
    /// What the user typed in `field`, when it is not the value in use.
    pub fn draft(&self, field: TeamField) -> Option<&str> {
        self.drafts.text(field)
    }

    pub fn error(&self, field: TeamField) -> Option<&TeamInputError> {
        self.drafts.error(field)
    }

    /// What the cell shows: the text typed, or the team's value as the language writes it.
    pub fn text(&self, team: &Team, field: TeamField) -> String {
        if let Some(typed) = self.drafts.text(field) {
            return typed.to_owned();
        }
        let Some(role) = team.roles.get(field.role()) else {
            return String::new();
        };
        match field {
            TeamField::Name(_) => role.name.clone(),
            TeamField::Headcount(_) => input_text(role.headcount),
            TeamField::PerPerson(_) => input_text(role.per_person),
            TeamField::RampMonths(_) => input_text(role.ramp_months),
            TeamField::Attrition(_) => input_text(role.attrition_pct),
            TeamField::Hires(_) => hires_text(&role.hires),
        }
    }

    /// Whether the last add was refused because the team has [`MAX_ROLES`] roles.
    pub fn refused_add(&self) -> Option<String> {
        self.full
            .then(|| TeamEditText::Full.fill(&[("max", &MAX_ROLES.to_string())]))
    }

    /// Keeps the roles on their stages when stage `at` is inserted (`inserted`) or removed
    /// (a role on the removed stage works the one that takes its place).
    pub fn shift_stages(scenario: &mut Scenario, at: usize, inserted: bool) {
        let stages = scenario.stages.len();
        let Some(slot) = scenario.team.as_mut() else {
            return;
        };
        let team = Arc::make_mut(slot);
        for role in &mut team.roles {
            if inserted && role.stage >= at {
                role.stage += 1;
            } else if !inserted && role.stage > at {
                role.stage -= 1;
            }
            role.stage = role.stage.min(stages.saturating_sub(1));
        }
    }

    /// Applies `edit` to `scenario`'s team.
    pub fn apply(&mut self, scenario: &mut Scenario, edit: TeamEdit) {
        self.full = false;
        match edit {
            TeamEdit::Start => {
                if scenario.team.is_none() {
                    let funnel = evaluate(scenario);
                    scenario.team = Some(Arc::new(starting_team(scenario, &funnel)));
                    self.drafts.clear();
                }
            }
            TeamEdit::Stop => {
                scenario.team = None;
                self.drafts.clear();
            }
            edit => {
                let stages = scenario.stages.len();
                let Some(slot) = scenario.team.as_mut() else {
                    return;
                };
                let mut next = (**slot).clone();
                self.apply_to(&mut next, stages, edit);
                if next.roles.is_empty() {
                    scenario.team = None;
                    self.drafts.clear();
                } else if check_team(&next, stages).is_ok() {
                    *slot = Arc::new(next);
                }
            }
        }
    }

    fn apply_to(&mut self, team: &mut Team, stages: usize, edit: TeamEdit) {
        match edit {
            TeamEdit::Start | TeamEdit::Stop => {}
            TeamEdit::Add => {
                if team.roles.len() >= MAX_ROLES {
                    self.full = true;
                    return;
                }
                let name = (team.roles.len() + 1..)
                    .map(|k| TeamEditText::NewRole.fill(&[("n", &k.to_string())]))
                    .find(|candidate| team.roles.iter().all(|r| &r.name != candidate))
                    .unwrap_or_default();
                team.roles.push(Role {
                    name,
                    stage: 2.min(stages.saturating_sub(2)),
                    headcount: 1.0,
                    per_person: MQL_PER_SDR,
                    ramp_months: DEFAULT_RAMP_MONTHS,
                    ramp: Ramp::Linear,
                    attrition_pct: DEFAULT_ATTRITION_PCT,
                    hires: Vec::new(),
                });
            }
            TeamEdit::Remove(i) => {
                if i < team.roles.len() {
                    team.roles.remove(i);
                    self.drafts.remove_row(i, TeamField::role, TeamField::of);
                }
            }
            TeamEdit::Stage(i, stage) => {
                if let Some(role) = team.roles.get_mut(i) {
                    if stage < stages {
                        role.stage = stage;
                    }
                }
            }
            TeamEdit::Ramp(i, ramp) => {
                if let Some(role) = team.roles.get_mut(i) {
                    role.ramp = ramp;
                }
            }
            TeamEdit::Text(field, raw) => {
                let read = Self::read(team, field, &raw);
                self.drafts.settle(field, raw, read);
            }
        }
    }

    /// Reads `raw` into `field` of `team` when it is valid.
    fn read(team: &mut Team, field: TeamField, raw: &str) -> Result<(), TeamInputError> {
        let i = field.role();
        if i >= team.roles.len() {
            return Ok(());
        }
        if let TeamField::Name(_) = field {
            let name = raw.trim();
            if name.is_empty() {
                return Err(TeamInputError::NameEmpty);
            }
            if name.chars().count() > MAX_STAGE_NAME_CHARS {
                return Err(TeamInputError::NameTooLong);
            }
            let taken = team
                .roles
                .iter()
                .enumerate()
                .any(|(j, r)| j != i && r.name.trim().eq_ignore_ascii_case(name));
            if taken {
                return Err(TeamInputError::DuplicateName(name.to_owned()));
            }
            team.roles[i].name = name.to_owned();
            return Ok(());
        }
        if let TeamField::Hires(_) = field {
            team.roles[i].hires = read_hires(raw)?;
            return Ok(());
        }
        let value = parse_number(raw).map_err(TeamInputError::Number)?;
        let (which, slot) = {
            let role = &mut team.roles[i];
            match field {
                TeamField::Headcount(_) => (RoleValue::Headcount, &mut role.headcount),
                TeamField::PerPerson(_) => (RoleValue::PerPerson, &mut role.per_person),
                TeamField::RampMonths(_) => (RoleValue::RampMonths, &mut role.ramp_months),
                _ => (RoleValue::Attrition, &mut role.attrition_pct),
            }
        };
        check_value(which, value).map_err(TeamInputError::Value)?;
        *slot = value;
        Ok(())
    }
}
