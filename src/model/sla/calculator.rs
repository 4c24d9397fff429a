//! The marketing–sales SLA, in the seed article's four steps: close rate per channel ×
//! persona (step 1), value of a lead (step 2), monthly lead tracking with month-to-date
//! pacing (step 3) and the SLA commitment that makes the leads produce the monthly revenue
//! target (step 4). Pure: types, defaults, checks and the computation.
//!
//! The commitment (step 4): each segment (channel × persona) with a positive lead value
//! gets a share of the monthly revenue target, in proportion to the revenue its planned
//! leads would produce (plan × lead value; equal shares when nothing is planned). Its
//! required leads are ⌈target × share ÷ lead value⌉, so the committed SLA, Σ required ×
//! lead value, equals the target (up to rounding to whole leads). A segment whose lead is
//! worth nothing (a 0 % or missing close rate, a persona without a sale value) cannot carry
//! any of the target: it is reported as unreachable, never as an infinite number of leads.

use serde::{Deserialize, Serialize};

use crate::model::format;
use crate::model::funnel::channels::evaluate_mix;
use crate::model::funnel::scenario::{example_channel_names, Scenario};
use crate::model::i18n::{self, Lang};
use crate::model::num::ceil_whole;
use crate::model::num::{finite, ratio};

crate::texts! {
    /// The SLA model's messages, the example's channel and persona names, month names.
    pub enum SlaText {
        ChannelCount => "the SLA has {n} channels (1 to {max})",
            "le SLA compte {n} canaux (de 1 à {max})";
        PersonaCount => "the SLA has {n} personas (1 to {max})",
            "le SLA compte {n} personas (de 1 à {max})";
        BadName => "the SLA name “{name}” is empty, too long (40 characters at most) or used twice",
            "le nom « {name} » du SLA est vide, trop long (40 caractères au plus) ou utilisé deux fois";
        MatrixShape => "the SLA's {what} do not match its channels and personas",
            "les {what} du SLA ne correspondent pas à ses canaux et personas";
        OutOfRange => "the SLA's {what} is out of range",
            "la valeur « {what} » du SLA est hors limites";
        Months => "the SLA has more than {max} months of leads, or a month twice",
            "le SLA contient plus de {max} mois de leads, ou deux fois le même mois";
        ActualsShape => "the SLA's leads of {month} do not match the month's days and segments",
            "les leads de {month} du SLA ne correspondent pas aux jours du mois et aux segments";
        WhatCloseRates => "close rates", "taux de closing";
        WhatPlannedLeads => "planned leads", "leads prévus";
        WhatAverageSale => "average sale", "montant moyen d'une vente";
        WhatMonthlyTarget => "monthly target", "objectif mensuel";
        WhatFollowUp => "follow-up time", "délai de suivi";
        WhatAsOfDay => "as-of day", "jour de référence";
        WhatDailyLeads => "daily leads", "leads du jour";
        NoChannel => "Add at least one channel.", "Ajoutez au moins un canal.";
        NoPersona => "Add at least one persona.", "Ajoutez au moins un persona.";
        EmptyRate => "The close rate of {channel} × {persona} is empty: enter it (0 if this channel never wins this persona).",
            "Le taux de closing de {channel} × {persona} est vide : saisissez-le (0 si ce canal ne convertit jamais ce persona).";
        NoSaleValue => "{persona} has no average sale: its leads are worth {zero} and cannot carry any of the target.",
            "{persona} n'a pas de montant moyen de vente : ses leads valent {zero} et ne peuvent porter aucune part de l'objectif.";
        NothingProducesRevenue => "No segment produces revenue (every close rate or sale value is 0 or empty): no number of leads reaches the target.",
            "Aucun segment ne produit de chiffre d'affaires (chaque taux de closing ou montant de vente est à 0 ou vide) : aucun nombre de leads n'atteint l'objectif.";
        SmallBusiness => "Small business", "Petite entreprise";
        MidSize => "Mid-size company", "Entreprise de taille moyenne";
        LargeAccount => "Large account", "Grand compte";
    }
}

