//! The channel charts: each channel's share of the mix's spend, leads, customers and revenue
//! (grouped bars, so a channel that costs much and brings little shows at once), and its
//! spend now against the allocator's best split.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::groups::{draw_groups, Groups, Scale};
use super::{ChartResult, ChartStyle};
use crate::model::format;
use crate::model::funnel::channels::MixResult;
use crate::model::num::ratio;

crate::texts! {
    /// Titles, notes and series of the channel charts.
    enum ChannelChartText {
        MixTitle => "The mix by channel: {spend} for {customers} customers",
            "Le mix par canal : {spend} pour {customers} clients";
        MixNote => "Each channel's share of the mix's spend, leads, customers and revenue",
            "Part de chaque canal dans la dépense, les leads, les clients et le chiffre d'affaires du mix";
        Spend => "Spend", "Dépense";
        Leads => "Leads", "Leads";
        Customers => "Customers", "Clients";
        Revenue => "Revenue", "Chiffre d'affaires";
        AllocationTitle => "Spend now and at the best split: {gain} more {objective}",
            "Dépense actuelle et meilleure répartition : {gain} {objective} de plus";
        AllocationNote => "Spend per channel, the same budget split for the most {objective}",
            "Dépense par canal, le même budget réparti pour le plus de {objective}";
        Now => "Now", "Actuelle";
        Best => "Best split", "Meilleure répartition";
    }
}

/// Draws each channel's share of the mix's spend, leads (the entry stage's volume),
/// customers and revenue on `area`.
pub fn draw_channel_mix<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mix: &MixResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let entry_volume = |counts: &[Option<f64>]| counts.iter().flatten().next().copied();
    let blended = &mix.blended;
    let totals = [
        Some(blended.spend),
        entry_volume(&blended.counts),
        Some(blended.customers),
        Some(blended.returns.revenue),
    ];
    let rows = mix
        .channels
        .iter()
        .map(|channel| {
            let values = [
                Some(channel.spend),
                entry_volume(&channel.counts),
                Some(channel.customers),
                Some(channel.returns.revenue),
            ];
            let shares = values
                .iter()
                .zip(&totals)
                .map(|(value, total)| ratio((*value)?, (*total)?))
                .collect();
            (channel.name.clone(), shares)
        })
        .collect();
    let title = ChannelChartText::MixTitle.fill(&[
        ("spend", &format::money(blended.spend)),
        ("customers", &format::count(blended.customers)),
    ]);
    let groups = Groups {
        title: &title,
        note: ChannelChartText::MixNote.text(),
        series: [
            ChannelChartText::Spend,
            ChannelChartText::Leads,
            ChannelChartText::Customers,
            ChannelChartText::Revenue,
        ]
        .map(|t| t.text().to_owned())
        .to_vec(),
        rows,
        scale: Scale::Share,
    };
    draw_groups(area, &groups, style)
}

/// What the allocation chart shows: the channels' names, their spend now and at the best
/// split, what the move buys and of what (already written in the language in use).
pub struct AllocationView<'a> {
    pub names: &'a [String],
    pub now: &'a [f64],
    pub best: &'a [f64],
    /// "5.0" customers, "75,000 €" of revenue …
    pub gain: String,
    /// "customers", "revenue" …
    pub objective: &'a str,
}

/// Draws each channel's spend now and at the best split on `area`.
pub fn draw_allocation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &AllocationView,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let title = ChannelChartText::AllocationTitle
        .fill(&[("gain", &view.gain), ("objective", view.objective)]);
    let note = ChannelChartText::AllocationNote.fill(&[("objective", view.objective)]);
    let rows = view
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                name.clone(),
                vec![view.now.get(i).copied(), view.best.get(i).copied()],
            )
        })
        .collect();
    let groups = Groups {
        title: &title,
        note: &note,
        series: vec![
            ChannelChartText::Now.text().to_owned(),
            ChannelChartText::Best.text().to_owned(),
        ],
        rows,
        scale: Scale::Money,
    };
    draw_groups(area, &groups, style)
}
