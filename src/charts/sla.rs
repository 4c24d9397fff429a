//! The SLA charts: leads required vs delivered month to date, per channel and per persona
//! (bars with the pro-rated expectation marked, rows behind pace flagged), and the month's
//! pacing (cumulative leads day by day against the commitment, projected to the month's end).

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    bar_with_text, clean, fit, left_middle, legend_entry, line_legend, note, row_label, split,
    subtitle, title_and_body, ChartResult, ChartStyle, Panel, ALERT, AVERAGE_CHAR_EM, CURRENT, INK,
    MUTED, REQUIRED,
};
use crate::model::format;
use crate::model::sla::calculator::{Pace, Requirement, Sla, SlaAnalysis};

crate::texts! {
    /// Titles, legends, notes and axes of the SLA charts.
    enum SlaChartText {
        LeadsTitle => "Leads required vs delivered, month to date",
            "Leads requis et livrés depuis le début du mois";
        NoChannels => "No channels", "Aucun canal";
        NoPersonas => "No personas", "Aucun persona";
        RequiredThisMonth => "Required this month", "Requis ce mois-ci";
        DeliveredToDay => "Delivered to day {day}", "Livrés jusqu'au jour {day}";
        ExpectedByDay => "Expected by day {day}", "Attendus au jour {day}";
        PerChannel => "Per channel", "Par canal";
        PerChannelBehind => "Per channel ({behind} of {n} behind pace)",
            "Par canal ({behind} sur {n} en retard)";
        PerPersona => "Per persona", "Par persona";
        PerPersonaBehind => "Per persona ({behind} of {n} behind pace)",
            "Par persona ({behind} sur {n} en retard)";
        Unreachable => "unreachable", "inatteignable";
        DeliveredAndExpected => "{delivered} (expected {expected})", "{delivered} (attendus {expected})";
        Behind => "behind", "en retard";
        NothingTracked => "No leads tracked yet ({required} leads committed)",
            "Aucun lead suivi pour l'instant ({required} leads engagés)";
        ToDate => "day {day} of {days}: {delivered} delivered",
            "jour {day} sur {days} : {delivered} livrés";
        CompleteOf => "Month complete: {delivered} of {required} leads",
            "Mois terminé : {delivered} leads sur {required}";
        CompleteNoCommitment => "Month complete: {delivered} leads (no commitment)",
            "Mois terminé : {delivered} leads (aucun engagement)";
        OnPaceOf => "On pace for {projected} of {required} leads",
            "En route pour {projected} leads sur {required}";
        OnPaceNoCommitment => "On pace for {projected} leads (no commitment)",
            "En route pour {projected} leads (aucun engagement)";
        SummaryExpected => "{headline} · {to_date}, {expected} expected",
            "{headline} · {to_date}, {expected} attendus";
        PacingTitle => "Month-to-date pacing", "Rythme depuis le début du mois";
        Commitment => "Commitment", "Engagement";
        Delivered => "Delivered", "Livrés";
        Projection => "Projection at the current rate", "Projection au rythme actuel";
        DayOfMonth => "Day of month", "Jour du mois";
        CumulativeLeads => "Cumulative leads", "Leads cumulés";
        Projected => "{n} projected", "{n} projetés";
    }
}

/// Colour of the commitment (leads required).
const COMMITMENT: RGBColor = REQUIRED;
/// Colour of the leads delivered.
const DELIVERED: RGBColor = CURRENT;
/// Colour of the pro-rated expectation marker.
const EXPECTED: RGBColor = INK;

/// A whole number of leads: "1,234".
fn leads(x: f64) -> String {
    format::group_thousands(clean(x).round())
}

/// One row of a panel: a channel or a persona and its month-to-date pace.
struct Row<'a> {
    name: &'a str,
    pace: Pace,
    /// Every segment of the row is unreachable (its leads are worth nothing).
    unreachable: bool,
}

/// Every requirement of a row is unreachable (none missing).
fn all_unreachable<'a>(mut cells: impl Iterator<Item = Option<&'a Requirement>>) -> bool {
    cells.all(|r| matches!(r, Some(Requirement::Unreachable(_))))
}

