//! The detail panel beside the board (`/inspector?open=SM-…`): the appeal's full history,
//! its citizen's data (each view audited), the thread and internal notes, and the side
//! actions the staff member may take.

use domain::actions::{HandOverDraft, PanelActions, REJECTABLE_IN};
use domain::appeal::Stage;
use domain::tracking::AppealStatus;
use leptos::prelude::*;
use leptos_router::components::A;

use super::actions::hand_over_appeal;
use super::dialogs::{ExtendForm, ForwardForm, LinkForm, RecategoriseForm, RejectForm, StudyForm};
use super::related::RelatedAppeals;
use super::state::{Panel, PanelHost, SideDialog};
use crate::context::use_offline_texts;
use crate::offline::{toggle_pin, use_offline};
use crate::tracking::{track_appeal, StatusView};
use crate::ui::{use_hydrated, ErrorNotice, Loading};

/// The panel beside the board for the appeal `number`; `close_href` is the board without it.
#[component]
pub fn AppealPanel(number: String, close_href: String, host: PanelHost) -> impl IntoView {
    let panel = Panel::new(host);
    let w = panel.w;
    let key = number.clone();
    // A live update about this appeal reloads the panel: what someone else did shows here.
    // Updates about other appeals do not (each load is a view of personal data, audited).
    let mine = number.clone();
    let heard = Memo::new(move |last: Option<&u32>| {
        let (about, count) = host.heard_of.get();
        if about.is_empty() || about == mine {
            count
        } else {
            last.copied().unwrap_or(count)
        }
    });
    let status = Resource::new(
        move || (key.clone(), panel.reload.get(), heard.get()),
        |(number, _, _)| track_appeal(number),
    );
    let on_posted = Callback::new(move |()| panel.reload());
    // The related appeals are drawn by the browser once the page is live, never by the server:
    // their lookup is audited, and the server renders this part twice (a dry run first), which
    // made one lookup with no request context and numbered resources unlike the browser.
    let in_browser = RwSignal::new(false);
    Effect::new(move |_| in_browser.set(true));
    let full_page = format!("/track/{number}");
    let label = (w.panel_label)(&number);
    // The panel's code comes in its own chunk, so it may be live a moment after the board.
    let hydrated = use_hydrated();
    view! {
        <aside class="appeal-panel" aria-label=label data-testid="appeal-panel" data-number=number.clone()
            data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            <div class="panel-bar">
                <strong class="panel-number">{number.clone()}</strong>
                <A href=full_page attr:class="link-button">{w.panel_full_page}</A>
                <PinButton number=number.clone() />
                <A href=close_href attr:class="button secondary small" attr:data-testid="panel-close">{w.panel_close}</A>
            </div>
            {move || panel.notice.get().map(|message| view! {
                <div class="notice error" role="alert" data-testid="panel-notice"><p>{message}</p></div>
            })}
            <Transition fallback=Loading>
                {move || status.get().map(|result| match result {
                    Ok(status) => {
                        let actions = status.actions.clone().unwrap_or_default();
                        // Related appeals are looked for while the appeal is analysed.
                        let related = (actions.work && status.stage == Stage::Analysis).then(|| {
                            let (number, version) = (status.number.clone(), status.version);
                            move || in_browser.get().then(|| {
                                view! { <RelatedAppeals number=number.clone() version panel /> }
                            })
                        });
                        view! {
                            <SideActions status=status.clone() actions panel />
                            {related}
                            <StatusView status on_posted />
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Transition>
        </aside>
    }
}

/// "Take with me": pins the appeal, so that its page, history and thread open offline.
#[component]
fn PinButton(number: String) -> impl IntoView {
    let o = use_offline_texts();
    let offline = use_offline();
    let number = StoredValue::new(number);
    // The pinned list is the browser's: drawn once the panel is live, never while hydrating.
    let hydrated = use_hydrated();
    let pinned = move || {
        hydrated.get() && number.with_value(|n| offline.pinned.with(|list| list.contains(n)))
    };
    view! {
        <button type="button" class="button secondary small pin" data-testid="pin-toggle"
            disabled=move || !hydrated.get()
            aria-pressed=move || if pinned() { "true" } else { "false" }
            on:click=move |_| number.with_value(|n| toggle_pin(offline, n))>
            {move || if pinned() { o.pinned } else { o.pin }}
        </button>
    }
}

/// The side actions the staff member may take, and the dialog of the one chosen.
#[component]
fn SideActions(status: AppealStatus, actions: PanelActions, panel: Panel) -> impl IntoView {
    let w = panel.w;
    let open = status
        .work
        .as_ref()
        .is_some_and(|work| work.closed_at.is_none());
    let pending = status
        .forwarding
        .as_ref()
        .is_some_and(|f| f.handed_over_at.is_none());
    let rejectable = REJECTABLE_IN.contains(&status.stage);
    let work = actions.work;
    let forward_days = actions.forward_days;
    let extend_until = actions.extend_until.clone();
    let study = actions.study;
    if !(work || extend_until.is_some()) {
        return ().into_any();
    }
    let number = StoredValue::new(status.number.clone());
    let version = status.version;
    let busy = RwSignal::new(false);
    let hand_over = move |_| {
        busy.set(true);
        let draft = HandOverDraft {
            number: number.get_value(),
            version,
        };
        leptos::task::spawn_local(async move {
            let result = hand_over_appeal(draft).await;
            busy.set(false);
            match result {
                Ok(_) => panel.done(&number.get_value()),
                Err(error) => panel.failed(&error),
            }
        });
    };
    // Pressed before the panel's code runs, a button would do nothing: it waits for it.
    let live = use_hydrated();
    let button = move |label: &'static str, dialog: SideDialog, testid: &'static str| {
        view! {
            <button type="button" class="button secondary" data-action=testid disabled=move || !live.get()
                on:click=move |_| panel.dialog.set(Some(dialog))>{label}</button>
        }
    };
    let status = StoredValue::new(status);
    view! {
        <section class="side-actions" aria-labelledby="side-actions-title" data-testid="side-actions">
            <h2 id="side-actions-title">{w.actions_title}</h2>
            <div class="actions">
                {(work && open && !pending).then(|| button(w.action_forward, SideDialog::Forward, "forward"))}
                {(work && open && pending).then(|| view! {
                    <button type="button" class="button secondary" data-action="hand-over"
                        disabled=move || busy.get() || !live.get() on:click=hand_over>{w.action_hand_over}</button>
                })}
                {study.then(|| button(w.action_study, SideDialog::Study, "study"))}
                {work.then(|| button(w.action_recategorise, SideDialog::Recategorise, "recategorise"))}
                {work.then(|| button(w.action_link, SideDialog::Link, "link"))}
                {(work && open && rejectable).then(|| button(w.action_reject, SideDialog::Reject, "reject"))}
                {(open && extend_until.is_some()).then(|| button(w.action_extend, SideDialog::Extend, "extend"))}
            </div>
            {move || panel.dialog.get().map(|dialog| {
                let status = status.get_value();
                match dialog {
                    SideDialog::Forward => view! { <ForwardForm status days=forward_days panel /> }.into_any(),
                    SideDialog::Study => view! { <StudyForm status panel /> }.into_any(),
                    SideDialog::Recategorise => view! { <RecategoriseForm status panel /> }.into_any(),
                    SideDialog::Link => view! { <LinkForm status panel /> }.into_any(),
                    SideDialog::Reject => view! { <RejectForm status panel /> }.into_any(),
                    SideDialog::Extend => {
                        let latest = extend_until.clone().unwrap_or_default();
                        view! { <ExtendForm status latest panel /> }.into_any()
                    }
                }
            })}
        </section>
    }
    .into_any()
}
