//! Scenario types: the funnel stages, the economics a user enters and the benchmark segment it
//! is compared with, with the default B2B baseline and the stage names the presets share.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::forecast::projection::Projection;
use crate::model::forecast::uncertainty::Uncertainty;
use crate::model::funnel::benchmarks::Segment;
use crate::model::funnel::channels::{Channel, ChannelMix, Conversion, Entry, Response};
use crate::model::glossary::Glossary;
use crate::model::i18n::Currency;
use crate::model::sales::capacity::Team;
use crate::model::sla::calculator::Sla;

crate::texts! {
    /// Period labels, the default and preset stage names and the example's channels.
    pub enum ScenarioText {
        Month => "per month", "par mois";
        Quarter => "per quarter", "par trimestre";
        Year => "per year", "par an";
        Visitors => "Visitors", "Visiteurs";
        Leads => "Leads", "Leads";
        Mql => "MQL", "MQL";
        Sql => "SQL", "SQL";
        Opportunities => "Opportunities", "Opportunités";
        Customers => "Customers", "Clients";
        Carts => "Carts", "Paniers";
        Orders => "Orders", "Commandes";
        OrganicSearch => "Organic search", "Référencement naturel";
        InboundContent => "Inbound content", "Contenus inbound";
        Email => "E-mail", "E-mail";
        PaidAds => "Paid ads", "Publicité";
        Outbound => "Outbound", "Outbound";
    }
}

/// Fewest stages a funnel may have (a top and the customers).
pub const MIN_STAGES: usize = 2;
/// Most stages a funnel may have.
pub const MAX_STAGES: usize = 12;
/// Longest stage name, in characters.
pub const MAX_STAGE_NAME_CHARS: usize = 40;

/// The period every volume, spend and revenue figure is counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    /// The key used in URLs and `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    pub fn from_key(key: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Months in one period (1, 3 or 12).
    pub fn months(self) -> f64 {
        match self {
            Period::Month => 1.0,
            Period::Quarter => 3.0,
            Period::Year => 12.0,
        }
    }

    /// "per month", "per quarter", "per year" ("par mois" …), in the language in use.
    pub fn per_label(self) -> &'static str {
        match self {
            Period::Month => ScenarioText::Month,
            Period::Quarter => ScenarioText::Quarter,
            Period::Year => ScenarioText::Year,
        }
        .text()
    }
}

/// How the lifetime value of one customer is obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LtvMode {
    /// The user types the LTV.
    Direct,
    /// LTV = basket × purchases per year × lifetime in years × gross margin.
    Derived,
}

impl LtvMode {
    pub const ALL: [LtvMode; 2] = [LtvMode::Derived, LtvMode::Direct];

    pub fn key(self) -> &'static str {
        match self {
            LtvMode::Direct => "direct",
            LtvMode::Derived => "derived",
        }
    }

    pub fn from_key(key: &str) -> Option<LtvMode> {
        LtvMode::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// How the marketing spend of the period is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpendMode {
    /// A fixed amount per period.
    Amount,
    /// A percentage of the period's first-purchase revenue.
    PctRevenue,
    /// A percentage of the lifetime value of the period's customers.
    PctLtv,
}

impl SpendMode {
    pub const ALL: [SpendMode; 3] = [SpendMode::Amount, SpendMode::PctRevenue, SpendMode::PctLtv];

    pub fn key(self) -> &'static str {
        match self {
            SpendMode::Amount => "amount",
            SpendMode::PctRevenue => "pct_revenue",
            SpendMode::PctLtv => "pct_ltv",
        }
    }

    pub fn from_key(key: &str) -> Option<SpendMode> {
        SpendMode::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// One funnel stage. For the top stage `value` is a count per period; for every
/// other stage it is the conversion rate from the previous stage, in percent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub name: String,
    pub value: f64,
}

impl Stage {
    pub fn new(name: &str, value: f64) -> Stage {
        Stage {
            name: name.to_owned(),
            value,
        }
    }
}