/// Draws the leads required this month and delivered so far per channel, then per persona,
/// with the commitment pro-rated to the as-of day marked on each delivered bar.
pub fn draw_sla_leads<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sla: &Sla,
    analysis: &SlaAnalysis,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, SlaChartText::LeadsTitle.text())?;
    let (nc, np) = (sla.channels.len(), sla.personas.len());
    if nc == 0 || np == 0 {
        let notes: Vec<&str> = [
            (nc == 0, SlaChartText::NoChannels.text()),
            (np == 0, SlaChartText::NoPersonas.text()),
        ]
        .into_iter()
        .filter_map(|(missing, note)| missing.then_some(note))
        .collect();
        return note(area, &body, &notes, style);
    }
    let pace_of = |paces: &[Pace], i: usize| paces.get(i).copied().unwrap_or_default();
    let channels: Vec<Row> = sla
        .channels
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let row = analysis.required.get(c);
            Row {
                name,
                pace: pace_of(&analysis.channel_pace, c),
                unreachable: all_unreachable((0..np).map(|p| row.and_then(|r| r.get(p)))),
            }
        })
        .collect();
    let personas: Vec<Row> = sla
        .personas
        .iter()
        .enumerate()
        .map(|(p, persona)| Row {
            name: &persona.name,
            pace: pace_of(&analysis.persona_pace, p),
            unreachable: all_unreachable(
                (0..nc).map(|c| analysis.required.get(c).and_then(|r| r.get(p))),
            ),
        })
        .collect();

    let (_, height) = body.dim_in_pixel();
    let px = |css: f64| f64::from(style.px(css));
    let legend_height = px(24.0);
    let day = sla.as_of_day.clamp(1, analysis.days_in_month.max(1));
    let day_text = day.to_string();
    let legend = [
        (
            COMMITMENT,
            SlaChartText::RequiredThisMonth.text().to_owned(),
            false,
        ),
        (
            DELIVERED,
            SlaChartText::DeliveredToDay.fill(&[("day", &day_text)]),
            false,
        ),
        (
            EXPECTED,
            SlaChartText::ExpectedByDay.fill(&[("day", &day_text)]),
            true,
        ),
    ];
    let mut x = px(12.0);
    let y = (legend_height / 2.0) as i32;
    for (colour, label, is_tick) in legend {
        let chars = label.chars().count() as f64;
        if is_tick {
            let span = (y - style.px(7.0), y + style.px(7.0));
            tick(&body, x + px(6.0), span, style)?;
            body.draw(&Text::new(
                label,
                (x as i32 + style.px(18.0), y),
                style.text(12.5, INK, left_middle()),
            ))?;
        } else {
            legend_entry(&body, (x as i32, y), colour, label, 12.5, style)?;
        }
        x += px(18.0) + chars * 12.5 * AVERAGE_CHAR_EM * style.scale + px(16.0);
    }

    let rest = (f64::from(height) - legend_height).max(0.0);
    let share = (nc + 1) as f64 / (nc + np + 2) as f64;
    let (_, panels) = split(&body, legend_height);
    let (top, bottom) = split(&panels, rest * share);
    let channel_titles = (SlaChartText::PerChannel, SlaChartText::PerChannelBehind);
    let persona_titles = (SlaChartText::PerPersona, SlaChartText::PerPersonaBehind);
    draw_panel(&top, channel_titles, &channels, style)?;
    draw_panel(&bottom, persona_titles, &personas, style)?;
    area.present()
}

