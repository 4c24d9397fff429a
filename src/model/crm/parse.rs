//! CRM exports, read as a stream: bytes in chunks of any size go through `csv_core` (the
//! csv crate's push parser), records come out one by one, and each row is read through the
//! column mapping into a [`CrmRow`], or skipped and counted with its line number. Nothing
//! holds the file; the UI feeds chunks and yields between them.

use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::crm::map::{ColumnMapping, CrmField};
use crate::model::funnel::validate::{parse_number_as, NumberStyle};

crate::texts! {
    /// Lifecycle stages and why a row was skipped.
    enum CrmParseText {
        Subscribers => "Subscribers", "Abonnés";
        Leads => "Leads", "Leads";
        Mql => "MQL", "MQL";
        Sql => "SQL", "SQL";
        Opportunities => "Opportunities", "Opportunités";
        Customers => "Customers", "Clients";
        TooFewFields => "line {line}: only {fields} fields", "ligne {line} : seulement {fields} champs";
        BadDate => "line {line}: “{value}” is not a date", "ligne {line} : « {value} » n'est pas une date";
        UnknownStage => "line {line}: unknown lifecycle stage “{value}”",
            "ligne {line} : étape du cycle de vie inconnue « {value} »";
        BadAmount => "line {line}: “{value}” is not an amount", "ligne {line} : « {value} » n'est pas un montant";
        UnclosedQuote => "line {line}: a quote is never closed, so the {lines} lines from there to the end of the file could not be read",
            "ligne {line} : un guillemet n'est jamais fermé, les {lines} lignes de là à la fin du fichier n'ont pas pu être lues";
    }
}

/// The channel of a row without a source (a KPI group key: the same in every language).
pub const NO_SOURCE: &str = "(none)";

/// The fields of one record as text, with the line it started on (1 = the header).
pub type Record = (u64, Vec<String>);

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The fields of one record, borrowed from the stream that read it (no text copied per field).
#[derive(Clone, Copy, Debug)]
pub enum Fields<'a> {
    /// The record's fields one after the other in `text`, each ending at its `ends` offset.
    Joined { text: &'a str, ends: &'a [usize] },
    /// Fields already apart.
    Apart(&'a [String]),
}

impl<'a> Fields<'a> {
    /// How many fields.
    pub fn len(&self) -> usize {
        match self {
            Fields::Joined { ends, .. } => ends.len(),
            Fields::Apart(fields) => fields.len(),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th field.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match *self {
            Fields::Joined { text, ends } => {
                let end = *ends.get(i)?;
                let start = if i == 0 { 0 } else { ends[i - 1] };
                text.get(start..end)
            }
            Fields::Apart(fields) => fields.get(i).map(String::as_str),
        }
    }

    /// The fields as owned text.
    pub fn to_vec(&self) -> Vec<String> {
        (0..self.len())
            .map(|i| self.get(i).unwrap_or_default().to_owned())
            .collect()
    }
}

/// Splits a stream of bytes into records, whatever the chunk boundaries.
pub struct RecordStream {
    reader: csv_core::Reader,
    /// The current record's fields, one after the other.
    bytes: Vec<u8>,
    /// Where each of its fields ends in `bytes`.
    ends: Vec<usize>,
    buffer: Vec<u8>,
    /// The line the current record started on (records may span lines inside quotes).
    record_line: u64,
    /// The reader's line count after the previous field.
    line_before: u64,
    /// The first bytes, until it is known whether they start with a byte-order mark.
    start: Option<Vec<u8>>,
    /// Quote characters seen: an odd count at the end means a quote was never closed
    /// (an escaped quote is two, a quoted field opens and closes one each).
    quotes: u64,
}

impl RecordStream {
    /// A stream for `delimiter` (see [`detect_delimiter`]).
    pub fn new(delimiter: u8) -> RecordStream {
        RecordStream {
            reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            bytes: Vec::new(),
            ends: Vec::new(),
            buffer: vec![0; 64 * 1024],
            record_line: 1,
            line_before: 1,
            start: Some(Vec::new()),
            quotes: 0,
        }
    }

