//! The announcements' server functions: the page's list for a visitor, a resident or staff
//! (opening it marks a resident's announcements seen), the home page's short list, posting
//! or editing one (staff of its mahalla; audited, versioned), and the resident's kept
//! mahalla.

use domain::announcements::{AnnouncementDraft, AnnouncementsView, HomeAnnouncements};
use leptos::prelude::*;

use crate::error::AppError;

/// `/announcements` for the viewer: a visitor sees the mahalla they pick (`mahalla`), a
/// resident their own (or the one they pick), staff their scope's with the mahallas they may
/// post to. A resident opening their own mahalla's announcements has seen them (the badge
/// clears). `GET /api/announcements?mahalla=<id>`; an unknown mahalla is 404.
#[server(prefix = "/api", endpoint = "announcements", input = server_fn::codec::GetUrl)]
pub async fn load_announcements(mahalla: Option<i64>) -> Result<AnnouncementsView, AppError> {
    crate::server::respond(server::load(mahalla).await)
}

/// The short list beside the citizen's form: every pinned announcement of their mahalla and
/// the newest others. `GET /api/announcements/home` (citizens).
#[server(prefix = "/api", endpoint = "announcements/home", input = server_fn::codec::GetUrl)]
pub async fn load_home_announcements() -> Result<HomeAnnouncements, AppError> {
    crate::server::respond(server::home().await)
}

/// The same short list as the page shows it beside the form: HTML rendered by the server in
/// the viewer's language (`null` while there is nothing to show), so that the form's page
/// carries no code of its own for announcements. `GET /api/announcements/home/html`
/// (citizens).
#[server(prefix = "/api", endpoint = "announcements/home/html", input = server_fn::codec::GetUrl)]
pub async fn home_announcements_html() -> Result<Option<String>, AppError> {
    // The request's language is read before anything is awaited, while the request's
    // context is surely at hand.
    let locale = crate::i18n::page_locale();
    crate::server::respond(
        server::home()
            .await
            .map(|found| super::home::home_html(locale, found)),
    )
}

/// Posts (`id: null`, to `mahalla_id`) or edits an announcement. `POST
/// /api/announcements/save` with `{"draft": {...}}`: staff post to the mahallas of their
/// scope; its author or an administrator of its scope edits one, based on the version they
/// saw (a stale one is 409). Answers the announcement's id.
#[server(prefix = "/api", endpoint = "announcements/save", input = server_fn::codec::Json)]
pub async fn save_announcement(draft: AnnouncementDraft) -> Result<i64, AppError> {
    crate::server::respond(server::save(draft).await)
}

/// Keeps the mahalla whose announcements a resident sees (`null` forgets it: their latest
/// appeal's counts again). `POST /api/announcements/my-mahalla` with `{"mahalla_id": 3}`
/// (citizens).
#[server(prefix = "/api", endpoint = "announcements/my-mahalla", input = server_fn::codec::Json)]
pub async fn keep_my_mahalla(mahalla_id: Option<i64>) -> Result<(), AppError> {
    crate::server::respond(server::keep_mahalla(mahalla_id).await)
}

#[cfg(feature = "ssr")]
mod server {
    //! The server side of the announcements.

    use domain::access::Viewer;
    use domain::announcements::{
        check_home_mahalla, home_selection, Announcement, AnnouncementDraft, AnnouncementTarget,
        AnnouncementsView, Audience, HomeAnnouncements, LIST_LIMIT,
    };
    use domain::audit::AuditAction;
    use domain::deadline::tashkent_date;
    use storage::{AnnouncementRecord, AuditNote};

    use crate::error::AppError;
    use crate::server::{audit_note, context, now, session};

    /// What a page shows of stored announcements for `viewer` (who may edit which).
    fn shown(viewer: &Viewer, records: Vec<AnnouncementRecord>) -> Vec<Announcement> {
        records
            .into_iter()
            .map(|record| Announcement {
                editable: viewer
                    .may_edit_announcement(
                        record.author_id,
                        record.announcement.mahalla_id,
                        record.district_id,
                    )
                    .is_ok(),
                ..record.announcement
            })
            .collect()
    }

