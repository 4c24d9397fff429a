//! Channels inside the scenario: a mix feeds the one funnel every tab reads (its counts and
//! spend are the channels' sums, nothing is invented above its entry), travels in the link
//! and the file, and a scenario without channels behaves exactly as before.
//!
//! The twin of the default scenario: five channels bring the top stage (visits), their
//! volumes adding up to the default's 120,000 and their spend to its 300,000 €, each
//! converting by the funnel's rates. Its funnel is the default's to the float: 3,000 leads,
//! 90 customers, 1,350,000 € of revenue, CAC 3,333.33 €.

use std::sync::Arc;

use funnelsim::model::forecast::projection::{project, Projection};
use funnelsim::model::funnel::channels::{Channel, ChannelMix, Conversion, Entry, Response};
use funnelsim::model::funnel::forward::without_channels;
use funnelsim::model::persist::export::{import_json, results_csv, scenario_json, Imported};
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::workbench::goal_seek::seekable_levers;
use funnelsim::model::workbench::sensitivity::{sensitivity, SensitivitySettings};
use funnelsim::model::{analyse, evaluate, FieldId, NamedScenario, Scenario};
use proptest::prelude::*;

use crate::channels::{any_mix, assert_near, relative, worked_mix};

/// The default scenario's funnel, brought by five channels at the top.
pub(crate) fn default_twin() -> Scenario {
    let channel = |name: &str, spend: f64, response: Response| {
        Channel::new(name, spend, response, Conversion::Funnel)
    };
    let mix = ChannelMix {
        entry: Entry::Top,
        objective: Default::default(),
        channels: vec![
            channel(
                "Organic search",
                30_000.0,
                Response::Count { volume: 50_000.0 },
            ),
            // 150 · √40,000 = 30,000 visits.
            channel(
                "Inbound content",
                40_000.0,
                Response::Power {
                    coefficient: 150.0,
                    exponent: 0.5,
                },
            ),
            channel("E-mail", 10_000.0, Response::Linear { cost_per_lead: 1.0 }),
            channel(
                "Paid ads",
                125_000.0,
                Response::Linear { cost_per_lead: 5.0 },
            ),
            channel(
                "Outbound",
                95_000.0,
                Response::Linear {
                    cost_per_lead: 19.0,
                },
            ),
        ],
    };
    Scenario {
        channels: Some(Arc::new(mix)),
        ..Scenario::default()
    }
}

#[test]
fn a_mix_at_the_top_equal_to_the_funnel_tells_the_same_numbers() {
    let plain = analyse(&Scenario::default());
    let twin = analyse(&default_twin());
    for (a, b) in plain.funnel.stages.iter().zip(&twin.funnel.stages) {
        assert_near(b.count.unwrap(), a.count.unwrap(), 1e-9, &a.name);
        if let (Some(x), Some(y)) = (a.rate, b.rate) {
            assert_near(y, x, 1e-12, &a.name);
        }
        assert_eq!(a.rate.is_some(), b.rate.is_some());
    }
    assert_eq!(twin.funnel.spend, 300_000.0);
    assert_near(twin.funnel.customers, 90.0, 1e-9, "customers");
    assert_near(twin.funnel.returns.revenue, 1_350_000.0, 1e-6, "revenue");
    assert_near(
        twin.funnel.returns.cac.unwrap(),
        300_000.0 / 90.0,
        1e-9,
        "CAC",
    );
    for (a, b) in plain.reverse.stages.iter().zip(&twin.reverse.stages) {
        assert_eq!(a.required, b.required, "{}", a.name);
    }
    let plan = twin.channels.expect("a channel plan");
    assert_eq!(plan.now.channels.len(), 5);
    assert_eq!(plan.now.blended.name, "All channels");
    // The plan's blended funnel is the Model view's.
    assert_near(
        plan.now.blended.customers,
        twin.funnel.customers,
        1e-12,
        "blended",
    );
    assert!(plain.channels.is_none());
}

