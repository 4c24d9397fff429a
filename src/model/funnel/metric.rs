//! The outputs a user can aim at or compare on (revenue, customers, CAC, ROI), read from a
//! forward result.

use serde::{Deserialize, Serialize};

use crate::model::funnel::forward::FunnelResult;

crate::texts! {
    /// Metric labels.
    enum MetricText {
        Revenue => "Revenue", "Chiffre d'affaires";
        Customers => "Customers", "Clients";
        Cac => "CAC", "CAC";
        RoiRevenue => "ROI on revenue", "ROI sur le chiffre d'affaires";
        RoiMargin => "ROI on gross margin", "ROI sur la marge brute";
    }
}

/// An output of the forward funnel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Revenue,
    Customers,
    Cac,
    RoiRevenue,
    RoiMargin,
}

impl Metric {
    pub const ALL: [Metric; 5] = [
        Metric::Revenue,
        Metric::Customers,
        Metric::Cac,
        Metric::RoiRevenue,
        Metric::RoiMargin,
    ];

    /// Stable key for URLs, `<select>` values and `data-` attributes.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Revenue => "revenue",
            Metric::Customers => "customers",
            Metric::Cac => "cac",
            Metric::RoiRevenue => "roi_revenue",
            Metric::RoiMargin => "roi_margin",
        }
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Label for people, in the language in use.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Revenue => MetricText::Revenue,
            Metric::Customers => MetricText::Customers,
            Metric::Cac => MetricText::Cac,
            Metric::RoiRevenue => MetricText::RoiRevenue,
            Metric::RoiMargin => MetricText::RoiMargin,
        }
        .text()
    }

    /// True when more is better (false for CAC).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Metric::Cac)
    }

    /// The metric's value in a forward result (None when undefined, e.g. CAC with no customer).
    /// ROI values are fractions (3.5 = 350 %).
    pub fn of(self, result: &FunnelResult) -> Option<f64> {
        match self {
            Metric::Revenue => Some(result.returns.revenue),
            Metric::Customers => Some(result.customers),
            Metric::Cac => result.returns.cac,
            Metric::RoiRevenue => result.returns.roi_revenue,
            Metric::RoiMargin => result.returns.roi_margin,
        }
    }
}

impl Metric {
    /// A value of this metric for people ("€1,350,000", "90", "350 %", "n/a").
    pub fn format(self, value: Option<f64>) -> String {
        let formatter: fn(f64) -> String = match self {
            Metric::Revenue | Metric::Cac => crate::model::format::money,
            Metric::Customers => crate::model::format::count,
            Metric::RoiRevenue | Metric::RoiMargin => crate::model::format::percent,
        };
        crate::model::format::or_na(value, formatter)
    }
}
