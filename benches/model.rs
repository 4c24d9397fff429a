//! Native model benchmark: time to evaluate the forward and reverse funnel (and the URL
//! codec) for the default scenario and a 12-stage one. Run: `cargo bench --bench model`.

use std::hint::black_box;
use std::time::Instant;

use funnelsim::model::scenario::MAX_STAGES;
use funnelsim::model::url::{decode, encode};
use funnelsim::model::{analyse, Scenario, Stage};

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

fn main() {
    let default = Scenario::default();
    let wide = Scenario {
        stages: (0..MAX_STAGES)
            .map(|i| Stage::new(&format!("Stage {i}"), if i == 0 { 1e6 } else { 80.0 }))
            .collect(),
        ..Scenario::default()
    };
    let query = encode(&default);

    println!("| operation | median | p95 |");
    println!("|---|---|---|");
    type Bench<'a> = (&'a str, Box<dyn FnMut() + 'a>);
    let rows: [Bench; 4] = [
        (
            "analyse (forward + reverse), 6 stages",
            Box::new(|| {
                black_box(analyse(black_box(&default)));
            }),
        ),
        (
            "analyse (forward + reverse), 12 stages",
            Box::new(|| {
                black_box(analyse(black_box(&wide)));
            }),
        ),
        (
            "url::encode, 6 stages",
            Box::new(|| {
                black_box(encode(black_box(&default)));
            }),
        ),
        (
            "url::decode, 6 stages",
            Box::new(|| {
                let _ = black_box(decode(black_box(&query)));
            }),
        ),
    ];
    for (name, mut f) in rows {
        for _ in 0..10_000 {
            f(); // warm-up
        }
        let (median, p95) = measure(2_000, 200, &mut f);
        println!(
            "| {name} | {:.2} µs | {:.2} µs |",
            median / 1000.0,
            p95 / 1000.0
        );
    }
}
