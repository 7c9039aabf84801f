//! One appeal's page (`/track/:number`) for the citizen who filed it and for staff whose
//! scope covers it, and the citizen's "My appeals" list.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::appeal::actions::{AppealLink, Extension, Forwarding, PanelActions, Rejection, Study};
use crate::appeal::{ActorRole, AppealKind, Category, Stage, Urgency};
use crate::deadline::{format_date, format_date_time, format_iso_date};
use crate::error::AppError;
use crate::i18n::use_texts;

/// An appeal's state, dates and history; the citizen's words and personal data come in
/// `personal` (each staff view of them is audited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealStatus {
    pub number: String,
    pub kind: AppealKind,
    pub category: Category,
    pub urgency: Urgency,
    pub stage: Stage,
    pub mahalla: String,
    /// The district of its mahalla (bodies to forward it to are the district's).
    #[serde(default)]
    pub district_id: i64,
    /// When it arrived (Unix seconds, UTC).
    pub created_at: i64,
    /// The day it counts as registered (Tashkent, `yyyy-mm-dd`): the arrival day, or the
    /// next working day when it arrived after hours.
    pub registered_on: String,
    /// The end of the last day for the answer (Unix seconds, UTC).
    pub due_at: i64,
    pub version: i64,
    pub history: Vec<HistoryEntry>,
    pub personal: Option<PersonalDetails>,
    /// The answer to the citizen, once the appeal reached the Answer stage.
    #[serde(default)]
    pub answer: Option<String>,
    /// The thread with the citizen; for staff, internal notes too (never for the citizen).
    #[serde(default)]
    pub messages: Vec<Message>,
    /// What the staff recorded while working the appeal (staff only).
    #[serde(default)]
    pub work: Option<WorkRecord>,
    /// Forwarding to a competent body, if decided.
    #[serde(default)]
    pub forwarding: Option<Forwarding>,
    /// The decision that it needs additional study (a longer term), if taken.
    #[serde(default)]
    pub study: Option<Study>,
    /// The one extension of the term, if granted.
    #[serde(default)]
    pub extension: Option<Extension>,
    /// Why it was not considered as an appeal, if so.
    #[serde(default)]
    pub rejection: Option<Rejection>,
    /// Appeals linked to this one (staff only).
    #[serde(default)]
    pub links: Vec<AppealLink>,
    /// What the signed-in staff member may do from the detail panel (staff only).
    #[serde(default)]
    pub actions: Option<PanelActions>,
}

/// A message on an appeal: in the thread with the citizen, or an internal note of the staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub at: i64,
    pub author_role: ActorRole,
    pub author_name: String,
    pub internal: bool,
    pub body: String,
}

/// The staff's records on an appeal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkRecord {
    pub assignee: Option<String>,
    pub analysis: String,
    pub severity: Option<crate::appeal::work::Severity>,
    pub measures: String,
    pub outcome: Option<crate::appeal::work::Outcome>,
    pub recommendation: String,
    pub closed_at: Option<i64>,
}

/// The citizen's personal data and words on one appeal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalDetails {
    pub citizen_name: String,
    /// Normalised `+998XXXXXXXXX`.
    pub citizen_phone: String,
    pub street_address: String,
    pub text: String,
    /// Blanked after the citizen withdrew consent and the appeal closed.
    pub anonymised: bool,
}

/// One line of the citizen's "My appeals" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyAppeal {
    pub number: String,
    pub kind: AppealKind,
    pub stage: Stage,
    pub mahalla: String,
    pub created_at: i64,
    pub due_at: i64,
}

impl HistoryEntry {
    /// The event as the citizen may see it: the reasons of a forwarding, an extension or a
    /// rejection are written for them; notes and records of moves are the staff's working
    /// papers (left out), and links to other people's appeals are not shown at all.
    pub fn for_citizen(mut self) -> Option<HistoryEntry> {
        match self.action.as_str() {
            "linked" => None,
            "forwarded" | "handed_over" | "study" | "extended" | "rejected" | "classified" => {
                Some(self)
            }
            "recategorised" => {
                self.note.clear();
                Some(self)
            }
            _ => {
                self.note.clear();
                self.detail.clear();
                Some(self)
            }
        }
    }
}

/// One event of the history: registration (no `from_stage`), a move between stages, or a
/// side action (`action` says which).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub actor: ActorRole,
    /// Who it was, by name (empty for the citizen and the system).
    #[serde(default)]
    pub actor_name: String,
    /// `registered`, `moved` or `evaluated`.
    #[serde(default)]
    pub action: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    /// The note or reason written with it (staff only).
    #[serde(default)]
    pub note: String,
    /// What the move recorded, as JSON (staff only).
    #[serde(default)]
    pub detail: String,
}

