//! The SLA charts on plotters' SVG backend: leads required vs delivered per channel and
//! persona (names, "behind", "unreachable", empty matrices) and month-to-date pacing (the
//! projection's numbers), never NaN or infinity, and fonts scaled for HiDPI.

use crate::support;
use funnelsim::charts::{draw_sla_leads, draw_sla_pacing, ChartStyle, ALERT, INK};
use funnelsim::model::sla::calculator::{analyse_sla, funnel_close_rate, Sla, SlaAnalysis};
use funnelsim::model::Scenario;
use plotters::prelude::*;

use support::svg::svg as svg_sized;

use support::sla::november;

/// The steady month of the tests, in English.
fn steady(day: u32) -> Sla {
    support::sla::steady(day, "Webinars", "Founders")
}

fn leads_svg(sla: &Sla, analysis: &SlaAnalysis, size: (u32, u32), scale: f64) -> String {
    let svg = svg_sized(size, |area| {
        draw_sla_leads(area, sla, analysis, &ChartStyle { scale }).unwrap()
    });
    assert_finite(&svg);
    svg
}

fn pacing_svg(analysis: &SlaAnalysis, size: (u32, u32), scale: f64) -> String {
    let svg = svg_sized(size, |area| {
        draw_sla_pacing(area, analysis, &ChartStyle { scale }).unwrap()
    });
    assert_finite(&svg);
    svg
}

fn assert_finite(svg: &str) {
    for bad in ["NaN", "inf"] {
        assert!(!svg.contains(bad), "SVG contains {bad}");
    }
}

/// The SVG backend writes each text on a line of its own: `>\ncontent\n</text>`.
fn text_element(content: &str) -> String {
    format!(">\n{content}\n</text>")
}

/// The `fill` of the `<text>` element whose content is exactly `content`.
fn text_fill(svg: &str, content: &str) -> Option<String> {
    let end = svg.find(&text_element(content))?;
    let start = svg[..end].rfind("<text")?;
    let element = &svg[start..end];
    let at = element.find("fill=\"")? + "fill=\"".len();
    Some(element[at..at + element[at..].find('"')?].to_owned())
}

fn hex(colour: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
}

/// Every font size of `svg`, in order.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect()
}

fn example() -> Sla {
    Sla::example(&Scenario::default(), november(), 23)
}

