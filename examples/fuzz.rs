//! The fuzz command: a million arbitrary and mutated-valid inputs for each reader of outside
//! data (links, JSON files, stored library, CRM and SLA CSV), counting panics and checking
//! that every accepted input re-encodes to itself.
//!
//! `cargo run --profile fuzz --example fuzz -- [cases per target] [seed]` (defaults: 1000000
//! and 1; `FUZZ_ONLY=storage` runs the targets whose name holds that word). The `fuzz` profile is the release build with unwinding and overflow checks, so a
//! panic is caught, counted and shown instead of ending the run. Exit status 1 when any
//! target panicked or failed to round-trip. Figures are recorded in BENCHMARKS.md.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Instant;

use funnelsim::model::crm::import::CrmImport;
use funnelsim::model::forecast::projection::Projection;
use funnelsim::model::forecast::uncertainty::Uncertainty;
use funnelsim::model::funnel::channels::{Channel, ChannelMix, Conversion, Entry, Response};
use funnelsim::model::funnel::channels_link::{encode_mix, ChannelPairs};
use funnelsim::model::glossary::Term;
use funnelsim::model::persist::export::{comparison_json, import_json, scenario_json, Imported};
use funnelsim::model::persist::page::{decode_page, encode_page};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::persist::storage::{self, Library};
use funnelsim::model::sla::calculator::{Sla, YearMonth};
use funnelsim::model::sla::csv_file::{actuals_csv, import_actuals_csv};
use funnelsim::model::{NamedScenario, Scenario};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One reader under attack: its name, valid inputs to mutate, and the check of one input
/// (`Err` when an accepted input does not re-encode to itself).
struct Target {
    name: &'static str,
    seeds: Vec<String>,
    check: fn(&str) -> Result<bool, String>,
}

/// What one target's run found.
#[derive(Default)]
struct Tally {
    accepted: u64,
    refused: u64,
    panics: u64,
    mismatches: u64,
    first_problem: Option<String>,
}

fn full_scenario() -> Scenario {
    let mut s = Scenario {
        channels: Some(Arc::new(example_mix())),
        ..Scenario::default()
    };
    let month = YearMonth::new(2026, 11).expect("a month");
    s.sla = Some(Arc::new(Sla::example(&s, month, 10)));
    s.projection = Some(Arc::new(Projection::suggested(&s)));
    s.uncertainty = Some(Arc::new(Uncertainty::default()));
    s.glossary
        .set(Term::Lead, "A contact who asked for a demo")
        .expect("a definition");
    s
}

fn named(name: &str, scenario: Scenario) -> NamedScenario {
    NamedScenario {
        name: name.into(),
        scenario,
    }
}

/// A link: every key the app reads. Accepted → the page re-encodes and decodes to itself.
fn check_link(query: &str) -> Result<bool, String> {
    let Ok(page) = decode_page(query) else {
        return Ok(false);
    };
    let again = decode_page(&encode_page(&page)).map_err(|e| format!("re-encoded: {e}"))?;
    if again != page {
        return Err("the page re-encoded to another page".into());
    }
    // The scenario's own reader too (the `s=` entries and the top of the link).
    if let Ok(scenario) = decode(query) {
        if decode(&encode(&scenario)).as_ref() != Ok(&scenario) {
            return Err("the scenario re-encoded to another scenario".into());
        }
    }
    Ok(true)
}

/// The channel mix's `ch_*` keys (not yet part of the scenario link). Accepted → written
/// again and read back the same.
fn check_channel_link(query: &str) -> Result<bool, String> {
    let read = |query: &str| {
        let mut pairs = ChannelPairs::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            pairs.take(&key, &value)?;
        }
        pairs.finish()
    };
    let Ok(Some(mix)) = read(query) else {
        return Ok(false);
    };
    match read(&encode_mix(&mix)) {
        Ok(Some(again)) if again == mix => Ok(true),
        other => Err(format!("the mix re-encoded to {other:?}")),
    }
}

