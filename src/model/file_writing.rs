//! What every downloaded file shares: the typed [`ExportError`] (a file that could not be
//! written is shown as such, never as an empty file), CSV records written with the csv crate,
//! and text cells a spreadsheet will not run as formulas.

use std::fmt;

crate::texts! {
    /// Why a file was not written.
    enum FileWritingText {
        NotWritten => "The file could not be written ({detail}); nothing was downloaded.",
            "Le fichier n'a pas pu être écrit ({detail}) ; rien n'a été téléchargé.";
    }
}

/// Why an export file could not be written (the writer's own words). Neither writer fails
/// on the values funnelsim holds; the error exists so that a failure is shown, never an
/// empty file.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportError {
    Json(String),
    Csv(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ExportError::Json(detail) | ExportError::Csv(detail)) = self;
        f.write_str(&FileWritingText::NotWritten.fill(&[("detail", detail)]))
    }
}

impl std::error::Error for ExportError {}

/// A text cell a spreadsheet will not run as a formula.
pub fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Writes records with the csv crate.
pub fn csv_text(records: &[Vec<String>]) -> Result<String, ExportError> {
    let write = || -> Result<String, Box<dyn std::error::Error>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        for record in records {
            writer.write_record(record)?;
        }
        Ok(String::from_utf8(writer.into_inner()?)?)
    };
    write().map_err(|e| ExportError::Csv(e.to_string()))
}