    /// Whether the text so far leaves a quote open (the last record then runs to the end).
    pub fn in_open_quote(&self) -> bool {
        self.quotes % 2 == 1
    }

    /// Parses `chunk`, calling `emit` for every record it completes.
    pub fn feed(&mut self, chunk: &[u8], emit: &mut dyn FnMut(Record)) {
        self.feed_fields(chunk, &mut |line, fields| emit((line, fields.to_vec())));
    }

    /// Flushes the last record (a file without a final newline).
    pub fn finish(&mut self, emit: &mut dyn FnMut(Record)) {
        self.finish_fields(&mut |line, fields| emit((line, fields.to_vec())));
    }

    /// Parses `chunk`, calling `emit` with the line and the fields of every record it
    /// completes (borrowed: nothing is copied per field).
    pub fn feed_fields(&mut self, chunk: &[u8], emit: &mut dyn FnMut(u64, Fields)) {
        self.quotes += chunk.iter().filter(|&&b| b == b'"').count() as u64;
        // A UTF-8 byte-order mark may arrive split across the first chunks.
        if let Some(start) = self.start.as_mut() {
            start.extend_from_slice(chunk);
            if start.len() < BOM.len() && BOM.starts_with(start) {
                return;
            }
            let start = self.start.take().unwrap_or_default();
            let body = start.strip_prefix(BOM).unwrap_or(&start);
            self.parse(body, false, emit);
            return;
        }
        self.parse(chunk, false, emit);
    }

    /// Flushes the last record (a file without a final newline), as [`RecordStream::feed_fields`].
    pub fn finish_fields(&mut self, emit: &mut dyn FnMut(u64, Fields)) {
        if let Some(start) = self.start.take() {
            self.parse(&start, false, emit);
        }
        self.parse(&[], true, emit);
    }

    /// csv_core reads an empty input as the end of the file: only `finish` sends one.
    fn parse(&mut self, mut chunk: &[u8], finishing: bool, emit: &mut dyn FnMut(u64, Fields)) {
        loop {
            if chunk.is_empty() && !finishing {
                return;
            }
            let (result, read, written) = self.reader.read_field(chunk, &mut self.buffer);
            self.bytes.extend_from_slice(&self.buffer[..written]);
            chunk = &chunk[read..];
            match result {
                csv_core::ReadFieldResult::InputEmpty if chunk.is_empty() => return,
                csv_core::ReadFieldResult::InputEmpty => continue,
                csv_core::ReadFieldResult::OutputFull => continue,
                csv_core::ReadFieldResult::Field { record_end } => {
                    if self.ends.is_empty() {
                        // The line the record started on: where its first field ends, less
                        // the newlines inside that field and the record's own terminator.
                        let inside = self.bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                        let terminator =
                            u64::from(record_end && self.reader.line() > self.line_before);
                        self.record_line = self
                            .reader
                            .line()
                            .saturating_sub(inside + terminator)
                            .max(1);
                    }
                    self.line_before = self.reader.line();
                    self.ends.push(self.bytes.len());
                    if record_end {
                        self.end_record(emit);
                    }
                }
                csv_core::ReadFieldResult::End => return,
            }
        }
    }