/// Most channels (rows of the matrix).
pub const MAX_CHANNELS: usize = 20;
/// Most personas (columns of the matrix).
pub const MAX_PERSONAS: usize = 10;
/// Most months of actuals kept.
pub const MAX_MONTHS: usize = 12;
/// Most leads in one day for one segment.
pub const MAX_DAILY_LEADS: u32 = 1_000_000;
/// Most leads planned per month for one segment.
pub const MAX_PLANNED_LEADS: f64 = 1e9;

/// Checks the matrix has 1 to [`MAX_CHANNELS`] channels and 1 to [`MAX_PERSONAS`] personas.
/// Readers call it before they allocate anything sized by channels × personas.
pub fn check_matrix_size(channels: usize, personas: usize) -> Result<(), SlaShapeError> {
    if !(1..=MAX_CHANNELS).contains(&channels) {
        return Err(SlaShapeError::ChannelCount(channels));
    }
    if !(1..=MAX_PERSONAS).contains(&personas) {
        return Err(SlaShapeError::PersonaCount(personas));
    }
    Ok(())
}
/// A segment or channel is behind when it has delivered less than this share of its
/// pro-rated commitment.
pub const BEHIND_BELOW: f64 = 0.9;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl YearMonth {
    /// A month, when `month` is 1 to 12 and the year 1970 to 9999.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((1970..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    }

    /// Number of days (28 to 31).
    pub fn days(self) -> u32 {
        crate::model::calendar::days_in_month(i64::from(self.year), self.month).unwrap_or(31)
    }

    /// The month for people, in the language in use: "2026-11" in English (as written in
    /// files and links), "novembre 2026" in French.
    pub fn label(self) -> String {
        match i18n::lang() {
            Lang::En => self.to_string(),
            Lang::Fr => {
                let name = crate::model::calendar::month_in_sentence(
                    (self.month.clamp(1, 12) - 1) as usize,
                );
                format!("{name} {}", self.year)
            }
        }
    }

    /// Reads "2026-11".
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.trim().split_once('-')?;
        YearMonth::new(year.parse().ok()?, month.parse().ok()?)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<YearMonth, D::Error> {
        let text = String::deserialize(deserializer)?;
        YearMonth::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a month (YYYY-MM): {text}")))
    }
}

/// A buyer persona and what one sale to it is worth.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    pub name: String,
    /// Average sale (€, excl. tax); `None` until entered.
    pub average_sale: Option<f64>,
}

/// Where the close rates come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateSource {
    /// Typed per channel × persona (from the CRM's last six months).
    #[default]
    Entered,
    /// Every segment uses the funnel's lead → customer rate (the product of the stage
    /// rates after the lead stage).
    Funnel,
}

/// The leads delivered in one month, day by day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthActuals {
    pub month: YearMonth,
    /// `days[d][c * personas + p]`: leads on day d + 1 from channel c for persona p; one
    /// entry per day of the month.
    pub days: Vec<Vec<u32>>,
}

impl MonthActuals {
    /// A month with no lead yet, for `cells` segments.
    pub fn empty(month: YearMonth, cells: usize) -> MonthActuals {
        MonthActuals {
            month,
            days: vec![vec![0; cells]; month.days() as usize],
        }
    }

    /// Leads of segment `cell` on days 1 ..= `through_day`.
    pub fn delivered(&self, cell: usize, through_day: u32) -> u64 {
        self.days
            .iter()
            .take(through_day as usize)
            .map(|day| u64::from(day.get(cell).copied().unwrap_or(0)))
            .sum()
    }
}

/// The whole SLA set-up: part of a scenario, saved and shared with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sla {
    /// Lead sources (rows): organic, inbound, e-mail, paid ads, outbound, …
    pub channels: Vec<String>,
    /// Buyer personas (columns).
    pub personas: Vec<Persona>,
    pub rate_source: RateSource,
    /// Lead → customer close rate in %, `[channel][persona]`; `None` until entered.
    pub close_rates: Vec<Vec<Option<f64>>>,
    /// Leads marketing plans to bring per month, `[channel][persona]`; `None` = not planned.
    pub plan: Vec<Vec<Option<f64>>>,
    /// Revenue the leads of one month must produce (€).
    pub monthly_target: f64,
    /// Sales' commitment: every accepted lead followed up within this many hours.
    pub follow_up_hours: f64,
    /// The month being tracked.
    pub month: YearMonth,
    /// Month-to-date pacing is computed through this day of `month` (1 ..= its days).
    pub as_of_day: u32,
    /// Leads delivered, one entry per month (at most [`MAX_MONTHS`], oldest first).
    pub actuals: Vec<MonthActuals>,
}

