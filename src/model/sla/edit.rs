//! Editing the SLA set-up: one edit at a time, what the user typed kept with its error
//! next to the field, the last valid set-up never replaced by bad input.

use crate::model::drafts::Drafts;
use std::fmt;
use std::sync::Arc;

use crate::model::funnel::validate::{parse_number, ErrorKind};
use crate::model::sla::calculator::{
    MonthActuals, Persona, RateSource, Sla, YearMonth, MAX_CHANNELS, MAX_DAILY_LEADS, MAX_PERSONAS,
    MAX_PLANNED_LEADS,
};

crate::texts! {
    /// Messages of the SLA form, and the names given to added channels and personas.
    enum SlaEditText {
        NotWhole => "Enter a whole number of leads.", "Saisissez un nombre entier de leads.";
        ZeroHours => "Must be more than 0 hours.", "Doit être supérieur à 0 heure.";
        NameEmpty => "Give it a name.", "Donnez-lui un nom.";
        NameTooLong => "At most {max} characters.", "{max} caractères au plus.";
        DuplicateName => "“{name}” is already in the list.", "« {name} » figure déjà dans la liste.";
        BadMonth => "Enter a month as YYYY-MM, e.g. 2026-11.",
            "Saisissez un mois au format AAAA-MM, par exemple 2026-11.";
        DayOutOfRange => "Enter a day from 1 to {days}.", "Saisissez un jour de 1 à {days}.";
        MonthLimit => "The SLA keeps at most {max} months of leads: clear a month before you enter another.",
            "Le SLA garde au plus {max} mois de leads : videz un mois avant d'en saisir un autre.";
        DayMoved => "{month} has {days} days: the SLA is now as of day {to} (it was day {from}).",
            "{month} compte {days} jours : le SLA est désormais au jour {to} (il était au jour {from}).";
        TooManyChannels => "At most {max} channels.", "{max} canaux au plus.";
        TooManyPersonas => "At most {max} personas.", "{max} personas au plus.";
        LastChannel => "The SLA needs at least one channel.", "Le SLA doit compter au moins un canal.";
        LastPersona => "The SLA needs at least one persona.", "Le SLA doit compter au moins un persona.";
        NewChannel => "Channel", "Canal";
        NewPersona => "Persona", "Persona";
    }
}

/// Longest channel or persona name, in characters.
pub const MAX_SLA_NAME_CHARS: usize = 40;
/// Longest follow-up time sales may commit to, in hours (30 days).
pub const MAX_FOLLOW_UP_HOURS: f64 = 720.0;
/// Largest sale value or monthly target (€).
pub const MAX_SLA_AMOUNT: f64 = 1e12;

/// A field of the SLA form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SlaField {
    ChannelName(usize),
    PersonaName(usize),
    PersonaSale(usize),
    /// Close rate of (channel, persona).
    Rate(usize, usize),
    /// Planned leads of (channel, persona).
    Plan(usize, usize),
    Target,
    FollowUp,
    Month,
    AsOfDay,
    /// Leads delivered on `day` (1-based) of the tracked month by (channel, persona).
    Actual {
        day: u32,
        channel: usize,
        persona: usize,
    },
}

impl SlaField {
    /// The element id suffix in the page: `sla-rate-0-1`, `sla-actual-5-0-1`, …
    pub fn key(self) -> String {
        match self {
            SlaField::ChannelName(c) => format!("sla-channel-{c}"),
            SlaField::PersonaName(p) => format!("sla-persona-{p}"),
            SlaField::PersonaSale(p) => format!("sla-sale-{p}"),
            SlaField::Rate(c, p) => format!("sla-rate-{c}-{p}"),
            SlaField::Plan(c, p) => format!("sla-plan-{c}-{p}"),
            SlaField::Target => "sla-target".into(),
            SlaField::FollowUp => "sla-follow-up".into(),
            SlaField::Month => "sla-month".into(),
            SlaField::AsOfDay => "sla-day".into(),
            SlaField::Actual {
                day,
                channel,
                persona,
            } => format!("sla-actual-{day}-{channel}-{persona}"),
        }
    }
}