    fn end_record(&mut self, emit: &mut dyn FnMut(u64, Fields)) {
        let line = self.record_line;
        // Text split into chunks anywhere is whole again here (csv-core splits fields at ASCII
        // bytes only); bytes that are not UTF-8 are replaced field by field.
        let apart;
        let fields = match std::str::from_utf8(&self.bytes) {
            Ok(text) => Fields::Joined {
                text,
                ends: &self.ends,
            },
            Err(_) => {
                let mut start = 0;
                apart = self
                    .ends
                    .iter()
                    .map(|&end| {
                        let field = String::from_utf8_lossy(&self.bytes[start..end]).into_owned();
                        start = end;
                        field
                    })
                    .collect::<Vec<String>>();
                Fields::Apart(&apart)
            }
        };
        // A blank line reads as one empty field: not a record.
        if !(fields.len() == 1 && fields.get(0).unwrap_or_default().trim().is_empty()) {
            emit(line, fields);
        }
        self.bytes.clear();
        self.ends.clear();
    }
}

/// The delimiter of an export, from its first line: tab, `;` (French Excel) or `,`.
pub fn detect_delimiter(first_line: &str) -> u8 {
    let count = |c: char| first_line.matches(c).count();
    let (tabs, semicolons, commas) = (count('\t'), count(';'), count(','));
    if tabs > 0 && tabs >= semicolons && tabs >= commas {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Minutes since 1970-01-01 00:00 (local time of the export).
pub type Minutes = i64;

/// Day order of dates written with slashes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayOrder {
    /// 14/03/2026 (French and most of the world).
    #[default]
    DayFirst,
    /// 03/14/2026 (United States).
    MonthFirst,
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month) of a time in minutes.
pub fn year_month(minutes: Minutes) -> (i32, u32) {
    let (year, month, _) = civil_date(minutes);
    (year, month)
}

/// A time in minutes as a date for people: "1 March 2026", « 1 mars 2026 ».
pub fn date_text(minutes: Minutes) -> String {
    let (year, month, day) = civil_date(minutes);
    let month = crate::model::calendar::month_in_sentence(month as usize - 1);
    format!("{day} {month} {year}")
}

/// The (year, month, day) of a time in minutes.
fn civil_date(minutes: Minutes) -> (i32, u32, u32) {
    let days = minutes.div_euclid(1_440);
    // Inverse of days_from_civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let day = doy - (153 * mp + 2) / 5 + 1;
    (year as i32, month as u32, day as u32)
}

/// Reads a date or date-time: `2026-03-14`, `2026-03-14 09:30[:00]`, `2026-03-14T09:30:00Z`,
/// `14/03/2026 09:30` (or month first), `14.03.2026`.
pub fn parse_date_time(text: &str, order: DayOrder) -> Option<Minutes> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(minutes) = iso_minutes(text.as_bytes()) {
        return Some(minutes);
    }
    let (date, time) = match text.find([' ', 'T']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    // Exactly three numbers (no list made: a million rows read two dates each).
    let mut parts = [0i64; 3];
    let mut count = 0;
    for part in date.split(['-', '/', '.']) {
        let number = part.trim().parse().ok()?;
        if let Some(slot) = parts.get_mut(count) {
            *slot = number;
        }
        count += 1;
    }
    if count != 3 {
        return None;
    }
    let [a, b, c] = parts;
    let (year, month, day) = if date.contains('-') && a > 31 {
        (a, b, c)
    } else {
        let year = if c < 100 { 2000 + c } else { c };
        match order {
            DayOrder::DayFirst => (year, b, a),
            DayOrder::MonthFirst => (year, a, b),
        }
    };
    let days = day_of(year, month, day)?;
    let mut minutes = days * 1_440;
    if let Some(time) = time.filter(|t| !t.is_empty()) {
        let time = time.trim_end_matches('Z');
        let time = time.split(['+', ' ']).next().unwrap_or(time);
        let mut hm = time.split(':').map(|p| p.trim().parse::<f64>().ok());
        let hours = hm.next().flatten()?;
        let mins = hm.next().flatten().unwrap_or(0.0);
        minutes += minute_of_day(hours, mins)?;
    }
    Some(minutes)
}

/// Days since 1970-01-01 of a date whose year is 1970–9999 and whose day exists.
fn day_of(year: i64, month: i64, day: i64) -> Option<i64> {
    let days_in_month = i64::from(crate::model::calendar::days_in_month(
        year,
        u32::try_from(month).ok()?,
    )?);
    if !(1970..=9999).contains(&year) || !(1..=days_in_month).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// Minutes since midnight of a time of day (hours below 24, minutes below 60).
fn minute_of_day(hours: f64, mins: f64) -> Option<Minutes> {
    if !(0.0..24.0).contains(&hours) || !(0.0..60.0).contains(&mins) {
        return None;
    }
    Some(hours as i64 * 60 + mins as i64)
}

/// What CRMs write most, read byte by byte: `YYYY-MM-DD`, then ` HH:MM` or `THH:MM`, then
/// `:SS` (not read, as below). `None` for any other text, which [`parse_date_time`] reads
/// the general way, to the same minutes.
fn iso_minutes(text: &[u8]) -> Option<Minutes> {
    let number = |at: std::ops::Range<usize>| {
        text.get(at)?.iter().try_fold(0i64, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    if !matches!(text.len(), 10 | 16 | 19) || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    // A year that could be a day (0031-…) is read the general way.
    if year <= 31 {
        return None;
    }
    let mut minutes = day_of(year, month, day)? * 1_440;
    if text.len() > 10 {
        if !matches!(text[10], b' ' | b'T') || text[13] != b':' {
            return None;
        }
        if text.len() == 19 && (text[16] != b':' || number(17..19).is_none()) {
            return None;
        }
        minutes += minute_of_day(number(11..13)? as f64, number(14..16)? as f64)?;
    }
    Some(minutes)
}

/// The lifecycle stages, in funnel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lifecycle {
    Subscriber,
    Lead,
    Mql,
    Sql,
    Opportunity,
    Customer,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 6] = [
        Lifecycle::Subscriber,
        Lifecycle::Lead,
        Lifecycle::Mql,
        Lifecycle::Sql,
        Lifecycle::Opportunity,
        Lifecycle::Customer,
    ];

    /// The stage's name for people (plural), in the language in use.
    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Subscriber => CrmParseText::Subscribers,
            Lifecycle::Lead => CrmParseText::Leads,
            Lifecycle::Mql => CrmParseText::Mql,
            Lifecycle::Sql => CrmParseText::Sql,
            Lifecycle::Opportunity => CrmParseText::Opportunities,
            Lifecycle::Customer => CrmParseText::Customers,
        }
        .text()
    }

    /// Reads a CRM's stage name (English or French, any case): `marketingqualifiedlead`,
    /// `Marketing Qualified Lead`, `MQL`, `Opportunité`, `Client`, …
    pub fn parse(text: &str) -> Option<Lifecycle> {
        let key = crate::model::crm::map::normalise(text).replace(' ', "");
        Some(match key.as_str() {
            "subscriber" | "abonne" | "newsletter" | "visitor" | "visiteur" => {
                Lifecycle::Subscriber
            }
            "lead" | "prospect" | "contact" | "raw" | "new" => Lifecycle::Lead,
            "mql"
            | "marketingqualifiedlead"
            | "leadqualifiemarketing"
            | "prospectqualifiemarketing" => Lifecycle::Mql,
            "sql"
            | "salesqualifiedlead"
            | "leadqualifieventes"
            | "prospectqualifieventes"
            | "leadqualifiecommercial" => Lifecycle::Sql,
            "opportunity" | "opportunite" | "deal" | "affaire" => Lifecycle::Opportunity,
            "customer" | "client" | "won" | "gagne" => Lifecycle::Customer,
            _ => return None,
        })
    }
}

/// A fast hash for the import's short texts (FxHash, as rustc uses: the texts are the user's
/// own file, nothing to defend against), eight bytes at a time.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut add = |word: u64| {
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        };
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0; 8];
            eight.copy_from_slice(word);
            add(u64::from_le_bytes(eight));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut eight = [0; 8];
            eight[..rest.len()].copy_from_slice(rest);
            add(u64::from_le_bytes(eight) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map on [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// Distinct texts remembered with what they read as, at most: beyond (a column of free text),
/// they are read each time.
pub const REMEMBERED_TEXTS: usize = 4_096;

/// Shares the text of repeated values (a million rows name a handful of channels, owners
/// and statuses): each distinct text is stored once; and remembers the stage each distinct
/// stage text reads as.
#[derive(Default)]
pub struct Interner {
    texts: std::collections::HashSet<Rc<str>, std::hash::BuildHasherDefault<FastHasher>>,
    stages: FastMap<Box<str>, Option<Lifecycle>>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Rc<str> {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared: Rc<str> = Rc::from(text);
        self.texts.insert(shared.clone());
        shared
    }

    /// [`Lifecycle::parse`] of `text`, read once per distinct text.
    pub fn stage(&mut self, text: &str) -> Option<Lifecycle> {
        if let Some(stage) = self.stages.get(text) {
            return *stage;
        }
        let stage = Lifecycle::parse(text);
        if self.stages.len() < REMEMBERED_TEXTS {
            self.stages.insert(text.into(), stage);
        }
        stage
    }
}

/// The columns a mapping reads, looked up once per import rather than once per row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// Fields a row needs at least (one past the last mapped column).
    needed: usize,
    /// The column of each field, in [`CrmField::ALL`] order.
    of: [Option<usize>; CrmField::ALL.len()],
}

impl Columns {
    pub fn of(mapping: &ColumnMapping) -> Columns {
        Columns {
            needed: mapping.columns.values().copied().max().map_or(0, |c| c + 1),
            of: CrmField::ALL.map(|field| mapping.column(field)),
        }
    }

    fn column(&self, field: CrmField) -> Option<usize> {
        self.of[field as usize]
    }
}

/// One row of an export, read through the mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct CrmRow {
    /// The line the row starts on in the export (1 = the header).
    pub line: u64,
    pub created: Minutes,
    pub stage: Lifecycle,
    pub status: Option<Rc<str>>,
    /// The channel ("(none)" when the export has no source column or it is empty).
    pub source: Rc<str>,
    pub owner: Option<Rc<str>>,
    pub first_contact: Option<Minutes>,
    pub amount: Option<f64>,
    pub deal_stage: Option<Rc<str>>,
    /// When it reached each later stage ([`CrmField::STAGE_DATES`] order: MQL, SQL,
    /// opportunity, won), where the export says.
    pub reached_on: [Option<Minutes>; 4],
}