/// One panel of rows (channels or personas): two bars per row and the expectation tick;
/// `titles`: the panel's title, and its title when rows are behind.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    titles: (SlaChartText, SlaChartText),
    rows: &[Row],
    style: &ChartStyle,
) -> ChartResult<DB> {
    let px = |css: f64| f64::from(style.px(css));
    // Room after the bars for "1,234 (expected 1,300) behind"; only for "behind" when the
    // bars are too thin to carry values.
    let mut panel = Panel::new(area.dim_in_pixel(), rows.len(), 2, px(170.0), style);
    if !panel.show_values {
        panel = Panel::new(area.dim_in_pixel(), rows.len(), 2, px(50.0), style);
        panel.show_values = false;
    }
    let behind = rows.iter().filter(|r| r.pace.is_behind()).count();
    let title = if behind > 0 {
        titles.1.fill(&[
            ("behind", &behind.to_string()),
            ("n", &rows.len().to_string()),
        ])
    } else {
        titles.0.text().to_owned()
    };
    subtitle(area, &panel, &title, style)?;
    let max = rows
        .iter()
        .flat_map(|r| [r.pace.required, r.pace.delivered, r.pace.expected])
        .map(clean)
        .fold(0.0_f64, f64::max);
    let length = |value: f64| {
        if max > 0.0 {
            panel.bar_space * clean(value) / max
        } else {
            0.0
        }
    };
    let min_bar = px(2.0);
    let value_font = panel.value_font(style);
    for (i, row) in rows.iter().enumerate() {
        let is_behind = row.pace.is_behind();
        row_label(
            area,
            &panel,
            i,
            row.name,
            if is_behind { ALERT } else { INK },
            style,
        )?;

        // The month's commitment.
        let span = panel.bar_span(i, 0);
        if row.unreachable && clean(row.pace.required) == 0.0 {
            bar_with_text(
                area,
                &panel,
                span,
                0.0,
                COMMITMENT,
                Some(SlaChartText::Unreachable.text().to_owned()),
                style,
            )?;
        } else {
            let required = clean(row.pace.required);
            let bar = if required > 0.0 {
                length(required).max(min_bar)
            } else {
                0.0
            };
            let text = panel.show_values.then(|| leads(required));
            bar_with_text(area, &panel, span, bar, COMMITMENT, text, style)?;
        }

        // The leads delivered so far, and what was expected by now.
        let span = panel.bar_span(i, 1);
        let delivered = clean(row.pace.delivered);
        let bar = if delivered > 0.0 {
            length(delivered).max(min_bar)
        } else {
            0.0
        };
        bar_with_text(area, &panel, span, bar, DELIVERED, None, style)?;
        let expected = clean(row.pace.expected);
        let mut text_x = panel.label_width + bar;
        if expected > 0.0 {
            let x = panel.label_width + length(expected);
            let gap = style.px(2.0);
            tick(area, x, (span.0 - gap, span.1 + gap), style)?;
            text_x = text_x.max(x);
        }
        let mut text = if panel.show_values {
            if expected > 0.0 {
                SlaChartText::DeliveredAndExpected.fill(&[
                    ("delivered", &leads(delivered)),
                    ("expected", &leads(expected)),
                ])
            } else {
                leads(delivered)
            }
        } else {
            String::new()
        };
        if is_behind {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(SlaChartText::Behind.text());
        }
        let room = panel.width - text_x - px(8.0);
        let mut text_fitted = fit(&text, room, value_font * style.scale);
        if is_behind && text_fitted != text {
            // Too long for the room left: "behind" must stay.
            text_fitted = SlaChartText::Behind.text().to_owned();
        }
        if !text_fitted.is_empty() {
            area.draw(&Text::new(
                text_fitted,
                ((text_x + px(5.0)) as i32, (span.0 + span.1) / 2),
                style.text(
                    value_font,
                    if is_behind { ALERT } else { MUTED },
                    left_middle(),
                ),
            ))?;
        }
    }
    Ok(())
}

/// The expectation marker: a vertical stroke at `x` from `y.0` to `y.1`.
fn tick<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: f64,
    y: (i32, i32),
    style: &ChartStyle,
) -> ChartResult<DB> {
    let x = x.round() as i32;
    area.draw(&PathElement::new(
        vec![(x, y.0), (x, y.1)],
        EXPECTED.stroke_width(style.px(2.0).max(1) as u32),
    ))
}

