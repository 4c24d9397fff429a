//! SLA files: the leads delivered as CSV (`date,channel,persona,leads`, read back with the
//! csv crate, pasted from a spreadsheet or exported from a CRM) and the SLA table as CSV.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::file_writing::{csv_text, text_cell, ExportError};
use crate::model::format;
use crate::model::i18n::{self, Lang};
use crate::model::sla::calculator::{
    MonthActuals, NoValue, Requirement, Sla, SlaAnalysis, YearMonth, MAX_DAILY_LEADS, MAX_MONTHS,
};

crate::texts! {
    /// Messages of the leads import.
    enum SlaCsvText {
        ImportedOne => "Imported {rows} row: {leads} leads in {months}.",
            "{rows} ligne importée : {leads} leads en {months}.";
        Imported => "Imported {rows} rows: {leads} leads in {months}.",
            "{rows} lignes importées : {leads} leads en {months}.";
        Empty => "The file has no rows of leads (expected a header date,channel,persona,leads).",
            "Le fichier ne contient aucune ligne de leads (en-tête attendu : date,channel,persona,leads).";
        TooLarge => "The file is larger than 5 MB.", "Le fichier dépasse 5 Mo.";
        MissingColumn => "The header has no “{column}” column (expected date,channel,persona,leads).",
            "L'en-tête n'a pas de colonne « {column} » (attendu : date,channel,persona,leads).";
        Unreadable => "Line {line} cannot be read: {problem}.",
            "La ligne {line} est illisible : {problem}.";
        BadDate => "Line {line}: “{value}” is not a date written YYYY-MM-DD.",
            "Ligne {line} : « {value} » n'est pas une date au format AAAA-MM-JJ.";
        UnknownChannel => "Line {line}: no channel is called “{name}” (channels: {known}).",
            "Ligne {line} : aucun canal ne s'appelle « {name} » (canaux : {known}).";
        UnknownPersona => "Line {line}: no persona is called “{name}” (personas: {known}).",
            "Ligne {line} : aucun persona ne s'appelle « {name} » (personas : {known}).";
        BadLeads => "Line {line}: “{value}” is not a whole number of leads from 0 to {max}.",
            "Ligne {line} : « {value} » n'est pas un nombre entier de leads de 0 à {max}.";
        DayTooLarge => "Line {line}: the rows for {date}, {channel} × {persona} add up to {total} leads, more than the {max} a segment can have in a day. Nothing was changed.",
            "Ligne {line} : les lignes du {date}, {channel} × {persona} totalisent {total} leads, plus que les {max} qu'un segment peut recevoir en un jour. Rien n'a été modifié.";
        UnequalLengths => "a row has {found} fields where the header has {expected}",
            "une ligne a {found} champs alors que l'en-tête en a {expected}";
        NotUtf8 => "the text is not UTF-8", "le texte n'est pas en UTF-8";
        NotCsv => "it is not CSV text", "ce n'est pas du texte CSV";
        TooManyMonths => "The file would leave more than {max} months of leads: keep at most {max}.",
            "Le fichier porterait l'historique à plus de {max} mois de leads : gardez-en {max} au plus.";
    }
}

/// A count in a message, grouped the way the language writes it ("1,800,000";
/// "1 800 000" in French).
fn number(n: u64) -> String {
    format::group_thousands(n as f64)
}

/// What the csv crate could not read, in a form any language can word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvProblem {
    /// A row with another number of fields than the header.
    Fields {
        found: u64,
        expected: u64,
    },
    NotUtf8,
    Other,
}

impl CsvProblem {
    fn of(error: &csv::Error) -> CsvProblem {
        match error.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => CsvProblem::Fields {
                found: *len,
                expected: *expected_len,
            },
            csv::ErrorKind::Utf8 { .. } => CsvProblem::NotUtf8,
            _ => CsvProblem::Other,
        }
    }

    /// The problem in the table's words (French; English shows the csv crate's own).
    fn text(self) -> String {
        match self {
            CsvProblem::Fields { found, expected } => SlaCsvText::UnequalLengths.fill(&[
                ("found", &found.to_string()),
                ("expected", &expected.to_string()),
            ]),
            CsvProblem::NotUtf8 => SlaCsvText::NotUtf8.text().to_owned(),
            CsvProblem::Other => SlaCsvText::NotCsv.text().to_owned(),
        }
    }
}

