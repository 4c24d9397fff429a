//! Native model benchmark: time to evaluate the forward and reverse funnel (and the URL
//! codec) for the default scenario and a 12-stage one. Run: `cargo bench --bench model`.

use std::hint::black_box;

#[path = "common/mod.rs"]
mod common;

use common::{print_table, wide_scenario, Bench};

use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::{analyse, Scenario};

fn main() {
    let default = Scenario::default();
    let wide = wide_scenario();
    let query = encode(&default);

    let rows: Vec<Bench> = vec![
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
    print_table(rows, 10_000, 2_000);
}