/// A scenario or comparison file. Accepted → written again and read back the same.
fn check_json(text: &str) -> Result<bool, String> {
    let Ok(imported) = import_json(text) else {
        return Ok(false);
    };
    let written = match &imported {
        Imported::Scenario(n) => scenario_json(n),
        Imported::Comparison(set) => comparison_json(set),
    }
    .map_err(|e| e.to_string())?;
    match import_json(&written) {
        Ok(again) if again == imported => Ok(true),
        Ok(_) => Err("the file was written again as another".into()),
        Err(e) => Err(format!("written again, it is refused: {e}")),
    }
}

/// The stored library. Whatever loads is written back and loads the same.
fn check_storage(text: &str) -> Result<bool, String> {
    let loaded = storage::load(Some(text));
    let accepted = loaded.problem.is_none();
    let written = storage::serialize(&loaded.library).map_err(|e| e.to_string())?;
    let again = storage::load(Some(&written));
    if let Some(problem) = again.problem {
        return Err(format!(
            "written back, the library cannot be read: {problem}"
        ));
    }
    if again.library != loaded.library {
        let (before, after) = (loaded.library.scenarios(), again.library.scenarios());
        let differing = before
            .iter()
            .zip(after)
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("{a:?}\n  became\n{b:?}"))
            .unwrap_or_else(|| format!("{} entries became {}", before.len(), after.len()));
        return Err(format!(
            "the library was written back as another: {differing}"
        ));
    }
    Ok(accepted)
}

