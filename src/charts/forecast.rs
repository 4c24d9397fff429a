//! The forecast charts, month by month: the funnel's volumes (stacked bars), cumulative
//! revenue and gross margin against spend (with the break-even month), customers (active,
//! and new each month); and the Monte Carlo's: the fan of cumulative revenue and the
//! histogram of revenue with the target.

use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::compare::scenario_colour;
use super::{
    clean, legend_entry, line_legend, note, split, title_and_body, ChartResult, ChartStyle,
    AVERAGE_CHAR_EM, CURRENT, INK, MUTED, REQUIRED,
};
use crate::model::forecast::monte_carlo::Summary;
use crate::model::forecast::projection::ProjectionResult;
use crate::model::format;
use crate::model::i18n::{self, Lang};

crate::texts! {
    /// Titles, legends and axes of the forecast charts.
    enum ForecastChartText {
        VolumesTitle => "Funnel volume by month ({n} {top} a month on average)",
            "Volume de l'entonnoir par mois ({n} {top} par mois en moyenne)";
        NoMonths => "No months to show", "Aucun mois à afficher";
        VolumeAxis => "Volume reaching the stage", "Volume atteignant l'étape";
        CashTitle => "Cumulative revenue vs spend: break-even in month {month}",
            "Chiffre d'affaires cumulé face aux dépenses : seuil de rentabilité au mois {month}";
        CashTitleNever => "Cumulative revenue vs spend: no break-even within the horizon",
            "Chiffre d'affaires cumulé face aux dépenses : pas de seuil de rentabilité sur l'horizon";
        Revenue => "Revenue", "Chiffre d'affaires";
        GrossMargin => "Gross margin", "Marge brute";
        MarketingSpend => "Marketing spend", "Dépenses marketing";
        CumulativeAmount => "Cumulative amount", "Montant cumulé";
        BreakEven => "Break-even, month {month}", "Seuil de rentabilité, mois {month}";
        CustomersTitle => "Customers: {won} won, {active} active at the end",
            "Clients : {won} gagnés, {active} actifs à la fin";
        ActiveCustomers => "Active customers", "Clients actifs";
        WonThisMonth => "Won this month", "Gagnés dans le mois";
        Customers => "Customers", "Clients";
        Month => "Month", "Mois";
        FanTitle => "Cumulative revenue: P10–P90 of the trials, month by month",
            "Chiffre d'affaires cumulé : P10–P90 des tirages, mois par mois";
        NoTrials => "No trials yet", "Aucun tirage pour l'instant";
        Band => "P10–P90", "P10–P90";
        Median => "P50", "P50";
        WithoutUncertainty => "Without uncertainty", "Sans incertitude";
        CumulativeRevenue => "Cumulative revenue", "Chiffre d'affaires cumulé";
        HistogramTitle => "Revenue per {period} over {n} trials: {share} reach the target",
            "Chiffre d'affaires par {period} sur {n} tirages : {share} atteignent l'objectif";
        HistogramTitleEmpty => "Revenue per {period} over the trials",
            "Chiffre d'affaires par {period} sur les tirages";
        ShareOfTrials => "Share of trials", "Part des tirages";
        RevenueTarget => "Revenue target", "Objectif de chiffre d'affaires";
        RevenuePer => "Revenue per {period}", "Chiffre d'affaires par {period}";
        PeriodMonth => "month", "mois";
        PeriodQuarter => "quarter", "trimestre";
        PeriodYear => "year", "an";
    }
}

/// The period named by its key ("month", "quarter", "year"), in the language in use.
fn period_word(key: &str) -> &str {
    match key {
        "month" => ForecastChartText::PeriodMonth.text(),
        "quarter" => ForecastChartText::PeriodQuarter.text(),
        "year" => ForecastChartText::PeriodYear.text(),
        other => other,
    }
}

/// Colour of gross margin lines.
const MARGIN: RGBColor = RGBColor(21, 128, 61);

