//! Side-by-side comparison of a baseline scenario with up to four variants: every input and
//! every result as a row of values, with each variant's change against the baseline.
//!
//! Rows are aligned by a stable `key` (`input.basket`, `input.stage_rate_2`, `result.cac`,
//! `result.stage_count_3` …). Stages are aligned by index and labelled with the baseline's
//! stage names; a scenario without a stage at that index has `None` there. Every value and
//! delta is an `Option<f64>` whose `Some` is finite.

use std::fmt;

use crate::model::format::{self, not_applicable};
use crate::model::funnel::validate::FieldId;
use crate::model::num::{finite, ratio};
use crate::model::{analyse, Analysis, Metric, NamedScenario, Scenario};

crate::texts! {
    /// Row labels, units and messages of a comparison.
    enum CompareText {
        Years => "{n} years", "{n} ans";
        PerYear => "{n} per year", "{n} par an";
        Points => "{n} pp", "{n}\u{a0}pts";
        Percent => "{n} %", "{n}\u{202f}%";
        Stage => "Stage {n}", "Étape {n}";
        Basket => "Average basket", "Panier moyen";
        LtvInput => "LTV per customer (typed or derived)", "LTV par client (saisie ou calculée)";
        Purchases => "Purchases per year", "Achats par an";
        Lifetime => "Customer lifetime", "Durée de vie client";
        Margin => "Gross margin", "Marge brute";
        SpendInput => "Marketing spend (resolved from its mode)", "Dépenses marketing (selon leur mode de saisie)";
        Target => "Revenue target", "Objectif de chiffre d'affaires";
        Revenue => "First-purchase revenue", "Chiffre d'affaires du premier achat";
        Spend => "Marketing spend", "Dépenses marketing";
        GrossMargin => "Gross margin on revenue", "Marge brute sur le chiffre d'affaires";
        Ltv => "LTV per customer", "LTV par client";
        CohortLtv => "Lifetime value of the cohort", "Valeur vie de la cohorte";
        LtvCac => "LTV:CAC", "LTV:CAC";
        Payback => "CAC payback at the average monthly margin", "Délai de récupération du CAC à la marge mensuelle moyenne";
        LeadValue => "Value of one lead", "Valeur d'un lead";
        Overall => "Overall conversion", "Conversion globale";
        ChannelCustomers => "{name}: customers", "{name} : clients";
        CostPer => "Cost per {stage}", "Coût par {stage}";
        RequiredTop => "{stage} required for the target", "{stage} nécessaires pour l'objectif";
        RequiredSpend => "Spend required for the target", "Dépenses nécessaires pour l'objectif";
        Empty => "Choose at least one scenario to compare.", "Choisissez au moins un scénario à comparer.";
        TooManyVariants => "{n} variants were chosen; a baseline can be compared with at most {max} variants at once.",
            "{n} variantes ont été choisies ; un scénario de référence se compare à {max} variantes au plus à la fois.";
    }
}

/// Most variants compared with one baseline.
pub const MAX_VARIANTS: usize = 4;

/// What a row's values measure: decides how they are formatted and their unit in exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A number of people or things (visitors, customers …).
    Count,
    /// An amount in euros.
    Money,
    /// A fraction shown as a percentage (0.025 → "2.5 %").
    Percent,
    /// A value that is already in percent (2.5 → "2.5 %"): stage rates, margin.
    RatePct,
    /// A ratio such as LTV:CAC ("12.6 : 1").
    Ratio,
    Months,
    Years,
    PerYear,
}

impl ValueKind {
    /// The unit written next to plain numbers in CSV files.
    pub fn unit(self) -> &'static str {
        match self {
            ValueKind::Count => "count",
            ValueKind::Money => "EUR",
            ValueKind::Percent => "fraction",
            ValueKind::RatePct => "%",
            ValueKind::Ratio => "ratio",
            ValueKind::Months => "months",
            ValueKind::Years => "years",
            ValueKind::PerYear => "per year",
        }
    }
}

