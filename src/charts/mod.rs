//! Charts drawn with plotters, generic over the drawing backend (canvas in the browser,
//! SVG in native tests). Each chart is a plain function of model results.

mod compare;
mod funnel;
mod gap;
mod tornado;

pub use compare::draw_comparison;
pub use funnel::draw_funnel;
pub use gap::draw_gap;
pub use tornado::draw_tornado;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
/// Highlights the weakest stage.
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
    let title_height = style.px(30.0);
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
            "No stages".to_owned(),
            ((width / 2) as i32, (height / 2) as i32),
            style.text(14.0, MUTED, centre()),
        ))?;
    }
    area.present()
}
