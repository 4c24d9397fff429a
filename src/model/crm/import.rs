//! One CRM import from start to end: text chunks in (already decoded to UTF-8 by the UI),
//! the header mapped (detected, or the user's correction), the day order of dates detected
//! from the first rows, rows read (into the KPI tally) or skipped with their line, and the
//! outcome.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::crm::kpi::{CrmKpis, KpiTally};
use crate::model::crm::map::{ColumnMapping, CrmField};
use crate::model::crm::parse::{
    detect_day_order, detect_delimiter, detect_number_style, read_fields, Columns, DayOrder,
    Fields, Interner, Record, RecordStream, RowProblem,
};
use crate::model::funnel::validate::NumberStyle;

crate::texts! {
    /// Why an import gave nothing.
    enum CrmImportText {
        Empty => "The file is empty.", "Le fichier est vide.";
        NotText => "This does not look like a CSV export (it contains binary data).",
            "Ce fichier ne ressemble pas à un export CSV (il contient des données binaires).";
        MissingColumns => "No column was recognised for: {fields}. Choose them in the mapping.",
            "Aucune colonne n'a été reconnue pour : {fields}. Choisissez-les dans la correspondance des colonnes.";
        TooWide => "The header has {columns} columns: a CRM export has at most {max}. Is this the right file?",
            "L'en-tête a {columns} colonnes : un export CRM en a au plus {max}. Est-ce le bon fichier ?";
        NoRows => "The file has a header line but no rows.",
            "Le fichier a une ligne d'en-tête mais aucune ligne de données.";
        NoUsableRow => "None of the {skipped} rows could be used.",
            "Aucune des {skipped} lignes n'a pu être utilisée.";
        NoUsableRowFirst => "None of the {skipped} rows could be used (first: {problem}).",
            "Aucune des {skipped} lignes n'a pu être utilisée (première : {problem}).";
    }
}

/// Rows read before the day order of dates is decided.
const SAMPLE_ROWS: usize = 500;
/// Columns a CRM export may have: wider files are refused from their header (a 20,000-column
/// file froze the page for 7.5 s).
pub const MAX_COLUMNS: usize = 1_000;
/// Problems kept for display (all are counted).
pub const KEPT_PROBLEMS: usize = 50;

/// Why an import gave nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CrmImportError {
    Empty,
    /// Looks like a binary file, not text.
    NotText,
    /// The mapping lacks fields the KPIs need.
    MissingColumns(Vec<CrmField>),
    /// The header has more than [`MAX_COLUMNS`] columns.
    TooWide {
        columns: usize,
    },
    /// The header and nothing after it.
    NoRows,
    /// Every row was skipped.
    NoUsableRow {
        skipped: usize,
        first: Option<RowProblem>,
    },
}

impl fmt::Display for CrmImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            CrmImportError::Empty => CrmImportText::Empty.text().to_owned(),
            CrmImportError::NotText => CrmImportText::NotText.text().to_owned(),
            CrmImportError::MissingColumns(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| f.label()).collect();
                CrmImportText::MissingColumns.fill(&[("fields", &names.join(", "))])
            }
            CrmImportError::TooWide { columns } => CrmImportText::TooWide
                .fill(&[("columns", &whole(*columns)), ("max", &whole(MAX_COLUMNS))]),
            CrmImportError::NoRows => CrmImportText::NoRows.text().to_owned(),
            CrmImportError::NoUsableRow { skipped, first } => {
                let skipped = whole(*skipped);
                match first {
                    Some(problem) => CrmImportText::NoUsableRowFirst
                        .fill(&[("skipped", &skipped), ("problem", &problem.to_string())]),
                    None => CrmImportText::NoUsableRow.fill(&[("skipped", &skipped)]),
                }
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for CrmImportError {}

/// A count as the messages write it: as is in English ("1200"), grouped in French.
fn whole(n: usize) -> String {
    match crate::model::i18n::lang() {
        crate::model::i18n::Lang::En => n.to_string(),
        crate::model::i18n::Lang::Fr => crate::model::format::count(n as f64),
    }
}

/// What an import produced (sent from the import's worker to the page as JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrmData {
    pub header: Vec<String>,
    pub mapping: ColumnMapping,
    pub order: DayOrder,
    /// How the amounts write numbers (detected from the first rows, or the user's choice).
    pub number_style: NumberStyle,
    /// Rows read (the rows themselves are not kept: only their KPIs).
    pub rows: usize,
    pub kpis: CrmKpis,
    pub skipped: usize,
    /// The first [`KEPT_PROBLEMS`] problems.
    pub problems: Vec<RowProblem>,
}