/// Whether a row is something the user entered or something computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Input,
    Result,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Input => "input",
            Section::Result => "result",
        }
    }
}

/// A variant's change against the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Delta {
    /// Variant − baseline, in the row's own unit (None when either is undefined).
    pub abs: Option<f64>,
    /// The change in percent of the baseline (+100.0 = doubled). None when the baseline is
    /// 0 or undefined. Measured against |baseline|, so a rise is positive even from a
    /// negative baseline.
    pub pct: Option<f64>,
}

impl Delta {
    /// The change from `baseline` to `value`.
    pub fn between(baseline: Option<f64>, value: Option<f64>) -> Delta {
        match (baseline, value) {
            (Some(b), Some(v)) => {
                let abs = finite(v - b);
                Delta {
                    abs,
                    pct: abs.and_then(|d| ratio(d * 100.0, b.abs())),
                }
            }
            _ => Delta::default(),
        }
    }

    /// "+1,234 (+12.5 %)", "-€1,667 (-50 %)", "+5 pp (+50 %)", "+90" when the baseline is 0,
    /// "n/a" when undefined. Changes of a percentage are in percentage points ("pp").
    pub fn format(&self, kind: ValueKind) -> String {
        let Some(abs) = self.abs else {
            return not_applicable().to_owned();
        };
        let body = match kind {
            ValueKind::Percent => {
                CompareText::Points.fill(&[("n", &trimmed(abs.abs() * 100.0, 2))])
            }
            ValueKind::RatePct => CompareText::Points.fill(&[("n", &trimmed(abs.abs(), 2))]),
            _ => format_value(Some(abs.abs()), kind),
        };
        let abs_text = signed(abs, &body);
        match self.pct {
            Some(pct) => {
                let pct_text = CompareText::Percent.fill(&[("n", &trimmed(pct.abs(), 1))]);
                format!("{abs_text} ({})", signed(pct, &pct_text))
            }
            None => abs_text,
        }
    }
}

/// `body` (the magnitude) with the sign of `x`: "+…", "-…", or no sign for zero.
fn signed(x: f64, body: &str) -> String {
    let zero = body.chars().all(|c| !c.is_ascii_digit() || c == '0');
    if zero {
        body.to_owned()
    } else if x > 0.0 {
        format!("+{body}")
    } else {
        format!("-{body}")
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped: 12.50 → "12.5"
/// ("12,5" in French).
fn trimmed(x: f64, decimals: usize) -> String {
    let text = format::with_decimals(x, decimals);
    let mark = format::with_decimals(0.5, 1).chars().nth(1).unwrap_or('.');
    if decimals > 0 && text.contains(mark) {
        text.trim_end_matches('0').trim_end_matches(mark).to_owned()
    } else {
        text
    }
}

/// A value for people, "n/a" when undefined.
pub fn format_value(value: Option<f64>, kind: ValueKind) -> String {
    let Some(x) = value.filter(|x| x.is_finite()) else {
        return not_applicable().to_owned();
    };
    match kind {
        ValueKind::Count => format::count(x),
        ValueKind::Money => format::money(x),
        ValueKind::Percent => format::percent(x),
        ValueKind::RatePct => format::percent(x / 100.0),
        ValueKind::Ratio => format::ratio(x),
        ValueKind::Months => format::months(x),
        ValueKind::Years => CompareText::Years.fill(&[("n", &trimmed(x, 1))]),
        ValueKind::PerYear => CompareText::PerYear.fill(&[("n", &trimmed(x, 2))]),
    }
}

/// One compared quantity: its value in every scenario (baseline first) and each variant's
/// change.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    /// Stable key: `input.<name>`, `input.stage_rate_<i>`, `result.<name>`,
    /// `result.stage_count_<i>`, `result.stage_cost_<i>` (stage index `i` from 0).
    pub key: String,
    pub label: String,
    pub section: Section,
    pub kind: ValueKind,
    /// One per scenario, the baseline first.
    pub values: Vec<Option<f64>>,
    /// One per variant (`values[1..]` against `values[0]`).
    pub deltas: Vec<Delta>,
}

/// A baseline and its variants, compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Scenario names, the baseline first.
    pub names: Vec<String>,
    pub rows: Vec<ComparisonRow>,
    /// The analysis of every scenario, in the order of `names`.
    pub analyses: Vec<Analysis>,
}