/// The plotting context of a chart of values: months (bars centred on whole months) or
/// amounts on x.
type ValueChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A short amount for an axis in the currency in use: "€1.2M", "€350k", "€900" ("1,2 M€",
/// "350 k€", "900 €" in French).
pub fn money_axis(x: f64) -> String {
    let x = clean(x);
    let (number, unit) = if x >= 999_500.0 {
        (format::with_decimals(x / 1e6, 1), "M")
    } else if x >= 1_000.0 {
        (format::with_decimals(x / 1e3, 0), "k")
    } else {
        (format::with_decimals(x, 0), "")
    };
    let symbol = format::currency_symbol();
    match i18n::lang() {
        Lang::En => format!("{symbol}{number}{unit}"),
        // "350 k€", but "350 k CHF" for a symbol of several characters.
        Lang::Fr if unit.is_empty() || symbol.chars().count() > 1 => {
            format!(
                "{number}\u{a0}{unit}{}{symbol}",
                if unit.is_empty() { "" } else { "\u{a0}" }
            )
        }
        Lang::Fr => format!("{number}\u{a0}{unit}{symbol}"),
    }
}

/// A count for an axis ("1,234"; blank when not finite).
pub(super) fn count_axis(x: f64) -> String {
    if x.is_finite() {
        format::count(x)
    } else {
        String::new()
    }
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Key {
    Swatch,
    Line,
    Dashed,
}

/// Legend entries on one line from the left; each `(colour, label, key)`.
fn legend_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    y: i32,
    entries: &[(RGBColor, String, Key)],
    style: &ChartStyle,
) -> ChartResult<DB> {
    let mut x = f64::from(style.px(12.0));
    for (colour, label, key) in entries {
        if *key != Key::Swatch {
            x = line_legend(area, (x, y), *colour, *key == Key::Dashed, label, style)?;
        } else {
            legend_entry(area, (x as i32, y), *colour, label.clone(), 12.5, style)?;
            let chars = label.chars().count() as f64;
            x += f64::from(style.px(34.0)) + chars * 12.5 * AVERAGE_CHAR_EM * style.scale;
        }
    }
    Ok(())
}

/// The look every forecast chart's axes share: muted labels, light horizontal lines only.
fn house_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    style: &ChartStyle,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
    DB: DrawingBackend,
{
    mesh.label_style(("sans-serif", 11.5 * style.scale).into_font().color(&MUTED))
        .axis_desc_style(("sans-serif", 12.0 * style.scale).into_font().color(&MUTED))
        .disable_x_mesh()
        .max_light_lines(1)
        .light_line_style(RGBColor(241, 243, 245).stroke_width(1))
        .bold_line_style(RGBColor(222, 225, 230).stroke_width(1))
        .axis_style(MUTED.stroke_width(style.px(1.0).max(1) as u32))
}

/// Axes for `months` months and values from 0 to `y_max` on `plot`.
fn month_axes<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    months: usize,
    y_max: f64,
    y_desc: &str,
    y_label: fn(f64) -> String,
    style: &ChartStyle,
) -> Result<ValueChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, _) = plot.dim_in_pixel();
    let px = |css: f64| f64::from(style.px(css));
    // Whole months only, at most one label per 34 CSS pixels.
    let step = ((months as f64 * px(34.0)) / f64::from(width.max(1)))
        .ceil()
        .max(1.0) as usize;
    let x_label = move |x: &f64| {
        let month = x.round();
        let whole = (x - month).abs() < 1e-6 && month >= 1.0;
        if whole && (month as usize - 1).is_multiple_of(step) {
            format!("{month}")
        } else {
            String::new()
        }
    };
    let x = XAxis {
        range: 0.5..months as f64 + 0.5,
        labels: months.clamp(1, 36) * 2 + 1,
        label: &x_label,
        desc: ForecastChartText::Month.text(),
    };
    value_axes(plot, &x, y_max, y_desc, y_label, style)
}

