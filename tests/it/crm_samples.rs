//! The sample CRM exports shipped with the app (`assets/samples/`, written by
//! `cargo run --example crm_samples`): their KPIs through the import match golden values
//! computed independently here, by splitting the lines by hand.
use funnelsim::model::crm::import::CrmImport;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/assets/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Golden figures from the raw lines: stage position per row, accepted, won.
struct Golden {
    reached: [usize; 6],
    sent: usize,
    accepted: usize,
    opportunities: usize,
    won: usize,
}

fn golden(text: &str, separator: char, stages: [&str; 6], accepted: &str, won: &str) -> Golden {
    let mut g = Golden {
        reached: [0; 6],
        sent: 0,
        accepted: 0,
        opportunities: 0,
        won: 0,
    };
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(separator).collect();
        let stage = stages
            .iter()
            .position(|s| *s == cells[2])
            .expect("a known stage");
        for reached in g.reached.iter_mut().take(stage + 1) {
            *reached += 1;
        }
        if stage >= 2 {
            g.sent += 1;
            if stage >= 3 || cells[3] == accepted {
                g.accepted += 1;
            }
        }
        if stage >= 4 {
            g.opportunities += 1;
            if stage == 5 || cells[8] == won {
                g.won += 1;
            }
        }
    }
    g
}

/// Rows with each stage date (columns 9–12): the sample writes them in order, so each is one
/// measured step, and a won date only on won rows.
fn dated(text: &str, separator: char) -> [usize; 4] {
    let mut counts = [0; 4];
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(separator).collect();
        for (count, cell) in counts.iter_mut().zip(&cells[9..13]) {
            *count += usize::from(!cell.trim().is_empty());
        }
    }
    counts
}

fn check(text: &str, g: &Golden, rows: usize) {
    let mut import = CrmImport::new(None);
    // The UI decodes with the browser; here the text is decoded by the caller.
    for chunk in text.as_bytes().chunks(4_096) {
        import.feed(&String::from_utf8_lossy(chunk));
    }
    let data = import.finish().unwrap();
    assert_eq!(data.rows, rows);
    assert_eq!(data.skipped, 0, "{:?}", data.problems);
    let k = data.kpis.total;
    assert_eq!(k.reached, g.reached);
    assert_eq!((k.sent, k.accepted), (g.sent, g.accepted));
    assert_eq!((k.opportunities, k.won), (g.opportunities, g.won));
    let separator = if text.contains(';') { ';' } else { ',' };
    let measured: Vec<usize> = data
        .kpis
        .timing
        .steps
        .iter()
        .map(|s| s.days.count)
        .collect();
    assert_eq!(measured, dated(text, separator));
    assert!(data.kpis.timing.steps.iter().all(|s| s.out_of_order == 0));
    assert_eq!(
        data.kpis.timing.cycle.count, g.won,
        "every won row has its won date"
    );
}

#[test]
fn the_english_sample_gives_its_golden_kpis() {
    let bytes = sample("crm-sample-en.csv");
    let text = String::from_utf8(bytes).unwrap();
    let stages = [
        "subscriber",
        "lead",
        "marketingqualifiedlead",
        "salesqualifiedlead",
        "opportunity",
        "customer",
    ];
    let g = golden(&text, ',', stages, "Accepted", "Closed won");
    assert_eq!(
        g.reached[0], 600,
        "every row reached at least the first stage"
    );
    check(&text, &g, 600);
}

#[test]
fn the_french_windows_1252_sample_gives_its_golden_kpis() {
    let bytes = sample("crm-sample-fr.csv");
    assert!(
        String::from_utf8(bytes.clone()).is_err(),
        "Windows-1252, not UTF-8"
    );
    // Windows-1252 agrees with Latin-1 on every character the sample uses.
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    let stages = ["Abonné", "Prospect", "MQL", "SQL", "Opportunité", "Client"];
    let g = golden(&text, ';', stages, "Accepté", "Gagnée");
    check(&text, &g, 400);
}
