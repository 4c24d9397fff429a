//! What the page and the CRM import's worker say to each other, as JSON text: the page asks
//! for an import ([`ImportRequest`]: the language, the user's mapping and number style, the
//! remembered mapping), the worker answers with its progress and then the outcome
//! ([`ImportReply`]); a message that cannot be read is a typed [`TransferError`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::crm::import::{CrmData, CrmImport, CrmImportError};
use crate::model::crm::map::ColumnMapping;
use crate::model::funnel::validate::NumberStyle;
use crate::model::i18n::Lang;

/// What the page asks the worker to import the file it sends with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRequest {
    /// The page's language: the number style of amounts falls back on it.
    pub lang: Lang,
    /// The user's correction of the mapping for this file, if any.
    pub mapping: Option<ColumnMapping>,
    /// The user's choice of number style, if any (else detected from the file).
    pub number_style: Option<NumberStyle>,
    /// The last corrected mapping with the header it was made for (local storage is the
    /// page's: the worker cannot read it).
    pub remembered: Option<(Vec<String>, ColumnMapping)>,
}

impl ImportRequest {
    /// A new import as the request says (called again when the file is read again).
    pub fn fresh_import(&self) -> CrmImport {
        let import = CrmImport::new(self.mapping.clone());
        let import = match self.number_style {
            Some(style) => import.with_number_style(style),
            None => import,
        };
        match &self.remembered {
            Some((header, remembered)) => import.remembering(header.clone(), remembered.clone()),
            None => import,
        }
    }
}

/// Why the worker could not import the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImportFailure {
    /// A slice of the file could not be read.
    Unreadable,
    /// The message asking for the import could not be read.
    BadRequest,
    /// The file was read, and gave nothing.
    Import(CrmImportError),
    /// The worker could not start, or sent what the page cannot read (the page says so).
    NoWorker,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImportReply {
    /// The worker is listening: the page sends its request.
    Ready,
    /// Bytes of the file read so far (back to 0 when it is read again as Windows-1252), and
    /// rows read.
    Progress {
        done: u64,
        total: u64,
        rows: usize,
    },
    /// The import's outcome.
    Done(Box<CrmData>),
    Failed(ImportFailure),
}

/// A message between the page and the worker that cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub struct TransferError(pub String);

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unreadable message from the CRM import: {}", self.0)
    }
}

impl std::error::Error for TransferError {}

/// `message` as JSON text.
pub fn encode<T: Serialize>(message: &T) -> Result<String, TransferError> {
    serde_json::to_string(message).map_err(|e| TransferError(e.to_string()))
}

/// A message read back from [`encode`]'s text.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, TransferError> {
    serde_json::from_str(text).map_err(|e| TransferError(e.to_string()))
}
