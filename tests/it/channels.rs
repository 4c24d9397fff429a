//! Channels in the model: a worked example computed by hand (three channels, one of them
//! saturating), the blended funnel equal to the sum of the channels, and the allocator's
//! optimum (no transfer between two channels improves it; linear channels are filled best
//! first).
//!
//! The worked example, on the default scenario (basket 15,000 €, margin 70 %, LTV 42,000 €;
//! from leads: 40 % → MQL, 50 % → SQL, 60 % → opportunity, 25 % → customer, so 0.03
//! customers per lead), every channel bringing leads:
//!
//! | channel | curve | spend | leads | customers |
//! |---|---|---|---|---|
//! | Paid search | 120 € per lead | 60,000 € | 500 | 500 × 0.03 = 15 |
//! | Events | 300 € per lead, quality × 1.5 (60 % → MQL) | 30,000 € | 100 | 100 × 0.045 = 4.5 |
//! | Content | 2,000 · (1 − e^(−spend ÷ 100,000)) | 50,000 € | 2,000 · (1 − e^(−0.5)) = 786.94 | 23.608 |
//!
//! Blended: 140,000 € for 1,386.94 leads and 43.108 customers (CAC 3,247.6 €), revenue
//! 646,622 €. Paid search alone: CAC 60,000 ÷ 15 = 4,000 €, cost per MQL 60,000 ÷ 200 = 300 €,
//! ROI on revenue (225,000 − 60,000) ÷ 60,000 = 2.75, LTV:CAC 42,000 ÷ 4,000 = 10.5.
//!
//! The next euro: paid search brings 0.03 ÷ 120 = 0.00025 customers (4,000 € a customer),
//! events 0.045 ÷ 300 = 0.00015 (6,666.67 €), content 0.03 × 0.02 · e^(−0.5) = 0.000363918
//! (2,747.87 €): the next 1,000 € should go to content.
//!
//! The best split of the same 140,000 € for customers: content is worth more than paid
//! search while 0.0006 · e^(−s ÷ 100,000) > 0.00025, that is up to s = 100,000 · ln 2.4 =
//! 87,546.87 €; paid search takes the remaining 52,453.13 € and events nothing. Customers:
//! 2,000 · (1 − 1 ÷ 2.4) × 0.03 = 35 from content, 52,453.13 ÷ 120 × 0.03 = 13.113 from paid
//! search: 48.113 in all, 5.005 more than the current split. The smallest budget for
//! 1,000,000 € of revenue (66.667 customers): content at 87,546.87 € (35 customers), paid
//! search 31.667 ÷ 0.00025 = 126,666.67 €: 214,213.54 € in all.
use funnelsim::model::funnel::channels::{
    channel_funnel, evaluate_mix, marginal, Channel, ChannelMix, Conversion, Entry, Response,
};
use funnelsim::model::workbench::allocate::{
    allocate, apply, budget_for_target, objective_at, AllocateError, Objective,
};
use funnelsim::model::Scenario;
use proptest::prelude::*;

pub(crate) fn worked_mix() -> ChannelMix {
    ChannelMix {
        entry: Entry::Leads,
        objective: Default::default(),
        channels: vec![
            Channel::new(
                "Paid search",
                60_000.0,
                Response::Linear {
                    cost_per_lead: 120.0,
                },
                Conversion::Funnel,
            ),
            Channel::new(
                "Events",
                30_000.0,
                Response::Linear {
                    cost_per_lead: 300.0,
                },
                Conversion::Quality { factor: 1.5 },
            ),
            Channel::new(
                "Content",
                50_000.0,
                Response::Saturating {
                    ceiling: 2_000.0,
                    scale: 100_000.0,
                },
                Conversion::Funnel,
            ),
        ],
    }
}

pub(crate) fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: {actual} vs {expected} (± {tolerance})"
    );
}

