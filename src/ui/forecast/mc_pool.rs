//! Monte Carlo trials in a pool of web workers, one per core (`navigator.hardwareConcurrency`),
//! each running the app's own wasm module (`assets/mc-worker.js`): the run is split into parts
//! of whole blocks ([`MonteCarlo::part`]) that the workers run and the page adds in order
//! ([`MonteCarlo::absorb`]), so the summary has the same bits whatever the number of workers.
//! Without the loader's module (a page that is not the app's build) or without workers, the
//! caller runs the trials on the page in slices.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::model::forecast::monte_carlo::{MonteCarlo, TrialsPart, MEAN_BLOCK};
use crate::model::Scenario;

/// Runs the trials `start..end` of `scenario_json`'s Monte Carlo: what a worker is asked
/// (exported to `mc-worker.js`); the part's bytes, or why not.
#[wasm_bindgen]
pub fn mc_part(scenario_json: &str, start: u32, end: u32) -> Result<Vec<u8>, JsValue> {
    let scenario: Scenario =
        serde_json::from_str(scenario_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let run = MonteCarlo::new(&scenario).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let part = run
        .part(start, end)
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    Ok(part.to_bytes())
}

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

    /// Posts `message`; resolves with the worker's answer to it.
    fn request(&self, message: &JsValue) -> JsFuture {
        let waiting = self.waiting.clone();
        let promise = Promise::new(&mut |resolve, _| waiting.borrow_mut().push_back(resolve));
        if self.worker.post_message(message).is_err() {
            for resolve in self.waiting.borrow_mut().drain(..) {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
            }
        }
        JsFuture::from(promise)
    }
}

thread_local! {
    /// The workers, kept between runs (each has instantiated the module once).
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

/// The request for one part.
fn message(info: &JsValue, scenario_json: &str, (start, end): (u32, u32)) -> JsValue {
    let message = Object::new();
    for key in ["glue", "module", "wasm"] {
        let value = Reflect::get(info, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let _ = Reflect::set(&message, &JsValue::from_str(key), &value);
    }
    let _ = Reflect::set(&message, &"scenario".into(), &scenario_json.into());
    let _ = Reflect::set(&message, &"start".into(), &start.into());
    let _ = Reflect::set(&message, &"end".into(), &end.into());
    message.into()
}

/// A worker's answer as a part, or `None` (no answer, an error, bytes it did not write).
fn part_of(answer: Result<JsValue, JsValue>) -> Option<TrialsPart> {
    let bytes = Reflect::get(&answer.ok()?, &JsValue::from_str("bytes")).ok()?;
    let bytes: Uint8Array = bytes.dyn_into().ok()?;
    TrialsPart::from_bytes(&bytes.to_vec())
}

/// What became of a run in the pool.
pub enum PoolOutcome {
    /// Every part was added by this many workers: the run is done.
    Done { workers: usize },
    /// A newer run started (`still_wanted` said no): the workers were stopped.
    Cancelled,
    /// No pool here, or a worker failed: the run holds every part added so far, and the
    /// caller runs the rest on the page.
    Unavailable,
}

/// Runs the rest of `run` in the pool, calling `progress` after each part added (the caller
/// publishes the summary when it wants); `still_wanted` says whether to go on.
pub async fn run_in_pool(
    run: &mut MonteCarlo,
    scenario: &Scenario,
    still_wanted: impl Fn() -> bool,
    mut progress: impl FnMut(&MonteCarlo),
) -> PoolOutcome {
    let Some(info) = module_info() else {
        return PoolOutcome::Unavailable;
    };
    let Ok(scenario_json) = serde_json::to_string(&Scenario {
        sla: None,
        ..scenario.clone()
    }) else {
        return PoolOutcome::Unavailable;
    };
    let workers = workers_wanted();
    let mut pool = POOL.with(|pool| std::mem::take(&mut *pool.borrow_mut()));
    pool.truncate(workers);
    while pool.len() < workers {
        match PoolWorker::spawn() {
            Some(worker) => pool.push(worker),
            None => break,
        }
    }
    if pool.is_empty() {
        return PoolOutcome::Unavailable;
    }
    let parts = parts_of(run.trials(), pool.len());
    let mut answers: VecDeque<JsFuture> = VecDeque::new();
    let mut next = 0;
    // Two parts in each worker's queue: one running, one waiting.
    while next < parts.len() && next < 2 * pool.len() {
        answers.push_back(pool[next % pool.len()].request(&message(
            &info,
            &scenario_json,
            parts[next],
        )));
        next += 1;
    }
    while let Some(answer) = answers.pop_front() {
        let answer = answer.await;
        if !still_wanted() {
            // Stop the workers (their queued parts are stale); new ones start next time.
            drop(pool);
            return PoolOutcome::Cancelled;
        }
        let added = part_of(answer).is_some_and(|part| run.absorb(part).is_ok());
        if !added {
            drop(pool);
            return PoolOutcome::Unavailable;
        }
        if next < parts.len() {
            answers.push_back(pool[next % pool.len()].request(&message(
                &info,
                &scenario_json,
                parts[next],
            )));
            next += 1;
        }
        progress(run);
    }
    let workers = pool.len();
    POOL.with(|kept| *kept.borrow_mut() = pool);
    PoolOutcome::Done { workers }
}