/// Why a row was skipped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RowProblem {
    /// Fewer fields than a mapped column needs.
    TooFewFields { line: u64, fields: usize },
    /// The created date, or a stage's date, cannot be read.
    BadDate { line: u64, value: String },
    /// The stage is not one the funnel knows.
    UnknownStage { line: u64, value: String },
    /// The amount is not a number.
    BadAmount { line: u64, value: String },
    /// A quote opened on `line` is never closed: the `lines` lines from there to the end of
    /// the file are one unfinished field, and every row in them is lost.
    UnclosedQuote { line: u64, lines: usize },
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The value last: what the export holds is not read for placeholders.
        let (text, line, other) = match self {
            RowProblem::TooFewFields { line, fields } => (
                CrmParseText::TooFewFields,
                line,
                ("fields", fields.to_string()),
            ),
            RowProblem::BadDate { line, value } => {
                (CrmParseText::BadDate, line, ("value", value.clone()))
            }
            RowProblem::UnknownStage { line, value } => {
                (CrmParseText::UnknownStage, line, ("value", value.clone()))
            }
            RowProblem::BadAmount { line, value } => {
                (CrmParseText::BadAmount, line, ("value", value.clone()))
            }
            RowProblem::UnclosedQuote { line, lines } => (
                CrmParseText::UnclosedQuote,
                line,
                ("lines", lines.to_string()),
            ),
        };
        f.write_str(&text.fill(&[("line", &line.to_string()), (other.0, &other.1)]))
    }
}