#[test]
fn the_worked_example_per_channel_and_blended() {
    let scenario = Scenario::default();
    let result = evaluate_mix(&scenario, &worked_mix(), "All channels");
    let [paid, events, content] = &result.channels[..] else {
        panic!("three channels")
    };
    // Leads enter at stage 1: the top (visitors) is not invented.
    assert_eq!(paid.counts[0], None);
    assert_eq!(
        paid.counts[1..],
        [
            Some(500.0),
            Some(200.0),
            Some(100.0),
            Some(60.0),
            Some(15.0)
        ]
    );
    assert_eq!(paid.cost_per[1..3], [Some(120.0), Some(300.0)]);
    assert_eq!(paid.returns.cac, Some(4_000.0));
    assert_eq!(paid.returns.revenue, 225_000.0);
    assert_near(paid.returns.roi_revenue.unwrap(), 2.75, 1e-12, "ROI");
    assert_near(paid.returns.ltv_cac.unwrap(), 10.5, 1e-12, "LTV:CAC");
    assert_near(events.customers, 4.5, 1e-9, "events customers");
    assert_near(events.counts[2].unwrap(), 60.0, 1e-9, "events MQL at 60 %");
    assert_near(content.counts[1].unwrap(), 786.94, 0.005, "content leads");
    assert_near(content.customers, 23.608, 0.0005, "content customers");

    let blended = &result.blended;
    assert_eq!(blended.counts[0], None);
    assert_eq!(blended.spend, 140_000.0);
    assert_near(blended.counts[1].unwrap(), 1_386.94, 0.005, "blended leads");
    assert_near(blended.customers, 43.108, 0.0005, "blended customers");
    assert_near(blended.returns.cac.unwrap(), 3_247.6, 0.05, "blended CAC");
    assert_near(blended.returns.revenue, 646_622.0, 1.0, "blended revenue");
}

#[test]
fn the_worked_example_s_next_euro_goes_to_the_saturating_channel() {
    let scenario = Scenario::default();
    let mix = worked_mix();
    let next: Vec<_> = mix
        .channels
        .iter()
        .map(|c| marginal(&scenario, mix.entry, c, c.spend, 1_000.0))
        .collect();
    assert_near(
        next[0].cost_per_customer.unwrap(),
        4_000.0,
        1e-6,
        "paid search",
    );
    assert_near(
        next[1].cost_per_customer.unwrap(),
        6_666.67,
        0.005,
        "events",
    );
    assert_near(
        next[2].cost_per_customer.unwrap(),
        2_747.87,
        0.005,
        "content",
    );
    let best = (0..3)
        .max_by(|&a, &b| {
            next[a]
                .roi_revenue
                .unwrap()
                .total_cmp(&next[b].roi_revenue.unwrap())
        })
        .unwrap();
    assert_eq!(mix.channels[best].name, "Content");
    // The next 1,000 € on paid search: 8.33 leads, 0.25 customers, 3,750 € of revenue.
    assert_near(
        next[0].roi_revenue.unwrap(),
        2.75,
        1e-9,
        "paid search marginal ROI",
    );
}

#[test]
fn the_worked_example_s_best_split_to_the_euro() {
    let scenario = Scenario::default();
    let mix = worked_mix();
    let best = allocate(&scenario, &mix, 140_000.0, Objective::Customers).unwrap();
    assert_near(best.spends[0], 52_453.13, 1.0, "paid search");
    assert_eq!(best.spends[1], 0.0, "events get nothing");
    assert_near(best.spends[2], 87_546.87, 1.0, "content");
    assert_near(best.total(), 140_000.0, 1e-6, "the whole budget");
    assert_near(best.value, 48.113, 0.0005, "customers");
    let now = objective_at(
        &scenario,
        &mix,
        &[60_000.0, 30_000.0, 50_000.0],
        Objective::Customers,
    );
    assert_near(best.value - now, 5.005, 0.0005, "what the move buys");
    // Applied, the mix's funnel shows the same customers.
    let applied = apply(&mix, &best);
    assert_near(
        evaluate_mix(&scenario, &applied, "All").blended.customers,
        best.value,
        1e-9,
        "applied",
    );

    // A minimum spend on events is kept; the rest splits as before.
    let mut bounded = mix.clone();
    bounded.channels[1].min_spend = Some(10_000.0);
    let best = allocate(&scenario, &bounded, 140_000.0, Objective::Customers).unwrap();
    assert_eq!(best.spends[1], 10_000.0);
    assert_near(best.spends[2], 87_546.87, 1.0, "content, bounded");
    assert_near(best.spends[0], 42_453.13, 1.0, "paid search, bounded");

    let target = budget_for_target(&scenario, &mix, 1_000_000.0).unwrap();
    assert_near(target.total(), 214_213.54, 1.0, "smallest budget for 1 M€");
    assert!(target.value >= 1_000_000.0 - 1e-6, "{}", target.value);
}