#[test]
fn leads_chart_names_every_channel_and_persona() {
    let sla = example();
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    let svg = leads_svg(&sla, &analysis, (900, 620), 1.0);
    for name in sla
        .channels
        .iter()
        .chain(sla.personas.iter().map(|p| &p.name))
    {
        assert!(svg.contains(&text_element(name)), "missing {name}");
    }
    for text in [
        "Leads required vs delivered, month to date",
        "Per channel",
        "Per persona",
        "Required this month",
        "Delivered to day 23",
        "Expected by day 23",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    // The channel's commitment is written next to its bar.
    let organic = analysis.channel_pace[0];
    let required = funnelsim::model::format::group_thousands(organic.required);
    assert!(svg.contains(&text_element(&required)), "missing {required}");
    // Two bars per row at least (channels and personas).
    assert!(svg.matches("<rect").count() >= 2 * (5 + 3));
}

#[test]
fn a_channel_behind_pace_is_labelled_behind_in_the_alert_colour() {
    let mut sla = example();
    // Paid ads (channel 3) delivered nothing this month; organic search (channel 0) three
    // times its example flow.
    let personas = sla.personas.len();
    for day in &mut sla.actuals[0].days {
        for p in 0..personas {
            day[3 * personas + p] = 0;
            day[p] *= 3;
        }
    }
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert!(analysis.channel_pace[3].is_behind());
    let svg = leads_svg(&sla, &analysis, (900, 620), 1.0);
    assert!(svg.contains("behind"));
    assert_eq!(text_fill(&svg, "Paid ads").as_deref(), Some(&*hex(ALERT)));
    assert!(svg.contains("behind pace)"), "the panel counts rows behind");
    // A channel on pace keeps the ordinary ink.
    // Every row behind says so, even when the chart is too narrow for the full values.
    let behind_rows = analysis
        .channel_pace
        .iter()
        .chain(&analysis.persona_pace)
        .filter(|p| p.is_behind())
        .count();
    for width in [900, 330] {
        let svg = leads_svg(&sla, &analysis, (width, 620), 1.0);
        let flagged = svg
            .split("</text>")
            .filter(|t| t.trim_end().ends_with("behind"))
            .count();
        assert_eq!(flagged, behind_rows, "at {width} px");
    }
    assert!(!analysis.channel_pace[0].is_behind());
    assert_eq!(
        text_fill(&svg, "Organic search").as_deref(),
        Some(&*hex(INK))
    );
}

#[test]
fn a_channel_whose_leads_are_worth_nothing_reads_unreachable() {
    let mut sla = example();
    sla.close_rates[4] = vec![Some(0.0); sla.personas.len()];
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert_eq!(analysis.channel_required[4], 0.0);
    let svg = leads_svg(&sla, &analysis, (900, 620), 1.0);
    assert_eq!(svg.matches(&text_element("unreachable")).count(), 1);
}

#[test]
fn pacing_chart_projects_the_run_rate_to_the_months_end() {
    // 100 leads by day 10 of 30 → 300 by the month's end, against 600 committed.
    let sla = steady(10);
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert_eq!(analysis.total_pace.required, 600.0);
    assert_eq!(analysis.cumulative.last(), Some(&100.0));
    let svg = pacing_svg(&analysis, (800, 420), 1.0);
    for text in [
        "Month-to-date pacing",
        "On pace for 300 of 600 leads",
        "day 10 of 30: 100 delivered, 200 expected",
        "Day of month",
        "Cumulative leads",
        "Commitment",
        "Projection at the current rate",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    // Behind pace (100 of 200 expected): the summary is in the alert colour.
    let summary = svg
        .split("<text")
        .find(|t| t.contains("On pace for"))
        .unwrap();
    assert!(summary.contains(&hex(ALERT)));
    // A marker per day delivered, plus the projection's end.
    assert!(svg.matches("<circle").count() >= 10);
    // The same SLA through its leads chart: 100 delivered of 200 expected.
    let svg = leads_svg(&sla, &analysis, (800, 420), 1.0);
    assert!(svg.contains("100 (expected 200) behind"));
}

#[test]
fn pacing_on_pace_and_on_the_last_day() {
    // 20 a day: 200 by day 10, on pace for 600 of 600.
    let mut sla = steady(10);
    for day in &mut sla.actuals[0].days {
        day[0] *= 2;
    }
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    let svg = pacing_svg(&analysis, (800, 420), 1.0);
    assert!(svg.contains("On pace for 600 of 600 leads"));
    // The last day: nothing left to project.
    let analysis = analyse_sla(&steady(30), funnel_close_rate(&Scenario::default()));
    let svg = pacing_svg(&analysis, (800, 420), 1.0);
    assert!(svg.contains("Month complete: 300 of 600 leads"));
}

#[test]
fn nothing_required_and_nothing_delivered_still_draws_axes() {
    let mut sla = steady(5);
    sla.close_rates = vec![vec![Some(0.0)]];
    sla.actuals.clear();
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    assert_eq!(analysis.total_pace.required, 0.0);
    let svg = pacing_svg(&analysis, (800, 420), 1.0);
    assert!(svg.contains("On pace for 0 leads (no commitment)"));
    assert!(svg.contains("Day of month"));
    assert!(
        svg.contains(&text_element("1")),
        "the y axis reaches at least 1"
    );
    let svg = leads_svg(&sla, &analysis, (800, 420), 1.0);
    assert!(svg.contains(&text_element("unreachable")));
}

#[test]
fn empty_matrices_say_so() {
    let scenario = Scenario::default();
    let mut no_channels = example();
    no_channels.channels.clear();
    no_channels.close_rates.clear();
    no_channels.plan.clear();
    let analysis = analyse_sla(&no_channels, funnel_close_rate(&scenario));
    let svg = leads_svg(&no_channels, &analysis, (800, 420), 1.0);
    assert!(svg.contains("No channels") && !svg.contains("No personas"));
    pacing_svg(&analysis, (800, 420), 1.0);

    let mut no_personas = example();
    no_personas.personas.clear();
    let analysis = analyse_sla(&no_personas, funnel_close_rate(&scenario));
    let svg = leads_svg(&no_personas, &analysis, (800, 420), 1.0);
    assert!(svg.contains("No personas") && !svg.contains("No channels"));

    no_personas.channels.clear();
    let analysis = analyse_sla(&no_personas, funnel_close_rate(&scenario));
    let svg = leads_svg(&no_personas, &analysis, (800, 420), 1.0);
    assert!(svg.contains("No channels") && svg.contains("No personas"));
    pacing_svg(&analysis, (800, 420), 1.0);
}

#[test]
fn the_largest_matrix_draws_at_every_size() {
    let sla = Sla::synthetic(20, 10, 12, november(), 15);
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    let svg = leads_svg(&sla, &analysis, (800, 760), 1.0);
    assert!(svg.contains(&text_element("Channel 20")) && svg.contains(&text_element("Persona 10")));
    for size in [(320, 220), (120, 80), (10, 10), (1, 1)] {
        leads_svg(&sla, &analysis, size, 1.0);
        pacing_svg(&analysis, size, 1.0);
        leads_svg(&sla, &analysis, size, 3.0);
        pacing_svg(&analysis, size, 3.0);
    }
}

#[test]
fn broken_numbers_never_reach_the_drawing() {
    let sla = example();
    let mut analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    analysis.cumulative = vec![f64::NAN, f64::INFINITY, -5.0];
    analysis.total_pace.required = f64::NAN;
    analysis.total_pace.expected = f64::INFINITY;
    analysis.channel_pace[0].delivered = f64::INFINITY;
    analysis.channel_pace[1].required = f64::NAN;
    analysis.channel_pace.truncate(2);
    analysis.persona_pace.clear();
    analysis.required.truncate(1);
    leads_svg(&sla, &analysis, (800, 600), 1.0);
    pacing_svg(&analysis, (800, 420), 1.0);
    analysis.days_in_month = 0;
    analysis.cumulative.clear();
    let svg = pacing_svg(&analysis, (800, 420), 1.0);
    assert!(svg.contains("No leads tracked yet"));
}

#[test]
fn hidpi_scale_doubles_font_sizes() {
    let sla = example();
    let analysis = analyse_sla(&sla, funnel_close_rate(&Scenario::default()));
    let normal = font_sizes(&leads_svg(&sla, &analysis, (800, 560), 1.0));
    let hidpi = font_sizes(&leads_svg(&sla, &analysis, (1600, 1120), 2.0));
    assert!(!normal.is_empty());
    assert_eq!(normal.len(), hidpi.len());
    for (n, h) in normal.iter().zip(&hidpi) {
        assert!((h / n - 2.0).abs() < 1e-9, "{n} → {h}");
    }
    let normal = font_sizes(&pacing_svg(&analysis, (800, 420), 1.0));
    let hidpi = font_sizes(&pacing_svg(&analysis, (1600, 840), 2.0));
    assert_eq!(normal.len(), hidpi.len());
    for (n, h) in normal.iter().zip(&hidpi) {
        assert!((h / n - 2.0).abs() < 1e-9, "{n} → {h}");
    }
}