impl Sla {
    /// The article's set-up: five channels, three personas, rates from a CRM, a plan, and
    /// the monthly share of the scenario's revenue target; tracking `month` as of `day`,
    /// with example leads on the days before `day` (a steady, uneven flow around the plan).
    /// Channels and personas are named in the language in use (they are data from then on).
    pub fn example(scenario: &Scenario, month: YearMonth, day: u32) -> Sla {
        let channels = example_channel_names();
        let personas = [
            (SlaText::SmallBusiness.text(), 8_000.0),
            (SlaText::MidSize.text(), 15_000.0),
            (SlaText::LargeAccount.text(), 40_000.0),
        ];
        // Close rates in %: rows are channels, columns personas.
        let rates = [
            [4.0, 3.0, 1.5],
            [5.0, 4.0, 2.0],
            [3.0, 2.5, 1.0],
            [2.0, 1.5, 0.8],
            [1.5, 2.0, 2.5],
        ];
        let plan = [
            [50.0, 25.0, 5.0],
            [70.0, 40.0, 8.0],
            [35.0, 18.0, 4.0],
            [60.0, 25.0, 7.0],
            [18.0, 20.0, 12.0],
        ];
        let months_per_period = scenario.period.months();
        // Planned by channel: the SLA takes the mix's channels (one list), their rates where
        // the article's channel of that name has some, and plans each one's leads a month
        // from the mix, shared between the personas as the article's plan does (evenly for a
        // channel it does not have).
        let rows: Vec<ExampleRow> = match scenario.mix() {
            Some(mix) => {
                let funnels = evaluate_mix(scenario, mix, "").channels;
                mix.channels
                    .iter()
                    .zip(&funnels)
                    .map(|(channel, funnel)| {
                        let known = channels
                            .iter()
                            .position(|c| c.to_lowercase() == channel.name.to_lowercase());
                        let leads = funnel.counts.get(1).copied().flatten().unwrap_or(0.0)
                            / months_per_period;
                        let shares = known.map_or([1.0 / 3.0; 3], |k| {
                            let row = plan[k];
                            let sum: f64 = row.iter().sum();
                            row.map(|n| n / sum)
                        });
                        (
                            channel.name.clone(),
                            known.map_or([None; 3], |k| rates[k].map(Some)),
                            shares.map(|share| (leads * share).round()),
                        )
                    })
                    .collect()
            }
            None => channels
                .iter()
                .zip(rates)
                .zip(plan)
                .map(|((name, rates), plan)| ((*name).to_owned(), rates.map(Some), plan))
                .collect(),
        };
        let channels: Vec<String> = rows.iter().map(|row| row.0.clone()).collect();
        let rates: Vec<[Option<f64>; 3]> = rows.iter().map(|row| row.1).collect();
        let plan: Vec<[f64; 3]> = rows.iter().map(|row| row.2).collect();
        Sla {
            channels,
            personas: personas
                .iter()
                .map(|(name, sale)| Persona {
                    name: (*name).to_owned(),
                    average_sale: Some(*sale),
                })
                .collect(),
            rate_source: RateSource::Entered,
            close_rates: rates.iter().map(|row| row.to_vec()).collect(),
            plan: plan
                .iter()
                .map(|row| row.iter().map(|n| Some(*n)).collect())
                .collect(),
            monthly_target: (scenario.target_revenue / months_per_period).round(),
            follow_up_hours: 24.0,
            month,
            as_of_day: day.clamp(1, month.days()),
            actuals: vec![example_actuals(&plan, month, day)],
        }
    }