#[test]
fn impossible_budgets_and_targets_are_refused_with_a_reason() {
    let scenario = Scenario::default();
    let mut mix = worked_mix();
    for c in &mut mix.channels {
        c.min_spend = Some(50_000.0);
    }
    assert_eq!(
        allocate(&scenario, &mix, 100_000.0, Objective::Revenue),
        Err(AllocateError::BelowMinimums { minimum: 150_000.0 })
    );
    assert_eq!(
        allocate(&scenario, &mix, f64::NAN, Objective::Revenue),
        Err(AllocateError::BadBudget)
    );
    let none = ChannelMix {
        entry: Entry::Leads,
        objective: Default::default(),
        channels: vec![],
    };
    assert_eq!(
        allocate(&scenario, &none, 1.0, Objective::Revenue),
        Err(AllocateError::NoChannels)
    );
    // Only a saturating channel: its ceiling of 2,000 leads caps the revenue at 900,000 €.
    let capped = ChannelMix {
        entry: Entry::Leads,
        objective: Default::default(),
        channels: vec![worked_mix().channels[2].clone()],
    };
    match budget_for_target(&scenario, &capped, 1_000_000.0) {
        Err(AllocateError::Unreachable { most }) => {
            assert!(most <= 900_000.0 && most > 899_000.0, "{most}")
        }
        other => panic!("{other:?}"),
    }
    assert!(AllocateError::Unreachable { most: 900_000.0 }
        .to_string()
        .contains("900"));
}

#[test]
fn a_mix_entering_at_the_top_uses_the_visit_to_lead_rate() {
    let scenario = Scenario::default();
    let visits = Channel::new(
        "Paid search",
        10_000.0,
        Response::Linear { cost_per_lead: 0.5 },
        Conversion::Own { rates: vec![5.0] },
    );
    let funnel = channel_funnel(&scenario, Entry::Top, &visits, 10_000.0);
    // 20,000 visits at 5 % (the channel's own visit → lead rate) = 1,000 leads.
    assert_eq!(funnel.counts[0], Some(20_000.0));
    assert_near(funnel.counts[1].unwrap(), 1_000.0, 1e-9, "leads");
    assert_near(funnel.customers, 30.0, 1e-9, "customers");
    assert_eq!(funnel.cost_per[0], None);
    assert_near(funnel.cost_per[1].unwrap(), 10.0, 1e-9, "cost per lead");
}

fn any_response() -> impl Strategy<Value = Response> {
    prop_oneof![
        (10.0..500.0f64).prop_map(|cost_per_lead| Response::Linear { cost_per_lead }),
        (0.0..1_000.0f64).prop_map(|volume| Response::Count { volume }),
        (100.0..5_000.0f64, 1_000.0..200_000.0f64)
            .prop_map(|(ceiling, scale)| Response::Saturating { ceiling, scale }),
        (0.1..10.0f64, 0.3..0.95f64).prop_map(|(coefficient, exponent)| Response::Power {
            coefficient,
            exponent
        }),
    ]
}

