//! The Channels panel's charts: each channel's share of the mix, its spend now and at the best
//! split, and one channel's response curve.

use std::rc::Rc;
use std::sync::Arc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::charts::{
    draw_allocation, draw_channel_mix, draw_response_curve, AllocationView, ChartResult,
    ChartStyle, CurveView,
};
use crate::model::funnel::channels::ChannelMix;
use crate::model::workbench::channel_plan::{objective_noun, objective_text};
use crate::model::Analysis;
use crate::ui::chart::drawings;

drawings! {
    /// What the chart shows, with the data it is drawn from.
    pub enum ChannelChart, texts ChannelChartText {
        /// Each channel's share of the mix's spend, leads, customers and revenue.
        Mix(Rc<Analysis>) as (analysis) / (other) => Rc::ptr_eq(analysis, other),
            key "channel-mix",
            rows (analysis.channels.as_ref().map_or(0, |p| p.now.channels.len()) + 3).clamp(4, 24),
            draw |area, style| match &analysis.channels {
                Some(plan) => draw_channel_mix(area, &plan.now, style),
                None => Ok(()),
            },
            text "Grouped bar chart: each channel's share of the mix's spend, leads, customers and revenue. The table of channels gives the same numbers.",
                "Graphique à barres groupées : la part de chaque canal dans la dépense, les leads, les clients et le chiffre d'affaires du mix. Le tableau des canaux donne les mêmes chiffres.";
        /// Each channel's spend now and at the best split.
        Allocation(Rc<Analysis>, Arc<ChannelMix>) as (analysis, mix) / (other_analysis, other_mix)
            => Rc::ptr_eq(analysis, other_analysis) && Arc::ptr_eq(mix, other_mix),
            key "channel-allocation",
            rows (mix.channels.len() + 3).clamp(4, 24),
            draw |area, style| draw_split(area, analysis, mix, style),
            text "Bar chart: each channel's spend now and at the best split of the same budget. The table of the best split gives the same numbers.",
                "Graphique à barres : la dépense de chaque canal aujourd'hui et dans la meilleure répartition du même budget. Le tableau de la meilleure répartition donne les mêmes chiffres.";
        /// One channel's response curve (by its place in the mix).
        Curve(Rc<Analysis>, Arc<ChannelMix>, usize) as (analysis, mix, index)
            / (other_analysis, other_mix, other_index)
            => Rc::ptr_eq(analysis, other_analysis) && Arc::ptr_eq(mix, other_mix) && index == other_index,
            key "channel-curve",
            rows 7,
            draw |area, style| draw_curve(area, analysis, mix, *index, style),
            text "Line chart: the volume a channel's spend brings, with its spend now and at the best split marked. The table beside it gives the same points.",
                "Graphique en courbe : le volume qu'apporte la dépense d'un canal, sa dépense actuelle et celle de la meilleure répartition marquées. Le tableau voisin donne les mêmes points.";
    }
}

/// Each channel's spend now and at the best split of the same budget (nothing without a plan).
fn draw_split<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    analysis: &Analysis,
    mix: &ChannelMix,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let Some(plan) = &analysis.channels else {
        return Ok(());
    };
    let names: Vec<String> = mix.channels.iter().map(|c| c.name.clone()).collect();
    let now: Vec<f64> = mix.channels.iter().map(|c| c.spend).collect();
    let best = plan
        .best
        .as_ref()
        .map(|b| b.allocation.spends.clone())
        .unwrap_or_default();
    let gain = objective_text(mix.objective, plan.gain(mix.objective).unwrap_or(0.0));
    let view = AllocationView {
        names: &names,
        now: &now,
        best: &best,
        gain,
        objective: objective_noun(mix.objective),
    };
    draw_allocation(area, &view, style)
}

/// The response curve of the mix's channel at `index`, its best spend marked when there is one.
fn draw_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    analysis: &Analysis,
    mix: &ChannelMix,
    index: usize,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let Some(channel) = mix.channels.get(index) else {
        return Ok(());
    };
    let best = analysis
        .channels
        .as_ref()
        .and_then(|p| p.best.as_ref().ok())
        .and_then(|b| b.allocation.spends.get(index).copied());
    let view = CurveView {
        name: &channel.name,
        response: &channel.response,
        spend: channel.spend,
        best,
        max_spend: channel.max_spend,
    };
    draw_response_curve(area, &view, style)
}
