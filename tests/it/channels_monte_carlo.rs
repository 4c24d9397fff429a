//! The Monte Carlo on a channel mix: every trial blends the channels again, with the funnel's
//! sampled rates and each channel's sampled cost per lead.
//!
//! Worked by hand on the three-channel example of `channels.rs` (leads enter at stage 2;
//! 40 % → MQL, 50 % → SQL, 60 % → opportunity, 25 % → customer, so 0.03 customers per lead;
//! 43.108 customers for 140,000 €):
//!
//! - Paid search's cost per lead fixed at 240 € instead of 120 € (a range with low = likely =
//!   high): it brings 60,000 ÷ 240 = 250 leads, 7.5 customers instead of 15, so every trial
//!   has 43.108 − 7.5 = 35.608 customers, for the same 140,000 € (CAC 3,931.7 €).
//! - The rate into MQL fixed at 20 % instead of 40 %: paid search 500 × 0.015 = 7.5, events
//!   (quality × 1.5: 30 %) 100 × 0.3 × 0.075 = 2.25, content 786.94 × 0.015 = 11.804, so
//!   21.554 customers. With events on their own rates (60 / 50 / 60 / 25 %) they keep their
//!   4.5 customers whatever the funnel's rate: 23.804.
//! - Paid search's cost per lead as a range 100 / 120 / 180 €: its leads lie between
//!   60,000 ÷ 180 = 333.3 and 600, so customers between 28.108 + 10 = 38.108 and
//!   28.108 + 18 = 46.108; more leads when the cost is low, so P10 < P50 < P90 inside.

use std::sync::Arc;

use funnelsim::model::forecast::edit::ForecastEdit;
use funnelsim::model::forecast::monte_carlo::{simulate, MonteCarloError};
use funnelsim::model::forecast::uncertainty::{Spread, Uncertain, Uncertainty, UncertaintyError};
use funnelsim::model::funnel::channels::{ChannelMix, Conversion, Entry};
use funnelsim::model::funnel::channels_edit::ChannelEdit;
use funnelsim::model::persist::export::{import_json, scenario_json, Imported};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::{Edit, Editor, NamedScenario, Scenario};
use proptest::prelude::*;

use crate::channels::{assert_near, worked_mix};
use crate::channels_scenario::default_twin;

fn fixed(value: f64) -> Spread {
    Spread::Range {
        low: value,
        likely: value,
        high: value,
    }
}

fn with_mix(mix: ChannelMix, uncertainty: Uncertainty) -> Scenario {
    Scenario {
        channels: Some(Arc::new(mix)),
        uncertainty: Some(Arc::new(uncertainty)),
        ..Scenario::default()
    }
}

fn set_up(spreads: &[(Uncertain, Spread)]) -> Uncertainty {
    let mut uncertainty = Uncertainty {
        trials: 2_001,
        seed: 7,
        ..Uncertainty::default()
    };
    for &(input, spread) in spreads {
        uncertainty.set_spread(input, Some(spread));
    }
    uncertainty
}

#[test]
fn a_certain_mix_gives_every_trial_its_blended_funnel() {
    let summary = simulate(&with_mix(worked_mix(), set_up(&[]))).unwrap();
    for q in [
        summary.customers.p10,
        summary.customers.p50,
        summary.customers.p90,
    ] {
        assert_near(q.unwrap(), 43.108_2, 1e-4, "customers");
    }
    assert_near(summary.cac.p50.unwrap(), 140_000.0 / 43.108_2, 0.1, "CAC");
}

#[test]
fn a_channel_s_cost_per_lead_drawn_sets_its_leads() {
    let paid_at_240 = set_up(&[(Uncertain::ChannelCost(0), fixed(240.0))]);
    let summary = simulate(&with_mix(worked_mix(), paid_at_240)).unwrap();
    let customers = summary.customers.p50.unwrap();
    assert_near(customers, 43.108_2 - 7.5, 1e-4, "customers at 240 € a lead");
    assert_eq!(summary.customers.p10, summary.customers.p90);
    assert_near(
        summary.cac.p50.unwrap(),
        140_000.0 / customers,
        1e-6,
        "same spend, fewer customers",
    );

    let range = Spread::Range {
        low: 100.0,
        likely: 120.0,
        high: 180.0,
    };
    let summary = simulate(&with_mix(
        worked_mix(),
        set_up(&[(Uncertain::ChannelCost(0), range)]),
    ))
    .unwrap();
    let c = summary.customers;
    let (p10, p50, p90) = (c.p10.unwrap(), c.p50.unwrap(), c.p90.unwrap());
    assert!(
        38.108 < p10 && p10 < p50 && p50 < p90 && p90 < 46.109,
        "{p10} {p50} {p90}"
    );
}

