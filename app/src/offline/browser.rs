//! The service worker from the page's side: registers `/sw.js`, watches for a new version
//! (checked when the page comes back into view, when the connection returns and every half
//! hour), hears the outbox's count, and posts the app's messages. Browser APIs through
//! web-sys (gloo has no service worker wrapper).

use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{
    MessageEvent, RegistrationOptions, ServiceWorker, ServiceWorkerContainer,
    ServiceWorkerRegistration, ServiceWorkerState, ServiceWorkerUpdateViaCache,
};

use super::{Offline, Sent, ToWorker};

/// The worker's script (served by the server from the build's site).
const WORKER: &str = "/sw.js";
/// How often an open page asks whether a new version is out (milliseconds).
const UPDATE_CHECK_MS: u32 = 30 * 60 * 1000;

/// The page's service worker container; `None` where the browser has none (an insecure
/// origin, an old browser).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let has =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| navigator.service_worker())
}

/// Registers the worker and keeps `offline` up to date with what it reports.
pub fn start(offline: Offline) {
    let Offline { update_ready, .. } = offline;
    let Some(container) = container() else {
        return;
    };
    listen(&container, "message", move |event: MessageEvent| {
        heard(&event.data(), offline)
    });
    // The waiting version took over (the person asked for it): start afresh on its files.
    listen(
        &container,
        "controllerchange",
        move |_: leptos::web_sys::Event| {
            if update_ready.get_untracked() {
                let _ = window().location().reload();
            }
        },
    );
    // A first visit loads before any worker controls it: what it loaded is not kept yet.
    let first_visit = container.controller().is_none();
    let options = RegistrationOptions::new();
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let registered = container.register_with_options(WORKER, &options);
    leptos::task::spawn_local(async move {
        // Not a registration where the browser refuses workers (some automation, some settings).
        let Some(registration) =
            registration_of(wasm_bindgen_futures::JsFuture::from(registered).await)
        else {
            return;
        };
        watch_for_updates(&registration, update_ready);
        post(ToWorker::Send);
        if first_visit {
            keep_what_loaded().await;
        }
    });
    listen(&window(), "online", |_: leptos::web_sys::Event| {
        post(ToWorker::Send)
    });
}

/// Asks the worker, once active, to keep this page and the build files it loaded, so that
/// the page opens offline although it loaded before the worker was there.
async fn keep_what_loaded() {
    let Some(ready) = container().and_then(|c| c.ready().ok()) else {
        return;
    };
    let Some(registration) = registration_of(wasm_bindgen_futures::JsFuture::from(ready).await)
    else {
        return;
    };
    let Some(worker) = registration.active() else {
        return;
    };
    let urls = js_sys::Array::new();
    if let Ok(page) = window().location().href() {
        urls.push(&JsValue::from_str(&page));
    }
    if let Some(performance) = window().performance() {
        for entry in performance.get_entries_by_type("resource") {
            let name = entry
                .unchecked_into::<leptos::web_sys::PerformanceEntry>()
                .name();
            if name.contains("/pkg/") {
                urls.push(&JsValue::from_str(&name));
            }
        }
    }
    send_to(&worker, "keep", &[("urls", urls.into())]);
    // Said before the worker was there: said again now.
    if let Some(account) = LAST_ACCOUNT.with(|last| last.borrow().clone()) {
        send_message(&worker, &account);
    }
}

/// Shows the prompt when a new version has installed while this page runs on the old one,
/// and asks the server for a new version now and then.
fn watch_for_updates(registration: &ServiceWorkerRegistration, update_ready: RwSignal<bool>) {
    let controlled = || container().and_then(|c| c.controller()).is_some();
    if registration.waiting().is_some() && controlled() {
        update_ready.set(true);
    }
    let found = registration.clone();
    listen(
        registration,
        "updatefound",
        move |_: leptos::web_sys::Event| {
            let Some(installing) = found.installing() else {
                return;
            };
            let worker = installing.clone();
            listen(
                &installing,
                "statechange",
                move |_: leptos::web_sys::Event| {
                    if worker.state() == ServiceWorkerState::Installed && controlled() {
                        update_ready.set(true);
                    }
                },
            );
        },
    );
    let check = {
        let registration = registration.clone();
        move || {
            let _ = registration.update();
        }
    };
    let on_visible = check.clone();
    listen(
        &document(),
        "visibilitychange",
        move |_: leptos::web_sys::Event| {
            if document().visibility_state() == leptos::web_sys::VisibilityState::Visible {
                on_visible();
            }
        },
    );
    let on_online = check.clone();
    listen(&window(), "online", move |_: leptos::web_sys::Event| {
        on_online()
    });
    // Kept for the page's life.
    std::mem::forget(gloo_timers::callback::Interval::new(UPDATE_CHECK_MS, check));
}