/// What is wrong with a typed SLA value.
#[derive(Clone, Debug, PartialEq)]
pub enum SlaInputError {
    Number(ErrorKind),
    /// Leads are whole numbers.
    NotWhole,
    /// The follow-up time must be more than 0 hours.
    ZeroHours,
    NameEmpty,
    NameTooLong,
    /// Another channel (or persona) already has this name.
    DuplicateName(String),
    /// Not a month written YYYY-MM.
    BadMonth,
    /// A day outside 1 ..= the month's days.
    DayOutOfRange(u32),
    /// Leads for another month when the SLA already keeps the most months it can.
    MonthLimit,
}

impl fmt::Display for SlaInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SlaInputError::Number(kind) => return write!(f, "{kind}"),
            SlaInputError::NotWhole => SlaEditText::NotWhole.text().to_owned(),
            SlaInputError::ZeroHours => SlaEditText::ZeroHours.text().to_owned(),
            SlaInputError::NameEmpty => SlaEditText::NameEmpty.text().to_owned(),
            SlaInputError::NameTooLong => {
                SlaEditText::NameTooLong.fill(&[("max", &MAX_SLA_NAME_CHARS.to_string())])
            }
            SlaInputError::DuplicateName(name) => {
                SlaEditText::DuplicateName.fill(&[("name", name)])
            }
            SlaInputError::BadMonth => SlaEditText::BadMonth.text().to_owned(),
            SlaInputError::DayOutOfRange(days) => {
                SlaEditText::DayOutOfRange.fill(&[("days", &days.to_string())])
            }
            SlaInputError::MonthLimit => SlaEditText::MonthLimit.fill(&[(
                "max",
                &crate::model::sla::calculator::MAX_MONTHS.to_string(),
            )]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SlaInputError {}

/// A refused structural edit (adding beyond the limits, removing the last one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaRefusal {
    TooManyChannels,
    TooManyPersonas,
    LastChannel,
    LastPersona,
}

impl fmt::Display for SlaRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SlaRefusal::TooManyChannels => {
                SlaEditText::TooManyChannels.fill(&[("max", &MAX_CHANNELS.to_string())])
            }
            SlaRefusal::TooManyPersonas => {
                SlaEditText::TooManyPersonas.fill(&[("max", &MAX_PERSONAS.to_string())])
            }
            SlaRefusal::LastChannel => SlaEditText::LastChannel.text().to_owned(),
            SlaRefusal::LastPersona => SlaEditText::LastPersona.text().to_owned(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SlaRefusal {}

/// Something an accepted edit changed besides the field typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaNotice {
    /// The new month is shorter than the day the SLA was as of: the day moved to its last.
    DayMoved {
        month: YearMonth,
        from: u32,
        to: u32,
    },
}

impl fmt::Display for SlaNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlaNotice::DayMoved { month, from, to } => f.write_str(&SlaEditText::DayMoved.fill(&[
                ("month", &month.label()),
                ("days", &month.days().to_string()),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
            ])),
        }
    }
}

/// One edit of the SLA.
#[derive(Clone, Debug, PartialEq)]
pub enum SlaEdit {
    /// Text typed into a field.
    Text(SlaField, String),
    RateSource(RateSource),
    AddChannel,
    RemoveChannel(usize),
    /// Moves a channel's row (its rates, plan and leads) to another place.
    MoveChannel {
        from: usize,
        to: usize,
    },
    AddPersona,
    RemovePersona(usize),
    /// Replaces the whole set-up (a CSV import of actuals, a fresh start).
    Replace(Sla),
    /// Deletes every lead entered for the tracked month.
    ClearMonth,
}

/// The SLA form's drafts and errors (the set-up itself lives in the scenario).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlaDrafts {
    /// What the user typed that is not the set-up's value, with the problems.
    drafts: Drafts<SlaField, SlaInputError>,
    refusal: Option<SlaRefusal>,
    notice: Option<SlaNotice>,
}

fn number(raw: &str, max: f64) -> Result<f64, SlaInputError> {
    let value = match parse_number(raw) {
        // Too large for any number: said with the field's own bound below.
        Err(ErrorKind::TooLarge) => f64::INFINITY,
        other => other.map_err(SlaInputError::Number)?,
    };
    if value < 0.0 {
        Err(SlaInputError::Number(ErrorKind::Negative))
    } else if value > max {
        Err(SlaInputError::Number(ErrorKind::AboveMax(max)))
    } else {
        Ok(value + 0.0)
    }
}