    /// Deterministic synthetic data for tests and benchmarks: `channels` × `personas`
    /// segments with varied rates, sale values and plans, and `months` months of daily
    /// actuals ending with `month`, tracked as of `day`.
    pub fn synthetic(
        channels: usize,
        personas: usize,
        months: u32,
        month: YearMonth,
        day: u32,
    ) -> Sla {
        let cells = channels * personas;
        let actuals = (0..months.min(MAX_MONTHS as u32))
            .rev()
            .filter_map(|back| {
                let index = month.year * 12 + month.month as i32 - 1 - back as i32;
                YearMonth::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
            })
            .map(|m| {
                let mut actuals = MonthActuals::empty(m, cells);
                for (d, day) in actuals.days.iter_mut().enumerate() {
                    for (cell, n) in day.iter_mut().enumerate() {
                        *n = ((d * 31 + cell * 17 + m.month as usize) % 5) as u32;
                    }
                }
                actuals
            })
            .collect();
        Sla {
            channels: (1..=channels).map(|c| format!("Channel {c}")).collect(),
            personas: (1..=personas)
                .map(|p| Persona {
                    name: format!("Persona {p}"),
                    average_sale: Some(1_000.0 * p as f64),
                })
                .collect(),
            rate_source: RateSource::Entered,
            close_rates: (0..channels)
                .map(|c| {
                    (0..personas)
                        .map(|p| Some(1.0 + ((c * 7 + p * 3) % 9) as f64))
                        .collect()
                })
                .collect(),
            plan: (0..channels)
                .map(|c| {
                    (0..personas)
                        .map(|p| Some(((c + p) % 12) as f64 * 5.0))
                        .collect()
                })
                .collect(),
            monthly_target: 500_000.0,
            follow_up_hours: 24.0,
            month,
            as_of_day: day.clamp(1, month.days()),
            actuals,
        }
    }

    /// Number of segments (channels × personas).
    pub fn cells(&self) -> usize {
        self.channels.len() * self.personas.len()
    }

    /// The flat index of segment (channel, persona) in a day of actuals.
    pub fn cell(&self, channel: usize, persona: usize) -> usize {
        channel * self.personas.len() + persona
    }

    /// The actuals of `month`, when any were entered.
    pub fn month_actuals(&self, month: YearMonth) -> Option<&MonthActuals> {
        self.actuals.iter().find(|m| m.month == month)
    }
}

/// One channel of the example set-up: its name, close rates (%) and planned leads a month,
/// per persona.
type ExampleRow = (String, [Option<f64>; 3], [f64; 3]);

/// Example leads for days 1 .. `day` of `month`: each segment's daily share of its plan,
/// varied deterministically between 60 % and 150 %.
fn example_actuals(plan: &[[f64; 3]], month: YearMonth, day: u32) -> MonthActuals {
    let personas = plan.first().map_or(0, |row| row.len());
    let mut actuals = MonthActuals::empty(month, plan.len() * personas);
    let days = f64::from(month.days());
    let before_today = day.saturating_sub(1) as usize;
    for (d, cells) in actuals.days.iter_mut().take(before_today).enumerate() {
        for (c, row) in plan.iter().enumerate() {
            for (p, planned) in row.iter().enumerate() {
                let variation = 0.6 + 0.1 * ((d * 7 + c * 3 + p * 5) % 10) as f64;
                cells[c * personas + p] = (planned / days * variation).round() as u32;
            }
        }
    }
    actuals
}

