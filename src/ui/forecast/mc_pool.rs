//! Monte Carlo trials in a pool of web workers, one per core (`navigator.hardwareConcurrency`),
//! each running the app's own wasm module (`assets/mc-worker.js`): the run is split into parts
//! of whole blocks ([`MonteCarlo::part`]) that the workers run and sort, and one more worker
//! adds them in order ([`MonteCarlo::absorb`]) and reads the summaries off the sorted parts, so
//! the page only shows them and the summary has the same bits whatever the number of workers. Without the loader's module
//! (a page that is not the app's build) or without workers, the caller runs the trials on the
//! page in slices.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::model::forecast::monte_carlo::{MonteCarlo, Summary, TrialsPart, MEAN_BLOCK};
use crate::model::persist::scenario_link::{decode, encode};
use crate::model::Scenario;
use crate::ui::lazy_view::in_chunk;

in_chunk!(monte_carlo;
/// Runs the trials `start..end` of `scenario_link`'s Monte Carlo: what a worker is asked
/// (exported to `mc-worker.js` by the app's binary, `src/main.rs`); the part's bytes, or why
/// not.
pub fn mc_part(scenario_link: String, start: u32, end: u32) -> Result<Vec<u8>, JsValue> {
    let scenario = scenario_of(&scenario_link)?;
    let run = MonteCarlo::new(&scenario).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let part = run
        .part(start, end)
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    Ok(part.to_bytes())
});

/// The scenario a worker is sent: its link, the app's one codec (every number written
/// exactly), so no second reader of scenarios is linked.
fn scenario_of(link: &str) -> Result<Scenario, JsValue> {
    decode(link).map_err(|e| JsValue::from_str(&e.to_string()))
}

thread_local! {
    /// The run the collecting worker adds the parts to (in that worker's instance).
    static COLLECTED: RefCell<Option<MonteCarlo>> = const { RefCell::new(None) };
}

in_chunk!(monte_carlo;
/// Starts collecting the parts of `scenario_link`'s Monte Carlo (the collecting worker).
pub fn mc_collect_start(scenario_link: String) -> Result<(), JsValue> {
    let scenario = scenario_of(&scenario_link)?;
    let run = MonteCarlo::new(&scenario).map_err(|e| JsValue::from_str(&e.to_string()))?;
    COLLECTED.with(|collected| *collected.borrow_mut() = Some(run));
    Ok(())
});

in_chunk!(monte_carlo;
/// Adds the next part's bytes to the run being collected; whether it could.
pub fn mc_collect_add(bytes: Vec<u8>) -> bool {
    COLLECTED.with(|collected| {
        let mut collected = collected.borrow_mut();
        match (collected.as_mut(), TrialsPart::from_bytes(&bytes)) {
            (Some(run), Some(part)) => run.absorb(part).is_ok(),
            _ => false,
        }
    })
});

in_chunk!(monte_carlo;
/// The summary of the parts collected so far, as JSON (the page reads it back).
pub fn mc_collect_summary() -> Result<String, JsValue> {
    COLLECTED.with(|collected| {
        let collected = collected.borrow();
        let run = collected
            .as_ref()
            .ok_or_else(|| JsValue::from_str("no run collected"))?;
        serde_json::to_string(&run.summary()).map_err(|e| JsValue::from_str(&e.to_string()))
    })
});