/// Everything a user enters: the whole what-if scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub period: Period,
    /// Ordered stages, at least [`MIN_STAGES`]. Stage 0 is the top of the funnel
    /// (its value is a count), stage 1 is the lead stage, the last stage is customers.
    pub stages: Vec<Stage>,
    /// Average first-purchase value (excl. tax).
    pub basket: f64,
    pub ltv_mode: LtvMode,
    /// LTV typed by the user (used when `ltv_mode` is `Direct`).
    pub ltv: f64,
    pub purchases_per_year: f64,
    pub lifetime_years: f64,
    /// Gross margin, percent.
    pub margin_pct: f64,
    pub spend_mode: SpendMode,
    /// Marketing spend per period (used when `spend_mode` is `Amount`).
    pub spend: f64,
    /// Marketing spend as a percentage (used by the two percentage modes).
    pub spend_pct: f64,
    /// Revenue target per period, for the reverse funnel.
    pub target_revenue: f64,
    /// The team's definitions of lead, MQL, SQL, opportunity … (only those it wrote).
    #[serde(default, skip_serializing_if = "Glossary::is_empty")]
    pub glossary: Glossary,
    /// The currency amounts are shown in (a label: nothing is converted).
    #[serde(default, skip_serializing_if = "Currency::is_default")]
    pub currency: Currency,
    /// The marketing channels, once the user plans by channel: their volume replaces the top
    /// count (or the leads, by the mix's entry) and their spend the marketing spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Arc<ChannelMix>>,
    /// The marketing–sales SLA set-up, once the user starts one (shared behind an `Arc`:
    /// months of daily actuals are not copied with every what-if variant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<Arc<Sla>>,
    /// The month-by-month projection (horizon, growth, sales cycle, churn, upsell), once the
    /// user starts one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projection: Option<Arc<Projection>>,
    /// Ranges and observed counts for the seeded Monte Carlo (seed and trials included, so
    /// a shared link reproduces the same result), once the user gives any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<Arc<Uncertainty>>,
    /// The sales team (its roles, headcounts and what each person works a month), once the
    /// user plans its capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Arc<Team>>,
    /// The market segment whose benchmark rates the stages are compared with (none: no
    /// benchmark, no stage named as the one to fix first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
}

impl Default for Scenario {
    /// A B2B annual baseline as the seed article describes it: 120,000 unique
    /// visitors, 2.5 % become leads, then MQL, SQL, opportunities (BANT) and customers.
    /// The stages are named in the language in use (the example a French page starts from
    /// reads "Visiteurs" … "Clients").
    fn default() -> Scenario {
        let stage = |name: ScenarioText, value: f64| Stage::new(name.text(), value);
        Scenario {
            period: Period::Year,
            stages: vec![
                stage(ScenarioText::Visitors, 120_000.0),
                stage(ScenarioText::Leads, 2.5),
                stage(ScenarioText::Mql, 40.0),
                stage(ScenarioText::Sql, 50.0),
                stage(ScenarioText::Opportunities, 60.0),
                stage(ScenarioText::Customers, 25.0),
            ],
            basket: 15_000.0,
            ltv_mode: LtvMode::Derived,
            ltv: 42_000.0,
            purchases_per_year: 1.0,
            lifetime_years: 4.0,
            margin_pct: 70.0,
            spend_mode: SpendMode::Amount,
            spend: 300_000.0,
            spend_pct: 10.0,
            target_revenue: 2_000_000.0,
            glossary: Glossary::default(),
            currency: Currency::Eur,
            channels: None,
            sla: None,
            projection: None,
            uncertainty: None,
            team: None,
            segment: None,
        }
    }
}

/// The seed article's five channels, named in the language in use: the example's mix and the
/// SLA's example set-up share them.
pub fn example_channel_names() -> [&'static str; 5] {
    [
        ScenarioText::OrganicSearch,
        ScenarioText::InboundContent,
        ScenarioText::Email,
        ScenarioText::PaidAds,
        ScenarioText::Outbound,
    ]
    .map(|name| name.text())
}