/// An import in progress.
pub struct CrmImport {
    stream: Option<RecordStream>,
    preset: Option<ColumnMapping>,
    remembered: Option<(Vec<String>, ColumnMapping)>,
    header: Option<Vec<String>>,
    mapping: ColumnMapping,
    /// The mapping's columns, looked up once.
    columns: Columns,
    order: Option<DayOrder>,
    number_style: Option<NumberStyle>,
    delimiter: Option<u8>,
    preset_style: Option<NumberStyle>,
    sample: Vec<Record>,
    tally: KpiTally,
    skipped: usize,
    problems: Vec<RowProblem>,
    binary: bool,
    /// The header's width when it is over [`MAX_COLUMNS`]: nothing more is read.
    too_wide: Option<usize>,
    bytes: u64,
    names: Interner,
}

impl CrmImport {
    /// A new import; `mapping` is the user's correction for this file, if any.
    pub fn new(mapping: Option<ColumnMapping>) -> CrmImport {
        CrmImport {
            stream: None,
            preset: mapping,
            remembered: None,
            header: None,
            mapping: ColumnMapping::default(),
            columns: Columns::of(&ColumnMapping::default()),
            order: None,
            number_style: None,
            delimiter: None,
            preset_style: None,
            sample: Vec::new(),
            tally: KpiTally::default(),
            skipped: 0,
            problems: Vec::new(),
            binary: false,
            too_wide: None,
            bytes: 0,
            names: Interner::default(),
        }
    }

    /// Uses `mapping` when the export's header is exactly `header` (a mapping the user
    /// corrected for an earlier export of the same kind).
    pub fn remembering(mut self, header: Vec<String>, mapping: ColumnMapping) -> CrmImport {
        self.remembered = Some((header, mapping));
        self
    }

