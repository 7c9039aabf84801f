//! Related appeals at the Analysis stage: the server function that finds them (only those
//! the staff member may read, each lookup audited), and the panel's list of them, each with
//! why it matched and a one-click link as related or duplicate.

use crate::context::use_texts;
use domain::actions::{LinkDraft, LinkKind};
use domain::related::RelatedAppeal;
use leptos::prelude::*;
use leptos_router::components::A;

use super::actions::link_appeal;
use super::state::Panel;
use crate::error::AppError;
use crate::ui::{ErrorNotice, Loading};

/// The appeals related to `number` that the signed-in staff member may read, strongest first.
/// `GET /api/appeals/related?number=SM-2026-000123`. Staff whose scope covers the appeal only;
/// appeals of other mahallas they may not read are left out, not named. The view of other
/// citizens' words is written to the audit log.
#[server(prefix = "/api", endpoint = "appeals/related", input = server_fn::codec::GetUrl)]
pub async fn related_appeals(number: String) -> Result<Vec<RelatedAppeal>, AppError> {
    use domain::related::RELATED_MAX;
    crate::server::respond(
        async {
            let appeal = crate::server::readable_appeal(&number).await?;
            appeal.viewer.staff()?;
            let related: Vec<RelatedAppeal> = appeal
                .ctx
                .storage
                .related_appeals(&appeal.number, crate::server::now())
                .await?
                .into_iter()
                .filter(|(_, other)| appeal.viewer.may_read_appeal(other).is_ok())
                .map(|(related, _)| related)
                .take(RELATED_MAX)
                .collect();
            let shown: Vec<&str> = related.iter().map(|r| r.number.as_str()).collect();
            appeal
                .audit_view(&format!("related appeals: {}", shown.join(", ")))
                .await?;
            Ok(related)
        }
        .await,
    )
}

/// Related appeals of the appeal `number` (at `version`, which a link must match).
#[component]
pub fn RelatedAppeals(number: String, version: i64, panel: Panel) -> impl IntoView {
    let w = panel.w;
    let key = number.clone();
    let related = Resource::new(
        move || (key.clone(), panel.reload.get()),
        |(number, _)| related_appeals(number),
    );
    let number = StoredValue::new(number);
    view! {
        <section class="related" aria-labelledby="related-title" data-testid="related-appeals">
            <h2 id="related-title">{w.related_title}</h2>
            <p class="hint">{w.related_intro}</p>
            <Suspense fallback=Loading>
                {move || related.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{w.related_none}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="related-list">
                            {list.into_iter().map(|appeal| view! {
                                <RelatedItem appeal number=number.get_value() version panel />
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One related appeal: number, stage, date, the start of its text, the reasons, the links.
#[component]
fn RelatedItem(appeal: RelatedAppeal, number: String, version: i64, panel: Panel) -> impl IntoView {
    let (t, w) = (panel.t, panel.w);
    let busy = RwSignal::new(false);
    let other = appeal.number.clone();
    let link = move |kind: LinkKind| {
        let draft = LinkDraft {
            number: number.clone(),
            version,
            other: other.clone(),
            kind: kind.code().to_owned(),
            note: String::new(),
        };
        let number = number.clone();
        move |_| {
            let draft = draft.clone();
            let number = number.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let result = link_appeal(draft).await;
                busy.set(false);
                match result {
                    Ok(_) => panel.done(&number),
                    Err(error) => panel.failed(&error),
                }
            });
        }
    };
    let reasons = appeal
        .reasons
        .iter()
        .map(|reason| view! { <span class="chip" data-reason=reason.code()>{w.related_reason(*reason)}</span> })
        .collect_view();
    let likeness = (appeal.likeness > 0.0)
        .then(|| (w.related_likeness)((appeal.likeness * 100.0).round() as u32));
    let button = |kind: LinkKind, label: &'static str| {
        let name = (w.related_link_label)(&appeal.number, w.link_kind(kind));
        view! {
            <button type="button" class="button secondary small" data-link=kind.code()
                aria-label=name disabled=move || busy.get() on:click=link(kind)>{label}</button>
        }
    };
    let actions = match appeal.linked {
        Some(kind) => {
            view! { <p class="linked">{(w.related_linked)(w.link_kind(kind))}</p> }.into_any()
        }
        None => view! {
            <div class="actions">
                {button(LinkKind::Related, w.related_as_related)}
                {button(LinkKind::Duplicate, w.related_as_duplicate)}
            </div>
        }
        .into_any(),
    };
    let href = format!("/track/{}", appeal.number);
    let shown = appeal.number.clone();
    view! {
        <li class="related-item" data-number=appeal.number.clone()>
            <p class="related-head">
                <A href=href>{shown}</A>
                " · " {t.stage(appeal.stage)} " · " {t.category(appeal.category)} " · "
                {use_texts().date(appeal.created_at)}
            </p>
            <p class="related-reasons">{reasons} {likeness.map(|l| view! { <span class="likeness">{l}</span> })}</p>
            <p class="related-excerpt">{appeal.excerpt.clone()}</p>
            {actions}
        </li>
    }
}
