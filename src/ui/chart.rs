//! A canvas that draws one chart: sized to its container × devicePixelRatio (crisp on
//! HiDPI), redrawn when its data or the container's width change, with PNG and SVG
//! downloads of the same drawing.

use std::rc::Rc;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver};
use yew::prelude::*;

use super::browser;
use super::canvas_backend::MeasuredCanvas;
use super::deferred;
use crate::charts::{draw_funnel, draw_gap, ChartResult, ChartStyle};
use crate::model::{Analysis, Period};

crate::texts! {
    /// Text alternatives of the charts (the canvas's accessible name) and the downloads.
    enum ChartText {
        Funnel => "Funnel chart: count at each stage and conversion from the previous stage. The table next to it gives the same numbers.",
            "Graphique en entonnoir : volume à chaque étape et conversion depuis l'étape précédente. Le tableau voisin donne les mêmes chiffres.";
        Gap => "Bar chart: current volume and volume required by the revenue target at each stage. The table next to it gives the same numbers.",
            "Graphique à barres : volume actuel et volume requis par l'objectif de chiffre d'affaires à chaque étape. Le tableau voisin donne les mêmes chiffres.";
        DownloadPng => "Download PNG", "Télécharger en PNG";
        DownloadSvg => "Download SVG", "Télécharger en SVG";
    }
}

/// What a chart shows, with the data it is drawn from.
#[derive(Clone, Debug)]
pub enum ChartSpec {
    Funnel(FunnelDrawing),
    Gap(Rc<Analysis>),
}

impl PartialEq for ChartSpec {
    /// Same chart of the same data (data compared by identity: new data means a redraw).
    fn eq(&self, other: &ChartSpec) -> bool {
        match (self, other) {
            (ChartSpec::Funnel(a), ChartSpec::Funnel(b)) => a == b,
            (ChartSpec::Gap(a), ChartSpec::Gap(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl ChartSpec {
    /// `data-chart` value and file-name stem.
    pub fn key(&self) -> &'static str {
        match self {
            ChartSpec::Funnel(f) => Drawing::key(f),
            ChartSpec::Gap(..) => "gap",
        }
    }

    fn description(&self) -> &'static str {
        match self {
            ChartSpec::Funnel(..) => ChartText::Funnel,
            ChartSpec::Gap(..) => ChartText::Gap,
        }
        .text()
    }

    /// Rows drawn, for the chart's height.
    fn rows(&self) -> usize {
        match self {
            ChartSpec::Funnel(FunnelDrawing(a, _)) | ChartSpec::Gap(a) => a.funnel.stages.len(),
        }
    }

    /// CSS height in pixels.
    pub fn css_height(&self) -> f64 {
        height_of_rows(self.rows())
    }

    /// Draws the chart on any plotters backend.
    pub fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        match self {
            ChartSpec::Funnel(f) => f.draw_on(area, style),
            ChartSpec::Gap(a) => draw_gap(area, &a.reverse, style),
        }
    }
}

/// What a chart component draws: [`ChartSpec`] (any chart of the app) or one chart alone
/// ([`FunnelDrawing`], for the embed build, which then links only that chart's drawing).
pub trait Drawing: Clone + PartialEq + 'static {
    /// `data-chart` value and file-name stem.
    fn key(&self) -> &'static str;
    /// The canvas's text alternative.
    fn description(&self) -> &'static str;
    /// CSS height in pixels.
    fn css_height(&self) -> f64;
    /// Draws the chart on any plotters backend.
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB>;

    /// The chart as an SVG document, `width` CSS pixels wide.
    fn to_svg(&self, width: u32) -> Option<String> {
        let mut svg = String::new();
        {
            let height = self.css_height().round() as u32;
            let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
            self.draw_on(&area, &ChartStyle::default()).ok()?;
        }
        Some(svg)
    }
}

impl Drawing for ChartSpec {
    fn key(&self) -> &'static str {
        ChartSpec::key(self)
    }
    fn description(&self) -> &'static str {
        ChartSpec::description(self)
    }
    fn css_height(&self) -> f64 {
        ChartSpec::css_height(self)
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        ChartSpec::draw_on(self, area, style)
    }
}