/// Why a set-up read from a link, a file or storage cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum SlaShapeError {
    ChannelCount(usize),
    PersonaCount(usize),
    /// A channel or persona name is empty, longer than 40 characters or used twice.
    BadName(String),
    /// A matrix does not have one value per channel × persona.
    MatrixShape(&'static str),
    /// A number outside its range (which field).
    OutOfRange(&'static str),
    /// More than [`MAX_MONTHS`] months, or the same month twice.
    Months,
    /// A month's daily leads do not match its days and segments.
    ActualsShape(YearMonth),
}

/// A field named in [`SlaShapeError`], in the language in use.
fn field_label(what: &str) -> &str {
    let entry = match what {
        "close rates" => SlaText::WhatCloseRates,
        "planned leads" => SlaText::WhatPlannedLeads,
        "average sale" => SlaText::WhatAverageSale,
        "monthly target" => SlaText::WhatMonthlyTarget,
        "follow-up time" => SlaText::WhatFollowUp,
        "as-of day" => SlaText::WhatAsOfDay,
        "daily leads" => SlaText::WhatDailyLeads,
        _ => return what,
    };
    entry.text()
}

impl std::fmt::Display for SlaShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SlaShapeError::ChannelCount(n) => SlaText::ChannelCount
                .fill(&[("n", &n.to_string()), ("max", &MAX_CHANNELS.to_string())]),
            SlaShapeError::PersonaCount(n) => SlaText::PersonaCount
                .fill(&[("n", &n.to_string()), ("max", &MAX_PERSONAS.to_string())]),
            SlaShapeError::BadName(name) => SlaText::BadName.fill(&[("name", name)]),
            SlaShapeError::MatrixShape(what) => {
                SlaText::MatrixShape.fill(&[("what", field_label(what))])
            }
            SlaShapeError::OutOfRange(what) => {
                SlaText::OutOfRange.fill(&[("what", field_label(what))])
            }
            SlaShapeError::Months => SlaText::Months.fill(&[("max", &MAX_MONTHS.to_string())]),
            SlaShapeError::ActualsShape(month) => {
                SlaText::ActualsShape.fill(&[("month", &month.label())])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SlaShapeError {}

impl Sla {
    /// Checks a set-up that did not come from the editor (a link, a file, storage).
    pub fn check(&self) -> Result<(), SlaShapeError> {
        let (nc, np) = (self.channels.len(), self.personas.len());
        check_matrix_size(nc, np)?;
        for names in [
            self.channels.iter().map(String::as_str).collect::<Vec<_>>(),
            self.personas.iter().map(|p| p.name.as_str()).collect(),
        ] {
            for (i, name) in names.iter().enumerate() {
                let clean = name.trim();
                let twice = names[..i]
                    .iter()
                    .any(|other| other.to_lowercase() == name.to_lowercase());
                if clean.is_empty() || clean != *name || name.chars().count() > 40 || twice {
                    return Err(SlaShapeError::BadName(name.chars().take(40).collect()));
                }
            }
        }
        let in_range = |v: f64, max: f64| v.is_finite() && (0.0..=max).contains(&v);
        for (grid, what, max) in [
            (&self.close_rates, "close rates", 100.0),
            (&self.plan, "planned leads", MAX_PLANNED_LEADS),
        ] {
            if grid.len() != nc || grid.iter().any(|row| row.len() != np) {
                return Err(SlaShapeError::MatrixShape(what));
            }
            if grid.iter().flatten().flatten().any(|v| !in_range(*v, max)) {
                return Err(SlaShapeError::OutOfRange(what));
            }
        }
        if self
            .personas
            .iter()
            .filter_map(|p| p.average_sale)
            .any(|v| !in_range(v, 1e12))
        {
            return Err(SlaShapeError::OutOfRange("average sale"));
        }
        if !in_range(self.monthly_target, 1e12) {
            return Err(SlaShapeError::OutOfRange("monthly target"));
        }
        if !(self.follow_up_hours > 0.0 && in_range(self.follow_up_hours, 720.0)) {
            return Err(SlaShapeError::OutOfRange("follow-up time"));
        }
        if !(1..=self.month.days()).contains(&self.as_of_day) {
            return Err(SlaShapeError::OutOfRange("as-of day"));
        }
        let mut months: Vec<YearMonth> = self.actuals.iter().map(|m| m.month).collect();
        months.sort();
        months.dedup();
        if self.actuals.len() > MAX_MONTHS || months.len() != self.actuals.len() {
            return Err(SlaShapeError::Months);
        }
        for month in &self.actuals {
            let cells = nc * np;
            if month.days.len() != month.month.days() as usize
                || month.days.iter().any(|day| day.len() != cells)
            {
                return Err(SlaShapeError::ActualsShape(month.month));
            }
            if month.days.iter().flatten().any(|&n| n > MAX_DAILY_LEADS) {
                return Err(SlaShapeError::OutOfRange("daily leads"));
            }
        }
        Ok(())
    }
}

/// Something in the set-up that makes a segment, or the whole SLA, unusable.
#[derive(Clone, Debug, PartialEq)]
pub enum SlaProblem {
    NoChannel,
    NoPersona,
    /// The close rate of a segment was not entered.
    EmptyRate {
        channel: String,
        persona: String,
    },
    /// A persona without an average sale: its leads are worth nothing.
    NoSaleValue {
        persona: String,
    },
    /// Every segment's lead is worth nothing: no number of leads reaches the target.
    NothingProducesRevenue,
}

impl std::fmt::Display for SlaProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SlaProblem::NoChannel => SlaText::NoChannel.text().to_owned(),
            SlaProblem::NoPersona => SlaText::NoPersona.text().to_owned(),
            SlaProblem::EmptyRate { channel, persona } => {
                SlaText::EmptyRate.fill(&[("channel", channel), ("persona", persona)])
            }
            SlaProblem::NoSaleValue { persona } => {
                SlaText::NoSaleValue.fill(&[("zero", &format::money(0.0)), ("persona", persona)])
            }
            SlaProblem::NothingProducesRevenue => SlaText::NothingProducesRevenue.text().to_owned(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SlaProblem {}

/// Why a segment cannot carry any of the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoValue {
    /// Its close rate is empty.
    EmptyRate,
    /// Its close rate is 0 %.
    ZeroRate,
    /// Its persona has no (or a zero) average sale.
    NoSale,
}

/// What the SLA asks of one segment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Requirement {
    /// This many leads this month (a whole number, maybe 0 when the plan gives it no share).
    Leads(f64),
    /// Its lead is worth nothing: unreachable.
    Unreachable(NoValue),
}

impl Requirement {
    pub fn leads(self) -> Option<f64> {
        match self {
            Requirement::Leads(n) => Some(n),
            Requirement::Unreachable(_) => None,
        }
    }
}

/// Month-to-date state of one segment, channel, persona or the total.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pace {
    /// Leads committed for the whole month.
    pub required: f64,
    /// Leads delivered on days 1 ..= as-of day.
    pub delivered: f64,
    /// The commitment pro-rated to the as-of day (required × day ÷ days in the month).
    pub expected: f64,
    /// Leads per day needed over the rest of the month to finish on target (0 when already
    /// there; `None` on the last day when still short).
    pub needed_per_day: Option<f64>,
}