/// One appeal with its citizen's data. `GET /api/appeals/status?number=SM-2026-000123`.
/// Only the citizen who filed it and staff whose scope covers it may read it (401/403);
/// a staff member's view of the personal data is written to the audit log.
#[server(prefix = "/api", endpoint = "appeals/status", input = server_fn::codec::GetUrl)]
pub async fn track_appeal(number: String) -> Result<AppealStatus, AppError> {
    crate::api::respond(
        async {
            let appeal = crate::api::readable_appeal(&number).await?;
            if !appeal.viewer.owns(&appeal.scope) {
                appeal.audit_view("").await?;
            }
            let (number, viewer, storage, scope) = (
                &appeal.number,
                &appeal.viewer,
                &appeal.storage,
                &appeal.scope,
            );
            let mut status = storage.appeal_status(number).await?;
            status.personal = Some(storage.appeal_personal(number).await?);
            status.answer = storage.appeal_answer(number).await?;
            let staff = viewer.staff().is_ok();
            status.messages = storage.appeal_messages(number, staff).await?;
            let decisions = storage.appeal_decisions(number).await?;
            status.forwarding = decisions.forwarding;
            status.study = decisions.study;
            status.extension = decisions.extension;
            status.rejection = decisions.rejection;
            if staff {
                let work = storage.work_record(number).await?;
                status.actions = Some(panel_actions(viewer, scope, &status, &work));
                status.work = Some(work);
                status.links = storage.appeal_links(number).await?;
            } else {
                status.history = std::mem::take(&mut status.history)
                    .into_iter()
                    .filter_map(HistoryEntry::for_citizen)
                    .collect();
            }
            Ok(status)
        }
        .await,
    )
}

/// What a staff member may do from the appeal's panel (each server function checks again).
#[cfg(feature = "ssr")]
fn panel_actions(
    viewer: &crate::access::Viewer,
    scope: &crate::access::AppealScope,
    status: &AppealStatus,
    work: &WorkRecord,
) -> PanelActions {
    let rules = crate::api::deadline_rules();
    let open = work.closed_at.is_none();
    let extendable = open && status.extension.is_none() && status.answer.is_none();
    let may_work = viewer.may_work_appeal(scope).is_ok();
    PanelActions {
        work: may_work,
        study: may_work && open && status.study.is_none() && status.answer.is_none(),
        forward_days: rules.forward_within_days,
        extend_until: (extendable && viewer.may_extend_term(scope).is_ok())
            .then(|| crate::appeal::actions::server::latest_extension(&rules, status.due_at))
            .flatten(),
    }
}

/// The signed-in citizen's appeals, newest first. `GET /api/my/appeals`.
#[server(prefix = "/api", endpoint = "my/appeals", input = server_fn::codec::GetUrl)]
pub async fn my_appeals() -> Result<Vec<MyAppeal>, AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let citizen = viewer.citizen()?;
            Ok(crate::api::storage()?.citizen_appeals(citizen.id).await?)
        }
        .await,
    )
}