/// An optional number: empty text means "not entered".
fn optional(raw: &str, max: f64) -> Result<Option<f64>, SlaInputError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        number(raw, max).map(Some)
    }
}

fn name(raw: &str, others: &[&str]) -> Result<String, SlaInputError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(SlaInputError::NameEmpty);
    }
    if trimmed.chars().count() > MAX_SLA_NAME_CHARS {
        return Err(SlaInputError::NameTooLong);
    }
    if others
        .iter()
        .any(|other| other.to_lowercase() == trimmed.to_lowercase())
    {
        return Err(SlaInputError::DuplicateName(trimmed.to_owned()));
    }
    Ok(trimmed.to_owned())
}

/// The first of "{base} {n}" not in `taken`.
fn free_name(base: &str, taken: &[&str]) -> String {
    (taken.len() + 1..)
        .map(|n| format!("{base} {n}"))
        .find(|candidate| {
            taken
                .iter()
                .all(|t| t.to_lowercase() != candidate.to_lowercase())
        })
        .unwrap_or_else(|| base.to_owned())
}

/// The text a value shows in its field.
fn shown(value: Option<f64>) -> String {
    value.map(|v| format!("{}", v + 0.0)).unwrap_or_default()
}

impl SlaDrafts {
    /// The text to show in `field`: the draft being typed, or the set-up's value.
    pub fn text(&self, sla: &Sla, field: SlaField) -> String {
        if let Some(draft) = self.drafts.text(field) {
            return draft.to_owned();
        }
        let grid = |g: &[Vec<Option<f64>>], c: usize, p: usize| {
            g.get(c).and_then(|row| row.get(p)).copied().flatten()
        };
        match field {
            SlaField::ChannelName(c) => sla.channels.get(c).cloned().unwrap_or_default(),
            SlaField::PersonaName(p) => sla
                .personas
                .get(p)
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            SlaField::PersonaSale(p) => shown(sla.personas.get(p).and_then(|x| x.average_sale)),
            SlaField::Rate(c, p) => shown(grid(&sla.close_rates, c, p)),
            SlaField::Plan(c, p) => shown(grid(&sla.plan, c, p)),
            SlaField::Target => shown(Some(sla.monthly_target)),
            SlaField::FollowUp => shown(Some(sla.follow_up_hours)),
            SlaField::Month => sla.month.to_string(),
            SlaField::AsOfDay => sla.as_of_day.to_string(),
            SlaField::Actual {
                day,
                channel,
                persona,
            } => {
                let count = sla
                    .month_actuals(sla.month)
                    .and_then(|m| m.days.get(day.saturating_sub(1) as usize))
                    .and_then(|cells| cells.get(sla.cell(channel, persona)))
                    .copied()
                    .unwrap_or(0);
                if count == 0 {
                    String::new()
                } else {
                    count.to_string()
                }
            }
        }
    }

    /// The problem with `field`'s current text.
    pub fn error(&self, field: SlaField) -> Option<&SlaInputError> {
        self.drafts.error(field)
    }

    /// Every field with a problem.
    pub fn errors(&self) -> impl Iterator<Item = (&SlaField, &SlaInputError)> {
        self.drafts.errors()
    }

    /// The last refused structural edit.
    pub fn refusal(&self) -> Option<SlaRefusal> {
        self.refusal
    }

    /// What the last edit changed besides its own field, to be told next to that field.
    pub fn notice(&self) -> Option<SlaNotice> {
        self.notice
    }