fn any_conversion() -> impl Strategy<Value = Conversion> {
    prop_oneof![
        Just(Conversion::Funnel),
        (0.2..2.5f64).prop_map(|factor| Conversion::Quality { factor }),
        prop::collection::vec(1.0..100.0f64, 0..6).prop_map(|rates| Conversion::Own { rates }),
    ]
}

fn any_channel() -> impl Strategy<Value = Channel> {
    (
        any_response(),
        any_conversion(),
        0.0..200_000.0f64,
        prop::option::of(0.0..20_000.0f64),
        prop::option::of(20_000.0..300_000.0f64),
    )
        .prop_map(
            |(response, conversion, spend, min_spend, max_spend)| Channel {
                name: "c".into(),
                spend,
                response,
                conversion,
                min_spend,
                max_spend,
            },
        )
}

pub(crate) fn any_mix() -> impl Strategy<Value = ChannelMix> {
    (
        prop_oneof![Just(Entry::Top), Just(Entry::Leads)],
        prop::collection::vec(any_channel(), 1..6),
    )
        .prop_map(|(entry, channels)| ChannelMix {
            entry,
            channels,
            objective: Default::default(),
        })
}

pub(crate) fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn blended_totals_are_the_sum_over_channels(mix in any_mix()) {
        let scenario = Scenario::default();
        let result = evaluate_mix(&scenario, &mix, "All");
        let sum = |f: fn(&funnelsim::model::funnel::channels::ChannelFunnel) -> f64| {
            result.channels.iter().map(f).sum::<f64>()
        };
        prop_assert!(relative(result.blended.customers, sum(|c| c.customers)) < 1e-9);
        prop_assert!(relative(result.blended.spend, sum(|c| c.spend)) < 1e-12);
        prop_assert!(relative(result.blended.returns.revenue, sum(|c| c.returns.revenue)) < 1e-9);
        prop_assert!(relative(result.blended.returns.gross_margin, sum(|c| c.returns.gross_margin)) < 1e-9);
        for (i, count) in result.blended.counts.iter().enumerate() {
            let channels: f64 = result.channels.iter().filter_map(|c| c.counts[i]).sum();
            match count {
                None => prop_assert!(i < mix.entry.stage()),
                Some(count) => prop_assert!(relative(*count, channels) < 1e-9),
            }
        }
    }

    #[test]
    fn no_transfer_between_two_channels_improves_the_optimum(
        mix in any_mix(),
        budget in 0.0..600_000.0f64,
        objective in prop_oneof![
            Just(Objective::Customers),
            Just(Objective::Revenue),
            Just(Objective::GrossMargin)
        ],
    ) {
        let scenario = Scenario::default();
        let Ok(best) = allocate(&scenario, &mix, budget, objective) else {
            let minimum: f64 = mix.channels.iter().map(|c| c.bounds().0).sum();
            prop_assert!(minimum > budget);
            return Ok(());
        };
        prop_assert!(best.total() <= budget * (1.0 + 1e-12) + 1e-9);
        for (spend, c) in best.spends.iter().zip(&mix.channels) {
            let (low, high) = c.bounds();
            prop_assert!(*spend >= low - 1e-9 && *spend <= high + 1e-9, "{spend} outside [{low}, {high}]");
        }
        let tolerance = 1e-9 * best.value.abs().max(1.0);
        for from in 0..mix.channels.len() {
            for to in 0..mix.channels.len() {
                if from == to {
                    continue;
                }
                let spare = best.spends[from] - mix.channels[from].bounds().0;
                let room = mix.channels[to].bounds().1 - best.spends[to];
                for amount in [1.0, 0.01 * budget, 0.5 * spare, spare] {
                    let amount = amount.min(spare).min(room);
                    if amount <= 0.0 {
                        continue;
                    }
                    let mut moved = best.spends.clone();
                    moved[from] -= amount;
                    moved[to] += amount;
                    let value = objective_at(&scenario, &mix, &moved, objective);
                    prop_assert!(
                        value <= best.value + tolerance,
                        "moving {amount} from {from} to {to}: {value} > {}", best.value
                    );
                }
            }
        }
    }

    #[test]
    fn linear_channels_are_filled_best_first_up_to_their_maximum(
        costs in prop::collection::vec(10.0..500.0f64, 2..6),
        maxima in prop::collection::vec(prop::option::of(1_000.0..100_000.0f64), 6),
        budget in 0.0..400_000.0f64,
    ) {
        let scenario = Scenario::default();
        let mix = ChannelMix {
            entry: Entry::Leads,
            objective: Default::default(),
            channels: costs
                .iter()
                .zip(&maxima)
                .map(|(&cost_per_lead, &max_spend)| Channel {
                    max_spend,
                    ..Channel::new("c", 0.0, Response::Linear { cost_per_lead }, Conversion::Funnel)
                })
                .collect(),
        };
        let best = allocate(&scenario, &mix, budget, Objective::Customers).unwrap();
        // The cheapest leads first (every channel converts alike), each up to its maximum.
        let mut order: Vec<usize> = (0..costs.len()).collect();
        order.sort_by(|&a, &b| costs[a].total_cmp(&costs[b]));
        let mut left = budget;
        for i in order {
            let expected = left.min(mix.channels[i].bounds().1);
            prop_assert!((best.spends[i] - expected).abs() <= 1e-6 * budget.max(1.0),
                "channel {i} at {}: {} vs {expected}", costs[i], best.spends[i]);
            left -= expected;
        }
    }
}

