//! Decoding a file's bytes to text chunk by chunk, with the encoding decided on the whole
//! stream: UTF-8 while every byte so far is, Windows-1252 from the first byte that is not
//! (at once when all before was ASCII, which reads the same in both; otherwise by asking for
//! the file to be read again from its start, so no row is decoded two ways).

/// A text encoding of CRM exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// What spreadsheets on Windows write in Western Europe (a superset of Latin-1's letters).
    Windows1252,
}

/// What one chunk gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// The chunk's text (a multi-byte character cut by the chunk's end comes with the next one).
    Text(String),
    /// A byte that is not UTF-8 came after non-ASCII text that was read as UTF-8: start again
    /// from the file's first byte with [`StreamDecoder::windows_1252`].
    ReadAgainAsWindows1252,
}

/// A decoder fed the chunks of one file in order.
#[derive(Clone, Debug)]
pub struct StreamDecoder {
    encoding: Encoding,
    /// The start of a UTF-8 character cut by the end of the last chunk.
    pending: Vec<u8>,
    /// Whether any decoded text so far was not ASCII.
    seen_non_ascii: bool,
}

impl Default for StreamDecoder {
    fn default() -> Self {
        StreamDecoder::new()
    }
}

impl StreamDecoder {
    /// A decoder that reads UTF-8 until a byte says otherwise.
    pub fn new() -> StreamDecoder {
        StreamDecoder {
            encoding: Encoding::Utf8,
            pending: Vec::new(),
            seen_non_ascii: false,
        }
    }

    /// A decoder that reads Windows-1252 from the start.
    pub fn windows_1252() -> StreamDecoder {
        StreamDecoder {
            encoding: Encoding::Windows1252,
            ..StreamDecoder::new()
        }
    }

    /// The encoding in use (final once the last chunk is decoded).
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Decodes the next chunk; `last` says no chunk follows.
    pub fn decode(&mut self, chunk: &[u8], last: bool) -> Decoded {
        if self.encoding == Encoding::Windows1252 {
            return Decoded::Text(windows_1252_text(chunk));
        }
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(chunk);
        match std::str::from_utf8(&bytes) {
            Ok(text) => {
                self.seen_non_ascii |= !text.is_ascii();
                Decoded::Text(text.to_owned())
            }
            // A character cut by the chunk's end: keep its start for the next chunk.
            Err(error) if error.error_len().is_none() && !last => {
                let valid = error.valid_up_to();
                self.pending = bytes[valid..].to_vec();
                // Valid UTF-8 up to `valid`, so nothing is replaced here.
                let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                self.seen_non_ascii |= !text.is_ascii();
                Decoded::Text(text)
            }
            Err(_) if self.seen_non_ascii || !prefix_ascii(&bytes) => {
                Decoded::ReadAgainAsWindows1252
            }
            Err(_) => {
                // Everything before was ASCII, the same in both encodings: go on in Windows-1252.
                self.encoding = Encoding::Windows1252;
                Decoded::Text(windows_1252_text(&bytes))
            }
        }
    }
}

/// Whether the UTF-8-valid start of `bytes` is ASCII (then switching loses nothing).
fn prefix_ascii(bytes: &[u8]) -> bool {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len);
    bytes[..valid].is_ascii()
}

/// The characters Windows-1252 gives bytes 0x80–0x9F (the five it leaves undefined map to
/// the C1 controls of the same value, as browsers decode them).
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// `bytes` read as Windows-1252 (every byte is a character).
pub fn windows_1252_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}
