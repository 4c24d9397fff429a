//! Charts drawn with plotters, generic over the drawing backend (canvas in the browser,
//! SVG in native tests). Each chart is a plain function of model results.

mod capacity;
mod channels;
mod compare;
mod crm;
mod forecast;
mod funnel;
mod gap;
mod groups;
mod sla;
mod tornado;

pub use capacity::draw_capacity;
pub use channels::{
    draw_allocation, draw_channel_mix, draw_response_curve, AllocationView, CurveView,
};
pub use compare::draw_comparison;
pub use crm::{draw_crm_channels, draw_crm_months};
pub use forecast::{
    draw_forecast_cash, draw_forecast_customers, draw_forecast_fan, draw_forecast_histogram,
    draw_forecast_volumes, money_axis,
};
pub use funnel::draw_funnel;
pub use gap::draw_gap;
pub use sla::{draw_sla_leads, draw_sla_pacing};
pub use tornado::{draw_tornado, draw_velocity_tornado};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

crate::texts! {
    /// Texts shared by the charts.
    enum ChartText {
        NoStages => "No stages", "Aucune étape";
    }
}

/// The error a chart function returns for backend `DB`.
pub type ChartResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Size-independent drawing settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel: fonts and line widths are multiplied by it, so a
    /// canvas sized at CSS size × devicePixelRatio stays crisp.
    pub scale: f64,
}

impl Default for ChartStyle {
    fn default() -> ChartStyle {
        ChartStyle { scale: 1.0 }
    }
}

impl ChartStyle {
    /// A length in device pixels for `css` CSS pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    /// A text style of `css` CSS pixels, anchored at `pos`.
    pub fn text(&self, css: f64, color: RGBColor, pos: Pos) -> TextStyle<'static> {
        ("sans-serif", css * self.scale)
            .into_font()
            .color(&color)
            .pos(pos)
    }
}

/// Background of every chart.
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
/// Main ink.
pub const INK: RGBColor = RGBColor(31, 41, 55);
/// Secondary ink (axes, notes).
pub const MUTED: RGBColor = RGBColor(96, 104, 116);
/// The current scenario.
pub const CURRENT: RGBColor = RGBColor(37, 99, 235);
/// What the target requires.
pub const REQUIRED: RGBColor = RGBColor(234, 88, 12);
/// Highlights the stage furthest below its benchmark (the one to fix first).
pub const ALERT: RGBColor = RGBColor(185, 28, 28);

/// Where a value sits on a log scale from 0 to `max`, as a fraction in 0..=1
/// (log10(1 + value) / log10(1 + max)): keeps 90 customers visible next to 120,000 visitors.
pub fn log_fraction(value: f64, max: f64) -> f64 {
    if !(value > 0.0 && max > 0.0) {
        return 0.0;
    }
    ((1.0 + value).log10() / (1.0 + max).log10()).clamp(0.0, 1.0)
}

/// Left-anchored, vertically centred text position.
pub(crate) fn left_middle() -> Pos {
    Pos::new(HPos::Left, VPos::Center)
}

/// Right-anchored, vertically centred text position.
pub(crate) fn right_middle() -> Pos {
    Pos::new(HPos::Right, VPos::Center)
}

/// Centred text position.
pub(crate) fn centre() -> Pos {
    Pos::new(HPos::Center, VPos::Center)
}

/// Draws a title line at the top of `area` and returns the area below it.
pub(crate) fn title_and_body<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    style: &ChartStyle,
    title: &str,
) -> Result<DrawingArea<DB, plotters::coord::Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&BACKGROUND)?;
    // Never split below the area (a negative height would read as a huge one).
    let (_, height) = area.get_pixel_range();
    let title_height = style.px(30.0).min(height.end - height.start).max(0);
    area.draw(&Text::new(
        title.to_owned(),
        (style.px(12.0), title_height / 2),
        style.text(15.0, INK, left_middle()),
    ))?;
    let (_, body) = area.split_vertically(title_height);
    Ok(body)
}