    pub async fn load(mahalla: Option<i64>) -> Result<AnnouncementsView, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let now = now();
        let today = tashkent_date(now);
        let all = ctx.storage.mahallas().await?;
        if viewer.staff().is_ok() {
            let records = ctx
                .storage
                .scope_announcements(viewer.board_scope()?, today, LIST_LIMIT)
                .await?;
            return Ok(AnnouncementsView {
                audience: Audience::Staff,
                today,
                shown: None,
                own: None,
                kept: false,
                announcements: shown(&viewer, records),
                postable: all
                    .into_iter()
                    .filter(|m| viewer.board_covers(m.id, m.district_id))
                    .collect(),
                mahallas: Vec::new(),
            });
        }
        let resident = viewer.citizen().ok().map(|account| account.id);
        let own = match resident {
            Some(id) => ctx.storage.resident_mahalla(id).await?,
            None => None,
        };
        let chosen = match mahalla {
            Some(id) => Some(
                all.iter()
                    .find(|m| m.id == id)
                    .cloned()
                    .ok_or(AppError::NotFound)?,
            ),
            None => own.as_ref().map(|own| own.mahalla.clone()),
        };
        let announcements = match &chosen {
            Some(m) => {
                let records = ctx
                    .storage
                    .current_announcements(m.id, today, LIST_LIMIT)
                    .await?;
                shown(&viewer, records)
            }
            None => Vec::new(),
        };
        if let (Some(id), Some(own), Some(chosen)) = (resident, &own, &chosen) {
            if own.mahalla.id == chosen.id {
                ctx.storage.mark_announcements_seen(id, now).await?;
            }
        }
        Ok(AnnouncementsView {
            audience: if resident.is_some() {
                Audience::Resident
            } else {
                Audience::Visitor
            },
            today,
            shown: chosen,
            kept: own.as_ref().is_some_and(|own| own.kept),
            own: own.map(|own| own.mahalla.id),
            announcements,
            postable: Vec::new(),
            mahallas: all,
        })
    }

    pub async fn home() -> Result<HomeAnnouncements, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let account = viewer.citizen()?;
        let today = tashkent_date(now());
        let Some(own) = ctx.storage.resident_mahalla(account.id).await? else {
            return Ok(HomeAnnouncements {
                today,
                mahalla: None,
                announcements: Vec::new(),
                total: 0,
            });
        };
        let records = ctx
            .storage
            .current_announcements(own.mahalla.id, today, LIST_LIMIT)
            .await?;
        let current = shown(&viewer, records);
        Ok(HomeAnnouncements {
            today,
            mahalla: Some(own.mahalla),
            total: current.len(),
            announcements: home_selection(current),
        })
    }

    pub async fn save(draft: AnnouncementDraft) -> Result<i64, AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let author = viewer.staff()?.id;
        let now = now();
        let mahallas = ctx.storage.mahallas().await?;
        let valid = draft
            .validate(tashkent_date(now), |id| mahallas.iter().any(|m| m.id == id))
            .map_err(AppError::Invalid)?;
        let (action, mahalla_id) = match valid.target {
            AnnouncementTarget::New { mahalla_id } => {
                let district = mahallas
                    .iter()
                    .find(|m| m.id == mahalla_id)
                    .map(|m| m.district_id)
                    .ok_or(AppError::NotFound)?;
                viewer.may_post_announcement(mahalla_id, district)?;
                (AuditAction::AnnouncementPosted, mahalla_id)
            }
            AnnouncementTarget::Edit { id, .. } => {
                let scope = ctx.storage.announcement_scope(id).await?;
                viewer.may_edit_announcement(
                    scope.author_id,
                    scope.mahalla_id,
                    scope.district_id,
                )?;
                (AuditAction::AnnouncementEdited, scope.mahalla_id)
            }
        };
        let ends_on = valid.ends_on.map(|day| day.to_string()).unwrap_or_default();
        let note = AuditNote {
            detail: format!(
                "mahalla {mahalla_id} important={} ends_on={ends_on}",
                valid.important
            ),
            ..audit_note(&ctx, &viewer, action)
        };
        let saved = ctx
            .storage
            .save_announcement(&valid, author, now, &note)
            .await?;
        tracing::info!(
            id = saved.id,
            version = saved.version,
            action = action.code(),
            "announcement saved"
        );
        Ok(saved.id)
    }

    pub async fn keep_mahalla(mahalla_id: Option<i64>) -> Result<(), AppError> {
        let ctx = context()?;
        let viewer = session::viewer_in_context(&ctx).await?;
        let account = viewer.citizen()?;
        let mahallas = ctx.storage.mahallas().await?;
        let chosen = check_home_mahalla(mahalla_id, |id| mahallas.iter().any(|m| m.id == id))
            .map_err(AppError::Invalid)?;
        Ok(ctx.storage.set_home_mahalla(account.id, chosen).await?)
    }
}