/// Reads a message of the worker: `{type: "outbox", waiting: n, queued: "[…]", refused:
/// "[…]"}` sets the badge's count and the lists (JSON) of changes waiting and refused;
/// `{type: "sent", key, path, status: 200, answer: {number}}` tells a form its queued
/// submission was registered, and the board that a change went.
fn heard(data: &JsValue, offline: Offline) {
    let field = |of: &JsValue, name: &str| js_sys::Reflect::get(of, &JsValue::from_str(name)).ok();
    let list = |name: &str| field(data, name).and_then(|json| json.as_string());
    match field(data, "type").and_then(|t| t.as_string()).as_deref() {
        Some("outbox") => {
            if let Some(count) = field(data, "waiting").and_then(|n| n.as_f64()) {
                offline.waiting.set(count.max(0.0) as u32);
            }
            if let Some(queued) = list("queued") {
                offline.queued.set(queued);
            }
            if let Some(refused) = list("refused") {
                offline.refused.set(refused);
            }
        }
        Some("sent") => {
            let path = field(data, "path").and_then(|p| p.as_string());
            if path.as_deref().is_some_and(|p| p != "/api/appeals/submit") {
                offline.delivered.update(|n| *n = n.wrapping_add(1));
            }
            let key = field(data, "key").and_then(|k| k.as_string());
            let number = field(data, "answer")
                .filter(|answer| answer.is_object())
                .and_then(|answer| field(&answer, "number"))
                .and_then(|n| n.as_string())
                .filter(|n| !n.is_empty());
            if let (Some(key), Some(number)) = (key, number) {
                offline.sent.set(Some(Sent { key, number }));
            }
        }
        _ => {}
    }
}

thread_local! {
    /// The last account the app told the worker of (told again to a worker that came later).
    static LAST_ACCOUNT: std::cell::RefCell<Option<ToWorker>> = const { std::cell::RefCell::new(None) };
}

/// Posts `message` to the worker that controls the page, if one does.
pub fn post(message: ToWorker) {
    if matches!(message, ToWorker::Account { .. }) {
        LAST_ACCOUNT.with(|last| *last.borrow_mut() = Some(message.clone()));
    }
    if let Some(worker) = container().and_then(|c| c.controller()) {
        send_message(&worker, &message);
    }
}

/// Posts `message` to `worker`.
fn send_message(worker: &ServiceWorker, message: &ToWorker) {
    let fields = match message {
        ToWorker::Account { id, staff } => vec![
            (
                "id",
                id.map_or(JsValue::NULL, |id| JsValue::from_f64(id as f64)),
            ),
            ("staff", JsValue::from_bool(*staff)),
        ],
        ToWorker::Pin { numbers, refresh } => {
            vec![("numbers", strings(numbers)), ("refresh", strings(refresh))]
        }
        ToWorker::Dismiss(id) => vec![("id", JsValue::from_f64(f64::from(*id)))],
        _ => Vec::new(),
    };
    send_to(worker, message.kind(), &fields);
}

/// A JavaScript array of `texts`.
fn strings(texts: &[String]) -> JsValue {
    let list = js_sys::Array::new();
    for text in texts {
        list.push(&JsValue::from_str(text));
    }
    list.into()
}

/// Tells the waiting version to take over; `controllerchange` then reloads the page.
pub fn apply_update() {
    let Some(ready) = container().and_then(|c| c.ready().ok()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Some(registration) = registration_of(wasm_bindgen_futures::JsFuture::from(ready).await)
        else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => send_to(&waiting, "skip-waiting", &[]),
            // Nothing waits any more (another tab applied it): this page is the old one.
            None => {
                let _ = window().location().reload();
            }
        }
    });
}

/// The registration a promise of the container resolved to, if it is one.
fn registration_of(resolved: Result<JsValue, JsValue>) -> Option<ServiceWorkerRegistration> {
    resolved.ok()?.dyn_into::<ServiceWorkerRegistration>().ok()
}

/// Posts `{type: kind, ...fields}` to `worker`.
fn send_to(worker: &ServiceWorker, kind: &str, fields: &[(&str, JsValue)]) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str(kind),
    );
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(name), value);
    }
    let _ = worker.post_message(&message);
}

/// Calls `handler` on each `event` of `target`, for the page's life.
fn listen<E: JsCast + 'static>(
    target: &leptos::web_sys::EventTarget,
    event: &str,
    handler: impl Fn(E) + 'static,
) {
    let closure =
        Closure::<dyn Fn(leptos::web_sys::Event)>::new(move |e: leptos::web_sys::Event| {
            handler(e.unchecked_into())
        });
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}