/// The x axis of a chart of values.
pub(super) struct XAxis<'l> {
    pub range: std::ops::Range<f64>,
    /// How many labels at most.
    pub labels: usize,
    pub label: &'l dyn Fn(&f64) -> String,
    pub desc: &'l str,
}

/// Axes with `x` and values from 0 to `y_max` on `plot`, in the look every chart of values
/// shares.
pub(super) fn value_axes<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    x: &XAxis,
    y_max: f64,
    y_desc: &str,
    y_label: fn(f64) -> String,
    style: &ChartStyle,
) -> Result<ValueChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (_, height) = plot.dim_in_pixel();
    let mut chart = ChartBuilder::on(plot)
        .margin_left(style.px(8.0))
        .margin_right(style.px(16.0))
        .margin_top(style.px(10.0))
        .margin_bottom(style.px(4.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(72.0))
        .build_cartesian_2d(x.range.clone(), 0.0..y_max.max(1.0))?;
    let px = |css: f64| f64::from(style.px(css));
    let y_formatter = move |y: &f64| y_label(*y);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x.labels)
        .y_labels((f64::from(height) / px(44.0)).clamp(2.0, 8.0) as usize)
        .x_label_formatter(x.label)
        .y_label_formatter(&y_formatter)
        .x_desc(x.desc)
        .y_desc(y_desc);
    house_mesh(&mut mesh, style).draw()?;
    Ok(chart)
}

/// A line through one value per month (month 1 first).
fn month_line(values: impl Iterator<Item = f64>) -> Vec<(f64, f64)> {
    values
        .enumerate()
        .map(|(i, v)| (i as f64 + 1.0, clean(v)))
        .collect()
}

/// The largest of `values` (0 when none is finite and positive).
pub(super) fn largest(values: impl Iterator<Item = f64>) -> f64 {
    values.map(clean).fold(0.0, f64::max)
}

/// Splits `body` into a legend line and the plot; `None` when too small for axes.
pub(super) fn legend_and_plot<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    entries: &[(RGBColor, String, Key)],
    style: &ChartStyle,
) -> Result<Option<DrawingArea<DB, Shift>>, DrawingAreaErrorKind<DB::ErrorType>> {
    let legend_height = f64::from(style.px(24.0));
    legend_line(body, (legend_height / 2.0) as i32, entries, style)?;
    let (width, height) = body.dim_in_pixel();
    if f64::from(height) < legend_height + f64::from(style.px(80.0))
        || width < style.px(160.0).max(1) as u32
    {
        return Ok(None);
    }
    let (_, plot) = split(body, legend_height);
    Ok(Some(plot))
}

/// Draws the volume reaching each stage month by month, stacked, from the second stage on
/// (the top of the funnel, often visitors, would flatten the rest; its monthly volume is
/// in the title).
pub fn draw_forecast_volumes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    result: &ProjectionResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let top = result
        .stage_names
        .first()
        .map_or_else(String::new, |name| name.to_lowercase());
    let average_top = result
        .months
        .iter()
        .map(|m| m.stage_volumes.first().copied().unwrap_or(0.0))
        .sum::<f64>()
        / result.months.len().max(1) as f64;
    let title = ForecastChartText::VolumesTitle
        .fill(&[("n", &format::count(clean(average_top))), ("top", &top)]);
    let body = title_and_body(area, style, &title)?;
    let stages = result.stage_names.len();
    if stages < 2 || result.months.is_empty() {
        return note(area, &body, &[ForecastChartText::NoMonths.text()], style);
    }
    let entries: Vec<(RGBColor, String, Key)> = result.stage_names[1..]
        .iter()
        .enumerate()
        .map(|(k, name)| (scenario_colour(k), name.clone(), Key::Swatch))
        .collect();
    let Some(plot) = legend_and_plot(&body, &entries, style)? else {
        return area.present();
    };
    let total = |m: &crate::model::forecast::projection::MonthResult| {
        m.stage_volumes
            .iter()
            .skip(1)
            .copied()
            .map(clean)
            .sum::<f64>()
    };
    let y_max = largest(result.months.iter().map(total)) * 1.08;
    let mut chart = month_axes(
        &plot,
        result.months.len(),
        y_max,
        ForecastChartText::VolumeAxis.text(),
        count_axis,
        style,
    )?;
    for (i, month) in result.months.iter().enumerate() {
        let x = i as f64 + 1.0;
        let mut bottom = 0.0;
        for (k, volume) in month.stage_volumes.iter().skip(1).enumerate() {
            let top = bottom + clean(*volume);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.38, bottom), (x + 0.38, top)],
                scenario_colour(k).filled(),
            )))?;
            bottom = top;
        }
    }
    area.present()
}