/// Draws one legend entry at `(x, y)` (y is the entry's middle): a 12-pixel swatch of
/// `colour`, then `label` in text of `font_css` CSS pixels.
pub(crate) fn legend_entry<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    (x, y): (i32, i32),
    colour: RGBColor,
    label: String,
    font_css: f64,
    style: &ChartStyle,
) -> ChartResult<DB> {
    area.draw(&Rectangle::new(
        [
            (x, y - style.px(6.0)),
            (x + style.px(12.0), y + style.px(6.0)),
        ],
        colour.filled(),
    ))?;
    area.draw(&Text::new(
        label,
        (x + style.px(18.0), y),
        style.text(font_css, INK, left_middle()),
    ))
}

/// Average width of a character of sans-serif text, in ems (an estimate, as in `fit`).
pub(crate) const AVERAGE_CHAR_EM: f64 = 0.58;

/// `x` when finite and positive, else 0: nothing drawn or written is NaN, infinite or < 0.
pub(crate) fn clean(x: f64) -> f64 {
    if x.is_finite() {
        x.max(0.0)
    } else {
        0.0
    }
}

/// `area` split `y` device pixels from its top, never below its bottom (plotters would give
/// the lower part a negative height, read as a huge one).
pub(crate) fn split<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    y: f64,
) -> (
    DrawingArea<DB, plotters::coord::Shift>,
    DrawingArea<DB, plotters::coord::Shift>,
) {
    let (_, range) = area.get_pixel_range();
    let height = (range.end - range.start).max(0);
    area.split_vertically((y.round() as i32).clamp(0, height))
}

/// Writes `lines` in the middle of `body` (an empty chart), then presents `area`.
pub(crate) fn note<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    body: &DrawingArea<DB, plotters::coord::Shift>,
    lines: &[&str],
    style: &ChartStyle,
) -> ChartResult<DB> {
    let (width, height) = body.dim_in_pixel();
    let line_height = style.px(20.0);
    let top = height as i32 / 2 - line_height * (lines.len() as i32 - 1) / 2;
    for (i, line) in lines.iter().enumerate() {
        body.draw(&Text::new(
            (*line).to_owned(),
            ((width / 2) as i32, top + line_height * i as i32),
            style.text(14.0, MUTED, centre()),
        ))?;
    }
    area.present()
}

/// A legend entry for a line: a short stroke (dashed when `dashed`) and its label; returns
/// the x after it.
pub(crate) fn line_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    (x, y): (f64, i32),
    colour: RGBColor,
    dashed: bool,
    label: &str,
    style: &ChartStyle,
) -> Result<f64, DrawingAreaErrorKind<DB::ErrorType>> {
    let stroke = colour.stroke_width(style.px(2.0).max(1) as u32);
    let (x0, x1) = (
        x.round() as i32,
        (x + f64::from(style.px(22.0))).round() as i32,
    );
    if dashed {
        area.draw(&plotters::element::DashedPathElement::new(
            vec![(x0, y), (x1, y)],
            style.px(5.0).max(1),
            style.px(3.0).max(1),
            stroke,
        ))?;
    } else {
        area.draw(&PathElement::new(vec![(x0, y), (x1, y)], stroke))?;
    }
    area.draw(&Text::new(
        label.to_owned(),
        (x1 + style.px(6.0), y),
        style.text(12.5, INK, left_middle()),
    ))?;
    let chars = label.chars().count() as f64;
    Ok(f64::from(x1 + style.px(6.0))
        + chars * 12.5 * AVERAGE_CHAR_EM * style.scale
        + f64::from(style.px(18.0)))
}

/// Notes an empty chart in the middle of `body`, then presents `area`.
pub(crate) fn finish<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    body: &DrawingArea<DB, plotters::coord::Shift>,
    is_empty: bool,
    style: &ChartStyle,
) -> ChartResult<DB> {
    if is_empty {
        let (width, height) = body.dim_in_pixel();
        body.draw(&Text::new(
            ChartText::NoStages.text().to_owned(),
            ((width / 2) as i32, (height / 2) as i32),
            style.text(14.0, MUTED, centre()),
        ))?;
    }
    area.present()
}