impl Comparison {
    /// The row with this key.
    pub fn row(&self, key: &str) -> Option<&ComparisonRow> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// Most stages any compared scenario has.
    pub fn stage_count(&self) -> usize {
        self.analyses
            .iter()
            .map(|a| a.funnel.stages.len())
            .max()
            .unwrap_or(0)
    }

    /// The name shown for stage `index`: the baseline's, or the first scenario's that has
    /// that many stages.
    pub fn stage_label(&self, index: usize) -> String {
        self.analyses
            .iter()
            .find_map(|a| a.funnel.stages.get(index))
            .map_or_else(
                || CompareText::Stage.fill(&[("n", &(index + 1).to_string())]),
                |s| s.name.clone(),
            )
    }
}

/// Why a set of scenarios cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    /// No scenario at all.
    Empty,
    /// More variants than [`MAX_VARIANTS`] (the count of variants, baseline excluded).
    TooManyVariants(usize),
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            CompareError::Empty => CompareText::Empty.text().to_owned(),
            CompareError::TooManyVariants(n) => CompareText::TooManyVariants
                .fill(&[("n", &n.to_string()), ("max", &MAX_VARIANTS.to_string())]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for CompareError {}

/// Collects rows: each pushes one value per scenario.
struct Rows<'a> {
    scenarios: Vec<&'a Scenario>,
    analyses: &'a [Analysis],
    rows: Vec<ComparisonRow>,
}

impl Rows<'_> {
    fn push(
        &mut self,
        section: Section,
        key: String,
        label: String,
        kind: ValueKind,
        value: impl Fn(&Scenario, &Analysis) -> Option<f64>,
    ) {
        self.push_row(section, key, label, kind, &value);
    }

    /// The body of [`Rows::push`], behind `dyn` so it is compiled once rather than once per
    /// closure (about 12 KB of wasm).
    fn push_row(
        &mut self,
        section: Section,
        key: String,
        label: String,
        kind: ValueKind,
        value: &dyn Fn(&Scenario, &Analysis) -> Option<f64>,
    ) {
        let values: Vec<Option<f64>> = self
            .scenarios
            .iter()
            .zip(self.analyses)
            .map(|(s, a)| value(s, a).and_then(finite))
            .collect();
        let baseline = values.first().copied().flatten();
        let deltas = values
            .iter()
            .skip(1)
            .map(|&v| Delta::between(baseline, v))
            .collect();
        self.rows.push(ComparisonRow {
            key: format!("{}.{key}", section.key()),
            label,
            section,
            kind,
            values,
            deltas,
        });
    }
}