/// Largest CSV of leads read (5 MB).
pub const MAX_ACTUALS_CSV_BYTES: usize = 5_000_000;

/// What an import of leads did.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub rows: usize,
    pub months: Vec<YearMonth>,
    pub leads: u64,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let months: Vec<String> = self.months.iter().map(|m| m.label()).collect();
        let entry = if self.rows == 1 {
            SlaCsvText::ImportedOne
        } else {
            SlaCsvText::Imported
        };
        f.write_str(&entry.fill(&[
            ("rows", &number(self.rows as u64)),
            ("leads", &number(self.leads)),
            ("months", &months.join(", ")),
        ]))
    }
}

/// Why a CSV of leads was refused (nothing is changed then).
#[derive(Clone, Debug, PartialEq)]
pub enum ActualsCsvError {
    Empty,
    TooLarge,
    /// The header lacks a column (`date`, `channel`, `persona` or `leads`).
    MissingColumn(&'static str),
    /// The csv crate could not read a line (unbalanced quotes, a wrong number of fields):
    /// its words (`problem`, shown in English) and what it was (`kind`, worded in French).
    Unreadable {
        line: u64,
        problem: String,
        kind: CsvProblem,
    },
    BadDate {
        line: u64,
        value: String,
    },
    UnknownChannel {
        line: u64,
        name: String,
        known: Vec<String>,
    },
    UnknownPersona {
        line: u64,
        name: String,
        known: Vec<String>,
    },
    BadLeads {
        line: u64,
        value: String,
    },
    /// Rows repeating a date and segment add up to more than a day can hold; `line` is
    /// the row that went over.
    DayTooLarge {
        line: u64,
        date: String,
        channel: String,
        persona: String,
        total: u64,
    },
    /// The file covers more months than the SLA keeps.
    TooManyMonths,
}

impl fmt::Display for ActualsCsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max_months = MAX_MONTHS.to_string();
        let text = match self {
            ActualsCsvError::Empty => SlaCsvText::Empty.text().to_owned(),
            ActualsCsvError::TooLarge => SlaCsvText::TooLarge.text().to_owned(),
            ActualsCsvError::MissingColumn(column) => {
                SlaCsvText::MissingColumn.fill(&[("column", column)])
            }
            ActualsCsvError::Unreadable {
                line,
                problem,
                kind,
            } => {
                let problem = match i18n::lang() {
                    Lang::En => problem.clone(),
                    Lang::Fr => kind.text(),
                };
                SlaCsvText::Unreadable.fill(&[("line", &number(*line)), ("problem", &problem)])
            }
            ActualsCsvError::BadDate { line, value } => {
                SlaCsvText::BadDate.fill(&[("line", &number(*line)), ("value", value)])
            }
            ActualsCsvError::UnknownChannel { line, name, known } => SlaCsvText::UnknownChannel
                .fill(&[
                    ("line", &number(*line)),
                    ("known", &known.join(", ")),
                    ("name", name),
                ]),
            ActualsCsvError::UnknownPersona { line, name, known } => SlaCsvText::UnknownPersona
                .fill(&[
                    ("line", &number(*line)),
                    ("known", &known.join(", ")),
                    ("name", name),
                ]),
            ActualsCsvError::BadLeads { line, value } => SlaCsvText::BadLeads.fill(&[
                ("line", &number(*line)),
                ("max", &number(u64::from(MAX_DAILY_LEADS))),
                ("value", value),
            ]),
            ActualsCsvError::DayTooLarge {
                line,
                date,
                channel,
                persona,
                total,
            } => SlaCsvText::DayTooLarge.fill(&[
                ("line", &number(*line)),
                ("date", date),
                ("channel", channel),
                ("persona", persona),
                ("total", &number(*total)),
                ("max", &number(u64::from(MAX_DAILY_LEADS))),
            ]),
            ActualsCsvError::TooManyMonths => {
                SlaCsvText::TooManyMonths.fill(&[("max", &max_months)])
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ActualsCsvError {}

/// The delimiter of pasted or exported text: a tab (spreadsheets), `;` (European CSV) or `,`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.contains('\t') {
        b'\t'
    } else if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

fn parse_date(value: &str) -> Option<(YearMonth, u32)> {
    let mut parts = value.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = YearMonth::new(year, parts.next()?.parse().ok()?)?;
    let day: u32 = parts.next()?.parse().ok()?;
    (1..=month.days()).contains(&day).then_some((month, day))
}

/// The name `wanted` stands for, whatever its case: the name itself, or the name as
/// [`actuals_csv`] writes it (`'=Paid` for `=Paid`, kept from running as a formula).
fn position(names: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim().to_lowercase();
    names
        .iter()
        .position(|n| n.to_lowercase() == wanted)
        .or_else(|| {
            names
                .iter()
                .position(|n| text_cell(n).to_lowercase() == wanted)
        })
}

/// Reads leads from CSV text into a copy of `sla`: each row sets that day's leads for that
/// segment (rows repeating a date and segment add up); months are added as needed.
pub fn import_actuals_csv(sla: &Sla, text: &str) -> Result<(Sla, ImportSummary), ActualsCsvError> {
    if text.len() > MAX_ACTUALS_CSV_BYTES {
        return Err(ActualsCsvError::TooLarge);
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ActualsCsvError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ActualsCsvError::Unreadable {
            line: 1,
            problem: e.to_string(),
            kind: CsvProblem::of(&e),
        })?
        .clone();
    let column = |name: &'static str| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or(ActualsCsvError::MissingColumn(name))
    };
    let (date_col, channel_col, persona_col, leads_col) = (
        column("date")?,
        column("channel")?,
        column("persona")?,
        column("leads")?,
    );
    let personas: Vec<String> = sla.personas.iter().map(|p| p.name.clone()).collect();
    // (month, day, cell) → leads, summed over repeated rows.
    let mut counts: BTreeMap<(YearMonth, u32, usize), u32> = BTreeMap::new();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.map_err(|e| ActualsCsvError::Unreadable {
            line: e.position().map_or(0, |p| p.line()),
            problem: e.to_string(),
            kind: CsvProblem::of(&e),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or_default();
        if record.iter().all(str::is_empty) {
            continue;
        }
        let (month, day) = parse_date(field(date_col)).ok_or_else(|| ActualsCsvError::BadDate {
            line,
            value: field(date_col).chars().take(40).collect(),
        })?;
        let channel = position(&sla.channels, field(channel_col)).ok_or_else(|| {
            ActualsCsvError::UnknownChannel {
                line,
                name: field(channel_col).chars().take(40).collect(),
                known: sla.channels.clone(),
            }
        })?;
        let persona = position(&personas, field(persona_col)).ok_or_else(|| {
            ActualsCsvError::UnknownPersona {
                line,
                name: field(persona_col).chars().take(40).collect(),
                known: personas.clone(),
            }
        })?;
        let leads: u64 = field(leads_col)
            .parse()
            .ok()
            .filter(|n| *n <= u64::from(MAX_DAILY_LEADS))
            .ok_or_else(|| ActualsCsvError::BadLeads {
                line,
                value: field(leads_col).chars().take(40).collect(),
            })?;
        let stored = counts
            .entry((month, day, sla.cell(channel, persona)))
            .or_default();
        let total = u64::from(*stored) + leads;
        // Refused, not clamped: the summary must say what is stored.
        *stored = u32::try_from(total)
            .ok()
            .filter(|&n| n <= MAX_DAILY_LEADS)
            .ok_or_else(|| ActualsCsvError::DayTooLarge {
                line,
                date: format!("{month}-{day:02}"),
                channel: sla.channels[channel].clone(),
                persona: personas[persona].clone(),
                total,
            })?;
        rows += 1;
    }
    if rows == 0 {
        return Err(ActualsCsvError::Empty);
    }
    let mut updated = sla.clone();
    let cells = sla.cells();
    let mut months: Vec<YearMonth> = counts.keys().map(|(m, _, _)| *m).collect();
    months.dedup();
    for month in &months {
        if updated.month_actuals(*month).is_none() {
            updated.actuals.push(MonthActuals::empty(*month, cells));
        }
    }
    if updated.actuals.len() > MAX_MONTHS {
        return Err(ActualsCsvError::TooManyMonths);
    }
    updated.actuals.sort_by_key(|m| m.month);
    for (&(month, day, cell), &count) in &counts {
        if let Some(slot) = updated
            .actuals
            .iter_mut()
            .find(|m| m.month == month)
            .and_then(|m| m.days.get_mut(day as usize - 1))
            .and_then(|d| d.get_mut(cell))
        {
            *slot = count;
        }
    }
    let leads = counts.values().map(|&n| u64::from(n)).sum();
    Ok((
        updated,
        ImportSummary {
            rows,
            months,
            leads,
        },
    ))
}

/// Every day with leads as `date,channel,persona,leads` (what [`import_actuals_csv`] reads).
pub fn actuals_csv(sla: &Sla) -> Result<String, ExportError> {
    let mut records = vec![vec![
        "date".into(),
        "channel".into(),
        "persona".into(),
        "leads".into(),
    ]];
    for month in &sla.actuals {
        for (d, day) in month.days.iter().enumerate() {
            for (c, channel) in sla.channels.iter().enumerate() {
                for (p, persona) in sla.personas.iter().enumerate() {
                    let leads = day.get(sla.cell(c, p)).copied().unwrap_or(0);
                    if leads > 0 {
                        records.push(vec![
                            format!("{}-{:02}", month.month, d + 1),
                            text_cell(channel),
                            text_cell(&persona.name),
                            leads.to_string(),
                        ]);
                    }
                }
            }
        }
    }
    csv_text(&records)
}

fn reason(requirement: Requirement) -> &'static str {
    match requirement {
        Requirement::Leads(_) => "",
        Requirement::Unreachable(NoValue::EmptyRate) => "empty_rate",
        Requirement::Unreachable(NoValue::ZeroRate) => "zero_rate",
        Requirement::Unreachable(NoValue::NoSale) => "no_sale_value",
    }
}

/// The SLA table: one row per segment, then per channel and the total, plain numbers.
pub fn sla_csv(sla: &Sla, analysis: &SlaAnalysis) -> Result<String, ExportError> {
    let header = [
        "channel",
        "persona",
        "close_rate_pct",
        "average_sale",
        "lead_value",
        "planned_leads",
        "required_leads",
        "unreachable_reason",
        "delivered_mtd",
        "expected_mtd",
        "needed_per_day",
    ];
    let mut records: Vec<Vec<String>> = vec![header.iter().map(|h| (*h).to_owned()).collect()];
    let n = |v: Option<f64>| format::machine(v);
    let plan = |c: usize, p: usize| sla.plan.get(c).and_then(|r| r.get(p)).copied().flatten();
    for (c, channel) in sla.channels.iter().enumerate() {
        for (p, persona) in sla.personas.iter().enumerate() {
            let pace = analysis.cell_pace[c][p];
            let required = analysis.required[c][p];
            records.push(vec![
                text_cell(channel),
                text_cell(&persona.name),
                n(analysis.close_rates[c][p]),
                n(persona.average_sale),
                n(analysis.lead_values[c][p]),
                n(plan(c, p)),
                n(required.leads()),
                reason(required).to_owned(),
                n(Some(pace.delivered)),
                n(Some(pace.expected)),
                n(pace.needed_per_day),
            ]);
        }
    }
    let total_row =
        |label: &str, pace: &crate::model::sla::calculator::Pace, planned: Option<f64>| {
            vec![
                text_cell(label),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                n(planned),
                n(Some(pace.required)),
                String::new(),
                n(Some(pace.delivered)),
                n(Some(pace.expected)),
                n(pace.needed_per_day),
            ]
        };
    for (c, channel) in sla.channels.iter().enumerate() {
        let planned = (0..sla.personas.len()).filter_map(|p| plan(c, p)).sum();
        records.push(total_row(
            &format!("{channel} (total)"),
            &analysis.channel_pace[c],
            Some(planned),
        ));
    }
    records.push(total_row(
        "Total",
        &analysis.total_pace,
        Some(analysis.planned_leads),
    ));
    csv_text(&records)
}
