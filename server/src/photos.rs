//! Photos over HTTP. `POST /api/appeals/photos` takes a multipart form — the appeal's
//! `number` and up to five `photo` files — from the citizen who filed the appeal, while it
//! is open: each file is checked and re-encoded (`photos` crate, on a blocking thread, a few
//! at a time), its files kept, and then recorded as a `photo_added` event of the appeal; the
//! same file sent again (a retry) is kept once. A browser's form post is sent back to the
//! appeal's page with `?photos=<outcome>`; other clients get JSON.
//!
//! `GET /api/photos/{key}` and `/api/photos/{key}/thumb` serve a photo to whoever may read
//! its appeal, `no-store`. Photos that withdrawal of consent removed are no longer served;
//! their files are erased by [`erase_removed`], run by the housekeeping.

use std::sync::Arc;

use app::error::AppError;
use app::server::session::viewer_in;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::appeal::{ActorRole, RegistrationNumber};
use domain::form::{FieldError, Problem};
use domain::history::{AppealEvent, PhotoAdded};
use domain::photos::{
    is_photo_key, PhotoField, UploadOutcome, MAX_PHOTOS_PER_APPEAL, MAX_PHOTO_BYTES, PHOTOS_PATH,
    UPLOAD_PATH,
};
use storage::{Actor, Change, NewPhoto, PhotoFiles, PhotoSize, Storage, StorageError};
use tokio::sync::Semaphore;
use tower_sessions::Session;

/// What the photo routes need.
#[derive(Clone)]
pub struct Photos {
    pub storage: Storage,
    pub files: Arc<dyn PhotoFiles>,
    pub session_lifetime: std::time::Duration,
    /// Photos decoded at once (each may take up to 200 MB while decoded).
    pub decoding: Arc<Semaphore>,
}

impl Photos {
    pub fn new(
        storage: Storage,
        files: Arc<dyn PhotoFiles>,
        session_lifetime: std::time::Duration,
    ) -> Photos {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Photos {
            storage,
            files,
            session_lifetime,
            decoding: Arc::new(Semaphore::new(cores.min(4))),
        }
    }
}

/// The photo routes, with a body limit that lets five full-size photos through.
pub fn routes(photos: Photos) -> Router {
    let most = MAX_PHOTOS_PER_APPEAL * MAX_PHOTO_BYTES + 64 * 1024;
    Router::new()
        .route(UPLOAD_PATH, post(upload).layer(DefaultBodyLimit::max(most)))
        .route(&format!("{PHOTOS_PATH}/{{key}}"), get(full))
        .route(&format!("{PHOTOS_PATH}/{{key}}/thumb"), get(thumbnail))
        .with_state(photos)
}

/// What a post carried: the appeal's number and its files, or the problem that stopped
/// reading them.
#[derive(Default)]
struct Posted {
    number: String,
    files: Vec<Vec<u8>>,
    problem: Option<Problem>,
}

async fn upload(
    State(photos): State<Photos>,
    session: Session,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let browser = wants_page(&headers);
    let posted = read_post(multipart).await;
    let Some(number) = RegistrationNumber::canonical(&posted.number) else {
        return refusal(AppError::NotFound);
    };
    match (add(&photos, &session, &number, posted).await, browser) {
        (Ok(added), false) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({ "added": added })),
        )
            .into_response(),
        (Ok(_), true) => back_to_page(&number, UploadOutcome::Added),
        (Err(AppError::Invalid(problems)), true) if !problems.is_empty() => {
            back_to_page(&number, UploadOutcome::Refused(problems[0].problem))
        }
        (Err(error), _) => refusal(error),
    }
}

/// Reads the form: the number, and every file that was chosen (an empty file field is
/// none). A file over the limit is not read further.
async fn read_post(mut multipart: Multipart) -> Posted {
    let mut posted = Posted::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                tracing::debug!(%error, "a photo upload ended early");
                posted.problem.get_or_insert(Problem::Malformed);
                break;
            }
        };
        match field.name() {
            Some("number") => posted.number = field.text().await.unwrap_or_default(),
            Some("photo") => {
                let mut bytes = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) if bytes.len() + chunk.len() > MAX_PHOTO_BYTES => {
                            posted.problem.get_or_insert(Problem::PhotoTooLarge);
                            bytes.clear();
                            break;
                        }
                        Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                        Ok(None) => break,
                        Err(_) => {
                            posted.problem.get_or_insert(Problem::Malformed);
                            bytes.clear();
                            break;
                        }
                    }
                }
                if !bytes.is_empty() {
                    posted.files.push(bytes);
                }
            }
            _ => {}
        }
    }
    posted
}

fn invalid(problem: Problem) -> AppError {
    AppError::Invalid(vec![FieldError::new(PhotoField::Photo, problem)])
}