/// Draws cumulative revenue and gross margin against cumulative spend, with the break-even
/// month (gross margin covers spend) marked.
pub fn draw_forecast_cash<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    result: &ProjectionResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let title = match result.break_even_month {
        Some(month) => ForecastChartText::CashTitle.fill(&[("month", &month.to_string())]),
        None => ForecastChartText::CashTitleNever.text().to_owned(),
    };
    let body = title_and_body(area, style, &title)?;
    if result.months.is_empty() {
        return note(area, &body, &[ForecastChartText::NoMonths.text()], style);
    }
    let entries = [
        (
            CURRENT,
            ForecastChartText::Revenue.text().to_owned(),
            Key::Line,
        ),
        (
            MARGIN,
            ForecastChartText::GrossMargin.text().to_owned(),
            Key::Line,
        ),
        (
            REQUIRED,
            ForecastChartText::MarketingSpend.text().to_owned(),
            Key::Line,
        ),
    ];
    let Some(plot) = legend_and_plot(&body, &entries, style)? else {
        return area.present();
    };
    let months = &result.months;
    let y_max = largest(months.iter().flat_map(|m| {
        [
            m.cumulative_revenue,
            m.cumulative_gross_margin,
            m.cumulative_spend,
        ]
    })) * 1.08;
    let mut chart = month_axes(
        &plot,
        months.len(),
        y_max,
        ForecastChartText::CumulativeAmount.text(),
        money_axis,
        style,
    )?;
    let stroke = |colour: RGBColor| colour.stroke_width(style.px(2.0).max(1) as u32);
    for (colour, line) in [
        (
            REQUIRED,
            month_line(months.iter().map(|m| m.cumulative_spend)),
        ),
        (
            MARGIN,
            month_line(months.iter().map(|m| m.cumulative_gross_margin)),
        ),
        (
            CURRENT,
            month_line(months.iter().map(|m| m.cumulative_revenue)),
        ),
    ] {
        chart.draw_series(std::iter::once(PathElement::new(line, stroke(colour))))?;
    }
    if let Some(month) = result.break_even_month {
        let x = f64::from(month);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, y_max.max(1.0))],
            INK.stroke_width(style.px(1.0).max(1) as u32),
        )))?;
        // Labelled on the side with more room.
        let right = (month as usize) * 2 <= months.len();
        let (pos, dx) = if right {
            (Pos::new(HPos::Left, VPos::Top), style.px(6.0))
        } else {
            (Pos::new(HPos::Right, VPos::Top), -style.px(6.0))
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at((x, y_max.max(1.0)))
                + Text::new(
                    ForecastChartText::BreakEven.fill(&[("month", &month.to_string())]),
                    (dx, style.px(4.0)),
                    style.text(12.0, INK, pos),
                ),
        ))?;
    }
    area.present()
}