    /// Reads the amounts in `style` instead of the style detected from the file.
    pub fn with_number_style(mut self, style: NumberStyle) -> CrmImport {
        self.preset_style = Some(style);
        self
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Rows read so far.
    pub fn rows(&self) -> usize {
        self.tally.rows()
    }

    /// Feeds the next piece of text.
    pub fn feed(&mut self, text: &str) {
        if self.binary || self.too_wide.is_some() || text.is_empty() {
            return;
        }
        if self.bytes == 0 && text.contains('\0') {
            self.binary = true;
            return;
        }
        self.bytes += text.len() as u64;
        let mut stream = self.stream.take().unwrap_or_else(|| {
            let detected = detect_delimiter(text.lines().next().unwrap_or_default());
            self.delimiter = Some(detected);
            RecordStream::new(detected)
        });
        // Each record read where the stream holds it (only the header and the sample are copied).
        stream.feed_fields(text.as_bytes(), &mut |line, fields| {
            self.take_fields(line, fields)
        });
        self.stream = Some(stream);
    }

    fn take_fields(&mut self, line: u64, fields: Fields) {
        if self.order.is_some() && self.too_wide.is_none() {
            self.read(line, fields);
        } else {
            self.take((line, fields.to_vec()));
        }
    }

    fn take(&mut self, record: Record) {
        if self.too_wide.is_some() {
            return;
        }
        if self.header.is_none() && record.1.len() > MAX_COLUMNS {
            self.too_wide = Some(record.1.len());
            return;
        }
        if self.header.is_none() {
            let remembered = self
                .remembered
                .take()
                .filter(|(header, _)| *header == record.1)
                .map(|(_, mapping)| mapping);
            self.mapping = self
                .preset
                .clone()
                .or(remembered)
                .unwrap_or_else(|| ColumnMapping::detect(&record.1));
            self.columns = Columns::of(&self.mapping);
            self.header = Some(record.1);
            return;
        }
        if self.order.is_some() {
            self.read(record.0, Fields::Apart(&record.1));
        } else {
            self.sample.push(record);
            if self.sample.len() >= SAMPLE_ROWS {
                self.decide_order();
            }
        }
    }

    fn decide_order(&mut self) {
        let column = self.mapping.column(CrmField::Created);
        let order = detect_day_order(
            self.sample
                .iter()
                .filter_map(|(_, fields)| fields.get(column?).map(String::as_str)),
        );
        self.order = Some(order);
        let amount_column = self.mapping.column(CrmField::Amount);
        self.number_style = Some(self.preset_style.unwrap_or_else(|| {
            detect_number_style(
                self.sample
                    .iter()
                    .filter_map(|(_, fields)| fields.get(amount_column?).map(String::as_str)),
                self.style_of_delimiter(),
            )
        }));
        for (line, fields) in std::mem::take(&mut self.sample) {
            self.read(line, Fields::Apart(&fields));
        }
    }

    /// The number style a file's delimiter suggests when its amounts do not tell: a
    /// comma-separated export comes from a dot-decimal locale, a semicolon-separated one from
    /// a comma-decimal locale (as spreadsheets write them); otherwise the interface's language.
    fn style_of_delimiter(&self) -> NumberStyle {
        match self.delimiter {
            Some(b',') => NumberStyle::DotDecimal,
            Some(b';') => NumberStyle::CommaDecimal,
            _ => NumberStyle::in_use(),
        }
    }

    fn read(&mut self, line: u64, fields: Fields) {
        let order = self.order.unwrap_or_default();
        let style = self.number_style.unwrap_or_else(NumberStyle::in_use);
        match read_fields(line, fields, &self.columns, order, style, &mut self.names) {
            Ok(row) => self.tally.add(&row),
            Err(problem) => self.skip(problem, 1),
        }
    }

    /// Counts `rows` skipped rows and keeps their problem for display.
    fn skip(&mut self, problem: RowProblem, rows: usize) {
        self.skipped += rows;
        if self.problems.len() < KEPT_PROBLEMS {
            self.problems.push(problem);
        }
    }

    /// Ends the import.
    pub fn finish(mut self) -> Result<CrmData, CrmImportError> {
        if self.binary {
            return Err(CrmImportError::NotText);
        }
        if let Some(columns) = self.too_wide {
            return Err(CrmImportError::TooWide { columns });
        }
        let mut records = Vec::new();
        let mut unclosed = false;
        if let Some(stream) = self.stream.as_mut() {
            unclosed = stream.in_open_quote();
            stream.finish(&mut |r| records.push(r));
        }
        // With a quote left open, the last record is everything from that quote on.
        let swallowed = if unclosed && self.header.is_some() {
            records.pop()
        } else {
            None
        };
        for record in records {
            self.take(record);
        }
        if let Some((line, fields)) = swallowed {
            let lines = fields.join(",").lines().count().max(1);
            self.skip(RowProblem::UnclosedQuote { line, lines }, lines);
        }
        let Some(header) = self.header.take() else {
            return Err(CrmImportError::Empty);
        };
        let missing = self.mapping.missing();
        if !missing.is_empty() {
            return Err(CrmImportError::MissingColumns(missing));
        }
        if self.order.is_none() {
            self.decide_order();
        }
        if self.tally.rows() == 0 && self.skipped == 0 {
            return Err(CrmImportError::NoRows);
        }
        if self.tally.rows() == 0 {
            return Err(CrmImportError::NoUsableRow {
                skipped: self.skipped,
                first: self.problems.first().cloned(),
            });
        }
        Ok(CrmData {
            header,
            mapping: self.mapping,
            order: self.order.unwrap_or_default(),
            number_style: self.number_style.unwrap_or_else(NumberStyle::in_use),
            rows: self.tally.rows(),
            kpis: self.tally.finish(),
            skipped: self.skipped,
            problems: self.problems,
        })
    }
}
