//! The decoding policy of CRM files, decided on the whole stream: a file whose first 300 KB
//! are ASCII and whose later rows hold a Windows-1252 `é` reports every row (the later slice
//! was turned into "" without a word); UTF-8 cut between chunks is kept whole; accented UTF-8
//! followed by a Windows-1252 byte asks for the file to be read again.
use funnelsim::model::crm::file::CrmFileRead;
use funnelsim::model::crm::import::CrmImport;
use funnelsim::model::crm::text_decode::{windows_1252_text, Decoded, Encoding, StreamDecoder};

/// The UI's chunk size.
const CHUNK: usize = 256 * 1024;

/// Reads `bytes` in `chunk`-byte slices with the driver the CRM view uses; returns the rows
/// read, the rows skipped and the encoding used.
fn import(bytes: &[u8], chunk: usize) -> (usize, usize, Encoding) {
    let mut read = CrmFileRead::new(bytes.len() as u64, chunk as u64, || CrmImport::new(None));
    while let Some(range) = read.next_slice() {
        read.feed(&bytes[range.start as usize..range.end as usize]);
    }
    let encoding = read.encoding();
    let data = read.finish().expect("rows");
    (data.rows, data.skipped, encoding)
}

fn rows(count: usize, owner: &[u8]) -> Vec<u8> {
    let mut file = b"Created,Stage,Owner\n".to_vec();
    for i in 0..count {
        file.extend_from_slice(format!("2026-03-{:02},lead,", 1 + i % 28).as_bytes());
        file.extend_from_slice(owner);
        file.push(b'\n');
    }
    file
}

#[test]
fn ascii_then_windows_1252_reports_every_row() {
    let mut file = rows(15_000, b"Jean");
    assert!(
        file.len() > 300 * 1024,
        "{} bytes of ASCII first",
        file.len()
    );
    let ascii_rows = 15_000;
    let accented = rows(500, b"Ren\xe9");
    file.extend_from_slice(&accented[b"Created,Stage,Owner\n".len()..]);
    assert_eq!(
        import(&file, CHUNK),
        (ascii_rows + 500, 0, Encoding::Windows1252),
        "rows in the file minus none skipped"
    );
}

#[test]
fn utf8_cut_between_chunks_is_kept_whole() {
    let file = rows(3_000, "Renée Müller".as_bytes());
    for chunk in [1, 7, 4096, CHUNK] {
        let mut decoder = StreamDecoder::new();
        let mut text = String::new();
        let mut slices = file.chunks(chunk).peekable();
        while let Some(slice) = slices.next() {
            match decoder.decode(slice, slices.peek().is_none()) {
                Decoded::Text(t) => text.push_str(&t),
                Decoded::ReadAgainAsWindows1252 => panic!("valid UTF-8 at chunk {chunk}"),
            }
        }
        assert_eq!(text.as_bytes(), &file[..], "chunk {chunk}");
        assert_eq!(decoder.encoding(), Encoding::Utf8);
    }
}

#[test]
fn accented_utf8_then_windows_1252_reads_the_file_again() {
    let mut file = rows(10, "Renée".as_bytes());
    file.extend_from_slice(b"2026-03-02,lead,Ren\xe9\n");
    let mut decoder = StreamDecoder::new();
    assert!(matches!(
        decoder.decode(&file[..60], false),
        Decoded::Text(_)
    ));
    assert_eq!(
        decoder.decode(&file[60..], true),
        Decoded::ReadAgainAsWindows1252
    );
    assert_eq!(import(&file, 60), (11, 0, Encoding::Windows1252));
}

#[test]
fn windows_1252_maps_its_high_bytes() {
    assert_eq!(
        windows_1252_text(b"\x80 \xe9\xe8\xe0 \x9c \x92"),
        "€ éèà œ ’"
    );
    assert_eq!(windows_1252_text(b"\x81\x8d"), "\u{81}\u{8d}");
    // A truncated UTF-8 character at the very end is not dropped: the file is Windows-1252.
    let mut decoder = StreamDecoder::new();
    assert_eq!(
        decoder.decode(b"ab\xc3", true),
        Decoded::Text("ab\u{c3}".into())
    );
}

/// Accented UTF-8 first, then a Windows-1252 byte in a later slice: the driver starts again
/// from the first byte in Windows-1252, and no row is counted twice.
#[test]
fn the_driver_reads_the_file_again_without_counting_rows_twice() {
    let mut file = rows(20_000, "Renée".as_bytes());
    let later = rows(10, b"Ren\xe9");
    file.extend_from_slice(&later[b"Created,Stage,Owner\n".len()..]);
    assert!(file.len() > CHUNK);
    let (read, skipped, encoding) = import(&file, CHUNK);
    assert_eq!(
        (read, skipped, encoding),
        (20_010, 0, Encoding::Windows1252)
    );
}