    /// Applies `edit` to `slot` (the scenario's SLA). Bad text stays as a draft with its
    /// error and leaves the set-up as it was.
    pub fn apply(&mut self, slot: &mut Option<Arc<Sla>>, edit: SlaEdit) {
        self.refusal = None;
        self.notice = None;
        if let SlaEdit::Replace(sla) = edit {
            *slot = Some(Arc::new(sla));
            *self = SlaDrafts::default();
            return;
        }
        let Some(current) = slot.as_mut() else { return };
        let sla = Arc::make_mut(current);
        match edit {
            SlaEdit::Text(field, raw) => {
                let day_before = sla.as_of_day;
                let result = set_text(sla, field, &raw);
                if field == SlaField::Month && result.is_ok() && sla.as_of_day != day_before {
                    self.notice = Some(SlaNotice::DayMoved {
                        month: sla.month,
                        from: day_before,
                        to: sla.as_of_day,
                    });
                }
                self.drafts.settle(field, raw, result);
            }
            SlaEdit::RateSource(source) => sla.rate_source = source,
            SlaEdit::AddChannel => {
                if sla.channels.len() >= MAX_CHANNELS {
                    self.refusal = Some(SlaRefusal::TooManyChannels);
                } else {
                    let taken: Vec<&str> = sla.channels.iter().map(String::as_str).collect();
                    let new = free_name(SlaEditText::NewChannel.text(), &taken);
                    reshape(
                        sla,
                        |c, p| Some((c, p)),
                        sla.channels.len() + 1,
                        sla.personas.len(),
                    );
                    sla.channels.push(new);
                    self.clear_drafts();
                }
            }
            SlaEdit::RemoveChannel(at) => {
                if sla.channels.len() <= 1 {
                    self.refusal = Some(SlaRefusal::LastChannel);
                } else if at < sla.channels.len() {
                    let nc = sla.channels.len() - 1;
                    reshape(
                        sla,
                        |c, p| Some((if c >= at { c + 1 } else { c }, p)),
                        nc,
                        sla.personas.len(),
                    );
                    sla.channels.remove(at);
                    self.clear_drafts();
                }
            }
            SlaEdit::AddPersona => {
                if sla.personas.len() >= MAX_PERSONAS {
                    self.refusal = Some(SlaRefusal::TooManyPersonas);
                } else {
                    let taken: Vec<&str> = sla.personas.iter().map(|p| p.name.as_str()).collect();
                    let new = free_name(SlaEditText::NewPersona.text(), &taken);
                    reshape(
                        sla,
                        |c, p| Some((c, p)),
                        sla.channels.len(),
                        sla.personas.len() + 1,
                    );
                    sla.personas.push(Persona {
                        name: new,
                        average_sale: None,
                    });
                    self.clear_drafts();
                }
            }
            SlaEdit::RemovePersona(at) => {
                if sla.personas.len() <= 1 {
                    self.refusal = Some(SlaRefusal::LastPersona);
                } else if at < sla.personas.len() {
                    let np = sla.personas.len() - 1;
                    reshape(
                        sla,
                        |c, p| Some((c, if p >= at { p + 1 } else { p })),
                        sla.channels.len(),
                        np,
                    );
                    sla.personas.remove(at);
                    self.clear_drafts();
                }
            }
            SlaEdit::MoveChannel { from, to } => {
                let n = sla.channels.len();
                if from < n && to < n && from != to {
                    // Where each channel's row comes from after the move.
                    let source = |c: usize| {
                        if c == to {
                            from
                        } else if from < to && c >= from && c < to {
                            c + 1
                        } else if to < from && c > to && c <= from {
                            c - 1
                        } else {
                            c
                        }
                    };
                    reshape(sla, |c, p| Some((source(c), p)), n, sla.personas.len());
                    let moved = sla.channels.remove(from);
                    sla.channels.insert(to, moved);
                    self.clear_drafts();
                }
            }
            SlaEdit::ClearMonth => {
                let month = sla.month;
                sla.actuals.retain(|m| m.month != month);
                self.drafts
                    .retain(|field| !matches!(field, SlaField::Actual { .. }));
            }
            SlaEdit::Replace(_) => {}
        }
    }

    /// Drafts are addressed by position: a structural edit drops them.
    fn clear_drafts(&mut self) {
        self.drafts.clear();
    }
}