impl Scenario {
    /// The example a first-time user sees (no link): the default baseline brought by the seed
    /// article's five channels, so the Channels panel shows at once. Their visits add up to
    /// the baseline's 120,000 and their spend to its 300,000 €, and their quality factors
    /// average to 1 over the visits (50,000 × 1 + 30,000 × 1 + 10,000 × 1.5 + 25,000 × 0.6 +
    /// 5,000 × 2 = 120,000), so its funnel is the baseline's: 3,000 leads, 90 customers.
    /// - Organic search: 50,000 visits a year whatever the spend (30,000 € of content and
    ///   tools kept as a minimum).
    /// - Inbound content: 150 · √spend visits (diminishing returns; 30,000 at 40,000 €), at
    ///   most 80,000 € (what the team can write).
    /// - E-mail: 1 € a visit, quality × 1.5, at most 15,000 € (the list's size).
    /// - Paid ads: 5 € a visit, quality × 0.6, at most 150,000 €.
    /// - Outbound: 19 € a contact reached, quality × 2, at most 120,000 € (the team).
    pub fn example() -> Scenario {
        let channel = |name: ScenarioText, spend: f64, response: Response, quality: f64| {
            let conversion = if quality == 1.0 {
                Conversion::Funnel
            } else {
                Conversion::Quality { factor: quality }
            };
            Channel::new(name.text(), spend, response, conversion)
        };
        let bounded = |mut channel: Channel, min: Option<f64>, max: Option<f64>| {
            channel.min_spend = min;
            channel.max_spend = max;
            channel
        };
        let linear = |cost_per_lead: f64| Response::Linear { cost_per_lead };
        let mix = ChannelMix {
            entry: Entry::Top,
            objective: Default::default(),
            channels: vec![
                bounded(
                    channel(
                        ScenarioText::OrganicSearch,
                        30_000.0,
                        Response::Count { volume: 50_000.0 },
                        1.0,
                    ),
                    Some(30_000.0),
                    None,
                ),
                bounded(
                    channel(
                        ScenarioText::InboundContent,
                        40_000.0,
                        Response::Power {
                            coefficient: 150.0,
                            exponent: 0.5,
                        },
                        1.0,
                    ),
                    None,
                    Some(80_000.0),
                ),
                bounded(
                    channel(ScenarioText::Email, 10_000.0, linear(1.0), 1.5),
                    None,
                    Some(15_000.0),
                ),
                bounded(
                    channel(ScenarioText::PaidAds, 125_000.0, linear(5.0), 0.6),
                    None,
                    Some(150_000.0),
                ),
                bounded(
                    channel(ScenarioText::Outbound, 95_000.0, linear(19.0), 2.0),
                    None,
                    Some(120_000.0),
                ),
            ],
        };
        Scenario {
            channels: Some(Arc::new(mix)),
            ..Scenario::default()
        }
    }

    /// The channel mix the funnel is fed by, when it holds any channel.
    pub fn mix(&self) -> Option<&ChannelMix> {
        self.channels
            .as_deref()
            .filter(|mix| !mix.channels.is_empty())
    }

    /// Count per period entering the top of the funnel.
    pub fn top_count(&self) -> f64 {
        self.stages.first().map_or(0.0, |s| s.value)
    }

    /// Lifetime value of one customer, as entered or derived.
    pub fn customer_ltv(&self) -> f64 {
        self.customer_ltv_with_basket(self.basket)
    }

    /// Lifetime value of one customer if the average basket were `basket` (the Monte Carlo
    /// samples the basket; a typed LTV does not depend on it).
    pub fn customer_ltv_with_basket(&self, basket: f64) -> f64 {
        match self.ltv_mode {
            LtvMode::Direct => self.ltv,
            LtvMode::Derived => {
                basket * self.purchases_per_year * self.lifetime_years * self.margin_pct / 100.0
            }
        }
    }
}

/// A scenario with the name a user gave it (saved scenarios, comparison sets, exports).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedScenario {
    pub name: String,
    pub scenario: Scenario,
}
