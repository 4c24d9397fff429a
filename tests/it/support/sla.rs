//! What the SLA tests share: proptest strategies for any set-up that [`Sla::check`]
//! accepts, with names made of any characters (`:`, `&`, `%`, `=`, quotes, accents, emoji, a
//! leading `=` or `-` that a spreadsheet would run as a formula), and a steady one-segment
//! month for the chart tests. Each test file uses part of it.

use funnelsim::model::sla::calculator::{
    MonthActuals, Persona, RateSource, Sla, YearMonth, MAX_DAILY_LEADS,
};
use proptest::prelude::*;

/// A name the set-up accepts: 1 to 40 characters, no surrounding white space.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z .:&%=+#?,;/'\"-]{0,20}",
        "[=+@-][A-Za-z0-9 ]{0,10}",
        ".{1,40}",
    ]
    .prop_map(|s| s.trim().to_owned())
    .prop_filter("1 to 40 characters", |s| {
        !s.is_empty() && s.chars().count() <= 40
    })
}

/// `count` names, unique whatever their case.
fn names(count: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(name(), count).prop_filter("unique names", |names| {
        let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        lower.len() == names.len()
    })
}

/// Leads of one segment-day: mostly none or a few, sometimes up to the maximum.
fn leads() -> impl Strategy<Value = u32> {
    prop_oneof![4 => Just(0u32), 4 => 0u32..50, 1 => 0u32..=MAX_DAILY_LEADS]
}

/// The month `back` months before `month`.
fn months_before(month: YearMonth, back: u32) -> Option<YearMonth> {
    let index = month.year * 12 + month.month as i32 - 1 - back as i32;
    YearMonth::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// Any valid set-up: 1 to 4 channels, 1 to 3 personas, up to 3 months of leads.
pub fn valid_sla() -> impl Strategy<Value = Sla> {
    (
        names(1..=4),
        names(1..=3),
        (1971i32..=9998, 1u32..=12),
        prop::collection::btree_set(0u32..14, 0..=3),
    )
        .prop_flat_map(|(channels, personas, (year, month), backs)| {
            let (nc, np) = (channels.len(), personas.len());
            let month = YearMonth::new(year, month).unwrap_or(YearMonth {
                year: 2026,
                month: 11,
            });
            let grid = |max: f64| {
                prop::collection::vec(prop::collection::vec(prop::option::of(0.0..=max), np), nc)
            };
            let months: Vec<YearMonth> = backs
                .iter()
                .filter_map(|&back| months_before(month, back))
                .collect();
            let actuals: Vec<_> = months
                .into_iter()
                .map(|m| {
                    prop::collection::vec(leads(), m.days() as usize * nc * np).prop_map(
                        move |flat| MonthActuals {
                            month: m,
                            days: flat.chunks(nc * np).map(<[u32]>::to_vec).collect(),
                        },
                    )
                })
                .collect();
            (
                Just(channels),
                prop::collection::vec(prop::option::of(0.0..=1e12), np).prop_map(move |sales| {
                    personas
                        .iter()
                        .zip(sales)
                        .map(|(name, average_sale)| Persona {
                            name: name.clone(),
                            average_sale,
                        })
                        .collect::<Vec<_>>()
                }),
                prop_oneof![Just(RateSource::Entered), Just(RateSource::Funnel)],
                grid(100.0),
                grid(1e9),
                (0.0..=1e12, prop_oneof![Just(24.0), 1e-3..=720.0]),
                (Just(month), 1..=month.days()),
                actuals,
            )
        })
        .prop_map(
            |(
                channels,
                personas,
                rate_source,
                close_rates,
                plan,
                (monthly_target, follow_up_hours),
                (month, as_of_day),
                actuals,
            )| Sla {
                channels,
                personas,
                rate_source,
                close_rates,
                plan,
                monthly_target,
                follow_up_hours,
                month,
                as_of_day,
                actuals,
            },
        )
}

/// November 2026, the month of the chart tests.
pub fn november() -> YearMonth {
    YearMonth::new(2026, 11).unwrap()
}

/// One channel × one persona: 600 leads committed over November, 10 a day through `day`.
pub fn steady(day: u32, channel: &str, persona: &str) -> Sla {
    let month = november();
    let mut actuals = MonthActuals::empty(month, 1);
    for cells in actuals.days.iter_mut().take(day as usize) {
        cells[0] = 10;
    }
    Sla {
        channels: vec![channel.to_owned()],
        personas: vec![Persona {
            name: persona.to_owned(),
            average_sale: Some(1_000.0),
        }],
        rate_source: RateSource::Entered,
        close_rates: vec![vec![Some(10.0)]],
        plan: vec![vec![Some(100.0)]],
        monthly_target: 60_000.0,
        follow_up_hours: 24.0,
        month,
        as_of_day: day,
        actuals: vec![actuals],
    }
}
