//! Native CRM import benchmark: MB/s and rows/s of the whole import (decoding, parsing,
//! mapping, every KPI tallied) of the browser bench's synthetic HubSpot-style export
//! (`benches/crm-import.mjs`, same generator and seed), fed in 1 MB slices as the worker
//! reads the file, and of csv-core alone splitting the same bytes into fields (the floor).
//! Run: `cargo bench --bench crm_import` (`ROWS=…`, default 1,000,000; `BENCH_SMOKE=1`:
//! 1,000 rows once, to prove it runs, as the test command does).

use std::hint::black_box;
use std::time::Instant;

use funnelsim::model::crm::file::CrmFileRead;
use funnelsim::model::crm::import::CrmImport;

const STAGES: [&str; 6] = [
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
];
const SOURCES: [&str; 5] = ["Organic search", "Paid ads", "E-mail", "Events", "Outbound"];
const OWNERS: [&str; 4] = [
    "Alice Martin",
    "Bruno Lefevre",
    "Chloe Durand",
    "David Moreau",
];

/// The browser bench's export of `rows` rows (the same linear congruential generator, the
/// same bytes).
fn export_of(rows: usize) -> Vec<u8> {
    // In doubles, as JavaScript computes it (the products pass 2^53 and are rounded).
    let mut x: f64 = 12345.0;
    let mut next = |n: u64| {
        x = (x * 1_103_515_245.0 + 12345.0) % 2_147_483_648.0;
        (x % n as f64) as u64
    };
    let mut out = String::from("Record ID,Create Date,Lifecycle Stage,Lead Status,Original Source,Contact owner,First Contact Date,Amount,Deal Stage\n");
    for i in 0..rows {
        let stage = next(6) as usize;
        let month = 1 + next(12);
        let day = 1 + next(28);
        let hour = 8 + next(10);
        let minute = next(60);
        let created = format!("2025-{month:02}-{day:02} {hour:02}:{minute:02}");
        let contacted = if stage >= 2 {
            format!("2025-{month:02}-{day:02} 18:30")
        } else {
            String::new()
        };
        let amount = if stage >= 4 {
            (1000 + next(40000)).to_string()
        } else {
            String::new()
        };
        let status = if stage == 2 { "Accepted" } else { "New" };
        let source = SOURCES[next(5) as usize];
        let owner = OWNERS[next(4) as usize];
        let won = if stage == 5 { "Closed won" } else { "" };
        out.push_str(&format!(
            "{},{created},{},{status},{source},{owner},{contacted},{amount},{won}\n",
            100_000 + i,
            STAGES[stage]
        ));
    }
    out.into_bytes()
}

fn rows() -> usize {
    if std::env::var_os("BENCH_SMOKE").is_some() {
        return 1_000;
    }
    std::env::var("ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_000_000)
}

fn runs() -> usize {
    if std::env::var_os("BENCH_SMOKE").is_some() {
        1
    } else {
        3
    }
}

/// The best of `runs()` timings of `f`, in seconds.
fn best(mut f: impl FnMut()) -> f64 {
    (0..runs())
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let rows = rows();
    let bytes = export_of(rows);
    let mb = bytes.len() as f64 / 1_048_576.0;
    println!(
        "# CRM import, native: {rows} rows, {mb:.1} MB, best of {}",
        runs()
    );
    let split = best(|| {
        let mut reader = csv_core::Reader::new();
        let mut out = vec![0u8; 64 * 1024];
        let mut ends = vec![0usize; 64];
        let mut input = &bytes[..];
        let mut records = 0usize;
        loop {
            let (result, read, _, _) = reader.read_record(input, &mut out, &mut ends);
            input = &input[read..];
            match result {
                csv_core::ReadRecordResult::Record => records += 1,
                csv_core::ReadRecordResult::End => break,
                _ => {}
            }
        }
        black_box(records);
    });
    println!(
        "csv-core read_record alone: {split:.3} s, {:.1} MB/s",
        mb / split
    );
    let import = best(|| {
        let mut read = CrmFileRead::new(bytes.len() as u64, 1 << 20, || CrmImport::new(None));
        while let Some(range) = read.next_slice() {
            read.feed(&bytes[range.start as usize..range.end as usize]);
        }
        let data = read.finish().expect("the export imports");
        assert_eq!(data.rows, rows);
        black_box(data);
    });
    println!(
        "whole import (decode, parse, map, tally): {import:.3} s, {:.1} MB/s, {:.0} rows/s",
        mb / import,
        rows as f64 / import
    );
}