/// Where the month is heading at the current run rate.
struct Projection {
    /// Day through which leads are counted (0 when nothing is tracked).
    today: u32,
    delivered: f64,
    /// Leads by the month's end at the run rate so far.
    at_month_end: f64,
}

impl Projection {
    fn of(analysis: &SlaAnalysis) -> Projection {
        let days = analysis.days_in_month.max(1);
        let today = (analysis.cumulative.len() as u32).min(days);
        let delivered = analysis
            .cumulative
            .get(today.saturating_sub(1) as usize)
            .copied()
            .map_or(0.0, clean);
        let at_month_end = if today > 0 {
            clean(delivered / f64::from(today) * f64::from(days))
        } else {
            0.0
        };
        Projection {
            today,
            delivered,
            at_month_end,
        }
    }
}

/// The line under the pacing chart's title: where the projection lands against the
/// commitment ("On pace for 540 of 600 leads"), then the month to date.
fn pacing_summary(analysis: &SlaAnalysis) -> String {
    let projection = Projection::of(analysis);
    let days = analysis.days_in_month.max(1);
    let required = clean(analysis.total_pace.required);
    if projection.today == 0 {
        return SlaChartText::NothingTracked.fill(&[("required", &leads(required))]);
    }
    let to_date = SlaChartText::ToDate.fill(&[
        ("day", &projection.today.to_string()),
        ("days", &days.to_string()),
        ("delivered", &leads(projection.delivered)),
    ]);
    let (delivered, projected, required_text) = (
        leads(projection.delivered),
        leads(projection.at_month_end),
        leads(required),
    );
    let headline = match (projection.today >= days, required > 0.0) {
        (true, true) => SlaChartText::CompleteOf
            .fill(&[("delivered", &delivered), ("required", &required_text)]),
        (true, false) => SlaChartText::CompleteNoCommitment.fill(&[("delivered", &delivered)]),
        (false, true) => {
            SlaChartText::OnPaceOf.fill(&[("projected", &projected), ("required", &required_text)])
        }
        (false, false) => SlaChartText::OnPaceNoCommitment.fill(&[("projected", &projected)]),
    };
    let expected = clean(analysis.total_pace.expected);
    if expected > 0.0 && projection.today < days {
        SlaChartText::SummaryExpected.fill(&[
            ("expected", &leads(expected)),
            ("to_date", &to_date),
            ("headline", &headline),
        ])
    } else {
        format!("{headline} · {to_date}")
    }
}