impl std::error::Error for RowProblem {}

/// Reads one record through `mapping` (which must map [`CrmField::Created`] and
/// [`CrmField::Stage`]).
pub fn read_row(
    (line, fields): &Record,
    mapping: &ColumnMapping,
    order: DayOrder,
    style: NumberStyle,
    names: &mut Interner,
) -> Result<CrmRow, RowProblem> {
    read_fields(
        *line,
        Fields::Apart(fields),
        &Columns::of(mapping),
        order,
        style,
        names,
    )
}

/// Reads the fields of the record on `line` through `columns`, as [`read_row`].
pub fn read_fields(
    line: u64,
    fields: Fields,
    columns: &Columns,
    order: DayOrder,
    style: NumberStyle,
    names: &mut Interner,
) -> Result<CrmRow, RowProblem> {
    if fields.len() < columns.needed {
        return Err(RowProblem::TooFewFields {
            line,
            fields: fields.len(),
        });
    }
    let text = |field: CrmField| {
        columns
            .column(field)
            .and_then(|c| fields.get(c))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let shown = |v: &str| v.chars().take(40).collect::<String>();
    let created_text = text(CrmField::Created).unwrap_or_default();
    let created = parse_date_time(created_text, order).ok_or_else(|| RowProblem::BadDate {
        line,
        value: shown(created_text),
    })?;
    let stage_text = text(CrmField::Stage).unwrap_or_default();
    let stage = names
        .stage(stage_text)
        .ok_or_else(|| RowProblem::UnknownStage {
            line,
            value: shown(stage_text),
        })?;
    let amount = match text(CrmField::Amount) {
        None => None,
        Some(value) => Some(
            parse_number_as(value, style).map_err(|_| RowProblem::BadAmount {
                line,
                value: shown(value),
            })?,
        ),
    };
    let mut reached_on = [None; 4];
    for (date, field) in reached_on.iter_mut().zip(CrmField::STAGE_DATES) {
        if let Some(value) = text(field) {
            *date = Some(
                parse_date_time(value, order).ok_or_else(|| RowProblem::BadDate {
                    line,
                    value: shown(value),
                })?,
            );
        }
    }
    Ok(CrmRow {
        line,
        created,
        stage,
        status: text(CrmField::Status).map(|t| names.intern(t)),
        source: names.intern(text(CrmField::Source).unwrap_or(NO_SOURCE)),
        owner: text(CrmField::Owner).map(|t| names.intern(t)),
        first_contact: text(CrmField::FirstContact).and_then(|t| parse_date_time(t, order)),
        amount,
        deal_stage: text(CrmField::DealStage).map(|t| names.intern(t)),
        reached_on,
    })
}

/// The number style of an export's amounts, decided from the whole sample as the day order
/// is: a mark is the decimal one when it cannot be a thousands separator (it comes last after
/// the other mark, or is not followed by exactly three digits, as in `2,5` or `12.50`).
/// `1,500` alone is read as English thousands; any amount written the French way
/// (`12 500,50`, `1.234,5`, `2,5`) makes the file French. With no evidence either way, `fallback`
/// (the interface's language) decides.
pub fn detect_number_style<'a>(
    amounts: impl Iterator<Item = &'a str>,
    fallback: NumberStyle,
) -> NumberStyle {
    let (mut comma_decimal, mut dot_decimal) = (false, false);
    for amount in amounts {
        match decimal_mark_of(amount) {
            Some(',') => comma_decimal = true,
            Some(_) => dot_decimal = true,
            None => {}
        }
    }
    match (comma_decimal, dot_decimal) {
        (true, false) => NumberStyle::CommaDecimal,
        (false, true) => NumberStyle::DotDecimal,
        _ => fallback,
    }
}

