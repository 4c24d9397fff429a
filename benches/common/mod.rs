//! Shared by the native benchmarks: the 12-stage scenario, the timing loop and the
//! markdown table they print.

use std::time::Instant;

use funnelsim::model::funnel::scenario::MAX_STAGES;
use funnelsim::model::{Scenario, Stage};

/// A named operation to time.
pub type Bench<'a> = (&'a str, Box<dyn FnMut() + 'a>);

/// The widest funnel: 12 stages, 1,000,000 at the top, 80 % at every step.
pub fn wide_scenario() -> Scenario {
    Scenario {
        stages: (0..MAX_STAGES)
            .map(|i| Stage::new(&format!("Stage {i}"), if i == 0 { 1e6 } else { 80.0 }))
            .collect(),
        ..Scenario::default()
    }
}

/// Median and 95th percentile (ns per call) of `samples` batches of `per_batch` calls.
fn measure(per_batch: u32, samples: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(per_batch)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[samples / 2], times[samples * 95 / 100])
}

/// Whether this is a smoke run (`BENCH_SMOKE` set, as the test command runs every bench):
/// a few calls each, to prove the bench still runs, not to measure.
pub fn smoke() -> bool {
    std::env::var_os("BENCH_SMOKE").is_some()
}

/// Warms each operation up with `warm_up` calls, times 200 batches of `per_batch` calls
/// and prints one markdown row of median and p95 per operation (3 batches of one call in a
/// [`smoke`] run).
pub fn print_table(rows: Vec<Bench<'_>>, warm_up: u32, per_batch: u32) {
    let (warm_up, per_batch, samples) = if smoke() {
        (1, 1, 3)
    } else {
        (warm_up, per_batch, 200)
    };
    println!("| operation | median | p95 |");
    println!("|---|---|---|");
    for (name, mut f) in rows {
        for _ in 0..warm_up {
            f();
        }
        let (median, p95) = measure(per_batch, samples, &mut f);
        println!(
            "| {name} | {:.2} µs | {:.2} µs |",
            median / 1000.0,
            p95 / 1000.0
        );
    }
}
