//! Native Monte Carlo benchmark: trials per second for 100,000 trials of the default
//! scenario with every input uncertain, without a projection and with a 12- and a 36-month
//! one, and of the golden SaaS forecast (`tests/golden/saas_forecast.url`, 24 months, the
//! scenario the browser bench runs), and of the example's five channels (every rate below
//! the entry and every channel's cost per lead ±20 %, the set-up the panel starts with: each
//! trial blends the channels again), in chunks of 5,000 as the page does (plus the time of
//! one summary).
//! Run: `cargo bench --bench monte_carlo` (`BENCH_SMOKE=1`: 1,000 trials once, to prove it
//! runs, as the test command does).

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use funnelsim::model::forecast::monte_carlo::MonteCarlo;
use funnelsim::model::forecast::projection::{Growth, Projection, RevenueModel};
use funnelsim::model::forecast::uncertainty::{Spread, Uncertainty};
use funnelsim::model::Scenario;

const CHUNK: u32 = 5_000;

/// Whether this is a smoke run (`BENCH_SMOKE` set): tiny sizes, not a measurement.
fn smoke() -> bool {
    std::env::var_os("BENCH_SMOKE").is_some()
}

/// Trials per run: 100,000 (1,000 in a smoke run).
fn trials() -> u32 {
    if smoke() {
        1_000
    } else {
        100_000
    }
}

/// Runs per case, the median taken: 5 (1 in a smoke run).
fn runs() -> usize {
    if smoke() {
        1
    } else {
        5
    }
}

/// The default B2B baseline with a ±20 % range on the top, every rate and the basket,
/// observed counts on the last rate and a churn range.
fn uncertain_scenario(months: Option<u32>) -> Scenario {
    let base = Scenario::default();
    let range = |x: f64| Spread::Range {
        low: x * 0.8,
        likely: x,
        high: (x * 1.2).min(if x <= 100.0 { 100.0 } else { f64::MAX }),
    };
    let mut uncertainty = Uncertainty {
        seed: 2026,
        trials: trials(),
        top: Some(range(base.top_count())),
        basket: Some(range(base.basket)),
        churn: Some(Spread::Range {
            low: 1.0,
            likely: 2.0,
            high: 4.0,
        }),
        ..Uncertainty::default()
    };
    for (i, stage) in base.stages.iter().enumerate().skip(1) {
        uncertainty.rates.insert(i, range(stage.value));
    }
    let last = base.stages.len() - 1;
    uncertainty.rates.insert(
        last,
        Spread::Observed {
            successes: 45,
            trials: 180,
        },
    );
    Scenario {
        projection: months.map(|months| {
            Arc::new(Projection {
                months,
                growth: Growth::Growing { pct_per_month: 2.0 },
                sales_cycle_days: 60.0,
                churn_pct: 2.0,
                upsell_pct: 0.5,
                revenue_model: RevenueModel::Subscription,
                ..Projection::default()
            })
        }),
        uncertainty: Some(Arc::new(uncertainty)),
        ..base
    }
}

/// The example's channel mix with the Monte Carlo set-up the panel starts it with.
fn channels_example() -> Scenario {
    let example = Scenario::example();
    let mut uncertainty = funnelsim::model::forecast::edit::starting_uncertainty(&example);
    uncertainty.trials = trials();
    uncertainty.seed = 2026;
    Scenario {
        uncertainty: Some(Arc::new(uncertainty)),
        ..example
    }
}

/// The golden SaaS forecast of the tests, with 100,000 trials.
fn golden_forecast() -> Scenario {
    let link = include_str!("../tests/golden/saas_forecast.url").trim();
    let mut scenario =
        funnelsim::model::persist::scenario_link::decode(link).expect("the golden link reads");
    if let Some(uncertainty) = scenario.uncertainty.as_mut() {
        Arc::make_mut(uncertainty).trials = trials();
    }
    scenario
}

