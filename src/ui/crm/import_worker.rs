//! The CRM import's worker (`src/bin/crm_worker.rs`, started by `assets/crm-worker.js`): it
//! is sent a `File` and an [`ImportRequest`], reads the file in 1 MB slices (the next one
//! read while this one is parsed), decodes, parses, maps and tallies every KPI there, and
//! posts its progress and the outcome to the page as JSON ([`ImportReply`]). The browser
//! tests, which serve no worker script, run the same reading on the page ([`run_here`]).

use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use crate::model::crm::file::CrmFileRead;
use crate::model::crm::transfer::{decode, encode, ImportFailure, ImportReply, ImportRequest};
use crate::model::i18n;

/// The largest slice read at once (the first ones are smaller: `CrmFileRead`). The worker
/// blocks no page, so slices can be large: fewer round trips to the file.
const SLICE_BYTES: u64 = 1 << 20;

/// A reply as the page reads it: its JSON text.
type Post = Rc<dyn Fn(String)>;

/// The read of `file`'s bytes `start..end`, started now.
fn read_slice(file: &Blob, start: u64, end: u64) -> Option<JsFuture> {
    let slice = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
    Some(JsFuture::from(slice.array_buffer()))
}

/// Imports `file` as `request` says, telling `post` the progress and the outcome.
async fn run(file: Blob, request: ImportRequest, post: Post) {
    let reply = |reply: &ImportReply| match encode(reply) {
        Ok(text) => post(text),
        Err(_) => post(String::new()),
    };
    i18n::set_locale(request.lang, i18n::currency());
    let total = file.size() as u64;
    let mut read = CrmFileRead::new(total, SLICE_BYTES, move || request.fresh_import());
    let mut bytes = Vec::new();
    // The slice being read, with where it starts and ends.
    let mut pending = read
        .next_slice()
        .and_then(|range| Some((range.clone(), read_slice(&file, range.start, range.end)?)));
    while let Some((range, reading)) = pending.take() {
        let Ok(buffer) = reading.await else {
            reply(&ImportReply::Failed(ImportFailure::Unreadable));
            return;
        };
        let array = Uint8Array::new(&buffer);
        bytes.resize(array.length() as usize, 0);
        array.copy_to(&mut bytes);
        // The slice after this one, if the file goes on as it was read (a file read again as
        // Windows-1252 starts over: `next_slice` then names its start).
        let grown = (2 * (range.end - range.start)).min(SLICE_BYTES);
        let guess = range.end..(range.end + grown).min(total);
        let ahead = (guess.start < total)
            .then(|| (guess.clone(), read_slice(&file, guess.start, guess.end)));
        read.feed(&bytes);
        reply(&ImportReply::Progress {
            done: read.done(),
            total,
            rows: read.rows(),
        });
        pending = match (read.next_slice(), ahead) {
            (None, _) => None,
            (Some(next), Some((guessed, Some(reading)))) if next == guessed => {
                Some((next, reading))
            }
            (Some(next), _) => read_slice(&file, next.start, next.end).map(|r| (next, r)),
        };
        if pending.is_none() && read.next_slice().is_some() {
            reply(&ImportReply::Failed(ImportFailure::Unreadable));
            return;
        }
    }
    reply(&match read.finish() {
        Ok(data) => ImportReply::Done(Box::new(data)),
        Err(error) => ImportReply::Failed(ImportFailure::Import(error)),
    });
}

/// Runs the import of `file` on this thread (the page, in the browser tests), `post` told
/// each reply's text as a worker would post it.
pub fn run_here(file: Blob, request: ImportRequest, post: Post) {
    wasm_bindgen_futures::spawn_local(run(file, request, post));
}

/// The worker's start: it listens for `{ file, request }` messages (`request`: the
/// [`ImportRequest`]'s JSON), answers each with its replies, and says it is [`ImportReply::Ready`].
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post: Post = {
        let scope = scope.clone();
        Rc::new(move |text: String| {
            let _ = scope.post_message(&JsValue::from_str(&text));
        })
    };
    let on_message = {
        let post = post.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let file = Reflect::get(&data, &JsValue::from_str("file"))
                .ok()
                .and_then(|file| file.dyn_into::<Blob>().ok());
            let request = Reflect::get(&data, &JsValue::from_str("request"))
                .ok()
                .and_then(|request| request.as_string())
                .and_then(|text| decode::<ImportRequest>(&text).ok());
            match (file, request) {
                (Some(file), Some(request)) => run_here(file, request, post.clone()),
                _ => {
                    if let Ok(text) = encode(&ImportReply::Failed(ImportFailure::BadRequest)) {
                        post(text);
                    }
                }
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its listener: it is terminated by the page.
    on_message.forget();
    if let Ok(text) = encode(&ImportReply::Ready) {
        post(text);
    }
}