/// Resizes every matrix of `sla` to `nc` × `np`: new cell (c, p) takes old cell
/// `source(c, p)` when it exists, and is empty otherwise.
fn reshape(
    sla: &mut Sla,
    source: impl Fn(usize, usize) -> Option<(usize, usize)>,
    nc: usize,
    np: usize,
) {
    let old_np = sla.personas.len();
    let old_nc = sla.channels.len();
    let from = |c: usize, p: usize| source(c, p).filter(|&(oc, op)| oc < old_nc && op < old_np);
    let grid = |g: &[Vec<Option<f64>>]| -> Vec<Vec<Option<f64>>> {
        (0..nc)
            .map(|c| {
                (0..np)
                    .map(|p| from(c, p).and_then(|(oc, op)| g.get(oc)?.get(op).copied().flatten()))
                    .collect()
            })
            .collect()
    };
    sla.close_rates = grid(&sla.close_rates);
    sla.plan = grid(&sla.plan);
    for month in &mut sla.actuals {
        for day in &mut month.days {
            let old = std::mem::take(day);
            *day = (0..nc)
                .flat_map(|c| (0..np).map(move |p| (c, p)))
                .map(|(c, p)| {
                    from(c, p).map_or(0, |(oc, op)| {
                        old.get(oc * old_np + op).copied().unwrap_or(0)
                    })
                })
                .collect();
        }
    }
}

/// Sets one field from its text, or says what is wrong.
fn set_text(sla: &mut Sla, field: SlaField, raw: &str) -> Result<(), SlaInputError> {
    let in_grid = |c: usize, p: usize| c < sla.channels.len() && p < sla.personas.len();
    match field {
        SlaField::ChannelName(c) if c < sla.channels.len() => {
            let others: Vec<&str> = sla
                .channels
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != c)
                .map(|(_, n)| n.as_str())
                .collect();
            sla.channels[c] = name(raw, &others)?;
        }
        SlaField::PersonaName(p) if p < sla.personas.len() => {
            let others: Vec<&str> = sla
                .personas
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != p)
                .map(|(_, x)| x.name.as_str())
                .collect();
            sla.personas[p].name = name(raw, &others)?;
        }
        SlaField::PersonaSale(p) if p < sla.personas.len() => {
            sla.personas[p].average_sale = optional(raw, MAX_SLA_AMOUNT)?;
        }
        SlaField::Rate(c, p) if in_grid(c, p) => {
            sla.close_rates[c][p] = optional(raw, 100.0)?;
        }
        SlaField::Plan(c, p) if in_grid(c, p) => {
            sla.plan[c][p] = optional(raw, MAX_PLANNED_LEADS)?;
        }
        SlaField::Target => sla.monthly_target = number(raw, MAX_SLA_AMOUNT)?,
        SlaField::FollowUp => {
            let hours = number(raw, MAX_FOLLOW_UP_HOURS)?;
            if hours == 0.0 {
                return Err(SlaInputError::ZeroHours);
            }
            sla.follow_up_hours = hours;
        }
        SlaField::Month => {
            let month = YearMonth::parse(raw).ok_or(SlaInputError::BadMonth)?;
            sla.month = month;
            sla.as_of_day = sla.as_of_day.clamp(1, month.days());
        }
        SlaField::AsOfDay => {
            let days = sla.month.days();
            let day =
                number(raw, f64::from(days)).map_err(|_| SlaInputError::DayOutOfRange(days))?;
            if day.fract() != 0.0 || day < 1.0 {
                return Err(SlaInputError::DayOutOfRange(days));
            }
            sla.as_of_day = day as u32;
        }
        SlaField::Actual {
            day,
            channel,
            persona,
        } if in_grid(channel, persona) && (1..=sla.month.days()).contains(&day) => {
            let count = if raw.trim().is_empty() {
                0.0
            } else {
                number(raw, f64::from(MAX_DAILY_LEADS))?
            };
            if count.fract() != 0.0 {
                return Err(SlaInputError::NotWhole);
            }
            let cells = sla.cells();
            let cell = sla.cell(channel, persona);
            let month = sla.month;
            let index = match sla.actuals.iter().position(|m| m.month == month) {
                Some(index) => index,
                None => {
                    // Refused rather than dropping the oldest month's leads.
                    if sla.actuals.len() >= crate::model::sla::calculator::MAX_MONTHS {
                        return Err(SlaInputError::MonthLimit);
                    }
                    sla.actuals.push(MonthActuals::empty(month, cells));
                    sla.actuals.sort_by_key(|m| m.month);
                    sla.actuals.partition_point(|m| m.month < month)
                }
            };
            if let Some(slot) = sla.actuals[index]
                .days
                .get_mut(day as usize - 1)
                .and_then(|cells| cells.get_mut(cell))
            {
                *slot = count as u32;
            }
        }
        // A field that no longer exists (a removed row): nothing to set.
        _ => {}
    }
    Ok(())
}