/// Draws the month-to-date pacing: cumulative leads delivered day by day against the
/// commitment pro-rated over the month, and the projection to the month's end at the
/// current run rate.
pub fn draw_sla_pacing<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    analysis: &SlaAnalysis,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, SlaChartText::PacingTitle.text())?;
    let (width, height) = body.dim_in_pixel();
    let px = |css: f64| f64::from(style.px(css));
    let days = analysis.days_in_month.max(1);
    let required = clean(analysis.total_pace.required);
    let projection = Projection::of(analysis);

    // Summary line, then the legend.
    let summary_height = px(22.0);
    let summary_colour = if analysis.total_pace.is_behind() {
        ALERT
    } else {
        INK
    };
    body.draw(&Text::new(
        fit(
            &pacing_summary(analysis),
            f64::from(width) - px(24.0),
            px(13.0),
        ),
        (style.px(12.0), (summary_height / 2.0) as i32),
        style.text(13.0, summary_colour, left_middle()),
    ))?;
    let legend_height = px(22.0);
    let y = (summary_height + legend_height / 2.0) as i32;
    let mut x = px(12.0);
    if required > 0.0 {
        x = line_legend(
            &body,
            (x, y),
            COMMITMENT,
            false,
            SlaChartText::Commitment.text(),
            style,
        )?;
    }
    x = line_legend(
        &body,
        (x, y),
        DELIVERED,
        false,
        SlaChartText::Delivered.text(),
        style,
    )?;
    line_legend(
        &body,
        (x, y),
        DELIVERED,
        true,
        SlaChartText::Projection.text(),
        style,
    )?;

    let header = (summary_height + legend_height) as u32;
    if height <= header + style.px(60.0).max(1) as u32 || width <= style.px(120.0).max(1) as u32 {
        // Too small for axes: the summary says it all.
        return area.present();
    }
    let (_, plot) = split(&body, f64::from(header));
    let y_max = [required, projection.at_month_end, projection.delivered, 1.0]
        .into_iter()
        .fold(0.0_f64, f64::max)
        * 1.08;
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(style.px(8.0))
        .margin_right(style.px(20.0))
        .margin_top(style.px(10.0))
        .margin_bottom(style.px(4.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0..days as i32, 0.0..y_max)?;
    let label_font = ("sans-serif", 11.5 * style.scale).into_font().color(&MUTED);
    let desc_font = ("sans-serif", 12.0 * style.scale).into_font().color(&MUTED);
    let x_labels = (f64::from(width) / px(42.0)).clamp(2.0, 16.0) as usize;
    // Whole leads on a short axis: no more ticks than whole numbers.
    let y_labels = (f64::from(height - header) / px(40.0))
        .clamp(2.0, 10.0)
        .min(y_max.floor() + 1.0)
        .max(2.0) as usize;
    let day_label = |d: &i32| d.to_string();
    let count_label = |n: &f64| {
        if n.is_finite() {
            format::count(*n)
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&day_label)
        .y_label_formatter(&count_label)
        .label_style(label_font)
        .axis_desc_style(desc_font)
        .x_desc(SlaChartText::DayOfMonth.text())
        .y_desc(SlaChartText::CumulativeLeads.text())
        .max_light_lines(2)
        .light_line_style(RGBColor(241, 243, 245).stroke_width(1))
        .bold_line_style(RGBColor(222, 225, 230).stroke_width(1))
        .axis_style(MUTED.stroke_width(style.px(1.0).max(1) as u32))
        .draw()?;

    let line = |colour: RGBColor| colour.stroke_width(style.px(2.0).max(1) as u32);
    if required > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0, 0.0), (days as i32, required)],
            line(COMMITMENT),
        )))?;
    }
    if projection.today > 0 {
        let delivered: Vec<(i32, f64)> = std::iter::once((0, 0.0))
            .chain(
                analysis
                    .cumulative
                    .iter()
                    .take(projection.today as usize)
                    .enumerate()
                    .map(|(d, n)| (d as i32 + 1, clean(*n))),
            )
            .collect();
        if projection.today < days {
            chart.draw_series(std::iter::once(DashedPathElement::new(
                vec![
                    (projection.today as i32, projection.delivered),
                    (days as i32, projection.at_month_end),
                ],
                style.px(6.0).max(1),
                style.px(4.0).max(1),
                line(DELIVERED),
            )))?;
            // The landing point, labelled above (the lines come from below on the left),
            // unless the commitment ends just above it.
            let gap = required - projection.at_month_end;
            let below = gap > 0.0 && gap < 0.15 * y_max;
            let pos = Pos::new(HPos::Right, if below { VPos::Top } else { VPos::Bottom });
            let dy = if below { style.px(8.0) } else { -style.px(8.0) };
            chart.draw_series(std::iter::once(
                EmptyElement::at((days as i32, projection.at_month_end))
                    + Circle::new(
                        (0, 0),
                        style.px(4.0).max(1),
                        DELIVERED.stroke_width(style.px(1.5).max(1) as u32),
                    )
                    + Text::new(
                        SlaChartText::Projected.fill(&[("n", &leads(projection.at_month_end))]),
                        (-style.px(8.0), dy),
                        style.text(12.0, DELIVERED, pos),
                    ),
            ))?;
        }
        chart.draw_series(std::iter::once(PathElement::new(
            delivered.clone(),
            line(DELIVERED),
        )))?;
        let radius = style
            .px(if projection.today > 20 { 2.5 } else { 3.0 })
            .max(1);
        chart.draw_series(
            delivered
                .into_iter()
                .skip(1)
                .map(|point| Circle::new(point, radius, DELIVERED.filled())),
        )?;
    }
    area.present()
}