/// A CRM export, fed in two pieces cut anywhere. Never panics; what it reads has no more
/// rows than the text has lines (ended by \n, \r or \r\n, as the csv crate reads them).
fn check_crm(text: &str) -> Result<bool, String> {
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 3)
        .map_or(0, |(i, _)| i);
    let mut import = CrmImport::new(None);
    import.feed(&text[..cut]);
    import.feed(&text[cut..]);
    match import.finish() {
        Ok(data) => {
            // The csv crate ends a record at \n, \r or \r\n.
            let lines = text.split(['\n', '\r']).count();
            if data.rows + data.skipped > lines {
                return Err(format!(
                    "{} rows from {lines} lines",
                    data.rows + data.skipped
                ));
            }
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

/// Leads as CSV, into the example SLA. Accepted → exported and imported again the same.
fn check_sla_csv(text: &str) -> Result<bool, String> {
    let sla = full_scenario().sla.map(|s| (*s).clone()).expect("an SLA");
    let Ok((imported, _)) = import_actuals_csv(&sla, text) else {
        return Ok(false);
    };
    let written = actuals_csv(&imported).map_err(|e| e.to_string())?;
    let mut empty = imported.clone();
    empty.actuals.clear();
    let (again, _) =
        import_actuals_csv(&empty, &written).map_err(|e| format!("exported, refused: {e}"))?;
    // Months with no lead at all are not exported: compare the months that hold leads.
    let with_leads = |s: &Sla| {
        s.actuals
            .iter()
            .filter(|m| m.days.iter().flatten().any(|&n| n > 0))
            .cloned()
            .collect::<Vec<_>>()
    };
    if with_leads(&again) != with_leads(&imported) {
        return Err("the leads were exported as other leads".into());
    }
    Ok(true)
}

fn targets() -> Vec<Target> {
    let base = Scenario::default();
    let full = full_scenario();
    let mut doubled = base.clone();
    doubled.stages[0].value = 240_000.0;
    let page_of = |q: &str| q.to_owned();
    let link = encode(&full);
    let comparison = format!(
        "{link}&view=compare&s={}&s={}",
        funnelsim::model::funnel::link::encode_value(&encode(&base)),
        funnelsim::model::funnel::link::encode_value(&encode(&doubled))
    );
    let mut library = Library::default();
    for (i, s) in [base.clone(), full.clone(), doubled.clone()]
        .into_iter()
        .enumerate()
    {
        library
            .save_new(&format!("Plan {i}"), s, 1_767_225_600_000.0 + i as f64)
            .expect("a valid scenario");
    }
    let sla = full.sla.clone().expect("an SLA");
    vec![
        Target {
            name: "URL decoder (every key, s= entries)",
            seeds: vec![
                page_of(&link),
                comparison,
                encode(&base),
                "v=1&view=forecast&embed=1&lang=fr".into(),
            ],
            check: check_link,
        },
        Target {
            name: "channel mix link (ch_* keys)",
            seeds: vec![
                encode_mix(&example_mix()),
                "ch_entry=top&ch=Paid%20search&ch_spend=10000&ch_curve=pow:2/0.5&ch_conv=rates:5/40".into(),
            ],
            check: check_channel_link,
        },
        Target {
            name: "JSON import (scenario and comparison files)",
            seeds: vec![
                scenario_json(&named("Full", full.clone())).expect("json"),
                comparison_json(&[named("A", base.clone()), named("B", doubled)]).expect("json"),
            ],
            check: check_json,
        },
        Target {
            name: "storage loader (saved library)",
            seeds: vec![
                storage::serialize(&library).expect("json"),
                r#"{"version":1,"scenarios":[{"name":"Old","query":"v=1&basket=20000"}]}"#.into(),
            ],
            check: check_storage,
        },
        Target {
            name: "CRM CSV reader",
            seeds: vec![
                include_str!("../tests/golden/crm-hand-computed.csv").into(),
                "Date de création;Étape;Montant;Source\n03/02/2026;client;1 500,50;Salon\n04/02/2026;lead;;\n".into(),
            ],
            check: check_crm,
        },
        Target {
            name: "SLA leads CSV reader",
            seeds: vec![
                actuals_csv(&sla).expect("csv"),
                "Date\tChannel\tPersona\tLeads\n2026-11-03\tE-mail\tSmall business\t4\n".into(),
            ],
            check: check_sla_csv,
        },
    ]
}

/// Text that stresses readers: separators, quotes, escapes, digits, huge and odd numbers.
const PIECES: &[&str] = &[
    "&",
    "=",
    "%",
    "%25",
    "%00",
    "%FF",
    "%E9",
    ",",
    ";",
    ":",
    "\t",
    "\n",
    "\r\n",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "\\",
    "\\u",
    "\\ud800",
    "-",
    "+",
    ".",
    "e",
    "E",
    "0",
    "1",
    "9",
    "00",
    "-1",
    "1e308",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "4294967296",
    "18446744073709551616",
    "999999999999",
    "v=1",
    "v=2",
    "stage=",
    "sla_ch=",
    "ch=",
    "ch_entry=top",
    "ch_spend=",
    "ch_curve=sat:",
    "ch_conv=q:",
    "sla_pe=",
    "sla_act=2026-11.",
    "sla_month=2026-02",
    "s=",
    "view=compare",
    "fc_",
    "mc_",
    "mc_cpl=0:",
    "tm=2,",
    ",linear,",
    "glossary_",
    "null",
    "true",
    "\"version\":",
    "é",
    "€",
    "\u{feff}",
    "\u{202f}",
    "A",
    "_",
    "~",
    "2026-11-31",
    "31/12/2026",
    "1 500,50",
    "1,500",
];

fn arbitrary(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.gen_range(0..40) {
        if rng.gen_bool(0.7) {
            out.push_str(PIECES[rng.gen_range(0..PIECES.len())]);
        } else {
            out.push(char::from_u32(rng.gen_range(0..0x3000)).unwrap_or('?'));
        }
    }
    out
}

/// The nearest char boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn mutate(seed: &str, rng: &mut ChaCha8Rng) -> String {
    let mut text = seed.to_owned();
    for _ in 0..rng.gen_range(1..4) {
        let len = text.len();
        let at = boundary(&text, rng.gen_range(0..=len));
        match rng.gen_range(0..6) {
            0 => text.insert_str(at, PIECES[rng.gen_range(0..PIECES.len())]),
            1 => {
                let end = boundary(&text, at + rng.gen_range(0..32));
                text.replace_range(at..end.max(at), "");
            }
            2 => {
                // Repeat a slice many times: thousands of keys, rows or columns.
                let end = boundary(&text, at + rng.gen_range(1..64));
                let slice = text[at..end.max(at)].to_owned();
                let times = if rng.gen_bool(0.05) {
                    2_000
                } else {
                    rng.gen_range(1..20)
                };
                text.insert_str(end.max(at), &slice.repeat(times));
            }
            3 => {
                // Swap a digit run for an extreme number.
                let end = boundary(&text, at + rng.gen_range(1..8));
                let extreme = [
                    "1e308",
                    "-1",
                    "NaN",
                    "0",
                    "99999999999999999999",
                    "0.0000001",
                ];
                text.replace_range(at..end.max(at), extreme[rng.gen_range(0..extreme.len())]);
            }
            4 => {
                let end = boundary(&text, at + rng.gen_range(1..16));
                let piece = arbitrary(rng);
                text.replace_range(at..end.max(at), &piece);
            }
            _ => text.truncate(at),
        }
    }
    text
}

fn run(target: &Target, cases: u64, seed: u64) -> Tally {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = Tally::default();
    for case in 0..cases {
        let input = if case % 2 == 0 {
            arbitrary(&mut rng)
        } else {
            mutate(
                &target.seeds[rng.gen_range(0..target.seeds.len())],
                &mut rng,
            )
        };
        match panic::catch_unwind(AssertUnwindSafe(|| (target.check)(&input))) {
            Ok(Ok(true)) => tally.accepted += 1,
            Ok(Ok(false)) => tally.refused += 1,
            Ok(Err(problem)) => {
                tally.mismatches += 1;
                tally
                    .first_problem
                    .get_or_insert_with(|| format!("{problem}: {:?}", clip(&input)));
            }
            Err(_) => {
                tally.panics += 1;
                tally
                    .first_problem
                    .get_or_insert_with(|| format!("panic: {:?}", clip(&input)));
            }
        }
    }
    tally
}

fn clip(input: &str) -> String {
    input.chars().take(300).collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let cases: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    // Panics are counted and the first input shown; the default hook would print each one.
    panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    println!("fuzz: {cases} cases per target (half arbitrary, half mutated valid), seed {seed}");
    // FUZZ_ONLY=storage (any part of a name) runs one target.
    let only = std::env::var("FUZZ_ONLY").unwrap_or_default();
    for target in targets()
        .into_iter()
        .filter(|t| t.name.contains(only.as_str()))
    {
        for seed_input in &target.seeds {
            assert_eq!(
                (target.check)(seed_input),
                Ok(true),
                "{}: a seed is refused",
                target.name
            );
        }
        let start = Instant::now();
        let tally = run(&target, cases, seed);
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{:<45} {:>9} accepted {:>9} refused {:>3} panics {:>3} mismatches  {:>6.1} s ({:.0} cases/s)",
            target.name,
            tally.accepted,
            tally.refused,
            tally.panics,
            tally.mismatches,
            seconds,
            cases as f64 / seconds
        );
        if let Some(problem) = &tally.first_problem {
            println!("    first problem: {problem}");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// A mix of every curve, conversion and bound, as a seed for the channel keys.
fn example_mix() -> ChannelMix {
    let channel = Channel::new;
    let mut mix = ChannelMix {
        entry: Entry::Leads,
        objective: Default::default(),
        channels: vec![
            channel(
                "Paid search",
                60_000.0,
                Response::Linear {
                    cost_per_lead: 120.0,
                },
                Conversion::Funnel,
            ),
            channel(
                "Events",
                30_000.0,
                Response::Linear {
                    cost_per_lead: 300.0,
                },
                Conversion::Quality { factor: 1.5 },
            ),
            channel(
                "Content",
                50_000.0,
                Response::Saturating {
                    ceiling: 2_000.0,
                    scale: 100_000.0,
                },
                Conversion::Own {
                    rates: vec![40.0, 50.0, 60.0, 25.0],
                },
            ),
            channel(
                "SEO",
                2_000.0,
                Response::Count { volume: 300.0 },
                Conversion::Funnel,
            ),
        ],
    };
    mix.channels[1].min_spend = Some(10_000.0);
    mix.channels[2].max_spend = Some(150_000.0);
    mix
}