fn main() {
    let (trials, runs) = (trials(), runs());
    println!("| run ({trials} trials, chunks of {CHUNK}) | median time | trials/s | one summary |");
    println!("|---|---|---|---|");
    for (label, scenario) in [
        ("no projection", uncertain_scenario(None)),
        ("12-month projection", uncertain_scenario(Some(12))),
        ("36-month projection", uncertain_scenario(Some(36))),
        ("golden SaaS forecast (24 months)", golden_forecast()),
        (
            "example's 5 channels, rates and costs per lead ±20 %",
            channels_example(),
        ),
    ] {
        let mut times = Vec::new();
        let mut summary_times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let mut run = MonteCarlo::new(&scenario).expect("a valid set-up");
            while !run.done() {
                run.step(CHUNK);
            }
            times.push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            black_box(run.summary());
            summary_times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        summary_times.sort_by(f64::total_cmp);
        let median = times[runs / 2];
        println!(
            "| {label} | {:.1} ms | {:.0} | {:.1} ms |",
            median * 1000.0,
            f64::from(trials) / median,
            summary_times[runs / 2] * 1000.0
        );
    }
    in_parts(&golden_forecast(), runs);
    sorting(runs);
}

/// The sorting a part's worker does: 8 parts of 12,500 kept trials, 6 metrics (`f64`) and 24
/// months (`f32`) each, against a selection of P10 / P50 / P90 over all of them.
fn sorting(runs: usize) {
    use funnelsim::model::forecast::sorted_runs::sort;
    let mut x: u64 = 88172645463325252;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        1e4 * (1.0 + (x >> 11) as f64 / (1u64 << 53) as f64 * 3.0)
    };
    let f64s: Vec<f64> = (0..12_500).map(|_| next()).collect();
    let f32s: Vec<f32> = f64s.iter().map(|&v| v as f32).collect();
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        for _ in 0..8 {
            for _ in 0..6 {
                let mut c = f64s.clone();
                sort(&mut c);
                black_box(&c);
            }
            for _ in 0..24 {
                let mut c = f32s.clone();
                sort(&mut c);
                black_box(&c);
            }
        }
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "radix sorts of 8 parts' 100,000 kept trials (6 f64 + 24 f32 columns): {:.1} ms",
        times[runs / 2] * 1000.0
    );
}

/// The golden forecast as the worker pool runs it: 8 parts of whole blocks (each run on its
/// own and sorted, as a worker does), their bytes, then the collecting run adding them and
/// its summary.
fn in_parts(scenario: &Scenario, runs: usize) {
    use funnelsim::model::forecast::monte_carlo::{TrialsPart, MEAN_BLOCK};
    let run = MonteCarlo::new(scenario).expect("a valid set-up");
    let per_part = run.trials().div_ceil(MEAN_BLOCK).div_ceil(8) * MEAN_BLOCK;
    // Part `k` of the 8, run and sorted as its worker does.
    let part = |k: u32| {
        let end = ((k + 1) * per_part).min(run.trials());
        run.part(k * per_part, end).expect("whole blocks")
    };
    let count = run.trials().div_ceil(per_part);
    let (mut parts_times, mut collect_times) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let bytes: Vec<Vec<u8>> = (0..count).map(|k| part(k).to_bytes()).collect();
        parts_times.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let mut collecting = MonteCarlo::new(scenario).expect("a valid set-up");
        for bytes in &bytes {
            let part = TrialsPart::from_bytes(bytes).expect("a part");
            collecting.absorb(part).expect("in order");
        }
        black_box(collecting.summary());
        collect_times.push(start.elapsed().as_secs_f64());
    }
    parts_times.sort_by(f64::total_cmp);
    collect_times.sort_by(f64::total_cmp);
    // The bytes alone: the parts written (as each worker does) and read back (as the collecting one does).
    let parts: Vec<TrialsPart> = (0..count).map(part).collect();
    let (mut write_times, mut read_times) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let bytes: Vec<Vec<u8>> = parts.iter().map(TrialsPart::to_bytes).collect();
        write_times.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        for bytes in &bytes {
            black_box(TrialsPart::from_bytes(bytes).expect("a part"));
        }
        read_times.push(start.elapsed().as_secs_f64());
    }
    write_times.sort_by(f64::total_cmp);
    read_times.sort_by(f64::total_cmp);
    println!();
    println!(
        "golden SaaS forecast in 8 parts: the parts (trials, sorting, bytes) {:.1} ms; \
         the collecting run (reading, adding, the summary) {:.1} ms",
        parts_times[runs / 2] * 1000.0,
        collect_times[runs / 2] * 1000.0
    );
    println!(
        "their bytes alone: written {:.1} ms, read back (and checked sorted) {:.1} ms",
        write_times[runs / 2] * 1000.0,
        read_times[runs / 2] * 1000.0
    );
}