#[test]
fn what_each_channel_must_bring_for_the_target_at_the_current_and_the_best_mix() {
    use funnelsim::model::funnel::channels::needs_at_current_mix;
    use funnelsim::model::workbench::allocate::needs_at_best_mix;
    let scenario = Scenario::default();
    let mix = worked_mix();
    // 1,000,000 € of revenue = 66.667 customers, 1.5465 times the 43.108 of the current mix:
    // every channel brings 1.5465 times its customers.
    let now = evaluate_mix(&scenario, &mix, "");
    let current = needs_at_current_mix(&scenario, &mix, &now, 1_000_000.0).unwrap();
    let scale = (1_000_000.0 / 15_000.0) / 43.108_160_417;
    assert_near(current[0].volume, 500.0 * scale, 1e-3, "paid search leads");
    assert_near(
        current[0].spend.unwrap(),
        60_000.0 * scale,
        0.1,
        "paid search spend",
    );
    assert_near(current[1].customers, 4.5 * scale, 1e-6, "events customers");
    // Content: 786.94 × 1.5465 = 1,217.0 leads of its 2,000 ceiling, for
    // −100,000 · ln(1 − 1,217.0 ÷ 2,000) = 93,776.8 €; paid search 60,000 × 1.5465 = 92,789.9 €.
    assert_near(current[2].volume, 1_217.0, 0.05, "content leads");
    assert_near(current[2].spend.unwrap(), 93_776.8, 0.1, "content spend");
    assert_near(
        current[0].spend.unwrap(),
        92_789.9,
        0.1,
        "paid search spend, by hand",
    );
    let customers: f64 = current.iter().map(|n| n.customers).sum();
    assert_near(customers, 66.667, 0.001, "customers for the target");

    // At the best mix: content to 87,546.87 €, paid search 126,666.67 €, events nothing.
    let best = needs_at_best_mix(&scenario, &mix, 1_000_000.0).unwrap();
    assert_near(best[2].spend.unwrap(), 87_546.87, 1.0, "content");
    assert_near(best[0].spend.unwrap(), 126_666.67, 1.0, "paid search");
    assert_eq!(best[1].spend, Some(0.0));
    assert_near(
        best.iter().map(|n| n.customers).sum(),
        66.667,
        0.001,
        "customers",
    );

    // Past a saturating ceiling a channel cannot bring its share: no spend does.
    assert_eq!(
        Response::Saturating {
            ceiling: 2_000.0,
            scale: 100_000.0
        }
        .spend_for(2_000.0),
        None
    );
}