/// Draws the customers active each month (line) and those won each month (bars).
pub fn draw_forecast_customers<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    result: &ProjectionResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let title = ForecastChartText::CustomersTitle.fill(&[
        ("won", &format::count(clean(result.customers_won))),
        ("active", &format::count(clean(result.active_customers))),
    ]);
    let body = title_and_body(area, style, &title)?;
    if result.months.is_empty() {
        return note(area, &body, &[ForecastChartText::NoMonths.text()], style);
    }
    let entries = [
        (
            CURRENT,
            ForecastChartText::ActiveCustomers.text().to_owned(),
            Key::Line,
        ),
        (
            scenario_colour(1),
            ForecastChartText::WonThisMonth.text().to_owned(),
            Key::Swatch,
        ),
    ];
    let Some(plot) = legend_and_plot(&body, &entries, style)? else {
        return area.present();
    };
    let months = &result.months;
    let y_max = largest(
        months
            .iter()
            .flat_map(|m| [m.active_customers, m.new_customers]),
    ) * 1.1;
    let mut chart = month_axes(
        &plot,
        months.len(),
        y_max,
        ForecastChartText::Customers.text(),
        count_axis,
        style,
    )?;
    chart.draw_series(months.iter().enumerate().map(|(i, m)| {
        let x = i as f64 + 1.0;
        Rectangle::new(
            [(x - 0.3, 0.0), (x + 0.3, clean(m.new_customers))],
            scenario_colour(1).filled(),
        )
    }))?;
    chart.draw_series(std::iter::once(PathElement::new(
        month_line(months.iter().map(|m| m.active_customers)),
        CURRENT.stroke_width(style.px(2.0).max(1) as u32),
    )))?;
    area.present()
}

/// Colour of the P10–P90 band.
const BAND: RGBColor = RGBColor(191, 219, 254);

/// Draws the fan of cumulative revenue over the months: the P10–P90 band and the P50 line
/// of the Monte Carlo, the deterministic projection and the cumulative spend.
pub fn draw_forecast_fan<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    summary: &Summary,
    projection: &ProjectionResult,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let body = title_and_body(area, style, ForecastChartText::FanTitle.text())?;
    if summary.fan.is_empty() {
        return note(area, &body, &[ForecastChartText::NoTrials.text()], style);
    }
    let entries = [
        (BAND, ForecastChartText::Band.text().to_owned(), Key::Swatch),
        (
            CURRENT,
            ForecastChartText::Median.text().to_owned(),
            Key::Line,
        ),
        (
            INK,
            ForecastChartText::WithoutUncertainty.text().to_owned(),
            Key::Dashed,
        ),
        (
            REQUIRED,
            ForecastChartText::MarketingSpend.text().to_owned(),
            Key::Line,
        ),
    ];
    let Some(plot) = legend_and_plot(&body, &entries, style)? else {
        return area.present();
    };
    let months = summary.fan.len();
    let y_max = largest(
        summary.fan.iter().map(|m| m.p90).chain(
            projection
                .months
                .iter()
                .flat_map(|m| [m.cumulative_revenue, m.cumulative_spend]),
        ),
    ) * 1.08;
    let mut chart = month_axes(
        &plot,
        months,
        y_max,
        ForecastChartText::CumulativeRevenue.text(),
        money_axis,
        style,
    )?;
    let band: Vec<(f64, f64)> = summary
        .fan
        .iter()
        .map(|m| (f64::from(m.month), clean(m.p90)))
        .chain(
            summary
                .fan
                .iter()
                .rev()
                .map(|m| (f64::from(m.month), clean(m.p10))),
        )
        .collect();
    chart.draw_series(std::iter::once(Polygon::new(band, BAND.filled())))?;
    let stroke = |colour: RGBColor| colour.stroke_width(style.px(2.0).max(1) as u32);
    chart.draw_series(std::iter::once(PathElement::new(
        month_line(projection.months.iter().map(|m| m.cumulative_spend)),
        stroke(REQUIRED),
    )))?;
    chart.draw_series(std::iter::once(DashedPathElement::new(
        month_line(projection.months.iter().map(|m| m.cumulative_revenue)),
        style.px(6.0).max(1),
        style.px(4.0).max(1),
        stroke(INK),
    )))?;
    chart.draw_series(std::iter::once(PathElement::new(
        month_line(summary.fan.iter().map(|m| m.p50)),
        stroke(CURRENT),
    )))?;
    area.present()
}

