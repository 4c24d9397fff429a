//! Offers an export as a file download, or tells the user why it could not be written.

use super::{browser, Action, Dispatch, Notice};
use crate::model::file_writing::ExportError;

/// Downloads `contents` as `file_name`; an export that could not be written is reported in
/// the notice bar instead of downloading an empty file.
pub fn offer_download(
    dispatch: &Dispatch,
    file_name: &str,
    mime: &str,
    contents: Result<String, ExportError>,
) {
    match contents {
        Ok(text) => browser::download_text(file_name, mime, &text),
        Err(error) => dispatch.emit(Action::Notice(Some(Notice::error(move || {
            error.to_string()
        })))),
    }
}
