//! Property tests: for every valid scenario, outputs are finite, the funnel is monotonic in
//! volume, the reverse funnel reaches its target, and the URL codec round-trips.
use funnelsim::model::funnel::validate::{validate, MAX_AMOUNT};
use funnelsim::model::num::WHOLE_TOLERANCE;
use funnelsim::model::persist::scenario_link::{decode, encode};
use funnelsim::model::{analyse, evaluate, LtvMode, Period, Scenario, SpendMode, Stage};
use proptest::prelude::*;

fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        0.0..1e4,
        0.0..MAX_AMOUNT,
        Just(MAX_AMOUNT),
        1e-300..1e-3
    ]
}

fn percent() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(100.0), 0.0..=100.0, 1e-300..1e-6]
}

fn stage_name() -> impl Strategy<Value = String> {
    "[A-Za-zéèà0-9 :&=%+#?/-]{0,38}".prop_map(|s| format!("S{s}").trim().to_owned())
}

prop_compose! {
    fn scenario()(
        period in prop::sample::select(Period::ALL.to_vec()),
        top in amount(),
        names in prop::collection::vec(stage_name(), 2..=12),
        rates in prop::collection::vec(percent(), 12),
        basket in amount(),
        ltv_mode in prop::sample::select(LtvMode::ALL.to_vec()),
        ltv in amount(),
        purchases in 0.0..=1000.0,
        lifetime in 0.0..=100.0,
        margin in percent(),
        spend_mode in prop::sample::select(SpendMode::ALL.to_vec()),
        spend in amount(),
        spend_pct in 0.0..=1000.0,
        target in amount(),
        currency in prop::sample::select(funnelsim::model::i18n::Currency::ALL.to_vec()),
    ) -> Scenario {
        let stages = names
            .into_iter()
            .enumerate()
            .map(|(i, name)| Stage { name, value: if i == 0 { top } else { rates[i] } })
            .collect();
        Scenario {
            period, stages, basket, ltv_mode, ltv,
            purchases_per_year: purchases, lifetime_years: lifetime,
            margin_pct: margin, spend_mode, spend, spend_pct, target_revenue: target, currency,
            glossary: Default::default(), channels: None, sla: None, projection: None, uncertainty: None,
            team: None,
            segment: None,
        }
    }
}

fn all_finite(values: &[Option<f64>]) -> bool {
    values.iter().flatten().all(|v| v.is_finite())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512),
        failure_persistence: None,
        max_global_rejects: 1_000_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_scenarios_are_valid(s in scenario()) {
        prop_assert_eq!(validate(&s), vec![]);
    }

    #[test]
    fn every_output_is_finite(s in scenario()) {
        let a = analyse(&s);
        let f = &a.funnel;
        prop_assert!(all_finite(&[
            Some(f.customers), Some(f.spend), Some(f.returns.revenue), Some(f.returns.gross_margin),
            Some(f.returns.ltv), Some(f.returns.cohort_ltv), f.overall_conversion, f.returns.cac, f.returns.roi_revenue,
            f.returns.roi_margin, f.returns.ltv_cac, f.returns.payback_months, f.lead_value,
        ]));
        for st in &f.stages {
            prop_assert!(all_finite(&[st.count, st.rate, st.cumulative, st.cost_per, st.lost]));
        }
        for st in &a.reverse.stages {
            prop_assert!(all_finite(&[st.required, st.current, st.gap]));
        }
        prop_assert!(all_finite(&[a.reverse.required_spend]));
    }

    #[test]
    fn more_top_volume_never_means_fewer_customers(s in scenario(), extra in 0.0..1e6_f64) {
        let mut more = s.clone();
        more.stages[0].value = (s.stages[0].value + extra).min(MAX_AMOUNT);
        let (base, bigger) = (evaluate(&s), evaluate(&more));
        prop_assert!(bigger.customers >= base.customers);
        for (a, b) in base.stages.iter().zip(&bigger.stages) {
            prop_assert!(b.count >= a.count);
        }
    }

    #[test]
    fn counts_never_grow_down_the_funnel(s in scenario()) {
        let f = evaluate(&s);
        for pair in f.stages.windows(2) {
            prop_assert!(pair[1].count <= pair[0].count);
        }
    }

    /// Reverse(forward): asking for the revenue a scenario makes requires at least its
    /// volumes, and feeding the required top volume forward reaches the target.
    #[test]
    fn reverse_of_forward_reaches_the_target(mut s in scenario()) {
        s.basket = s.basket.max(1.0);
        for st in s.stages.iter_mut().skip(1) {
            st.value = st.value.max(0.1);
        }
        let forward = evaluate(&s);
        s.target_revenue = forward.returns.revenue;
        let a = analyse(&s);
        prop_assume!(a.reverse.unreachable.is_none());
        // Each stage may round a quotient down by at most WHOLE_TOLERANCE of itself.
        let slack = s.stages.len() as f64 * WHOLE_TOLERANCE;
        for (req, cur) in a.reverse.stages.iter().zip(&forward.stages) {
            let required = req.required.unwrap();
            prop_assert_eq!(required, required.round());
            let current = cur.count.unwrap();
            prop_assert!(required >= current * (1.0 - slack) - 1e-9, "{} < {}", required, current);
        }
        let mut fed = s.clone();
        fed.stages[0].value = a.reverse.stages[0].required.unwrap();
        let reached = evaluate(&fed).returns.revenue;
        prop_assert!(reached >= s.target_revenue * (1.0 - slack), "{} < {}", reached, s.target_revenue);
    }

    #[test]
    fn url_round_trips_every_scenario(s in scenario()) {
        let encoded = encode(&s);
        prop_assert_eq!(decode(&encoded).unwrap(), s);
        prop_assert!(!encoded.contains(' '));
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = decode(&text);
    }
}
