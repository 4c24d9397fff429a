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
use crate::ui::chart::{height_of_rows, Drawing};

crate::texts! {
    /// The charts' text alternatives (the canvas's accessible name).
    enum ChannelChartText {
        Mix => "Grouped bar chart: each channel's share of the mix's spend, leads, customers and revenue. The table of channels gives the same numbers.",
            "Graphique à barres groupées : la part de chaque canal dans la dépense, les leads, les clients et le chiffre d'affaires du mix. Le tableau des canaux donne les mêmes chiffres.";
        Allocation => "Bar chart: each channel's spend now and at the best split of the same budget. The table of the best split gives the same numbers.",
            "Graphique à barres : la dépense de chaque canal aujourd'hui et dans la meilleure répartition du même budget. Le tableau de la meilleure répartition donne les mêmes chiffres.";
        Curve => "Line chart: the volume a channel's spend brings, with its spend now and at the best split marked. The table beside it gives the same points.",
            "Graphique en courbe : le volume qu'apporte la dépense d'un canal, sa dépense actuelle et celle de la meilleure répartition marquées. Le tableau voisin donne les mêmes points.";
    }
}

/// What the chart shows, with the data it is drawn from.
#[derive(Clone, Debug)]
pub enum ChannelChart {
    /// Each channel's share of the mix's spend, leads, customers and revenue.
    Mix(Rc<Analysis>),
    /// Each channel's spend now and at the best split.
    Allocation(Rc<Analysis>, Arc<ChannelMix>),
    /// One channel's response curve (by its place in the mix).
    Curve(Rc<Analysis>, Arc<ChannelMix>, usize),
}

impl PartialEq for ChannelChart {
    /// Same chart of the same data (data compared by identity: new data means a redraw).
    fn eq(&self, other: &ChannelChart) -> bool {
        match (self, other) {
            (ChannelChart::Mix(a), ChannelChart::Mix(b)) => Rc::ptr_eq(a, b),
            (ChannelChart::Allocation(a, x), ChannelChart::Allocation(b, y)) => {
                Rc::ptr_eq(a, b) && Arc::ptr_eq(x, y)
            }
            (ChannelChart::Curve(a, x, i), ChannelChart::Curve(b, y, j)) => {
                Rc::ptr_eq(a, b) && Arc::ptr_eq(x, y) && i == j
            }
            _ => false,
        }
    }
}

impl Drawing for ChannelChart {
    fn key(&self) -> &'static str {
        match self {
            ChannelChart::Mix(..) => "channel-mix",
            ChannelChart::Allocation(..) => "channel-allocation",
            ChannelChart::Curve(..) => "channel-curve",
        }
    }
    fn description(&self) -> &'static str {
        match self {
            ChannelChart::Mix(..) => ChannelChartText::Mix,
            ChannelChart::Allocation(..) => ChannelChartText::Allocation,
            ChannelChart::Curve(..) => ChannelChartText::Curve,
        }
        .text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows(match self {
            ChannelChart::Mix(a) => {
                (a.channels.as_ref().map_or(0, |p| p.now.channels.len()) + 3).clamp(4, 24)
            }
            ChannelChart::Allocation(_, mix) => (mix.channels.len() + 3).clamp(4, 24),
            ChannelChart::Curve(..) => 7,
        })
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match self {
            ChannelChart::Mix(a) => match &a.channels {
                Some(plan) => draw_channel_mix(area, &plan.now, style),
                None => Ok(()),
            },
            ChannelChart::Allocation(a, mix) => {
                let Some(plan) = &a.channels else {
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
            ChannelChart::Curve(a, mix, i) => {
                let Some(channel) = mix.channels.get(*i) else {
                    return Ok(());
                };
                let best = a
                    .channels
                    .as_ref()
                    .and_then(|p| p.best.as_ref().ok())
                    .and_then(|b| b.allocation.spends.get(*i).copied());
                let view = CurveView {
                    name: &channel.name,
                    response: &channel.response,
                    spend: channel.spend,
                    best,
                    max_spend: channel.max_spend,
                };
                draw_response_curve(area, &view, style)
            }
        }
    }
}
