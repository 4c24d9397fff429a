//! Reads a CRM file slice by slice from any source (the browser's file, a test's bytes): which
//! byte range to read next, and a new start in Windows-1252 when a later slice shows the file
//! is not UTF-8 after all.

use std::ops::Range;

use crate::model::crm::import::{CrmData, CrmImport, CrmImportError};
use crate::model::crm::text_decode::{Decoded, Encoding, StreamDecoder};

/// The first slice's size, in bytes.
pub const FIRST_SLICE: u64 = 16 * 1024;

/// A file being read into a [`CrmImport`].
pub struct CrmFileRead {
    total: u64,
    chunk: u64,
    /// The next slice's size: [`FIRST_SLICE`], doubling up to `chunk` (the first slices run
    /// code the browser has not optimised yet: small, they stay short tasks).
    slice: u64,
    offset: u64,
    decoder: StreamDecoder,
    fresh_import: Box<dyn Fn() -> CrmImport>,
    import: CrmImport,
}

impl CrmFileRead {
    /// Reads a `total`-byte file in slices of up to `chunk` bytes (at least 1; the first ones
    /// smaller) into imports made by `fresh_import` (called again when the file is read again).
    pub fn new(total: u64, chunk: u64, fresh_import: impl Fn() -> CrmImport + 'static) -> Self {
        CrmFileRead {
            total,
            chunk: chunk.max(1),
            slice: FIRST_SLICE.min(chunk.max(1)),
            offset: 0,
            decoder: StreamDecoder::new(),
            import: fresh_import(),
            fresh_import: Box::new(fresh_import),
        }
    }

    /// The byte range to read next; `None` once the whole file was fed.
    pub fn next_slice(&self) -> Option<Range<u64>> {
        (self.offset < self.total).then(|| self.offset..(self.offset + self.slice).min(self.total))
    }

    /// Feeds the bytes of [`CrmFileRead::next_slice`]. When the decoder finds that the file
    /// is Windows-1252 after all, everything read so far is dropped and the next slice is
    /// the first again.
    pub fn feed(&mut self, bytes: &[u8]) {
        let end = self.offset + bytes.len() as u64;
        let last = end >= self.total;
        match self.decoder.decode(bytes, last) {
            Decoded::Text(text) => {
                self.import.feed(&text);
                self.offset = end;
                self.slice = (self.slice * 2).min(self.chunk);
            }
            Decoded::ReadAgainAsWindows1252 => {
                self.decoder = StreamDecoder::windows_1252();
                self.import = (self.fresh_import)();
                self.offset = 0;
            }
        }
    }

    /// Bytes read so far, for a progress bar (back to 0 when the file is read again).
    pub fn done(&self) -> u64 {
        self.offset
    }

    /// Rows read so far (back to 0 when the file is read again).
    pub fn rows(&self) -> usize {
        self.import.rows()
    }

    /// The encoding the file is being read in.
    pub fn encoding(&self) -> Encoding {
        self.decoder.encoding()
    }

    /// What the file held.
    pub fn finish(self) -> Result<CrmData, CrmImportError> {
        self.import.finish()
    }
}
