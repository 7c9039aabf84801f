//! An appeal's page as the citizen and staff read it: its facts and stages, the decisions
//! about it, its history, the answer, the staff's records, and the thread.

use domain::appeal::Stage;
use domain::person::format_phone;
use domain::tracking::{AppealStatus, PersonalDetails, WorkRecord};
use leptos::prelude::*;
use leptos_router::components::A;

use super::history::{history_line, history_note};
use super::location::LocationRow;
use super::photos::Photos;
use crate::context::{use_texts, use_work_texts};
use crate::thread::Messages;
use crate::verdict::VerdictSection;

/// Forwarding, extension and rejection of the appeal, and (staff) the appeals linked to it.
#[component]
fn Decisions(status: AppealStatus) -> impl IntoView {
    let w = use_work_texts();
    let forwarding = status.forwarding.map(|f| {
        let state = match f.handed_over_at {
            Some(at) => (w.handed_over_on)(&use_texts().date(at)),
            None => (w.forwarding_due)(&use_texts().date(f.due_at)),
        };
        view! {
            <section class="notice decision" data-testid="forwarding">
                <p><strong>{(w.forwarding_to)(&f.body)}</strong> " · " {state}</p>
                <p><span class="label">{w.reason_label} ": "</span>{f.reason}</p>
            </section>
        }
    });
    let study = status.study.map(|s| {
        view! {
            <section class="notice decision" data-testid="study">
                <p><strong>{w.study_title}</strong></p>
                <p><span class="label">{w.reason_label} ": "</span>{s.reason}</p>
            </section>
        }
    });
    let extension = status.extension.map(|e| {
        view! {
            <section class="notice decision" data-testid="extension">
                <p><strong>{(w.extended_from)(&use_texts().date(e.previous_due_at))}</strong></p>
                <p><span class="label">{w.reason_label} ": "</span>{e.reason}</p>
            </section>
        }
    });
    let rejection = status.rejection.map(|r| {
        view! {
            <section class="notice decision error" data-testid="rejection">
                <p><strong>{w.rejected_title}</strong> " · " {w.ground(r.ground)}</p>
                <p><span class="label">{w.reason_label} ": "</span>{r.reason}</p>
            </section>
        }
    });
    let links = (!status.links.is_empty()).then(|| view! {
        <section class="links" data-testid="links">
            <h2>{w.links_title}</h2>
            <ul>
                {status.links.into_iter().map(|link| {
                    let href = format!("/track/{}", link.number);
                    view! {
                        <li>
                            <span>{w.link_as_seen(link.kind, link.outgoing)} ": "</span>
                            <A href=href>{link.number}</A>
                            {(!link.note.is_empty()).then(|| view! { <span class="hint">" — " {link.note}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    });
    view! { {forwarding} {study} {extension} {rejection} {links} }
}

/// An appeal's facts, stages, history, answer, work record and messages: the tracking page,
/// and the board's detail panel.
#[component]
pub fn StatusView(status: AppealStatus, on_posted: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let current = status.stage;
    let personal = status.personal.clone();
    let staff = status.work.is_some();
    let answer = status.answer.clone();
    let work = status.work.clone();
    let messages = status.messages.clone();
    let number = status.number.clone();
    view! {
        <article class="panel track" aria-labelledby="track-title">
            <h1 id="track-title">{(t.track_title)(&status.number)}</h1>
            <dl class="facts">
                <dt>{t.track_stage}</dt>
                <dd data-testid="track-stage">{t.stage(status.stage)}</dd>
                <dt>{t.track_kind}</dt>
                <dd>{t.kind(status.kind)}</dd>
                <dt>{t.track_mahalla}</dt>
                <dd>{status.mahalla.clone()}</dd>
                <dt>{t.track_registered}</dt>
                <dd data-testid="track-registered">{use_texts().iso_date(&status.registered_on)}</dd>
                <dt>{t.track_due}</dt>
                <dd data-testid="track-due">{use_texts().date(status.due_at)}</dd>
            </dl>
            <Decisions status=status.clone() />
            {personal.map(|p| view! { <Personal personal=p number=number.clone() /> })}
            <Photos number=number.clone() photos=status.photos.clone() may_add=status.may_add_photos />
            <ol class="stages" aria-label=t.track_stage>
                {Stage::ALL.iter().map(|stage| {
                    let state = if *stage == current { "current" } else { "" };
                    view! {
                        <li class=format!("stage {state}") aria-current=(*stage == current).then_some("step")>
                            {t.stage(*stage)}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <h2>{t.track_history}</h2>
            <ol class="history" data-testid="track-history">
                {status.history.iter().filter(|entry| shown_in_history(entry)).map(|entry| {
                    let what = history_line(entry);
                    let who = if entry.actor_name.is_empty() {
                        t.actor(entry.actor).to_owned()
                    } else {
                        format!("{} ({})", entry.actor_name, t.actor(entry.actor))
                    };
                    let note = history_note(entry).map(|note| (t.history_note)(note));
                    view! {
                        <li>
                            <time>{use_texts().date_time(entry.at)}</time>
                            " · " {what} " · " <span class="actor">{who}</span>
                            {note.map(|note| view! { <p class="history-note">{note}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {answer.map(|answer| view! {
                <section class="answer" data-testid="answer">
                    <h2>{t.answer_title}</h2>
                    <p class="appeal-text">{answer}</p>
                </section>
            })}
            <VerdictSection status=status.clone() on_changed=on_posted />
            {work.map(|work| view! { <WorkView work /> })}
            <Messages number=number.clone() messages=messages.clone() internal=false on_posted />
            {staff.then(|| view! {
                <Messages number=number.clone() messages=messages.clone() internal=true on_posted />
            })}
        </article>
    }
}

/// What the staff recorded: assignee, analysis and severity, measures, evaluation.
#[component]
fn WorkView(work: WorkRecord) -> impl IntoView {
    let t = use_texts();
    let row = |label: &'static str, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd class="appeal-text">{value}</dd> })
    };
    view! {
        <section class="work" data-testid="work">
            <h2>{t.work_title}</h2>
            <dl class="facts">
                <dt>{t.field_assignee}</dt>
                <dd data-testid="work-assignee">{work.assignee.unwrap_or_else(|| t.unassigned.to_owned())}</dd>
                {row(t.field_analysis, work.analysis)}
                {row(t.field_severity, work.severity.map(|s| t.severity(s).to_owned()).unwrap_or_default())}
                {row(t.field_measures, work.measures)}
                {row(t.field_outcome, work.outcome.map(|o| t.outcome(o).to_owned()).unwrap_or_default())}
                {row(t.field_recommendation, work.recommendation)}
            </dl>
        </section>
    }
}

/// The citizen's data and words, shown only to those allowed to see them.
#[component]
fn Personal(personal: PersonalDetails, number: String) -> impl IntoView {
    let t = use_texts();
    if personal.anonymised {
        return view! { <p class="notice" data-testid="anonymised">{t.track_anonymised}</p> }
            .into_any();
    }
    view! {
        <section class="personal" aria-labelledby="personal-title" data-testid="personal">
            <h2 id="personal-title">{t.track_personal}</h2>
            <dl class="facts">
                <dt>{t.field_name}</dt>
                <dd data-testid="personal-name">{personal.citizen_name}</dd>
                <dt>{t.field_phone}</dt>
                <dd data-testid="personal-phone">{format_phone(&personal.citizen_phone)}</dd>
                <dt>{t.field_address}</dt>
                <dd>{personal.street_address}</dd>
                <LocationRow number shown=personal.location />
            </dl>
            <h3>{t.field_text}</h3>
            <p class="appeal-text">{personal.text}</p>
        </section>
    }
    .into_any()
}

/// The thread's messages are shown in the thread, not again in the history.
fn shown_in_history(entry: &domain::history::HistoryEntry) -> bool {
    !matches!(entry.event, domain::history::AppealEvent::Message(_))
}