/// One worker of the pool, answering its requests in the order they were posted.
struct PoolWorker {
    worker: Worker,
    /// The resolvers of the requests not answered yet, oldest first.
    waiting: Rc<RefCell<VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for PoolWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl PoolWorker {
    fn spawn() -> Option<PoolWorker> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("./mc-worker.js", &options).ok()?;
        let waiting: Rc<RefCell<VecDeque<js_sys::Function>>> = Rc::default();
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(resolve) = waiting.borrow_mut().pop_front() {
                    let _ = resolve.call1(&JsValue::NULL, &event.data());
                }
            })
        };
        // A worker that cannot start answers every request with nothing (the caller then
        // runs the trials on the page).
        let on_error = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                for resolve in waiting.borrow_mut().drain(..) {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(PoolWorker {
            worker,
            waiting,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Posts `message` (handing over the buffers in `transfer`); resolves with the worker's
    /// answer to it.
    fn request(&self, message: &JsValue, transfer: &js_sys::Array) -> JsFuture {
        let waiting = self.waiting.clone();
        let promise = Promise::new(&mut |resolve, _| waiting.borrow_mut().push_back(resolve));
        if self
            .worker
            .post_message_with_transfer(message, transfer)
            .is_err()
        {
            for resolve in self.waiting.borrow_mut().drain(..) {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
            }
        }
        JsFuture::from(promise)
    }
}

thread_local! {
    /// The workers, kept between runs (each has instantiated the module once): the collecting
    /// one first, then those that run the trials.
    static POOL: RefCell<Vec<PoolWorker>> = const { RefCell::new(Vec::new()) };
}

/// How many workers a run uses: one per core the browser reports, at least one.
pub fn workers_wanted() -> usize {
    let cores = gloo::utils::window().navigator().hardware_concurrency();
    if cores.is_finite() && cores >= 1.0 {
        cores.min(64.0) as usize
    } else {
        1
    }
}

/// The loader's wasm module and the app's JS glue (set by the page's loader), or `None` on a
/// page that is not the app's build.
fn module_info() -> Option<JsValue> {
    let info = Reflect::get(&js_sys::global(), &JsValue::from_str("__funnelsimWasm")).ok()?;
    (info.is_object()).then_some(info)
}

/// The parts of a run of `trials` for `workers` workers: whole blocks, a few per worker so
/// results stream in and a worker done early takes the next one.
fn parts_of(trials: u32, workers: usize) -> Vec<(u32, u32)> {
    let blocks = trials.div_ceil(MEAN_BLOCK).max(1);
    let wanted = (workers as u32 * 4).max(1);
    let per_part = blocks.div_ceil(wanted).max(1) * MEAN_BLOCK;
    (0..trials.div_ceil(per_part))
        .map(|k| (k * per_part, ((k + 1) * per_part).min(trials)))
        .collect()
}

/// A request of `kind` (`part`, `start`, `add`, `summary`: see `mc-worker.js`) with the
/// module to instantiate and `fields`.
fn message(info: &JsValue, kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let message = Object::new();
    for key in ["glue", "module", "wasm"] {
        let value = Reflect::get(info, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let _ = Reflect::set(&message, &JsValue::from_str(key), &value);
    }
    let _ = Reflect::set(&message, &"kind".into(), &kind.into());
    for (key, value) in fields {
        let _ = Reflect::set(&message, &JsValue::from_str(key), value);
    }
    message.into()
}

/// The request for the part `start..end`.
fn part_request(info: &JsValue, scenario_link: &str, (start, end): (u32, u32)) -> JsValue {
    message(
        info,
        "part",
        &[
            ("scenario", scenario_link.into()),
            ("start", start.into()),
            ("end", end.into()),
        ],
    )
}

/// A field of a worker's answer, `None` when it has none (no answer, an error).
fn answer_field(answer: &Result<JsValue, JsValue>, key: &str) -> Option<JsValue> {
    let value = Reflect::get(answer.as_ref().ok()?, &JsValue::from_str(key)).ok()?;
    (!value.is_undefined()).then_some(value)
}

/// The summary in a collecting worker's answer.
fn summary_of(answer: &Result<JsValue, JsValue>) -> Option<Summary> {
    serde_json::from_str(&answer_field(answer, "summary")?.as_string()?).ok()
}

/// What became of a run in the pool.
pub enum PoolOutcome {
    /// Every part was added by this many workers: the run is done, with its summary.
    Done {
        workers: usize,
        summary: Box<Summary>,
    },
    /// A newer run started (`still_wanted` said no): the workers were stopped.
    Cancelled,
    /// No pool here, or a worker failed: the caller runs the trials on the page.
    Unavailable,
}

/// Runs `scenario`'s Monte Carlo in the pool: the workers run the parts, a collecting worker
/// adds them in order and makes the summaries, so the page only shows them. `publish` gets a
/// summary under way whenever `due` says one is; `still_wanted` says whether to go on.
pub async fn run_in_pool(
    scenario: &Scenario,
    trials: u32,
    still_wanted: impl Fn() -> bool,
    due: impl Fn() -> bool,
    mut publish: impl FnMut(Summary),
) -> PoolOutcome {
    let Some(info) = module_info() else {
        return PoolOutcome::Unavailable;
    };
    let scenario_link = encode(&Scenario {
        sla: None,
        ..scenario.clone()
    });
    let workers = workers_wanted();
    let mut pool = POOL.with(|pool| std::mem::take(&mut *pool.borrow_mut()));
    pool.truncate(workers + 1);
    while pool.len() < workers + 1 {
        match PoolWorker::spawn() {
            Some(worker) => pool.push(worker),
            None => return PoolOutcome::Unavailable,
        }
    }
    let no_transfer = js_sys::Array::new();
    let (collector, runners) = pool.split_at(1);
    let collector = &collector[0];
    let started = collector.request(
        &message(
            &info,
            "start",
            &[("scenario", scenario_link.as_str().into())],
        ),
        &no_transfer,
    );
    let parts = parts_of(trials, runners.len());
    let mut answers: VecDeque<JsFuture> = VecDeque::new();
    let mut next = 0;
    // Two parts in each worker's queue: one running, one waiting.
    while next < parts.len() && next < 2 * runners.len() {
        let request = part_request(&info, &scenario_link, parts[next]);
        answers.push_back(runners[next % runners.len()].request(&request, &no_transfer));
        next += 1;
    }
    let ok = |answer: &Result<JsValue, JsValue>| {
        answer_field(answer, "ok").is_some_and(|ok| ok.as_bool() == Some(true))
    };
    if !ok(&started.await) {
        return PoolOutcome::Unavailable;
    }
    let mut added = Vec::with_capacity(parts.len());
    while let Some(answer) = answers.pop_front() {
        let answer = answer.await;
        if !still_wanted() {
            // Stop the workers (their queued parts are stale); new ones start next time.
            drop(pool);
            return PoolOutcome::Cancelled;
        }
        let Some(bytes) = answer_field(&answer, "bytes") else {
            return PoolOutcome::Unavailable;
        };
        // Handed over to the collecting worker: the page does not copy the part.
        let transfer = js_sys::Array::of1(
            &Reflect::get(&bytes, &"buffer".into()).unwrap_or(JsValue::UNDEFINED),
        );
        added.push(collector.request(&message(&info, "add", &[("bytes", bytes)]), &transfer));
        if next < parts.len() {
            let request = part_request(&info, &scenario_link, parts[next]);
            answers.push_back(runners[next % runners.len()].request(&request, &no_transfer));
            next += 1;
        }
        if due() && !answers.is_empty() {
            let summary = collector.request(&message(&info, "summary", &[]), &no_transfer);
            if let Some(summary) = summary_of(&summary.await) {
                publish(summary);
            }
        }
    }
    for add in added {
        if !ok(&add.await) {
            return PoolOutcome::Unavailable;
        }
    }
    let answer = collector
        .request(&message(&info, "summary", &[]), &no_transfer)
        .await;
    let Some(summary) = summary_of(&answer) else {
        return PoolOutcome::Unavailable;
    };
    let workers = runners.len();
    POOL.with(|kept| *kept.borrow_mut() = pool);
    PoolOutcome::Done {
        workers,
        summary: Box::new(summary),
    }
}