#[test]
fn a_rate_drawn_moves_the_channels_on_the_funnel_s_rates_only() {
    let mql_at_20 = set_up(&[(Uncertain::Rate(2), fixed(20.0))]);
    let summary = simulate(&with_mix(worked_mix(), mql_at_20.clone())).unwrap();
    assert_near(
        summary.customers.p50.unwrap(),
        7.5 + 2.25 + 786.938_681 * 0.015,
        1e-4,
        "customers at 20 % into MQL",
    );
    let mut own = worked_mix();
    own.channels[1].conversion = Conversion::Own {
        rates: vec![60.0, 50.0, 60.0, 25.0],
    };
    let summary = simulate(&with_mix(own, mql_at_20)).unwrap();
    assert_near(
        summary.customers.p50.unwrap(),
        7.5 + 4.5 + 786.938_681 * 0.015,
        1e-4,
        "events keep their own rates",
    );
}

#[test]
fn the_volume_a_mix_brings_takes_no_spread() {
    let top = Spread::Range {
        low: 1.0,
        likely: 2.0,
        high: 3.0,
    };
    let error = simulate(&with_mix(worked_mix(), set_up(&[(Uncertain::Top, top)])));
    assert_eq!(
        error.unwrap_err(),
        MonteCarloError::Uncertainty(UncertaintyError::TopFromChannels)
    );
    // Leads enter at stage 2: the rate into it is not used.
    let error = simulate(&with_mix(
        worked_mix(),
        set_up(&[(Uncertain::Rate(1), fixed(3.0))]),
    ));
    assert_eq!(
        error.unwrap_err(),
        MonteCarloError::Uncertainty(UncertaintyError::AboveEntry { stage: 1, entry: 1 })
    );
    let error = simulate(&with_mix(
        worked_mix(),
        set_up(&[(Uncertain::ChannelCost(3), fixed(3.0))]),
    ));
    assert_eq!(
        error.unwrap_err(),
        MonteCarloError::Uncertainty(UncertaintyError::NoSuchChannel {
            channel: 3,
            channels: 3
        })
    );
    let zero = set_up(&[(Uncertain::ChannelCost(0), fixed(0.0))]);
    assert!(matches!(
        simulate(&with_mix(worked_mix(), zero)),
        Err(MonteCarloError::Uncertainty(
            UncertaintyError::OutOfRange { .. }
        ))
    ));
}

#[test]
fn cost_ranges_travel_in_the_link_and_the_file() {
    let spreads = [
        (
            Uncertain::ChannelCost(2),
            Spread::Range {
                low: 50.0,
                likely: 63.5,
                high: 90.0,
            },
        ),
        (Uncertain::Rate(3), fixed(45.0)),
    ];
    let scenario = with_mix(worked_mix(), set_up(&spreads));
    let query = encode(&scenario);
    assert!(query.contains("mc_cpl=2:50,63.5,90"), "{query}");
    assert_eq!(decode(&query).unwrap(), scenario);
    let named = NamedScenario {
        name: "Costs".into(),
        scenario: scenario.clone(),
    };
    match import_json(&scenario_json(&named).unwrap()).unwrap() {
        Imported::Scenario(back) => assert_eq!(back.scenario, scenario),
        other => panic!("{other:?}"),
    }
    // A range for a channel the link does not have names its key.
    let broken = query.replace("mc_cpl=2:", "mc_cpl=7:");
    let error = decode(&broken).unwrap_err().to_string();
    assert!(error.contains("mc_cpl"), "{error}");
    let broken = query.replace("mc_cpl=2:", "mc_cpl=2");
    let error = decode(&broken).unwrap_err().to_string();
    assert!(error.contains("channel:spread"), "{error}");
}