#[test]
fn a_mix_of_leads_invents_no_visitors() {
    let scenario = Scenario {
        channels: Some(Arc::new(worked_mix())),
        ..Scenario::default()
    };
    let analysis = analyse(&scenario);
    let f = &analysis.funnel;
    let top = &f.stages[0];
    assert_eq!(
        (top.count, top.cumulative, top.lost, f.overall_conversion),
        (None, None, None, None)
    );
    assert_eq!((f.stages[1].rate, f.stages[1].lost), (None, None));
    // 500 + 100 + 786.94 leads (2,000 · (1 − e^(−0.5)) = 786.938681), 43.108 customers for 140,000 € (the worked example).
    assert_near(f.stages[1].count.unwrap(), 1_386.938_681, 1e-6, "leads");
    assert_near(f.customers, 43.108_2, 1e-4, "customers");
    assert_eq!(f.spend, 140_000.0);
    assert_near(
        f.returns.cac.unwrap(),
        140_000.0 / f.customers,
        1e-12,
        "CAC",
    );
    // Blended lead → MQL: (500 × 40 % + 100 × 60 % + 786.94 × 40 %) ÷ 1,386.94.
    let mql = 200.0 + 60.0 + 786.938_681 * 0.4;
    assert_near(
        f.stages[2].rate.unwrap(),
        mql / 1_386.938_681,
        1e-6,
        "blended rate",
    );
    // The reverse funnel asks nothing of the visitors and does not call that unreachable.
    let r = &analysis.reverse;
    assert_eq!(r.stages[0].required, None);
    assert_eq!(r.stages[0].current, None);
    assert_eq!(r.unreachable, None);
    assert_eq!(r.stages[5].required, Some(134.0));
    assert!(r.stages[1].required.unwrap() > 0.0);
}

#[test]
fn a_mix_without_channels_is_the_funnel_s_own() {
    let empty = Scenario {
        channels: Some(Arc::new(ChannelMix {
            entry: Entry::Leads,
            channels: vec![],
            objective: Default::default(),
        })),
        ..Scenario::default()
    };
    assert_eq!(evaluate(&empty), evaluate(&Scenario::default()));
    assert!(analyse(&empty).channels.is_none());
}

#[test]
fn the_forecast_and_the_sensitivity_run_on_the_blended_funnel() {
    let twin = default_twin();
    let plain = Scenario::default();
    let settings = Projection::default();
    let (a, b) = (project(&plain, &settings), project(&twin, &settings));
    assert_near(b.customers_won, a.customers_won, 1e-9, "customers won");
    assert_near(b.revenue, a.revenue, 1e-9, "revenue");
    assert_near(b.spend, a.spend, 1e-9, "spend");
    let step = SensitivitySettings::default();
    let (a, b) = (
        sensitivity(&plain, &step).unwrap(),
        sensitivity(&twin, &step).unwrap(),
    );
    // Planned by channel, the levers are every channel's spend and cost per unit (the
    // three linear ones) instead of the top count and the spend; the rates move the same.
    let levers: Vec<FieldId> = b.effects.iter().map(|e| e.lever).collect();
    assert!(!levers.contains(&FieldId::Top) && !levers.contains(&FieldId::Spend));
    assert_eq!(
        levers
            .iter()
            .filter(|l| matches!(l, FieldId::ChannelSpend(_)))
            .count(),
        5
    );
    assert_eq!(
        levers
            .iter()
            .filter(|l| matches!(l, FieldId::ChannelCost(_)))
            .count(),
        3
    );
    assert_eq!(b.effects.len(), a.effects.len() - 2 + 8);
    for x in &a.effects {
        if let FieldId::StageRate(_) = x.lever {
            let y = b.effects.iter().find(|e| e.lever == x.lever).unwrap();
            let customers = |m: &funnelsim::model::workbench::sensitivity::MetricValues| {
                m.get(funnelsim::model::Metric::Customers).unwrap()
            };
            assert_near(customers(&y.high), customers(&x.high), 1e-9, &x.label);
        }
    }
    assert_eq!(a.fix_first.map(|f| f.stage), b.fix_first.map(|f| f.stage));
    // Paid ads +10 % spend: 2,500 more visits, 1.875 more customers.
    let paid = b
        .effects
        .iter()
        .find(|e| e.lever == FieldId::ChannelSpend(3))
        .unwrap();
    let customers = |m: &funnelsim::model::workbench::sensitivity::MetricValues| {
        m.get(funnelsim::model::Metric::Customers).unwrap()
    };
    assert_near(
        customers(&paid.high) - customers(&paid.base),
        1.875,
        1e-9,
        "paid ads",
    );
    assert_eq!(paid.label, "Paid ads: spend");
}

#[test]
fn goal_seek_does_not_offer_the_top_or_the_spend_a_mix_brings() {
    let levers = seekable_levers(&default_twin());
    assert!(!levers.contains(&FieldId::Top));
    assert!(!levers.contains(&FieldId::Spend));
    assert!(levers.contains(&FieldId::StageRate(1)));
    let plain = seekable_levers(&Scenario::default());
    assert!(plain.contains(&FieldId::Top) && plain.contains(&FieldId::Spend));
}