/// The mark that can only be the decimal one in `amount`, if one can be told.
fn decimal_mark_of(amount: &str) -> Option<char> {
    let amount = amount.trim();
    let last_mark = amount.rfind([',', '.'])?;
    let mark = amount[last_mark..].chars().next()?;
    let other = if mark == ',' { '.' } else { ',' };
    let digits_after = amount[last_mark + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    let groups_of_mark = amount.matches(mark).count();
    if amount[..last_mark].contains(other) || (groups_of_mark == 1 && digits_after != 3) {
        return Some(mark);
    }
    if groups_of_mark > 1 {
        // "1,234,567" or "1.234.567": that mark groups, so the other one is decimal.
        return Some(other);
    }
    // "1,500", "1.500": either way; a space group before it ("12 500,000") tells nothing more.
    None
}

/// The day order of an export's dates: month first only when some date can only be read
/// that way (a second number above 12) and none day first.
pub fn detect_day_order<'a>(dates: impl Iterator<Item = &'a str>) -> DayOrder {
    let (mut day_first, mut month_first) = (false, false);
    for date in dates {
        let parts: Vec<u32> = date
            .split([' ', 'T'])
            .next()
            .unwrap_or_default()
            .split('/')
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        if let [a, b, _] = parts[..] {
            day_first |= a > 12;
            month_first |= b > 12;
        }
    }
    if month_first && !day_first {
        DayOrder::MonthFirst
    } else {
        DayOrder::DayFirst
    }
}
