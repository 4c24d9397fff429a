//! A canvas that draws one chart: sized to its container × devicePixelRatio (crisp on
//! HiDPI), redrawn when the results or the container's width change.

use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver};
use yew::prelude::*;

use crate::charts::{draw_funnel, draw_gap, ChartStyle};
use crate::model::{Analysis, Period};

/// Which chart a canvas shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Funnel,
    Gap,
}

impl ChartKind {
    fn key(self) -> &'static str {
        match self {
            ChartKind::Funnel => "funnel",
            ChartKind::Gap => "gap",
        }
    }

    fn description(self) -> &'static str {
        match self {
            ChartKind::Funnel => "Funnel chart: count at each stage and conversion from the previous stage. The table below gives the same numbers.",
            ChartKind::Gap => "Bar chart: current volume and volume required by the revenue target at each stage. The table below gives the same numbers.",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub kind: ChartKind,
    pub analysis: Rc<Analysis>,
    pub period: Period,
}

/// CSS height of a chart for `rows` stages.
fn css_height(rows: usize) -> f64 {
    (60.0 + 46.0 * rows as f64).clamp(200.0, 640.0)
}

/// Draws the chart on the canvas at its current CSS size, then counts the draw in
/// the canvas's `data-draws` attribute.
fn draw(canvas: &HtmlCanvasElement, props: &ChartProps, css_width: f64) {
    let scale = gloo::utils::window().device_pixel_ratio().max(1.0);
    let rows = props.analysis.funnel.stages.len();
    let css_height = css_height(rows);
    canvas.set_width((css_width * scale).round() as u32);
    canvas.set_height((css_height * scale).round() as u32);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let area = backend.into_drawing_area();
    let style = ChartStyle { scale };
    let drawn = match props.kind {
        ChartKind::Funnel => draw_funnel(&area, &props.analysis.funnel, props.period, &style),
        ChartKind::Gap => draw_gap(&area, &props.analysis.reverse, &style),
    };
    if drawn.is_ok() {
        let draws = canvas
            .get_attribute("data-draws")
            .and_then(|d| d.parse::<u64>().ok())
            .unwrap_or(0);
        let _ = canvas.set_attribute("data-draws", &(draws + 1).to_string());
    }
}

/// A plotters chart on a canvas that follows its container's width.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let canvas_ref = use_node_ref();
    let wrapper_ref = use_node_ref();
    let width = use_state(|| 0.0_f64);

    // Watch the container's width.
    {
        let wrapper_ref = wrapper_ref.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let observed = wrapper_ref.cast::<web_sys::Element>();
            let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new({
                let wrapper_ref = wrapper_ref.clone();
                move |_entries: js_sys::Array| {
                    if let Some(el) = wrapper_ref.cast::<web_sys::Element>() {
                        let w = f64::from(el.client_width());
                        if w > 0.0 && (w - *width).abs() >= 1.0 {
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

    // Redraw when the results or the width change.
    {
        let canvas_ref = canvas_ref.clone();
        let wrapper_ref = wrapper_ref.clone();
        let analysis = props.analysis.clone();
        let (kind, period) = (props.kind, props.period);
        use_effect_with((analysis.clone(), period, *width), move |(_, _, w)| {
            let measured = wrapper_ref
                .cast::<web_sys::Element>()
                .map_or(0.0, |el| f64::from(el.client_width()));
            let css_width = if *w > 0.0 { *w } else { measured };
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                if css_width > 0.0 {
                    draw(
                        &canvas,
                        &ChartProps {
                            kind,
                            analysis,
                            period,
                        },
                        css_width,
                    );
                }
            }
        });
    }

    let rows = props.analysis.funnel.stages.len();
    html! {
        <div class="chart" ref={wrapper_ref}>
            <canvas ref={canvas_ref} data-chart={props.kind.key()} role="img"
                aria-label={props.kind.description()}
                style={format!("width:100%;height:{}px", css_height(rows))}></canvas>
        </div>
    }
}
