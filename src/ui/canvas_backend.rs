//! A plotters canvas backend that measures text with the canvas itself (`measureText`)
//! instead of plotters' default, which adds a `<span>` to the page and so forces a layout of
//! the whole document for every label (milliseconds on a page of 600 inputs), and that sets
//! the context's font, alignment and fill colour only when they change (plotters' backend
//! sets all four, each a string crossing into JavaScript, for every label and every bar).

use std::cell::RefCell;

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// [`CanvasBackend`] with text measured on its own 2D context.
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    pen: RefCell<Pen>,
}

/// The canvas refused to draw a label (it threw).
#[derive(Debug)]
struct LabelRefused;

impl std::fmt::Display for LabelRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the canvas refused to draw a label")
    }
}

impl std::error::Error for LabelRefused {}

/// What the context was last given (`None`: not known, set it).
#[derive(Clone, Default)]
struct Pen {
    fill: Option<((u8, u8, u8), u64)>,
    font: Option<String>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

fn css_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", color.alpha)
}

impl Pen {
    fn fill(&mut self, context: &CanvasRenderingContext2d, color: BackendColor) {
        let key = (color.rgb, color.alpha.to_bits());
        if self.fill != Some(key) {
            context.set_fill_style_str(&css_color(color));
            self.fill = Some(key);
        }
    }

    fn font<S: BackendTextStyle>(&mut self, context: &CanvasRenderingContext2d, style: &S) {
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        if self.font.as_deref() != Some(font.as_str()) {
            context.set_font(&font);
            self.font = Some(font);
        }
    }

    fn anchor(&mut self, context: &CanvasRenderingContext2d, h: HPos, v: VPos) {
        let align = match h {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let baseline = match v {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.align != Some(align) {
            context.set_text_align(align);
            self.align = Some(align);
        }
        if self.baseline != Some(baseline) {
            context.set_text_baseline(baseline);
            self.baseline = Some(baseline);
        }
    }
}

impl MeasuredCanvas {
    /// Draws on `canvas`; `None` when it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(MeasuredCanvas {
            inner,
            context,
            pen: RefCell::new(Pen::default()),
        })
    }

    /// Clears the whole canvas (to draw again on a bitmap kept at its size).
    pub fn clear(&self) {
        let (width, height) = self.inner.get_size();
        self.context
            .clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    }
}

type Drawn = Result<(), DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Drawn {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.pen.borrow_mut().fill = None;
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        if !fill {
            return self.inner.draw_rect(upper_left, bottom_right, style, fill);
        }
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.pen.borrow_mut().fill(&self.context, style.color());
        self.context.fill_rect(
            f64::from(upper_left.0),
            f64::from(upper_left.1),
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        // plotters' backend sets the fill colour itself.
        self.pen.borrow_mut().fill = None;
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        self.pen.borrow_mut().fill = None;
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let degrees: f64 = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        // A rotated label is drawn between save and restore, which puts the pen back.
        let before = (degrees != 0.0).then(|| self.pen.borrow().clone());
        if degrees != 0.0 {
            self.context.save();
            let turned = self
                .context
                .translate(x, y)
                .and_then(|()| self.context.rotate(degrees.to_radians()));
            if turned.is_err() {
                self.context.restore();
                return Err(DrawingErrorKind::FontError(Box::new(LabelRefused)));
            }
            (x, y) = (0.0, 0.0);
        }
        let anchor = style.anchor();
        {
            let mut pen = self.pen.borrow_mut();
            pen.anchor(&self.context, anchor.h_pos, anchor.v_pos);
            pen.fill(&self.context, color);
            pen.font(&self.context, style);
        }
        let drawn = self.context.fill_text(text, x, y);
        if let Some(before) = before {
            self.context.restore();
            *self.pen.borrow_mut() = before;
        }
        drawn.map_err(|_| DrawingErrorKind::FontError(Box::new(LabelRefused)))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.pen.borrow_mut().font(&self.context, style);
        let width = self.context.measure_text(text).map_or(0.0, |m| m.width());
        // The line box a browser gives text of this size (what the span measured).
        let height = style.size() * 1.2;
        Ok((width.max(0.0).ceil() as u32, height.max(0.0).ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        self.inner.blit_bitmap(pos, size, src)
    }
}