/// Defines a feature's charts as one [`Drawing`] type: an enum of its charts with the data each
/// is drawn from, compared by identity (new data means a redraw), each with its `data-chart`
/// key, its text alternative in both languages, its height in rows and its drawing. Each
/// chart is `Variant(types) as (bindings) / (other bindings) => same data, key …, rows …,
/// draw |area, style| …, text "English", "French";`.
macro_rules! drawings {
    (
        $(#[$meta:meta])*
        pub enum $name:ident, texts $texts:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident($($field:ty),+) as $bind:tt / $other:tt => $same:expr,
                    key $key:literal, rows $rows:expr, draw |$area:ident, $style:ident| $draw:expr,
                    text $en:literal, $fr:literal;
            )+
        }
    ) => {
        crate::texts! {
            /// The charts' text alternatives (the canvas's accessible name).
            enum $texts { $($variant => $en, $fr;)+ }
        }

        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub enum $name {
            $($(#[$vmeta])* $variant($($field),+),)+
        }

        impl PartialEq for $name {
            /// Same chart of the same data (data compared by identity: new data means a redraw).
            #[allow(unreachable_patterns)]
            fn eq(&self, other: &$name) -> bool {
                match (self, other) {
                    $(($name::$variant $bind, $name::$variant $other) => $same,)+
                    _ => false,
                }
            }
        }

        impl $crate::ui::chart::Drawing for $name {
            fn key(&self) -> &'static str {
                match self {
                    $($name::$variant(..) => $key,)+
                }
            }
            fn description(&self) -> &'static str {
                match self {
                    $($name::$variant(..) => $texts::$variant,)+
                }
                .text()
            }
            #[allow(unused_variables)]
            fn css_height(&self) -> f64 {
                $crate::ui::chart::height_of_rows(match self {
                    $($name::$variant $bind => $rows,)+
                })
            }
            fn draw_on<DB: plotters::prelude::DrawingBackend>(
                &self,
                area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
                style: &$crate::charts::ChartStyle,
            ) -> $crate::charts::ChartResult<DB> {
                match self {
                    $($name::$variant $bind => {
                        let ($area, $style) = (area, style);
                        $draw
                    })+
                }
            }
        }
    };
}
pub(crate) use drawings;

/// The funnel chart alone (what [`ChartSpec::Funnel`] draws).
#[derive(Clone, Debug)]
pub struct FunnelDrawing(pub Rc<Analysis>, pub Period);

impl PartialEq for FunnelDrawing {
    fn eq(&self, other: &FunnelDrawing) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

impl Drawing for FunnelDrawing {
    fn key(&self) -> &'static str {
        "funnel"
    }
    fn description(&self) -> &'static str {
        ChartText::Funnel.text()
    }
    fn css_height(&self) -> f64 {
        height_of_rows(self.0.funnel.stages.len())
    }
    fn draw_on<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> ChartResult<DB> {
        draw_funnel(area, &self.0.funnel, self.1, style)
    }
}

/// A chart's CSS height for `rows` rows drawn.
pub(crate) fn height_of_rows(rows: usize) -> f64 {
    (60.0 + 46.0 * rows as f64).clamp(220.0, 760.0)
}