#[test]
fn a_mix_travels_in_the_link_and_old_links_have_no_channels() {
    let twin = default_twin();
    let query = encode(&twin);
    assert!(
        query.contains("ch_entry=top&ch=Organic%20search&ch=Inbound%20content"),
        "{query}"
    );
    assert_eq!(decode(&query).unwrap(), twin);
    // A link from before channels: no ch_* key, so no channels, whatever the example.
    let old = encode(&Scenario::default());
    assert!(!old.contains("&ch"), "{old}");
    assert_eq!(decode(&old).unwrap().channels, None);
    // A broken mix is refused with its key, not dropped.
    let broken = format!("{old}&ch_entry=top&ch=Paid&ch_curve=cpl:-3");
    let error = decode(&broken).unwrap_err().to_string();
    assert!(error.contains("ch"), "{error}");
}

#[test]
fn a_mix_travels_in_version_2_files_and_version_1_files_open_unchanged() {
    let named = NamedScenario {
        name: "Channels".into(),
        scenario: default_twin(),
    };
    let text = scenario_json(&named).unwrap();
    assert!(text.contains("\"version\": 2"), "{text}");
    assert!(text.contains("\"channels\""));
    assert_eq!(
        import_json(&text).unwrap(),
        Imported::Scenario(named.clone())
    );
    // A version 1 file, as the previous build wrote it, opens with the same numbers; a
    // `channels` field it could not have had is dropped.
    let v1 = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/default.json"
    ))
    .unwrap();
    let file = format!(
        "{{\"format\": \"funnelsim.scenario\", \"version\": 1, \"name\": \"Old\", \"scenario\": {}}}",
        v1.trim_end().trim_end_matches('}').to_owned()
            + ", \"channels\": {\"entry\": \"top\", \"channels\": []}}"
    );
    let Imported::Scenario(old) = import_json(&file).unwrap() else {
        panic!("a scenario file")
    };
    assert_eq!(old.scenario.channels, None);
    assert_eq!(evaluate(&old.scenario), evaluate(&Scenario::default()));
    // A file whose mix is broken is refused with the reason.
    let broken = text.replace("\"cost_per_lead\": 19.0", "\"cost_per_lead\": -19.0");
    assert_ne!(broken, text);
    let error = import_json(&broken).unwrap_err().to_string();
    assert!(
        error.contains("Channels") && error.contains("Outbound"),
        "{error}"
    );
}

#[test]
fn the_results_csv_has_one_block_per_channel_and_the_blend() {
    let named = NamedScenario {
        name: "Channels".into(),
        scenario: default_twin(),
    };
    let csv = results_csv(&named, &analyse(&named.scenario)).unwrap();
    let rows: Vec<&str> = csv.lines().filter(|l| l.starts_with("channel,")).collect();
    // 6 blocks (5 channels and the blend) of 1 + 6 counts + 5 costs + 8 returns rows.
    assert_eq!(rows.len(), 6 * 20, "{csv}");
    assert!(
        rows.contains(&"channel,spend,Paid ads,125000,EUR")
            || rows
                .iter()
                .any(|r| r.starts_with("channel,spend,Paid ads,125000"))
    );
    assert!(rows
        .iter()
        .any(|r| r.starts_with("channel,count:Leads,Outbound,125")));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("channel,customers,All channels,90")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every tab that reads the top, the rates and the spend (projection, Monte Carlo,
    /// sensitivity) runs on `without_channels`: its funnel is the mix's, from the entry down.
    #[test]
    fn the_funnel_without_channels_is_the_mix_s(mix in any_mix()) {
        let mut mix = mix;
        for (i, channel) in mix.channels.iter_mut().enumerate() {
            channel.name = format!("Channel {i}");
        }
        let scenario = Scenario { channels: Some(Arc::new(mix.clone())), ..Scenario::default() };
        let with = evaluate(&scenario);
        let plain = without_channels(&scenario);
        prop_assert!(plain.channels.is_none());
        let without = evaluate(&plain);
        prop_assert!(relative(with.customers, without.customers) < 1e-9);
        prop_assert!(relative(with.spend, without.spend) < 1e-9);
        prop_assert!(relative(with.returns.revenue, without.returns.revenue) < 1e-9);
        for (a, b) in with.stages.iter().zip(&without.stages).skip(mix.entry.stage()) {
            prop_assert!(relative(a.count.unwrap(), b.count.unwrap()) < 1e-9, "{}", a.name);
        }
    }
}
