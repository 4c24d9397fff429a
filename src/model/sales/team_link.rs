//! The sales team in a scenario link: one readable `tm` key per role, read while the
//! scenario link is walked and checked like a file ([`check_team`]).
//!
//! `tm=<stage>,<headcount>,<per person a month>,<ramp-up months>,<linear|step>,<attrition %>,<name>`,
//! repeated, in order: `tm=2,12,100,3,linear,3,SDRs&tm=4,6,15,3,linear,3,Account%20executives`.
//! `stage` counts from 0 in the order of the `stage=` keys (2 is the third stage, MQL in the
//! default funnel); the name comes last, so it may hold commas. Hires planned in the
//! projection: `tm_hire=<role>:<month>:<people>`, repeated (`role` counts from 0 in the order
//! of the `tm` keys, `month` from 1): `tm_hire=0:4:2`.

use crate::model::funnel::link::{bad, encode_value, finite_number, number, UrlError};
use crate::model::sales::capacity::{check_team, Hire, Ramp, Role, Team, MAX_HIRES, MAX_ROLES};

crate::texts! {
    /// Why a `tm` value cannot be read.
    enum TeamLinkText {
        Parts => "expected stage,headcount,per person,ramp months,linear or step,attrition,name",
            "étape,effectif,par personne,mois de montée,linear ou step,attrition,nom attendu";
        Stage => "the stage is a whole number from 0", "l'étape est un nombre entier à partir de 0";
        Ramp => "expected linear or step", "linear ou step attendu";
        Hire => "expected role:month:people", "rôle:mois:effectif attendu";
        NoSuchRole => "no role {n} (the link has {roles})", "pas de rôle {n} (le lien en a {roles})";
        TooMany => "at most {max} roles", "au plus {max} rôles";
    }
}

/// The `tm` pairs of `team`, already percent-encoded, in order.
pub fn encode_team(team: &Team) -> String {
    team.roles
        .iter()
        .enumerate()
        .flat_map(|(i, role)| {
            let value = format!(
                "{},{},{},{},{},{},{}",
                role.stage,
                number(role.headcount),
                number(role.per_person),
                number(role.ramp_months),
                role.ramp.key(),
                number(role.attrition_pct),
                role.name
            );
            let hires = role.hires.iter().map(move |hire| {
                let hire = format!("{i}:{}:{}", hire.month, number(hire.count));
                format!("tm_hire={}", encode_value(&hire))
            });
            std::iter::once(format!("tm={}", encode_value(&value))).chain(hires)
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Collects the `tm` pairs of a link while it is read, then builds the team.
#[derive(Default)]
pub struct TeamPairs {
    roles: Vec<Role>,
    /// The `tm_hire` pairs as read: (role, hire, the value for a message).
    hires: Vec<(usize, Hire, String)>,
}

impl TeamPairs {
    /// Whether `key` is the team's (`tm`, `tm_*`).
    pub fn claims(key: &str) -> bool {
        key == "tm" || key.starts_with("tm_")
    }

    /// Takes one pair when it is a team key (`tm` or a future `tm_*`); `Ok(false)` for any
    /// other key.
    pub fn take(&mut self, key: &str, value: &str) -> Result<bool, UrlError> {
        if key == "tm_hire" {
            let wrong = || bad(key, value, TeamLinkText::Hire.text());
            let mut parts = value.split(':');
            let (Some(role), Some(month), Some(count), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(wrong());
            };
            let role = role.trim().parse::<usize>().map_err(|_| wrong())?;
            let month = month.trim().parse::<u32>().map_err(|_| wrong())?;
            let count = finite_number(key, count)?;
            if self.hires.len() < MAX_ROLES * MAX_HIRES {
                self.hires
                    .push((role, Hire { month, count }, value.to_owned()));
            } else {
                return Err(wrong());
            }
            return Ok(true);
        }
        if key != "tm" {
            return Ok(key.starts_with("tm_"));
        }
        if self.roles.len() >= MAX_ROLES {
            let text = TeamLinkText::TooMany.fill(&[("max", &MAX_ROLES.to_string())]);
            return Err(bad(key, value, text));
        }
        let parts: Vec<&str> = value.splitn(7, ',').collect();
        let [stage, headcount, per_person, ramp_months, ramp, attrition, name] = parts[..] else {
            return Err(bad(key, value, TeamLinkText::Parts.text()));
        };
        let stage = stage
            .trim()
            .parse::<usize>()
            .map_err(|_| bad(key, value, TeamLinkText::Stage.text()))?;
        let ramp = Ramp::from_key(ramp.trim())
            .ok_or_else(|| bad(key, value, TeamLinkText::Ramp.text()))?;
        self.roles.push(Role {
            name: name.to_owned(),
            stage,
            headcount: finite_number(key, headcount)?,
            per_person: finite_number(key, per_person)?,
            ramp_months: finite_number(key, ramp_months)?,
            ramp,
            attrition_pct: finite_number(key, attrition)?,
            hires: Vec::new(),
        });
        Ok(true)
    }

    /// The team read (`None` when the link had no `tm` key), checked for a funnel of
    /// `stages` stages.
    pub fn finish(self, stages: usize) -> Result<Option<Team>, UrlError> {
        if self.roles.is_empty() && self.hires.is_empty() {
            return Ok(None);
        }
        let mut roles = self.roles;
        for (role, hire, value) in self.hires {
            let n = roles.len();
            let Some(role) = roles.get_mut(role) else {
                let text = TeamLinkText::NoSuchRole
                    .fill(&[("n", &role.to_string()), ("roles", &n.to_string())]);
                return Err(bad("tm_hire", &value, text));
            };
            role.hires.push(hire);
        }
        let team = Team { roles };
        check_team(&team, stages).map_err(|problem| bad("tm", "", problem))?;
        Ok(Some(team))
    }
}
