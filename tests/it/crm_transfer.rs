//! What the CRM import's worker sends the page: the shipped samples' whole outcome (every KPI
//! group, the stage times, the stalled deals, the skipped rows) and every failure read back
//! from its JSON text equal to what the import gave; a request read back the same; text
//! that is not a message refused with a typed error.
use funnelsim::model::crm::file::CrmFileRead;
use funnelsim::model::crm::import::CrmImportError;
use funnelsim::model::crm::map::{ColumnMapping, CrmField};
use funnelsim::model::crm::transfer::{decode, encode, ImportFailure, ImportReply, ImportRequest};
use funnelsim::model::funnel::validate::NumberStyle;
use funnelsim::model::i18n::Lang;

fn request() -> ImportRequest {
    ImportRequest {
        lang: Lang::En,
        mapping: None,
        number_style: None,
        remembered: None,
    }
}

/// `bytes` read as the worker reads a file, in slices of `chunk` bytes.
fn import(bytes: &[u8], chunk: u64, request: ImportRequest) -> ImportReply {
    let mut read = CrmFileRead::new(bytes.len() as u64, chunk, move || request.fresh_import());
    while let Some(range) = read.next_slice() {
        read.feed(&bytes[range.start as usize..range.end as usize]);
    }
    match read.finish() {
        Ok(data) => ImportReply::Done(Box::new(data)),
        Err(error) => ImportReply::Failed(ImportFailure::Import(error)),
    }
}

fn round_trip(reply: &ImportReply) -> ImportReply {
    decode(&encode(reply).unwrap()).unwrap()
}

#[test]
fn the_samples_outcome_reads_back_equal() {
    for name in ["crm-sample-en.csv", "crm-sample-fr.csv"] {
        let bytes = std::fs::read(format!(
            "{}/assets/samples/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let reply = import(&bytes, 64 * 1024, request());
        let ImportReply::Done(data) = &reply else {
            panic!("{name} imports: {reply:?}");
        };
        assert!(data.rows > 100, "{name}");
        assert!(data.kpis.timing.measured(), "{name}");
        assert_eq!(round_trip(&reply), reply, "{name}");
    }
}

#[test]
fn a_hand_computed_export_with_bad_rows_reads_back_equal() {
    let mut text = std::fs::read_to_string(format!(
        "{}/tests/golden/crm-hand-computed.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    text.push_str("yesterday,lead,,Organic search,,,,\n\"never closed,lead\n");
    let reply = import(text.as_bytes(), 7, request());
    let ImportReply::Done(data) = &reply else {
        panic!("imports: {reply:?}");
    };
    assert_eq!(data.skipped, 2);
    assert_eq!(round_trip(&reply), reply);
}

#[test]
fn failures_progress_and_requests_read_back_equal() {
    for reply in [
        import(b"", 16, request()),
        import(b"Name,Email\nAnn,ann@example.com\n", 16, request()),
        import(b"\0\x01binary", 16, request()),
        ImportReply::Failed(ImportFailure::Unreadable),
        ImportReply::Failed(ImportFailure::BadRequest),
        ImportReply::Ready,
        ImportReply::Progress {
            done: 1 << 40,
            total: 1 << 41,
            rows: 12,
        },
    ] {
        assert_eq!(round_trip(&reply), reply);
    }
    assert_eq!(
        import(b"", 16, request()),
        ImportReply::Failed(ImportFailure::Import(CrmImportError::Empty))
    );
    let mut mapping = ColumnMapping::default();
    mapping.set(CrmField::Created, Some(2));
    let asked = ImportRequest {
        lang: Lang::Fr,
        mapping: Some(mapping.clone()),
        number_style: Some(NumberStyle::CommaDecimal),
        remembered: Some((vec!["a".into(), "b".into()], mapping)),
    };
    assert_eq!(
        decode::<ImportRequest>(&encode(&asked).unwrap()).unwrap(),
        asked
    );
}

#[test]
fn text_that_is_no_message_is_refused() {
    for text in ["", "{", "\"Nonsense\"", "{\"Progress\":{\"done\":-1}}"] {
        assert!(decode::<ImportReply>(text).is_err(), "{text}");
    }
}
