//! `/admin/audit`: the audit log with its filters (a plain GET form, so a view can be
//! shared) and the way to older entries.

use domain::audit::{AuditAction, AuditEntry, AuditFilter, AUDIT_PAGE_SIZE};
use domain::board::url_encode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::audit_log;
use crate::context::use_texts;
use crate::ui::{ErrorNotice, Loading};

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
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => view! { <AuditTable entries=list filter=filter() /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
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
                url_encode(&next.action),
                url_encode(&next.appeal),
                url_encode(&next.actor_phone),
                url_encode(&next.from),
                url_encode(&next.to),
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
                            <td>{use_texts().date_time(entry.at)}</td>
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