/// `/my` — "My appeals": the citizen's own appeals with their stage and due date.
#[component]
pub fn MyAppealsPage() -> impl IntoView {
    let t = use_texts();
    let list = Resource::new(|| (), |_| my_appeals());
    view! {
        <section class="panel" aria-labelledby="my-title">
            <h1 id="my-title">{t.nav_my_appeals}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(appeals) if appeals.is_empty() => view! {
                            <p class="empty">{t.my_none}</p>
                            <p><A href="/" attr:class="button primary">{t.nav_new_appeal}</A></p>
                        }.into_any(),
                        Ok(appeals) => view! {
                            <ul class="my-appeals" data-testid="my-appeals">
                                {appeals.into_iter().map(|appeal| {
                                    let href = format!("/track/{}", appeal.number);
                                    view! {
                                        <li>
                                            <A href=href><strong>{appeal.number.clone()}</strong></A>
                                            <span>{t.kind(appeal.kind)} " · " {appeal.mahalla}</span>
                                            <span>{t.stage(appeal.stage)} " · " {t.track_due} " " {format_date(appeal.due_at)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <crate::account::ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/track/:number` — the status page of one appeal; a proper 404 for an unknown number.
#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    // Bumped after a message is added, to load the appeal again.
    let reload = RwSignal::new(0u32);
    let status = Resource::new(
        move || (number(), reload.get()),
        |(number, _)| track_appeal(number),
    );
    let on_posted = Callback::new(move |()| reload.update(|n| *n += 1));

    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => view! { <StatusView status on_posted /> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <crate::NotFound message=(t.not_found_appeal)(&number()) />
                    }.into_any(),
                    Err(error) => view! { <crate::account::ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What one history event says, in the UI language.
fn history_line(entry: &HistoryEntry) -> String {
    let t = use_texts();
    let w = crate::i18n::work::use_work_texts();
    let detail = EventDetail::read(&entry.detail);
    match entry.action.as_str() {
        "registered" => t.history_registered.to_owned(),
        "evaluated" => (w.history_evaluated)(
            detail
                .outcome
                .and_then(|o| o.parse().ok())
                .map(|o| t.outcome(o))
                .unwrap_or_default(),
        ),
        "forwarded" => (w.history_forwarded)(&detail.body),
        "handed_over" => (w.history_handed_over)(&detail.body),
        "extended" => (w.history_extended)(&detail.to.map(format_date).unwrap_or_default()),
        "study" => (w.history_study)(&detail.to.map(format_date).unwrap_or_default()),
        "classified" => {
            let name = |code: Option<String>| {
                code.and_then(|c| c.parse().ok())
                    .map(|c| t.category(c))
                    .unwrap_or_default()
            };
            let system = name(detail.category.clone());
            let urgent = detail.urgent.unwrap_or(false);
            match detail
                .chosen
                .filter(|chosen| Some(chosen) != detail.category.as_ref())
            {
                Some(chosen) => (w.history_classified_chosen)(system, name(Some(chosen)), urgent),
                None => (w.history_classified)(system, urgent),
            }
        }
        "recategorised" => (w.history_recategorised)(
            detail
                .to_category
                .and_then(|c| c.parse().ok())
                .map(|c| t.category(c))
                .unwrap_or_default(),
            detail.to_urgent.unwrap_or(false),
        ),
        "rejected" => (w.history_rejected)(
            detail
                .ground
                .and_then(|g| g.parse().ok())
                .map(|g| w.ground(g))
                .unwrap_or_default(),
        ),
        "linked" => (w.history_linked)(
            detail
                .kind
                .and_then(|k| k.parse().ok())
                .map(|k| w.link_as_seen(k, true))
                .unwrap_or_default(),
            &detail.other,
        ),
        _ if entry.from_stage.is_none() => t.history_registered.to_owned(),
        _ => (t.history_moved)(t.stage(entry.to_stage)),
    }
}

/// The parts of an event's JSON detail that its history line names.
#[derive(Debug, Default, Deserialize)]
struct EventDetail {
    #[serde(default)]
    body: String,
    #[serde(default)]
    to: Option<i64>,
    #[serde(default)]
    ground: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    other: String,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    urgent: Option<bool>,
    /// The category the citizen chose, if any (the system's sorting).
    #[serde(default)]
    chosen: Option<String>,
    #[serde(default)]
    to_category: Option<String>,
    #[serde(default)]
    to_urgent: Option<bool>,
}

impl EventDetail {
    fn read(json: &str) -> EventDetail {
        if json.is_empty() {
            return EventDetail::default();
        }
        serde_json::from_str(json).unwrap_or_default()
    }
}

/// Forwarding, extension and rejection of the appeal, and (staff) the appeals linked to it.
#[component]
fn Decisions(status: AppealStatus) -> impl IntoView {
    let w = crate::i18n::work::use_work_texts();
    let forwarding = status.forwarding.map(|f| {
        let state = match f.handed_over_at {
            Some(at) => (w.handed_over_on)(&format_date(at)),
            None => (w.forwarding_due)(&format_date(f.due_at)),
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
                <p><strong>{(w.extended_from)(&format_date(e.previous_due_at))}</strong></p>
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
                <dd data-testid="track-registered">{format_iso_date(&status.registered_on)}</dd>
                <dt>{t.track_due}</dt>
                <dd data-testid="track-due">{format_date(status.due_at)}</dd>
            </dl>
            <Decisions status=status.clone() />
            {personal.map(|p| view! { <Personal personal=p /> })}
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
                {status.history.iter().map(|entry| {
                    let what = history_line(entry);
                    let who = if entry.actor_name.is_empty() {
                        t.actor(entry.actor).to_owned()
                    } else {
                        format!("{} ({})", entry.actor_name, t.actor(entry.actor))
                    };
                    let note = (!entry.note.is_empty()).then(|| (t.history_note)(&entry.note));
                    view! {
                        <li>
                            <time>{format_date_time(entry.at)}</time>
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
            {work.map(|work| view! { <WorkView work /> })}
            <crate::thread::Messages number=number.clone() messages=messages.clone() internal=false on_posted />
            {staff.then(|| view! {
                <crate::thread::Messages number=number.clone() messages=messages.clone() internal=true on_posted />
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
fn Personal(personal: PersonalDetails) -> impl IntoView {
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
                <dd data-testid="personal-phone">{crate::appeal::format_phone(&personal.citizen_phone)}</dd>
                <dt>{t.field_address}</dt>
                <dd>{personal.street_address}</dd>
            </dl>
            <h3>{t.field_text}</h3>
            <p class="appeal-text">{personal.text}</p>
        </section>
    }
    .into_any()
}

/// Where the lookup form sends the number; the server redirects to `/track/<number>`.
pub const LOOKUP_PATH: &str = "/track/find";

/// `/track` — look an appeal up by its number (a plain GET form: works without JavaScript).
#[component]
pub fn TrackLookupPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="panel" aria-labelledby="lookup-title">
            <h1 id="lookup-title">{t.nav_track}</h1>
            <form method="get" action=LOOKUP_PATH class="lookup">
                <label for="number">{t.track_lookup_label}</label>
                <input id="number" name="number" type="text" inputmode="text" autocomplete="off"
                    placeholder="SM-2026-000123" required />
                <button type="submit" class="button">{t.track_lookup_button}</button>
            </form>
            <p><A href="/">{t.nav_new_appeal}</A></p>
        </section>
    }
}