/// Compares `set[0]` (the baseline) with up to [`MAX_VARIANTS`] variants.
pub fn compare(set: &[NamedScenario]) -> Result<Comparison, CompareError> {
    if set.is_empty() {
        return Err(CompareError::Empty);
    }
    if set.len() > MAX_VARIANTS + 1 {
        return Err(CompareError::TooManyVariants(set.len() - 1));
    }
    let analyses: Vec<Analysis> = set.iter().map(|n| analyse(&n.scenario)).collect();
    let mut comparison = Comparison {
        names: set.iter().map(|n| n.name.clone()).collect(),
        rows: Vec::new(),
        analyses,
    };
    let stages = comparison.stage_count();
    // The scenario that names stage i (the baseline's when it has one).
    let namer = |i: usize| {
        set.iter()
            .map(|n| &n.scenario)
            .find(|s| s.stages.len() > i)
            .unwrap_or(&set[0].scenario)
    };
    let stage_name = |i: usize| comparison.stage_label(i);
    let mut rows = Rows {
        scenarios: set.iter().map(|n| &n.scenario).collect(),
        analyses: &comparison.analyses,
        rows: Vec::new(),
    };

    use Section::{Input, Result as Res};
    use ValueKind::*;
    // Planned by channel, the top count is the channels' (none when they bring leads).
    rows.push(
        Input,
        "top".into(),
        FieldId::Top.label(namer(0)),
        Count,
        |s, a| match s.mix() {
            Some(_) => a.funnel.stages.first()?.count,
            None => s.stages.first().map(|st| st.value),
        },
    );
    for i in 1..stages {
        rows.push(
            Input,
            format!("stage_rate_{i}"),
            FieldId::StageRate(i).label(namer(i)),
            RatePct,
            move |s, _| s.stages.get(i).map(|st| st.value),
        );
    }
    rows.push(
        Input,
        "basket".into(),
        CompareText::Basket.text().into(),
        Money,
        |s, _| Some(s.basket),
    );
    rows.push(
        Input,
        "ltv".into(),
        CompareText::LtvInput.text().into(),
        Money,
        |_, a| Some(a.funnel.returns.ltv),
    );
    rows.push(
        Input,
        "purchases".into(),
        CompareText::Purchases.text().into(),
        PerYear,
        |s, _| Some(s.purchases_per_year),
    );
    rows.push(
        Input,
        "lifetime".into(),
        CompareText::Lifetime.text().into(),
        Years,
        |s, _| Some(s.lifetime_years),
    );
    rows.push(
        Input,
        "margin".into(),
        CompareText::Margin.text().into(),
        RatePct,
        |s, _| Some(s.margin_pct),
    );
    rows.push(
        Input,
        "spend".into(),
        CompareText::SpendInput.text().into(),
        Money,
        |_, a| Some(a.funnel.spend),
    );
    rows.push(
        Input,
        "target".into(),
        CompareText::Target.text().into(),
        Money,
        |s, _| Some(s.target_revenue),
    );
    // Every channel of any scenario (matched by name, whatever the case), its spend and its
    // cost per unit: the channels' levers side by side; a scenario without it: n/a.
    let mut channel_names: Vec<String> = Vec::new();
    for mix in set.iter().filter_map(|n| n.scenario.mix()) {
        for channel in &mix.channels {
            if !channel_names
                .iter()
                .any(|c| c.to_lowercase() == channel.name.to_lowercase())
            {
                channel_names.push(channel.name.clone());
            }
        }
    }
    let namesake = |s: &Scenario, name: &str| -> Option<usize> {
        let name = name.to_lowercase();
        s.mix()?
            .channels
            .iter()
            .position(|c| c.name.to_lowercase() == name)
    };
    for (k, name) in channel_names.iter().enumerate() {
        for lever in [FieldId::ChannelSpend(k), FieldId::ChannelCost(k)] {
            let key = match lever {
                FieldId::ChannelSpend(_) => format!("channel_spend_{k}"),
                _ => format!("channel_cost_{k}"),
            };
            let label = set.iter().find_map(|n| {
                let i = namesake(&n.scenario, name)?;
                let field = match lever {
                    FieldId::ChannelSpend(_) => FieldId::ChannelSpend(i),
                    _ => FieldId::ChannelCost(i),
                };
                field
                    .value_in(&n.scenario)
                    .map(|_| field.label(&n.scenario))
            });
            let Some(label) = label else { continue };
            let name = name.clone();
            rows.push(Input, key, label, Money, move |s, _| {
                let i = namesake(s, &name)?;
                match lever {
                    FieldId::ChannelSpend(_) => FieldId::ChannelSpend(i),
                    _ => FieldId::ChannelCost(i),
                }
                .value_in(s)
            });
        }
    }

    let metric = |m: Metric| move |_: &Scenario, a: &Analysis| m.of(&a.funnel);
    rows.push(
        Res,
        Metric::Customers.key().into(),
        Metric::Customers.label().into(),
        Count,
        metric(Metric::Customers),
    );
    rows.push(
        Res,
        Metric::Revenue.key().into(),
        CompareText::Revenue.text().into(),
        Money,
        metric(Metric::Revenue),
    );
    rows.push(
        Res,
        "spend".into(),
        CompareText::Spend.text().into(),
        Money,
        |_, a| Some(a.funnel.spend),
    );
    rows.push(
        Res,
        "gross_margin".into(),
        CompareText::GrossMargin.text().into(),
        Money,
        |_, a| Some(a.funnel.returns.gross_margin),
    );
    rows.push(
        Res,
        Metric::Cac.key().into(),
        Metric::Cac.label().into(),
        Money,
        metric(Metric::Cac),
    );
    rows.push(
        Res,
        Metric::RoiRevenue.key().into(),
        Metric::RoiRevenue.label().into(),
        Percent,
        metric(Metric::RoiRevenue),
    );
    rows.push(
        Res,
        Metric::RoiMargin.key().into(),
        Metric::RoiMargin.label().into(),
        Percent,
        metric(Metric::RoiMargin),
    );
    rows.push(
        Res,
        "ltv".into(),
        CompareText::Ltv.text().into(),
        Money,
        |_, a| Some(a.funnel.returns.ltv),
    );
    rows.push(
        Res,
        "cohort_ltv".into(),
        CompareText::CohortLtv.text().into(),
        Money,
        |_, a| Some(a.funnel.returns.cohort_ltv),
    );
    rows.push(
        Res,
        "ltv_cac".into(),
        CompareText::LtvCac.text().into(),
        Ratio,
        |_, a| a.funnel.returns.ltv_cac,
    );
    rows.push(
        Res,
        "payback_months".into(),
        CompareText::Payback.text().into(),
        Months,
        |_, a| a.funnel.returns.payback_months,
    );
    rows.push(
        Res,
        "lead_value".into(),
        CompareText::LeadValue.text().into(),
        Money,
        |_, a| a.funnel.lead_value,
    );
    rows.push(
        Res,
        "overall_conversion".into(),
        CompareText::Overall.text().into(),
        Percent,
        |_, a| a.funnel.overall_conversion,
    );
    for i in 0..stages {
        rows.push(
            Res,
            format!("stage_count_{i}"),
            stage_name(i),
            Count,
            move |_, a| a.funnel.stages.get(i).and_then(|st| st.count),
        );
    }
    for (k, name) in channel_names.iter().enumerate() {
        let label = CompareText::ChannelCustomers.fill(&[("name", name)]);
        let name = name.clone();
        rows.push(
            Res,
            format!("channel_customers_{k}"),
            label,
            Count,
            move |s, a| {
                let i = namesake(s, &name)?;
                Some(a.channels.as_ref()?.now.channels.get(i)?.customers)
            },
        );
    }
    for i in 1..stages {
        rows.push(
            Res,
            format!("stage_cost_{i}"),
            CompareText::CostPer.fill(&[("stage", &format::singular(&stage_name(i)))]),
            Money,
            move |_, a| a.funnel.stages.get(i).and_then(|st| st.cost_per),
        );
    }
    rows.push(
        Res,
        "required_top".into(),
        CompareText::RequiredTop.fill(&[("stage", &stage_name(0))]),
        Count,
        |_, a| a.reverse.stages.first().and_then(|st| st.required),
    );
    rows.push(
        Res,
        "required_spend".into(),
        CompareText::RequiredSpend.text().into(),
        Money,
        |_, a| a.reverse.required_spend,
    );

    comparison.rows = rows.rows;
    Ok(comparison)
}