/// `text` shortened with "…" to about `max_px` device pixels at `font_px`.
pub(crate) fn fit(text: &str, max_px: f64, font_px: f64) -> String {
    let max_chars = (max_px / (font_px * 0.58)).floor().max(1.0) as usize;
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let head: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", head.trim_end())
    }
}

/// Layout of a panel of grouped horizontal bars: a subtitle, then one row per item with
/// `bars` bars each, a label column on the left and room for values after the bars.
pub(crate) struct Panel {
    pub(crate) width: f64,
    pub(crate) subtitle_height: f64,
    pub(crate) row: f64,
    /// Height of one bar (device pixels).
    pub(crate) bar: f64,
    pub(crate) label_width: f64,
    /// Length of the longest bar (device pixels).
    pub(crate) bar_space: f64,
    /// Bars are tall enough to write values next to them.
    pub(crate) show_values: bool,
}

impl Panel {
    pub(crate) fn new(
        size: (u32, u32),
        rows: usize,
        bars: usize,
        value_width: f64,
        style: &ChartStyle,
    ) -> Panel {
        let px = |css: f64| f64::from(style.px(css));
        let (width, height) = (f64::from(size.0), f64::from(size.1));
        let subtitle_height = px(22.0);
        let row = (height - subtitle_height).max(1.0) / rows.max(1) as f64;
        let bar = row * 0.8 / bars.max(1) as f64;
        let label_width = (width * 0.24).max(px(80.0));
        Panel {
            width,
            subtitle_height,
            row,
            bar,
            label_width,
            bar_space: (width - label_width - value_width - px(12.0)).max(1.0),
            show_values: bar >= px(9.0),
        }
    }

    /// Top and bottom of bar `k` in row `i`.
    pub(crate) fn bar_span(&self, i: usize, k: usize) -> (i32, i32) {
        let top = self.subtitle_height + self.row * (i as f64 + 0.1) + self.bar * k as f64;
        (top.round() as i32, (top + self.bar * 0.88).round() as i32)
    }

    pub(crate) fn row_middle(&self, i: usize) -> i32 {
        (self.subtitle_height + self.row * (i as f64 + 0.5)) as i32
    }

    /// Font size (CSS pixels) of the values written next to the bars.
    pub(crate) fn value_font(&self, style: &ChartStyle) -> f64 {
        (self.bar / style.scale * 0.9).clamp(9.0, 12.0)
    }
}

/// The panel's subtitle, shortened to its width.
pub(crate) fn subtitle<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    text: &str,
    style: &ChartStyle,
) -> ChartResult<DB> {
    area.draw(&Text::new(
        fit(
            text,
            panel.width - f64::from(style.px(24.0)),
            f64::from(style.px(13.0)),
        ),
        (style.px(12.0), (panel.subtitle_height / 2.0) as i32),
        style.text(13.0, MUTED, left_middle()),
    ))
}

/// A bar of `length` device pixels (none when 0) with `text` after it.
pub(crate) fn bar_with_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    span: (i32, i32),
    length: f64,
    colour: RGBColor,
    text: Option<String>,
    style: &ChartStyle,
) -> ChartResult<DB> {
    let x0 = panel.label_width as i32;
    let x1 = x0 + length.round() as i32;
    if x1 > x0 {
        area.draw(&Rectangle::new(
            [(x0, span.0), (x1, span.1)],
            colour.filled(),
        ))?;
    }
    if let Some(text) = text {
        area.draw(&Text::new(
            text,
            (x1 + style.px(5.0), (span.0 + span.1) / 2),
            style.text(panel.value_font(style), MUTED, left_middle()),
        ))?;
    }
    Ok(())
}

/// The label of row `i`, right-aligned against the bars and shortened to the label column.
pub(crate) fn row_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    i: usize,
    text: &str,
    colour: RGBColor,
    style: &ChartStyle,
) -> ChartResult<DB> {
    area.draw(&Text::new(
        fit(
            text,
            panel.label_width - f64::from(style.px(20.0)),
            f64::from(style.px(13.0)),
        ),
        (
            (panel.label_width - f64::from(style.px(8.0))) as i32,
            panel.row_middle(i),
        ),
        style.text(13.0, colour, right_middle()),
    ))
}