/// Draws the histogram of revenue per period over the trials, with the target marked.
pub fn draw_forecast_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    summary: &Summary,
    period: &str,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let period = period_word(period);
    let title = match summary.target_probability {
        Some(p) => ForecastChartText::HistogramTitle.fill(&[
            ("n", &format::count(f64::from(summary.trials_done))),
            ("share", &format::percent(p)),
            ("period", period),
        ]),
        None => ForecastChartText::HistogramTitleEmpty.fill(&[("period", period)]),
    };
    let body = title_and_body(area, style, &title)?;
    let histogram = &summary.revenue_histogram;
    let total: u32 = histogram.counts.iter().sum();
    if total == 0 {
        return note(area, &body, &[ForecastChartText::NoTrials.text()], style);
    }
    let entries = [
        (
            scenario_colour(0),
            ForecastChartText::ShareOfTrials.text().to_owned(),
            Key::Swatch,
        ),
        (
            REQUIRED,
            ForecastChartText::RevenueTarget.text().to_owned(),
            Key::Line,
        ),
    ];
    let Some(plot) = legend_and_plot(&body, &entries, style)? else {
        return area.present();
    };
    let (lower, upper) = (clean(histogram.lower), clean(histogram.upper));
    let target = clean(summary.target);
    let width = histogram.bin_width();
    // A single value: one bar 10 % wide around it.
    let (x_min, x_max, bar) = if width > 0.0 {
        (lower, upper, width)
    } else {
        let half = (lower * 0.05).max(1.0);
        (lower - half, lower + half, 2.0 * half)
    };
    let span = (x_max - x_min).max(1.0);
    let x_min = (x_min.min(target) - span * 0.04).max(0.0);
    let x_max = x_max.max(target) + span * 0.04;
    let share = |count: u32| f64::from(count) / f64::from(total);
    let y_max = histogram
        .counts
        .iter()
        .map(|&c| share(c))
        .fold(0.0, f64::max)
        * 1.12;
    let (w, h) = plot.dim_in_pixel();
    let px = |css: f64| f64::from(style.px(css));
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(style.px(8.0))
        .margin_right(style.px(20.0))
        .margin_top(style.px(10.0))
        .margin_bottom(style.px(4.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(56.0))
        .build_cartesian_2d(x_min..x_max, 0.0..y_max.max(0.01))?;
    let x_formatter = |x: &f64| money_axis(*x);
    let y_formatter = |y: &f64| format::percent(*y);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels((f64::from(w) / px(90.0)).clamp(2.0, 8.0) as usize)
        .y_labels((f64::from(h) / px(44.0)).clamp(2.0, 6.0) as usize)
        .x_label_formatter(&x_formatter)
        .y_label_formatter(&y_formatter)
        .x_desc(ForecastChartText::RevenuePer.fill(&[("period", period)]))
        .y_desc(ForecastChartText::ShareOfTrials.text());
    house_mesh(&mut mesh, style).draw()?;
    let start = if width > 0.0 {
        lower
    } else {
        x_min.max(lower - bar / 2.0)
    };
    chart.draw_series(histogram.counts.iter().enumerate().map(|(i, &count)| {
        let left = start + bar * i as f64;
        Rectangle::new(
            [(left + bar * 0.06, 0.0), (left + bar * 0.94, share(count))],
            scenario_colour(0).filled(),
        )
    }))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(target, 0.0), (target, y_max.max(0.01))],
        REQUIRED.stroke_width(style.px(2.0).max(1) as u32),
    )))?;
    area.present()
}