#[test]
fn cost_ranges_follow_their_channels_through_the_table() {
    let mut editor = Editor::new(with_mix(
        worked_mix(),
        set_up(&[
            (Uncertain::ChannelCost(0), fixed(240.0)),
            (Uncertain::ChannelCost(2), fixed(70.0)),
        ]),
    ));
    let costs = |editor: &Editor| -> Vec<(usize, Spread)> {
        let uncertainty = editor.scenario().uncertainty.as_deref().unwrap();
        uncertainty
            .channel_costs
            .iter()
            .map(|(&i, &s)| (i, s))
            .collect()
    };
    editor.apply(Edit::Channels(ChannelEdit::Move { from: 0, to: 2 }));
    assert_eq!(costs(&editor), vec![(1, fixed(70.0)), (2, fixed(240.0))]);
    editor.apply(Edit::Channels(ChannelEdit::Remove(0)));
    assert_eq!(costs(&editor), vec![(0, fixed(70.0)), (1, fixed(240.0))]);
    editor.apply(Edit::Channels(ChannelEdit::Remove(0)));
    assert_eq!(costs(&editor), vec![(0, fixed(240.0))]);
    assert!(simulate(editor.scenario()).is_ok());
    // Removing the last channel ends the mix, and its ranges with it.
    editor.apply(Edit::Channels(ChannelEdit::Remove(0)));
    assert!(editor.scenario().mix().is_none());
    assert_eq!(costs(&editor), vec![]);
    assert!(simulate(editor.scenario()).is_ok());
}

#[test]
fn starting_channels_or_a_lead_entry_drops_the_spreads_the_mix_replaces() {
    let mut editor = Editor::new(Scenario::default());
    editor.apply(Edit::Forecast(ForecastEdit::StartUncertainty));
    let spread = |editor: &Editor, input| {
        editor
            .scenario()
            .uncertainty
            .as_deref()
            .unwrap()
            .spread(input)
    };
    editor.apply(Edit::Forecast(ForecastEdit::SpreadKind(
        Uncertain::Top,
        funnelsim::model::forecast::edit::SpreadKind::Range,
    )));
    assert!(spread(&editor, Uncertain::Top).is_some());
    editor.apply(Edit::Channels(ChannelEdit::Start));
    assert_eq!(
        spread(&editor, Uncertain::Top),
        None,
        "the channels bring the top"
    );
    assert!(spread(&editor, Uncertain::Rate(1)).is_some());
    assert!(simulate(editor.scenario()).is_ok());
    editor.apply(Edit::Channels(ChannelEdit::Entry(Entry::Leads)));
    assert_eq!(
        spread(&editor, Uncertain::Rate(1)),
        None,
        "leads enter at stage 2"
    );
    assert!(spread(&editor, Uncertain::Rate(2)).is_some());
    assert!(simulate(editor.scenario()).is_ok());
}

#[test]
fn a_first_run_on_the_example_ranges_every_bought_channel_s_cost() {
    let mut editor = Editor::new(Scenario::example());
    editor.apply(Edit::Forecast(ForecastEdit::StartUncertainty));
    let scenario = editor.scenario();
    let uncertainty = scenario.uncertainty.as_deref().unwrap();
    assert_eq!(uncertainty.top, None);
    assert_eq!(uncertainty.channel_costs.len(), 5);
    // Paid ads: 5 € a visit, ±20 %.
    assert_eq!(
        uncertainty.spread(Uncertain::ChannelCost(3)),
        Some(Spread::Range {
            low: 4.0,
            likely: 5.0,
            high: 6.0
        })
    );
    let summary = simulate(scenario).unwrap();
    let c = summary.customers;
    assert!(c.p10.unwrap() < 90.0 && 90.0 < c.p90.unwrap(), "{c:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Channels that all convert at the funnel's rates, with the same draws of the rates,
    /// give the trials of the funnel they add up to (the default's twin: 120,000 visits).
    #[test]
    fn a_twin_mix_samples_the_funnel_s_trials(seed in any::<u64>(), share in 0.01f64..0.5) {
        let mut spreads = Uncertainty { seed, trials: 301, ..Uncertainty::default() };
        for stage in 1..6 {
            let rate = Scenario::default().stages[stage].value;
            spreads.set_spread(Uncertain::Rate(stage), Some(Spread::Range {
                low: rate * (1.0 - share),
                likely: rate,
                high: (rate * (1.0 + share)).min(100.0),
            }));
        }
        let plain = Scenario { uncertainty: Some(Arc::new(spreads.clone())), ..Scenario::default() };
        let twin = Scenario { uncertainty: Some(Arc::new(spreads)), ..default_twin() };
        let (a, b) = (simulate(&plain).unwrap(), simulate(&twin).unwrap());
        for (x, y) in [
            (a.customers.p10, b.customers.p10),
            (a.customers.p50, b.customers.p50),
            (a.customers.p90, b.customers.p90),
            (a.revenue.mean, b.revenue.mean),
            (a.required_leads.p50, b.required_leads.p50),
        ] {
            let (x, y) = (x.unwrap(), y.unwrap());
            prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{x} vs {y}");
        }
    }
}