#[test]
fn a_mix_is_checked_as_a_link_or_a_file_would_give_it() {
    use funnelsim::model::funnel::channels::{check_mix, ChannelProblem, ChannelValue};
    assert_eq!(check_mix(&worked_mix()), Ok(()));
    let broken = |edit: fn(&mut ChannelMix)| {
        let mut mix = worked_mix();
        edit(&mut mix);
        check_mix(&mix).unwrap_err()
    };
    assert_eq!(
        broken(|m| m.channels[1].name = "  ".into()),
        ChannelProblem::NoName(1)
    );
    assert_eq!(
        broken(|m| m.channels[2].name = "paid SEARCH".into()),
        ChannelProblem::SameName("paid SEARCH".into())
    );
    let bad_cost = broken(|m| m.channels[0].response = Response::Linear { cost_per_lead: 0.0 });
    assert!(matches!(
        bad_cost,
        ChannelProblem::BadValue {
            channel: 0,
            value: ChannelValue::CostPerLead,
            ..
        }
    ));
    assert!(bad_cost.to_string().contains("Paid search"), "{bad_cost}");
    assert!(matches!(
        broken(|m| m.channels[0].spend = f64::NAN),
        ChannelProblem::BadValue {
            value: ChannelValue::Spend,
            ..
        }
    ));
    assert!(matches!(
        broken(|m| {
            m.channels[0].min_spend = Some(5.0);
            m.channels[0].max_spend = Some(1.0);
        }),
        ChannelProblem::MinAboveMax { channel: 0, .. }
    ));
    assert_eq!(
        broken(|m| {
            let one = m.channels[0].clone();
            m.channels = (0..21)
                .map(|i| Channel {
                    name: format!("C{i}"),
                    ..one.clone()
                })
                .collect();
        }),
        ChannelProblem::TooMany(21)
    );
}

