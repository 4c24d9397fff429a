//! Start-up in steps: the work of the app's first render (parts of the page, chart drawings)
//! done one piece per task, so that the wasm's start is cut into short tasks between which
//! the browser paints and answers input.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use yew::prelude::*;

use super::browser;

type Work = Box<dyn FnOnce()>;

thread_local! {
    /// The pieces of work waiting for their task, in the order they were asked for.
    static WAITING: RefCell<VecDeque<Work>> = RefCell::new(VecDeque::new());
    /// The waiting pieces are being done, one per task.
    static WORKING: Cell<bool> = const { Cell::new(false) };
    /// The start-up is over: from now on, work is done at once.
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the start-up's pieces are all done (tests wait for it before looking at a page).
pub fn start_up_done() -> bool {
    STARTED.with(Cell::get) && !WORKING.with(Cell::get)
}

/// Does `work` now once the start-up is over; during it, in a task of its own after the
/// pieces already waiting (the page is given back between two pieces).
pub fn after_start_up(work: impl FnOnce() + 'static) {
    if STARTED.with(Cell::get) {
        work();
        return;
    }
    WAITING.with(|waiting| waiting.borrow_mut().push_back(Box::new(work)));
    if WORKING.with(|working| working.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        loop {
            browser::yield_to_page().await;
            let Some(work) = WAITING.with(|waiting| waiting.borrow_mut().pop_front()) else {
                break;
            };
            // A part shown here renders at the end of this task (yew's scheduler runs in a
            // microtask), before the next piece's task.
            work();
        }
        STARTED.with(|started| started.set(true));
        WORKING.with(|working| working.set(false));
    });
}

#[derive(Properties, PartialEq)]
pub struct DeferredProps {
    pub children: Html,
}

/// Renders its children in a task of their own after the app's first render, or at once once
/// the start-up is over.
#[component]
pub fn Deferred(props: &DeferredProps) -> Html {
    let shown = use_state_eq(|| STARTED.with(Cell::get));
    {
        let show = shown.setter();
        let waiting = !*shown;
        use_effect_with((), move |_| {
            if waiting {
                after_start_up(move || show.set(true));
            }
        });
    }
    if *shown {
        props.children.clone()
    } else {
        Html::default()
    }
}
