//! The channel charts: each channel's share of the mix's spend, leads, customers and revenue
//! (grouped bars, so a channel that costs much and brings little shows at once), its spend
//! now against the allocator's best split, and its response curve with both points marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::forecast::{count_axis, largest, legend_and_plot, money_axis, value_axes, Key, XAxis};
use super::groups::{draw_groups, Groups, Scale};
use super::{clean, ChartResult, ChartStyle, CURRENT, REQUIRED};
use crate::model::format;
use crate::model::funnel::channels::{MixResult, Response};
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
        CurveTitle => "{name}: {volume} at {spend}", "{name} : {volume} pour {spend}";
        CurveBest => "{name}: {volume} at {spend}; best split: {best}",
            "{name} : {volume} pour {spend} ; meilleure répartition : {best}";
        Curve => "Volume the spend brings", "Volume apporté par la dépense";
        SpendAxis => "Spend per period", "Dépense par période";
        VolumeAxis => "Volume", "Volume";
    }
}

/// Points drawn along a response curve.
const CURVE_POINTS: usize = 120;

/// What the response-curve chart shows: a channel's curve, its spend now and, when known,
/// at the best split.
pub struct CurveView<'a> {
    pub name: &'a str,
    pub response: &'a Response,
    pub spend: f64,
    pub best: Option<f64>,
    /// The most the channel can take, when bounded.
    pub max_spend: Option<f64>,
}

/// Draws a channel's response curve (volume against spend) on `area`, with its spend now
/// and at the best split marked.
pub fn draw_response_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &CurveView,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let volume_at = |spend: f64| view.response.volume(spend);
    let spend_text = format::money(clean(view.spend));
    let volume_text = format::count(clean(volume_at(view.spend)));
    let title = match view.best {
        Some(best) => ChannelChartText::CurveBest.fill(&[
            ("name", view.name),
            ("volume", &volume_text),
            ("spend", &spend_text),
            ("best", &format::money(clean(best))),
        ]),
        None => ChannelChartText::CurveTitle.fill(&[
            ("name", view.name),
            ("volume", &volume_text),
            ("spend", &spend_text),
        ]),
    };
    let body = super::title_and_body(area, style, &title)?;
    let mut entries = vec![
        (
            CURRENT,
            ChannelChartText::Curve.text().to_owned(),
            Key::Line,
        ),
        (
            CURRENT,
            ChannelChartText::Now.text().to_owned(),
            Key::Swatch,
        ),
    ];
    if view.best.is_some() {
        entries.push((
            REQUIRED,
            ChannelChartText::Best.text().to_owned(),
            Key::Swatch,
        ));
    }
    let Some(plot) = legend_and_plot(&body, &entries, style)? else {
        return area.present();
    };
    // Up to half again past the furthest point of interest (or the maximum spend).
    let furthest = largest(
        [
            view.spend,
            view.best.unwrap_or(0.0),
            view.max_spend.unwrap_or(0.0),
        ]
        .into_iter(),
    );
    let x_max = if furthest > 0.0 {
        furthest * 1.5
    } else {
        1_000.0
    };
    let points: Vec<(f64, f64)> = (0..=CURVE_POINTS)
        .map(|i| {
            let spend = x_max * i as f64 / CURVE_POINTS as f64;
            (spend, clean(volume_at(spend)))
        })
        .collect();
    let y_max = largest(points.iter().map(|p| p.1)).max(1.0) * 1.1;
    let x_label = |x: &f64| money_axis(*x);
    let x = XAxis {
        range: 0.0..x_max,
        labels: 5,
        label: &x_label,
        desc: ChannelChartText::SpendAxis.text(),
    };
    let mut chart = value_axes(
        &plot,
        &x,
        y_max,
        ChannelChartText::VolumeAxis.text(),
        count_axis,
        style,
    )?;
    chart.draw_series(std::iter::once(PathElement::new(
        points,
        CURRENT.stroke_width(style.px(2.0).max(1) as u32),
    )))?;
    let radius = style.px(5.0).max(2);
    let mut marks = vec![(view.spend, CURRENT)];
    if let Some(best) = view.best {
        marks.push((best, REQUIRED));
    }
    chart.draw_series(marks.into_iter().map(|(spend, colour)| {
        Circle::new(
            (clean(spend), clean(volume_at(spend))),
            radius,
            colour.filled(),
        )
    }))?;
    area.present()
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