#[test]
fn the_mix_chart_shows_each_channel_s_shares_and_the_totals() {
    use funnelsim::charts::{draw_channel_mix, ChartStyle};
    let scenario = Scenario::default();
    let result = evaluate_mix(&scenario, &worked_mix(), "All");
    let svg = crate::support::svg::finite_svg((800, 420), |area| {
        draw_channel_mix(area, &result, &ChartStyle::default()).unwrap()
    });
    // 140,000 € for 43 customers; paid search: 60,000 ÷ 140,000 = 42.9 % of the spend,
    // 15 ÷ 43.108 = 34.8 % of the customers.
    for text in [
        "140,000",
        "43",
        "Paid search",
        "Events",
        "Content",
        "42.9 %",
        "34.8 %",
        "Spend",
        "Revenue",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
    // No channel: the title and an empty chart, nothing broken.
    let empty = evaluate_mix(
        &scenario,
        &ChannelMix {
            entry: Entry::Leads,
            objective: Default::default(),
            channels: vec![],
        },
        "All",
    );
    crate::support::svg::finite_svg((200, 120), |area| {
        draw_channel_mix(area, &empty, &ChartStyle::default()).unwrap()
    });
}

#[test]
fn the_allocation_chart_shows_the_spend_now_and_at_the_best_split() {
    use funnelsim::charts::{draw_allocation, AllocationView, ChartStyle};
    let scenario = Scenario::default();
    let mix = worked_mix();
    let best = allocate(&scenario, &mix, 140_000.0, Objective::Customers).unwrap();
    let names: Vec<String> = mix.channels.iter().map(|c| c.name.clone()).collect();
    let now: Vec<f64> = mix.channels.iter().map(|c| c.spend).collect();
    let view = AllocationView {
        names: &names,
        now: &now,
        best: &best.spends,
        gain: "5.0".into(),
        objective: "customers",
    };
    let svg = crate::support::svg::finite_svg((800, 420), |area| {
        draw_allocation(area, &view, &ChartStyle::default()).unwrap()
    });
    for text in [
        "5.0 more customers",
        "60,000",
        "87,547",
        "52,453",
        "Best split",
        "Now",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
}

#[test]
fn the_response_curve_chart_marks_the_spend_now_and_at_the_best_split() {
    use funnelsim::charts::{draw_response_curve, ChartStyle, CurveView};
    let content = &worked_mix().channels[2];
    let view = CurveView {
        name: &content.name,
        response: &content.response,
        spend: 50_000.0,
        best: Some(87_546.87),
        max_spend: None,
    };
    let svg = crate::support::svg::finite_svg((800, 420), |area| {
        draw_response_curve(area, &view, &ChartStyle::default()).unwrap()
    });
    for text in [
        "Content: 787 at €50,000; best split: €87,547",
        "Spend per period",
        "Best split",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
    // The two marks: circles, one in each colour.
    assert_eq!(svg.matches("<circle").count(), 2, "{svg}");
    // Every curve kind, tiny and with no spend, draws without NaN.
    for response in [
        Response::Linear {
            cost_per_lead: 120.0,
        },
        Response::Count { volume: 300.0 },
        Response::Power {
            coefficient: 2.0,
            exponent: 0.5,
        },
    ] {
        let view = CurveView {
            name: "c",
            response: &response,
            spend: 0.0,
            best: None,
            max_spend: Some(10_000.0),
        };
        for size in [(800, 420), (120, 60)] {
            crate::support::svg::finite_svg(size, |area| {
                draw_response_curve(area, &view, &ChartStyle::default()).unwrap()
            });
        }
    }
}

fn read_link(query: &str) -> Result<Option<ChannelMix>, funnelsim::model::funnel::link::UrlError> {
    use funnelsim::model::funnel::channels_link::ChannelPairs;
    let mut pairs = ChannelPairs::default();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        pairs.take(&key, &value)?;
    }
    pairs.finish()
}

#[test]
fn the_mix_link_reads_as_it_is_written() {
    use funnelsim::model::funnel::channels_link::encode_mix;
    let mut mix = worked_mix();
    mix.channels[1].min_spend = Some(10_000.0);
    mix.channels[2].conversion = Conversion::Own {
        rates: vec![40.0, 50.0, 60.0, 25.0],
    };
    mix.channels.push(Channel::new(
        "Référencement, SEO & co",
        2_000.0,
        Response::Count { volume: 300.0 },
        Conversion::Funnel,
    ));
    let link = encode_mix(&mix);
    assert!(
        link.starts_with(
            "ch_entry=leads&ch=Paid%20search&ch=Events&ch=Content&ch=R%C3%A9f%C3%A9rencement,%20SEO%20%26%20co\
             &ch_spend=60000,30000,50000,2000&ch_curve=cpl:120,cpl:300,sat:2000/100000,count:300\
             &ch_conv=funnel,q:1.5,rates:40/50/60/25,funnel&ch_min=,10000,,&ch_max=,,,"
        ),
        "{link}"
    );
    assert_eq!(read_link(&link), Ok(Some(mix)));
    assert_eq!(
        read_link("v=1&basket=3"),
        Ok(None),
        "no channel key: no mix"
    );
}

#[test]
fn a_broken_mix_link_is_refused_with_its_key() {
    let base = "ch_entry=leads&ch=A&ch=B&ch_spend=1,2&ch_curve=cpl:10,sat:100/1000";
    assert!(read_link(base).unwrap().is_some());
    for (query, key) in [
        ("ch_entry=middle&ch=A&ch_curve=cpl:1", "ch_entry"),
        ("ch=A&ch=B&ch_spend=1&ch_curve=cpl:10,cpl:5", "ch_spend"),
        ("ch=A&ch_curve=cpm:3", "ch_curve"),
        ("ch=A&ch_curve=sat:100", "ch_curve"),
        ("ch=A&ch_curve=cpl:1&ch_conv=q", "ch_conv"),
        ("ch=A&ch_curve=cpl:abc", "ch_curve"),
        ("ch=A", "ch_curve"),
        ("ch=A&ch=a&ch_curve=cpl:1,cpl:2", "ch"),
        ("ch=A&ch_curve=cpl:0", "ch"),
    ] {
        match read_link(query) {
            Err(funnelsim::model::funnel::link::UrlError::BadValue { key: k, .. }) => {
                assert_eq!(k, key, "{query}")
            }
            other => panic!("{query}: {other:?}"),
        }
    }
    // Twenty-one channels, or a list longer than twenty could be, are refused at once.
    let many: String = (0..21).map(|i| format!("ch=C{i}&")).collect();
    assert!(read_link(&format!("{many}ch_curve=cpl:1")).is_err());
    assert!(read_link(&format!("ch=A&ch_spend={}", "1,".repeat(100_000))).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_valid_mix_reads_back_from_its_link(mut mix in any_mix(), names in prop::collection::vec("[^\u{0}]{1,20}", 6)) {
        use funnelsim::model::funnel::channels::check_mix;
        use funnelsim::model::funnel::channels_link::encode_mix;
        for (i, channel) in mix.channels.iter_mut().enumerate() {
            channel.name = format!("{} {i}", names[i].trim());
            if let (Some(low), Some(high)) = (channel.min_spend, channel.max_spend) {
                channel.max_spend = Some(high.max(low));
            }
        }
        prop_assume!(check_mix(&mix).is_ok());
        prop_assert_eq!(read_link(&encode_mix(&mix)), Ok(Some(mix)));
    }

    /// The smallest budget (one bisection on the marginal return) is the allocator's own:
    /// its best split reaches the target, and the best split of a budget 0.1 % smaller
    /// does not.
    #[test]
    fn the_smallest_budget_is_the_least_the_allocator_needs(
        mix in any_mix(),
        target in 1_000.0..5_000_000.0f64,
    ) {
        let scenario = Scenario::default();
        match budget_for_target(&scenario, &mix, target) {
            Ok(split) => {
                prop_assert!(split.value >= target * (1.0 - 1e-9), "{} < {target}", split.value);
                let spent = split.total();
                let minimum: f64 = mix.channels.iter().map(|c| c.bounds().0).sum();
                let at = |budget: f64| allocate(&scenario, &mix, budget, Objective::Revenue).unwrap();
                prop_assert!(at(spent * (1.0 + 1e-9) + 1e-6).value >= target * (1.0 - 1e-6));
                if spent > minimum && spent * 0.999 >= minimum {
                    prop_assert!(at(spent * 0.999).value < target, "{spent} is not the least");
                }
                for (spend, c) in split.spends.iter().zip(&mix.channels) {
                    let (low, high) = c.bounds();
                    prop_assert!(*spend >= low - 1e-9 && *spend <= high * (1.0 + 1e-12) + 1e-9);
                }
            }
            Err(AllocateError::Unreachable { most }) => {
                prop_assert!(most < target);
                let huge = allocate(&scenario, &mix, 1e12, Objective::Revenue).unwrap();
                prop_assert!(huge.value < target, "{} reaches {target}", huge.value);
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn any_text_in_the_channel_keys_is_read_or_refused_without_a_panic(
        pairs in prop::collection::vec(
            (prop_oneof![Just("ch"), Just("ch_entry"), Just("ch_spend"), Just("ch_curve"), Just("ch_conv"), Just("ch_min"), Just("ch_max")], ".{0,40}"),
            0..12,
        )
    ) {
        let query: String = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", funnelsim::model::funnel::link::encode_value(v)))
            .collect::<Vec<_>>()
            .join("&");
        if let Ok(Some(mix)) = read_link(&query) {
            prop_assert!(funnelsim::model::funnel::channels::check_mix(&mix).is_ok());
        }
    }
}