impl Pace {
    fn new(required: f64, delivered: f64, day: u32, days: u32) -> Pace {
        let remaining_days = days.saturating_sub(day);
        let short = (required - delivered).max(0.0);
        Pace {
            required,
            delivered,
            expected: required * f64::from(day) / f64::from(days.max(1)),
            needed_per_day: if short == 0.0 {
                Some(0.0)
            } else {
                ratio(short, f64::from(remaining_days))
            },
        }
    }

    /// Delivered ÷ expected (1 = on pace); `None` when nothing is expected yet.
    pub fn ratio(&self) -> Option<f64> {
        ratio(self.delivered, self.expected)
    }

    /// Behind when less than [`BEHIND_BELOW`] of the pro-rated commitment was delivered.
    pub fn is_behind(&self) -> bool {
        self.ratio().is_some_and(|r| r < BEHIND_BELOW)
    }

    fn add(&mut self, other: &Pace) {
        self.required += other.required;
        self.delivered += other.delivered;
        self.expected += other.expected;
    }
}

/// One month of the tracking history.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthSummary {
    pub month: YearMonth,
    /// Leads delivered in the month (through the as-of day for the tracked month).
    pub delivered: f64,
    /// The monthly commitment.
    pub required: f64,
}

/// Everything the SLA view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SlaAnalysis {
    /// Close rates used, in % (`[channel][persona]`; the funnel's rate in funnel mode).
    pub close_rates: Vec<Vec<Option<f64>>>,
    /// Value of one lead, € (`None` when its rate or sale value is missing).
    pub lead_values: Vec<Vec<Option<f64>>>,
    /// Step 4, per segment.
    pub required: Vec<Vec<Requirement>>,
    pub channel_required: Vec<f64>,
    pub persona_required: Vec<f64>,
    /// Leads marketing commits to per month; `None` when nothing produces revenue.
    pub total_required: Option<f64>,
    /// Σ required × lead value: what the committed leads produce (≥ the target).
    pub committed_revenue: f64,
    /// Σ plan × lead value: what the plan would produce.
    pub planned_revenue: f64,
    pub planned_leads: f64,
    /// Customers the committed leads should close.
    pub expected_customers: f64,
    /// Month-to-date pacing of the tracked month, per segment, channel, persona and total.
    pub cell_pace: Vec<Vec<Pace>>,
    pub channel_pace: Vec<Pace>,
    pub persona_pace: Vec<Pace>,
    pub total_pace: Pace,
    /// Cumulative leads delivered at the end of each day 1 ..= as-of day (the pacing line).
    pub cumulative: Vec<f64>,
    /// Days in the tracked month.
    pub days_in_month: u32,
    /// Every month with actuals, oldest first.
    pub history: Vec<MonthSummary>,
    pub problems: Vec<SlaProblem>,
}