/// Draws the chart on the canvas at its current CSS size, then counts the draw in
/// the canvas's `data-draws` attribute.
///
/// A canvas already at the right size keeps its bitmap and is cleared instead: setting a
/// canvas's size (or its CSS height) again, even to the same value, makes the browser
/// reallocate it and lay the page out again, a few milliseconds a chart on a large page.
fn draw(canvas: &HtmlCanvasElement, spec: &impl Drawing, css_width: f64) {
    let scale = gloo::utils::window().device_pixel_ratio().max(1.0);
    // The CSS height through the CSS object model, not a style attribute: the page's
    // Content-Security-Policy allows no inline style (the width, 100 %, is in the stylesheet).
    let css_height = format!("{}px", spec.css_height());
    let style = canvas.style();
    if style.get_property_value("height").ok().as_deref() != Some(css_height.as_str()) {
        let _ = style.set_property("height", &css_height);
    }
    let (width, height) = (
        (css_width * scale).round() as u32,
        (spec.css_height() * scale).round() as u32,
    );
    let resized = canvas.width() != width || canvas.height() != height;
    if resized {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let Some(backend) = MeasuredCanvas::new(canvas.clone()) else {
        return;
    };
    if !resized {
        backend.clear();
    }
    if spec
        .draw_on(&backend.into_drawing_area(), &ChartStyle { scale })
        .is_ok()
    {
        let draws = canvas
            .get_attribute("data-draws")
            .and_then(|d| d.parse::<u64>().ok())
            .unwrap_or(0);
        let _ = canvas.set_attribute("data-draws", &(draws + 1).to_string());
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub spec: ChartSpec,
    /// Show the PNG / SVG download buttons.
    #[prop_or(true)]
    pub downloads: bool,
}

/// Any chart of the app ([`ChartOf`] a [`ChartSpec`]).
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    html! { <ChartOf<ChartSpec> spec={props.spec.clone()} downloads={props.downloads} /> }
}

#[derive(Properties, PartialEq)]
pub struct ChartOfProps<D: Drawing> {
    pub spec: D,
    /// Show the PNG / SVG download buttons.
    #[prop_or(true)]
    pub downloads: bool,
}

/// A plotters chart on a canvas that follows its container's width.
#[component]
pub fn ChartOf<D: Drawing>(props: &ChartOfProps<D>) -> Html {
    let canvas_ref = use_node_ref();
    let wrapper_ref = use_node_ref();
    let width = use_state(|| 0.0_f64);
    // The width the canvas was last drawn at, or None while a drawing is waiting for its task
    // (it measures the width when it runs): the observer's first report (the width the first
    // drawing measured) draws nothing again.
    let drawn_width = use_mut_ref(|| Some(0.0_f64));
    // The container's width as last observed or measured (0: not yet), so that a redraw for
    // new data does not lay the page out to measure it again.
    let known_width = use_mut_ref(|| 0.0_f64);

    // Watch the container's width.
    {
        let wrapper_ref = wrapper_ref.clone();
        let width = width.clone();
        let drawn_width = drawn_width.clone();
        let known_width = known_width.clone();
        use_effect_with((), move |_| {
            let observed = wrapper_ref.cast::<web_sys::Element>();
            let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new({
                let wrapper_ref = wrapper_ref.clone();
                move |_entries: js_sys::Array| {
                    if let Some(el) = wrapper_ref.cast::<web_sys::Element>() {
                        // The page is laid out when observers report: reading is free here.
                        let w = f64::from(el.client_width());
                        *known_width.borrow_mut() = w;
                        let drawn = *drawn_width.borrow();
                        if w > 0.0 && drawn.is_some_and(|drawn| (w - drawn).abs() >= 1.0) {
                            width.set(w);
                        }
                    }
                }
            });
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, &observed) {
                observer.observe(el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    // Redraw when the data, the width or the language change.
    let locale = super::locale::use_locale();
    {
        let canvas_ref = canvas_ref.clone();
        let wrapper_ref = wrapper_ref.clone();
        let drawn_width = drawn_width.clone();
        let known_width = known_width.clone();
        use_effect_with((props.spec.clone(), *width, locale), move |(spec, _, _)| {
            let spec = spec.clone();
            *drawn_width.borrow_mut() = None;
            // At start-up, in a task of its own.
            deferred::after_start_up(move || {
                // The known width when there is one: measuring lays the page out.
                let known = *known_width.borrow();
                let css_width = if known > 0.0 {
                    known
                } else {
                    let measured = wrapper_ref
                        .cast::<web_sys::Element>()
                        .map_or(0.0, |el| f64::from(el.client_width()));
                    *known_width.borrow_mut() = measured;
                    measured
                };
                let mut drawn_at = 0.0;
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    if css_width > 0.0 {
                        draw(&canvas, &spec, css_width);
                        drawn_at = css_width;
                    }
                }
                *drawn_width.borrow_mut() = Some(drawn_at);
            });
        });
    }

    let key = props.spec.key();
    let on_png = {
        let canvas_ref = canvas_ref.clone();
        Callback::from(move |_| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                if let Ok(url) = canvas.to_data_url_with_type("image/png") {
                    browser::download_url(&format!("funnelsim-{key}.png"), &url);
                }
            }
        })
    };
    let on_svg = {
        let spec = props.spec.clone();
        let wrapper_ref = wrapper_ref.clone();
        Callback::from(move |_| {
            let width = wrapper_ref
                .cast::<web_sys::Element>()
                .map_or(800, |el| el.client_width().max(320) as u32);
            if let Some(svg) = spec.to_svg(width) {
                browser::download_text(&format!("funnelsim-{key}.svg"), "image/svg+xml", &svg);
            }
        })
    };
    html! {
        <div class="chart" ref={wrapper_ref}>
            <canvas ref={canvas_ref} data-chart={key} role="img"
                aria-label={props.spec.description()}></canvas>
            if props.downloads {
                <div class="chart-downloads">
                    <button type="button" class="link" data-download={format!("{key}-png")} onclick={on_png}>{ ChartText::DownloadPng.text() }</button>
                    <button type="button" class="link" data-download={format!("{key}-svg")} onclick={on_svg}>{ ChartText::DownloadSvg.text() }</button>
                </div>
            }
        </div>
    }
}
