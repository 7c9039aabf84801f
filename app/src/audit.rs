//! The audit log: who saw a citizen's personal data or changed something, when, and from
//! which address — written by the server, read by administrators (`/admin/audit`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::appeal::code_enum;
use crate::deadline::format_date_time;
use crate::error::AppError;
use crate::i18n::use_texts;

code_enum! {
    /// What happened. Codes are stable: filters, exports and tests use them.
    AuditAction {
        SignedIn => "signed_in",
        SignInFailed => "sign_in_failed",
        SignedOut => "signed_out",
        Registered => "registered",
        PasswordChanged => "password_changed",
        AppealFiled => "appeal_filed",
        PersonalDataViewed => "personal_data_viewed",
        AppealChanged => "appeal_changed",
        DataExported => "data_exported",
        ConsentWithdrawn => "consent_withdrawn",
        StaffCreated => "staff_created",
        StaffChanged => "staff_changed",
        BodySaved => "body_saved",
    }
}

/// One row of the audit log as administrators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds, UTC.
    pub at: i64,
    pub action: AuditAction,
    /// Who did it: role and name; `None` for an anonymous visitor.
    pub actor_role: Option<Role>,
    pub actor_name: String,
    pub appeal_number: Option<String>,
    /// The account acted upon (a staff member edited, a citizen's data exported), by name.
    pub subject_name: String,
    /// The client address the request came from.
    pub address: String,
    pub detail: String,
}

/// Filters of the audit page; empty strings mean "any". Travels in the page's URL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    pub action: String,
    /// An appeal number, e.g. `SM-2026-000001`.
    #[serde(default)]
    pub appeal: String,
    /// The acting account's phone, as typed.
    #[serde(default)]
    pub actor_phone: String,
    /// Tashkent dates `yyyy-mm-dd`, inclusive.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Show entries older than this id (the "older" link pages with it).
    #[serde(default)]
    pub before: Option<i64>,
}

/// How many entries one page of the audit log shows.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// One page of the audit log, newest first. `GET /api/audit?action=…&appeal=…&actor_phone=…
/// &from=yyyy-mm-dd&to=yyyy-mm-dd&before=<id>` (every parameter optional). System
/// administrators see everything; a district administrator sees the entries about appeals of
/// their district.
#[server(prefix = "/api", endpoint = "audit", input = server_fn::codec::GetUrl)]
pub async fn audit_log(
    action: Option<String>,
    appeal: Option<String>,
    actor_phone: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    crate::api::respond(
        async {
            let filter = AuditFilter {
                action: action.unwrap_or_default(),
                appeal: appeal.unwrap_or_default(),
                actor_phone: actor_phone.unwrap_or_default(),
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                before,
            };
            let viewer = crate::access::viewer().await?;
            let scope = viewer.audit_scope()?;
            let query =
                crate::storage::AuditQuery::from_filter(&filter).map_err(AppError::Invalid)?;
            Ok(crate::api::storage()?
                .audit_page(&query, scope, AUDIT_PAGE_SIZE)
                .await?)
        }
        .await,
    )
}

/// `/admin/audit` — the audit log with filters (a plain GET form, so a view can be shared).
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| AuditFilter {
            action: q.get("action").unwrap_or_default(),
            appeal: q.get("appeal").unwrap_or_default(),
            actor_phone: q.get("actor_phone").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            before: q.get("before").and_then(|b| b.parse().ok()),
        })
    };
    let entries = Resource::new(filter, |f| {
        audit_log(
            Some(f.action),
            Some(f.appeal),
            Some(f.actor_phone),
            Some(f.from),
            Some(f.to),
            f.before,
        )
    });
    view! {
        <section class="panel wide" aria-labelledby="audit-title">
            <h1 id="audit-title">{t.audit_title}</h1>
            <AuditFilterForm filter=filter() />
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => view! { <AuditTable entries=list filter=filter() /> }.into_any(),
                        Err(error) => view! { <crate::account::ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AuditFilterForm(filter: AuditFilter) -> impl IntoView {
    let t = use_texts();
    view! {
        <form method="get" action="/admin/audit" class="filters">
            <label>
                <span>{t.audit_action}</span>
                <select name="action">
                    <option value="" selected=filter.action.is_empty()>{t.audit_any}</option>
                    {AuditAction::ALL.iter().map(|action| view! {
                        <option value=action.code() selected=filter.action == action.code()>{t.audit_action_name(*action)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label><span>{t.audit_appeal}</span>
                <input name="appeal" type="text" value=filter.appeal placeholder="SM-2026-000001" /></label>
            <label><span>{t.audit_actor_phone}</span>
                <input name="actor_phone" type="tel" value=filter.actor_phone /></label>
            <label><span>{t.audit_from}</span><input name="from" type="date" value=filter.from /></label>
            <label><span>{t.audit_to}</span><input name="to" type="date" value=filter.to /></label>
            <button type="submit" class="button">{t.audit_apply}</button>
        </form>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>, filter: AuditFilter) -> impl IntoView {
    let t = use_texts();
    let older = (entries.len() as i64 == AUDIT_PAGE_SIZE)
        .then(|| entries.last().map(|e| e.id))
        .flatten()
        .map(|before| {
            let next = AuditFilter {
                before: Some(before),
                ..filter
            };
            format!(
                "/admin/audit?action={}&appeal={}&actor_phone={}&from={}&to={}&before={}",
                crate::percent_encode(&next.action),
                crate::percent_encode(&next.appeal),
                crate::percent_encode(&next.actor_phone),
                crate::percent_encode(&next.from),
                crate::percent_encode(&next.to),
                before
            )
        });
    if entries.is_empty() {
        return view! { <p class="empty">{t.audit_empty}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="audit" data-testid="audit-table">
                <thead><tr>
                    <th scope="col">{t.audit_when}</th>
                    <th scope="col">{t.audit_action}</th>
                    <th scope="col">{t.audit_who}</th>
                    <th scope="col">{t.audit_appeal}</th>
                    <th scope="col">{t.audit_subject}</th>
                    <th scope="col">{t.audit_address}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|entry| view! {
                        <tr data-action=entry.action.code()>
                            <td>{format_date_time(entry.at)}</td>
                            <td>{t.audit_action_name(entry.action)}</td>
                            <td>{entry.actor_role.map(|r| t.role(r)).unwrap_or(t.audit_anonymous)} " " {entry.actor_name}</td>
                            <td>{entry.appeal_number.unwrap_or_default()}</td>
                            <td>{entry.subject_name}</td>
                            <td>{entry.address}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {older.map(|href| view! { <p><a href=href class="button">{t.audit_older}</a></p> })}
    }
    .into_any()
}