/// The funnel's lead → customer rate in % (product of the rates after the lead stage).
pub fn funnel_close_rate(scenario: &Scenario) -> Option<f64> {
    if scenario.stages.len() < 2 {
        return None;
    }
    let fraction: f64 = scenario.stages[2..]
        .iter()
        .map(|stage| stage.value / 100.0)
        .product();
    finite(fraction * 100.0)
}

/// Computes the four steps for `sla`; `funnel_rate` is the funnel's close rate in percent
/// ([`funnel_close_rate`]), used in funnel mode.
pub fn analyse_sla(sla: &Sla, funnel_rate: Option<f64>) -> SlaAnalysis {
    let (nc, np) = (sla.channels.len(), sla.personas.len());
    let mut problems = Vec::new();
    if nc == 0 {
        problems.push(SlaProblem::NoChannel);
    }
    if np == 0 {
        problems.push(SlaProblem::NoPersona);
    }
    for persona in &sla.personas {
        if !persona.average_sale.is_some_and(|v| v > 0.0) {
            problems.push(SlaProblem::NoSaleValue {
                persona: persona.name.clone(),
            });
        }
    }
    let cell = |grid: &[Vec<Option<f64>>], c: usize, p: usize| -> Option<f64> {
        grid.get(c).and_then(|row| row.get(p)).copied().flatten()
    };
    let close_rates: Vec<Vec<Option<f64>>> = (0..nc)
        .map(|c| {
            (0..np)
                .map(|p| match sla.rate_source {
                    RateSource::Entered => cell(&sla.close_rates, c, p),
                    RateSource::Funnel => funnel_rate,
                })
                .collect()
        })
        .collect();
    for (c, row) in close_rates.iter().enumerate() {
        for (p, rate) in row.iter().enumerate() {
            if rate.is_none() {
                problems.push(SlaProblem::EmptyRate {
                    channel: sla.channels[c].clone(),
                    persona: sla.personas[p].name.clone(),
                });
            }
        }
    }
    let no_value = |c: usize, p: usize| -> Option<NoValue> {
        match close_rates[c][p] {
            None => Some(NoValue::EmptyRate),
            Some(r) if r <= 0.0 => Some(NoValue::ZeroRate),
            Some(_) if !sla.personas[p].average_sale.is_some_and(|v| v > 0.0) => {
                Some(NoValue::NoSale)
            }
            Some(_) => None,
        }
    };
    let lead_values: Vec<Vec<Option<f64>>> = (0..nc)
        .map(|c| {
            (0..np)
                .map(|p| {
                    let rate = close_rates[c][p]?;
                    let sale = sla.personas[p].average_sale?;
                    finite(rate / 100.0 * sale)
                })
                .collect()
        })
        .collect();

    // Step 4: shares of the target in proportion to planned revenue (equal when no plan).
    let planned = |c: usize, p: usize| cell(&sla.plan, c, p).unwrap_or(0.0).max(0.0);
    let valuable: Vec<(usize, usize, f64)> = (0..nc)
        .flat_map(|c| (0..np).map(move |p| (c, p)))
        .filter(|&(c, p)| no_value(c, p).is_none())
        .filter_map(|(c, p)| lead_values[c][p].map(|v| (c, p, v)))
        .collect();
    let planned_revenue: f64 = valuable.iter().map(|&(c, p, v)| planned(c, p) * v).sum();
    let planned_leads: f64 = (0..nc)
        .flat_map(|c| (0..np).map(move |p| (c, p)))
        .map(|(c, p)| planned(c, p))
        .sum();
    let mut required: Vec<Vec<Requirement>> = (0..nc)
        .map(|c| {
            (0..np)
                .map(|p| match no_value(c, p) {
                    Some(reason) => Requirement::Unreachable(reason),
                    None => Requirement::Leads(0.0),
                })
                .collect()
        })
        .collect();
    let target = sla.monthly_target.max(0.0);
    for &(c, p, value) in &valuable {
        let share = if planned_revenue > 0.0 {
            planned(c, p) * value / planned_revenue
        } else {
            1.0 / valuable.len() as f64
        };
        let leads = finite(ceil_whole(target * share / value)).unwrap_or(0.0);
        required[c][p] = Requirement::Leads(leads);
    }
    if valuable.is_empty() && nc > 0 && np > 0 {
        problems.push(SlaProblem::NothingProducesRevenue);
    }
    let leads_of = |c: usize, p: usize| required[c][p].leads().unwrap_or(0.0);
    let channel_required: Vec<f64> = (0..nc)
        .map(|c| (0..np).map(|p| leads_of(c, p)).sum())
        .collect();
    let persona_required: Vec<f64> = (0..np)
        .map(|p| (0..nc).map(|c| leads_of(c, p)).sum())
        .collect();
    let total: f64 = channel_required.iter().sum();
    let committed_revenue: f64 = valuable.iter().map(|&(c, p, v)| leads_of(c, p) * v).sum();
    let expected_customers: f64 = valuable
        .iter()
        .map(|&(c, p, _)| leads_of(c, p) * close_rates[c][p].unwrap_or(0.0) / 100.0)
        .sum();

    // Step 3: month-to-date pacing of the tracked month.
    let days = sla.month.days();
    let day = sla.as_of_day.clamp(1, days);
    let month = sla.month_actuals(sla.month);
    let delivered = |c: usize, p: usize| -> f64 {
        month.map_or(0.0, |m| m.delivered(sla.cell(c, p), day) as f64)
    };
    let cell_pace: Vec<Vec<Pace>> = (0..nc)
        .map(|c| {
            (0..np)
                .map(|p| Pace::new(leads_of(c, p), delivered(c, p), day, days))
                .collect()
        })
        .collect();
    let sum_paces = |paces: &mut dyn Iterator<Item = Pace>| {
        let mut sum = Pace::default();
        for pace in paces {
            sum.add(&pace);
        }
        Pace::new(sum.required, sum.delivered, day, days)
    };
    let channel_pace: Vec<Pace> = (0..nc)
        .map(|c| sum_paces(&mut cell_pace[c].iter().copied()))
        .collect();
    let persona_pace: Vec<Pace> = (0..np)
        .map(|p| sum_paces(&mut (0..nc).map(|c| cell_pace[c][p])))
        .collect();
    let total_pace = sum_paces(&mut channel_pace.iter().copied());
    let mut running = 0.0;
    let cumulative: Vec<f64> = (0..day as usize)
        .map(|d| {
            running += month
                .and_then(|m| m.days.get(d))
                .map_or(0.0, |cells| cells.iter().map(|&n| f64::from(n)).sum());
            running
        })
        .collect();
    let history = sla
        .actuals
        .iter()
        .map(|m| MonthSummary {
            month: m.month,
            delivered: if m.month == sla.month {
                total_pace.delivered
            } else {
                (0..sla.cells().min(m.days.first().map_or(0, Vec::len)))
                    .map(|cell| m.delivered(cell, m.month.days()) as f64)
                    .sum()
            },
            required: total,
        })
        .collect();

    SlaAnalysis {
        close_rates,
        lead_values,
        required,
        channel_required,
        persona_required,
        total_required: (!valuable.is_empty()).then_some(total),
        committed_revenue,
        planned_revenue,
        planned_leads,
        expected_customers,
        cell_pace,
        channel_pace,
        persona_pace,
        total_pace,
        cumulative,
        days_in_month: days,
        history,
        problems,
    }
}
