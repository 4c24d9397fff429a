//! The page's side of the CRM import: an [`ImportJob`] starts the import's worker
//! (`assets/crm-worker.js`, a file of the app's origin, as the CSP's `worker-src 'self'`
//! wants), sends it the `File` and the [`ImportRequest`] once it says it is ready, and hands
//! each reply to the view; dropping the job (a new file picked, the view gone) terminates the
//! worker, and no reply of it arrives after. A worker is started ahead ([`prewarm`], when the
//! CRM tab opens and after each import), so an import does not wait for its wasm. The browser
//! tests, which serve no worker script, run the import on the page instead
//! ([`run_on_the_page`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, Event, MessageEvent, Worker};

use crate::model::crm::transfer::{decode, encode, ImportFailure, ImportReply, ImportRequest};

/// The worker's script, next to `index.html` (it loads `crm_worker.js` and its wasm).
const WORKER_SCRIPT: &str = "./crm-worker.js";

/// How the browser tests run an import on the page: a reply's JSON text to `post` for each
/// reply, as the worker would post it.
pub type PageRunner = fn(Blob, ImportRequest, Rc<dyn Fn(String)>);

thread_local! {
    static ON_THE_PAGE: Cell<Option<PageRunner>> = const { Cell::new(None) };
    /// A worker started ahead of the next import, and whether it has said it is ready.
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
}

/// Stops the worker started ahead, if any (the CRM tab closed).
pub fn drop_spare() {
    if let Some(spare) = SPARE.with(|spare| spare.borrow_mut().take()) {
        spare.worker.set_onmessage(None);
        spare.worker.terminate();
    }
}

/// A worker waiting for an import: started, its wasm loading or loaded.
struct Spare {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
}

/// Starts a worker for the next import, if none waits (and the import runs in workers): its
/// wasm loads meanwhile, so the import starts at once.
pub fn prewarm() {
    if ON_THE_PAGE.with(Cell::get).is_some() || SPARE.with(|spare| spare.borrow().is_some()) {
        return;
    }
    let Ok(worker) = Worker::new(WORKER_SCRIPT) else {
        return; // the import itself will say the worker cannot run
    };
    let ready = Rc::new(Cell::new(false));
    let on_message = {
        let ready = ready.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let said = event.data().as_string().and_then(|text| decode(&text).ok());
            ready.set(matches!(said, Some(ImportReply::Ready)));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    SPARE.with(|spare| {
        *spare.borrow_mut() = Some(Spare {
            worker,
            ready,
            _on_message: on_message,
        })
    });
}

/// Makes every later import run on this thread through `runner` (the browser tests give
/// `import_worker::run_here`); the app never calls it, so its wasm links no import code.
pub fn run_on_the_page(runner: PageRunner) {
    ON_THE_PAGE.with(|on| on.set(Some(runner)));
}

/// Where an import runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunsIn {
    Worker,
    Page,
}

impl RunsIn {
    /// Its name in the page (`data-read-in`).
    pub fn name(self) -> &'static str {
        match self {
            RunsIn::Worker => "worker",
            RunsIn::Page => "page",
        }
    }
}

/// A running import; dropping it stops it.
pub struct ImportJob {
    worker: Option<Worker>,
    /// Whether replies are still wanted (false once dropped).
    live: Rc<Cell<bool>>,
    runs_in: RunsIn,
    _on_message: Option<Closure<dyn Fn(MessageEvent)>>,
    _on_error: Option<Closure<dyn Fn(Event)>>,
}

impl ImportJob {
    /// Starts importing `file` as `request` says; `on_reply` is told the progress and the
    /// outcome (or [`ImportFailure::NoWorker`] when the worker cannot run).
    pub fn start(
        file: Blob,
        request: ImportRequest,
        on_reply: Rc<dyn Fn(ImportReply)>,
    ) -> ImportJob {
        let live = Rc::new(Cell::new(true));
        let hand_over = {
            let live = live.clone();
            let on_reply = on_reply.clone();
            move |reply: ImportReply| {
                if live.get() {
                    on_reply(reply);
                }
            }
        };
        if let Some(runner) = ON_THE_PAGE.with(Cell::get) {
            let post = Rc::new(move |text: String| {
                hand_over(decode(&text).unwrap_or(ImportReply::Failed(ImportFailure::NoWorker)))
            });
            runner(file, request, post);
            return ImportJob {
                worker: None,
                live,
                runs_in: RunsIn::Page,
                _on_message: None,
                _on_error: None,
            };
        }
        // The worker started ahead, or a new one; `ready` when it has already said so.
        let spare = SPARE.with(|spare| spare.borrow_mut().take());
        let already_ready = spare.as_ref().is_some_and(|s| s.ready.get());
        let worker = match spare {
            Some(spare) => Ok(spare.worker),
            None => Worker::new(WORKER_SCRIPT),
        };
        let (Ok(worker), Ok(request)) = (worker, encode(&request)) else {
            on_reply(ImportReply::Failed(ImportFailure::NoWorker));
            return ImportJob {
                worker: None,
                live,
                runs_in: RunsIn::Worker,
                _on_message: None,
                _on_error: None,
            };
        };
        let hand_over = Rc::new(hand_over);
        // The file and the request, sent once the worker is ready.
        let send = {
            let worker = worker.clone();
            let hand_over = hand_over.clone();
            move || {
                let message = Object::new();
                let sent = Reflect::set(&message, &"file".into(), &file).is_ok()
                    && Reflect::set(&message, &"request".into(), &JsValue::from_str(&request))
                        .is_ok()
                    && worker.post_message(&message).is_ok();
                if !sent {
                    worker.terminate();
                    hand_over(ImportReply::Failed(ImportFailure::NoWorker));
                }
            }
        };
        if already_ready {
            send();
        }
        let on_message = {
            let worker = worker.clone();
            let hand_over = hand_over.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                // The loader posts an object when the wasm cannot load; the wasm posts text.
                let reply = event
                    .data()
                    .as_string()
                    .and_then(|text| decode(&text).ok())
                    .unwrap_or(ImportReply::Failed(ImportFailure::NoWorker));
                match reply {
                    ImportReply::Ready => send(),
                    ImportReply::Progress { .. } => hand_over(reply),
                    ImportReply::Done(_) | ImportReply::Failed(_) => {
                        // Its memory back at once: a worker serves one import; the next
                        // one's is started meanwhile.
                        worker.terminate();
                        hand_over(reply);
                        prewarm();
                    }
                }
            })
        };
        let on_error = {
            let worker = worker.clone();
            Closure::<dyn Fn(Event)>::new(move |event: Event| {
                event.prevent_default();
                worker.terminate();
                hand_over(ImportReply::Failed(ImportFailure::NoWorker));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        ImportJob {
            worker: Some(worker),
            live,
            runs_in: RunsIn::Worker,
            _on_message: Some(on_message),
            _on_error: Some(on_error),
        }
    }

    /// Where this import runs.
    pub fn runs_in(&self) -> RunsIn {
        self.runs_in
    }
}

impl Drop for ImportJob {
    fn drop(&mut self) {
        self.live.set(false);
        if let Some(worker) = &self.worker {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
    }
}