/// Adds the posted photos to the appeal `number` (its citizen only, while it is open);
/// answers how many were added (a file the appeal has already counts as added).
async fn add(
    photos: &Photos,
    session: &Session,
    number: &str,
    posted: Posted,
) -> Result<usize, AppError> {
    let viewer = viewer_in(session, &photos.storage, photos.session_lifetime).await?;
    let citizen = viewer.citizen()?.id;
    let scope = photos.storage.appeal_scope(number).await?;
    if !viewer.owns(&scope) {
        return Err(AppError::Forbidden);
    }
    if let Some(problem) = posted.problem {
        return Err(invalid(problem));
    }
    if posted.files.is_empty() {
        return Err(invalid(Problem::Required));
    }
    for upload in &posted.files {
        add_one(photos, number, citizen, upload).await?;
    }
    Ok(posted.files.len())
}

/// Checks, re-encodes, keeps and records one photo.
async fn add_one(
    photos: &Photos,
    number: &str,
    citizen: i64,
    upload: &[u8],
) -> Result<(), AppError> {
    let fingerprint = ::photos::fingerprint(upload);
    let storage = &photos.storage;
    if storage
        .photo_with_fingerprint(number, &fingerprint)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let processed = {
        let _turn = photos
            .decoding
            .acquire()
            .await
            .map_err(|_| AppError::Unavailable)?;
        let upload = upload.to_vec();
        tokio::task::spawn_blocking(move || ::photos::process(&upload))
            .await
            .map_err(|error| {
                tracing::error!(%error, "photo processing failed");
                AppError::Unavailable
            })?
            .map_err(|error| invalid(error.problem()))?
    };
    let key = new_key();
    let photo = NewPhoto {
        key: key.clone(),
        fingerprint,
        width: processed.width,
        height: processed.height,
        bytes: processed.photo.len(),
        added_by: Some(citizen),
    };
    let files = photos.files.clone();
    let kept_key = key.clone();
    blocking(move || files.put(&kept_key, &processed.photo, &processed.thumbnail)).await?;
    let actor = Actor {
        role: ActorRole::Citizen,
        id: Some(citizen),
        name: String::new(),
    };
    let event = AppealEvent::PhotoAdded(PhotoAdded { photo: key.clone() });
    let change =
        Change::event(number, None, chrono::Utc::now().timestamp(), actor, event).with_photo(photo);
    match storage.apply(change).await {
        Ok(_) => Ok(()),
        Err(error) => {
            let files = photos.files.clone();
            let _ = blocking(move || files.erase(&key)).await;
            match error {
                // The same file, sent at the same moment, was kept by the other request.
                StorageError::DuplicateSubmission => Ok(()),
                other => Err(other.into()),
            }
        }
    }
}

/// A random photo key: 128 bits, hex.
fn new_key() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Runs a call of the photo files on a blocking thread.
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    match tokio::task::spawn_blocking(call).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => {
            tracing::error!(%error, "photo files failed");
            Err(AppError::Unavailable)
        }
        Err(error) => {
            tracing::error!(%error, "photo files task failed");
            Err(AppError::Unavailable)
        }
    }
}

/// Whether the post came from the page's form (the browser wants a page back).
fn wants_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn back_to_page(number: &str, outcome: UploadOutcome) -> Response {
    let page = format!(
        "/track/{}?photos={}#photos",
        domain::board::url_encode(number),
        outcome.code()
    );
    Redirect::to(&page).into_response()
}

fn refusal(error: AppError) -> Response {
    let status = error.status();
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn full(state: State<Photos>, session: Session, key: Path<String>) -> Response {
    serve(state, session, key, PhotoSize::Full).await
}

async fn thumbnail(state: State<Photos>, session: Session, key: Path<String>) -> Response {
    serve(state, session, key, PhotoSize::Thumbnail).await
}

/// A photo's file, to whoever may read its appeal; never kept by a cache.
async fn serve(
    State(photos): State<Photos>,
    session: Session,
    Path(key): Path<String>,
    size: PhotoSize,
) -> Response {
    match readable_file(&photos, &session, key, size).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "no-store"),
                (header::CONTENT_DISPOSITION, "inline"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => refusal(error),
    }
}

async fn readable_file(
    photos: &Photos,
    session: &Session,
    key: String,
    size: PhotoSize,
) -> Result<Vec<u8>, AppError> {
    if !is_photo_key(&key) {
        return Err(AppError::NotFound);
    }
    let viewer = viewer_in(session, &photos.storage, photos.session_lifetime).await?;
    let number = photos.storage.photo_appeal(&key).await?;
    let scope = photos.storage.appeal_scope(&number).await?;
    viewer.may_read_appeal(&scope)?;
    let files = photos.files.clone();
    blocking(move || files.read(&key, size))
        .await?
        .ok_or_else(|| {
            tracing::error!("a kept photo's file is missing");
            AppError::NotFound
        })
}

/// Erases the files of photos that withdrawal of consent removed, then forgets them; answers
/// how many. Any number of servers may run it at once.
pub async fn erase_removed(
    storage: &Storage,
    files: &Arc<dyn PhotoFiles>,
) -> Result<usize, AppError> {
    let keys = storage.photos_to_erase(100).await?;
    for key in &keys {
        let files = files.clone();
        let erased = key.clone();
        blocking(move || files.erase(&erased)).await?;
        storage.forget_photo(key).await?;
    }
    Ok(keys.len())
}
