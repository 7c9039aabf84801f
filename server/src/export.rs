//! Monitoring's exports over HTTP. `GET /api/monitoring/export?format=csv|xlsx&content=
//! appeals|history&personal=1&from=&to=&mahalla=&category=&kind=` (staff; the dashboard's
//! filters and scope): up to [`EXPORT_IN_FOREGROUND_MAX`] appeals the file comes at once,
//! streamed as its rows are read; more, and the export runs in the background while the
//! browser is sent to `/monitoring/exports/<id>`, which shows its progress and then links
//! `GET /api/monitoring/exports/<id>/file`. Every export is audited, saying whether it held
//! personal data; only its author downloads a background export.

use app::error::AppError;
use app::server::client_address_of;
use app::server::session::viewer_in;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Viewer;
use domain::audit::AuditAction;
use domain::form::{FieldError, FormField, Problem};
use domain::monitoring::export::{
    csv_line, header, Cell, ExportContent, ExportField, ExportFormat, APPEAL_COLUMNS,
    EVENT_COLUMNS, EXPORT_IN_FOREGROUND_MAX, PERSONAL_COLUMNS,
};
use domain::monitoring::{DashboardScope, MonitoringField, MonitoringFilter, MonitoringQuery};
use futures::StreamExt as _;
use serde::Deserialize;
use storage::{AuditNote, ExportJob, Storage};
use tokio::sync::mpsc;
use tower_sessions::Session;

/// Where exports are asked for.
pub const EXPORT_PATH: &str = "/api/monitoring/export";
/// A background export's file: `/api/monitoring/exports/{id}/file`.
pub const EXPORT_FILE_PATH: &str = "/api/monitoring/exports/{id}/file";
/// A background export's file is written in chunks of about this many bytes.
const CHUNK_BYTES: usize = 1 << 20;

/// What the export routes need.
#[derive(Clone)]
pub struct Exports {
    pub storage: Storage,
    pub session_lifetime: std::time::Duration,
    pub trust_forwarded_for: bool,
}

/// The query of an export: the dashboard's filters, and what to write.
#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
    content: Option<String>,
    personal: Option<String>,
    from: Option<String>,
    to: Option<String>,
    mahalla: Option<String>,
    category: Option<String>,
    kind: Option<String>,
}

/// An export as asked, checked.
struct Asked {
    format: ExportFormat,
    content: ExportContent,
    personal: bool,
    filter: MonitoringFilter,
    scope: DashboardScope,
}

/// The file name of an export: `murojaatlar-2026-09-01-2026-11-30.csv`.
fn file_name(asked: &Asked) -> String {
    let what = match asked.content {
        ExportContent::Appeals => "murojaatlar",
        ExportContent::History => "murojaatlar-tarixi",
    };
    let period = asked.filter.period;
    format!(
        "{what}-{}-{}.{}",
        period.from,
        period.to,
        asked.format.code()
    )
}

fn content_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "text/csv; charset=utf-8",
        ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
}

fn refusal(error: AppError) -> Response {
    let status = error.status();
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn invalid(field: impl FormField, problem: Problem) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, problem)])
}

fn code_of<T: std::str::FromStr>(
    value: Option<&str>,
    default: T,
    field: ExportField,
) -> Result<T, AppError> {
    match value.map(str::trim) {
        None | Some("") => Ok(default),
        Some(code) => code.parse().map_err(|_| invalid(field, Problem::Malformed)),
    }
}

/// Checks the query against the viewer: staff only, valid filters.
fn ask(viewer: &Viewer, query: ExportQuery, now: i64) -> Result<Asked, AppError> {
    let scope = DashboardScope::of(viewer)?;
    let format = code_of(
        query.format.as_deref(),
        ExportFormat::Csv,
        ExportField::Format,
    )?;
    let content = code_of(
        query.content.as_deref(),
        ExportContent::Appeals,
        ExportField::Content,
    )?;
    let mahalla = match query.mahalla.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(
            id.parse()
                .map_err(|_| invalid(MonitoringField::Mahalla, Problem::Malformed))?,
        ),
    };
    let filter = MonitoringQuery {
        from: query.from.unwrap_or_default(),
        to: query.to.unwrap_or_default(),
        mahalla,
        category: query.category.unwrap_or_default(),
        kind: query.kind.unwrap_or_default(),
    }
    .validate(now)
    .map_err(AppError::Invalid)?;
    let personal = query.personal.as_deref() == Some("1") && scope.addresses;
    Ok(Asked {
        format,
        content,
        // History holds no personal data to add.
        personal: personal && content == ExportContent::Appeals,
        filter,
        scope,
    })
}

/// `GET /api/monitoring/export`.
pub async fn export(
    State(exports): State<Exports>,
    session: Session,
    parts: Parts,
    Query(query): Query<ExportQuery>,
) -> Response {
    let address = client_address_of(&parts, exports.trust_forwarded_for);
    match start(&exports, &session, query, address).await {
        Ok(response) => response,
        Err(error) => refusal(error),
    }
}

async fn start(
    exports: &Exports,
    session: &Session,
    query: ExportQuery,
    address: String,
) -> Result<Response, AppError> {
    let storage = &exports.storage;
    let viewer = viewer_in(session, storage, exports.session_lifetime).await?;
    let now = chrono::Utc::now().timestamp();
    let asked = ask(&viewer, query, now)?;
    let rows = storage.export_count(&asked.scope, &asked.filter).await?;
    let account = viewer.staff()?.id;
    let name = file_name(&asked);
    let note = AuditNote {
        actor_id: Some(account),
        actor_role: viewer.role_code().to_owned(),
        action: AuditAction::MonitoringExported,
        appeal: None,
        subject_id: None,
        address,
        detail: format!(
            "{name}: {rows} appeals{}",
            if asked.personal {
                ", with personal data"
            } else {
                ""
            }
        ),
    };
    storage.record_audit(now, &note).await?;
    if rows > EXPORT_IN_FOREGROUND_MAX {
        let job = ExportJob {
            id: job_id(),
            account_id: account,
            created_at: now,
            file_name: name,
            content_type: content_type(asked.format).to_owned(),
            rows_total: i64::try_from(rows).unwrap_or(i64::MAX),
            rows_done: 0,
            state: "running".into(),
            finished_at: None,
        };
        storage.start_export_job(&job).await?;
        let page = format!("/monitoring/exports/{}", job.id);
        tokio::spawn(run_in_background(storage.clone(), job, asked));
        return Ok(Redirect::to(&page).into_response());
    }
    let disposition = format!("attachment; filename=\"{name}\"");
    let kind = content_type(asked.format).to_owned();
    let (sender, receiver) = mpsc::channel::<Result<Vec<u8>, std::io::Error>>(16);
    tokio::spawn(write_file(storage.clone(), asked, now, sender));
    let chunks = futures::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    // Fused: the compression layer may ask a finished stream once more.
    let body = Body::from_stream(chunks.fuse());
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// A background export's id: 128 random bits (as a session id is made), URL-safe.
fn job_id() -> String {
    tower_sessions::session::Id::default()
        .to_string()
        .replace(['+', '/', '='], "")
}

/// Writes the export's file into `sender` as its rows are read.
async fn write_file(
    storage: Storage,
    asked: Asked,
    now: i64,
    sender: mpsc::Sender<Result<Vec<u8>, std::io::Error>>,
) {
    let outcome = match asked.format {
        ExportFormat::Csv => write_csv(&storage, &asked, now, |bytes, _| {
            let sender = sender.clone();
            async move { sender.send(Ok(bytes)).await.is_ok() }
        })
        .await
        .map(|_| ()),
        ExportFormat::Xlsx => match xlsx(&storage, &asked, now, |_| async { true }).await {
            Ok(bytes) => {
                let _ = sender.send(Ok(bytes)).await;
                Ok(())
            }
            Err(error) => Err(error),
        },
    };
    if let Err(error) = outcome {
        tracing::error!(%error, "an export failed");
        let _ = sender
            .send(Err(std::io::Error::other("the export failed")))
            .await;
    }
}

/// Lines of CSV gathered into blocks of about 64 KB.
struct CsvBlocks {
    block: Vec<u8>,
    rows: i64,
}

impl CsvBlocks {
    /// Adds a row; answers the block when it is full.
    fn push(&mut self, cells: &[Cell]) -> Option<Vec<u8>> {
        self.block.extend(csv_line(cells).into_bytes());
        self.rows += 1;
        (self.block.len() >= 64 * 1024).then(|| std::mem::take(&mut self.block))
    }
}

/// Sends `block` through `out` (if there is one), then answers whether to go on.
async fn sent<Fut: std::future::Future<Output = bool>>(sending: Option<Fut>) -> bool {
    match sending {
        Some(sending) => sending.await,
        None => true,
    }
}

/// Writes the CSV of the export to `out` a block of lines at a time, with how many rows
/// are written so far (`out` answers `false` when nobody reads any more); answers how many
/// rows it wrote.
async fn write_csv<F, Fut>(
    storage: &Storage,
    asked: &Asked,
    now: i64,
    mut out: F,
) -> Result<i64, ExportError>
where
    F: FnMut(Vec<u8>, i64) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    // A byte-order mark, so that spreadsheets read the Uzbek letters as UTF-8.
    let mut blocks = CsvBlocks {
        block: "\u{feff}".as_bytes().to_vec(),
        rows: 0,
    };
    blocks
        .block
        .extend(csv_line(&header_of(asked)).into_bytes());
    match asked.content {
        ExportContent::Appeals => {
            storage
                .each_exported_appeal(&asked.scope, &asked.filter, asked.personal, |appeal| {
                    let full = blocks.push(&appeal.cells(now));
                    sent(full.map(|block| out(block, blocks.rows)))
                })
                .await?;
        }
        ExportContent::History => {
            storage
                .each_exported_event(&asked.scope, &asked.filter, |event| {
                    let full = blocks.push(&event.cells());
                    sent(full.map(|block| out(block, blocks.rows)))
                })
                .await?;
        }
    }
    let rows = blocks.rows;
    if !blocks.block.is_empty() {
        out(std::mem::take(&mut blocks.block), rows).await;
    }
    Ok(rows)
}

fn header_of(asked: &Asked) -> Vec<Cell> {
    match asked.content {
        ExportContent::Appeals if asked.personal => {
            let mut all: Vec<&str> = APPEAL_COLUMNS.to_vec();
            all.extend(PERSONAL_COLUMNS);
            header(&all)
        }
        ExportContent::Appeals => header(&APPEAL_COLUMNS),
        ExportContent::History => header(&EVENT_COLUMNS),
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// The XLSX of the export (rows go to the worksheet as they are read; the worksheet keeps
/// them in a temporary file, not in memory); `progress` hears every 1,000 rows.
async fn xlsx<F, Fut>(
    storage: &Storage,
    asked: &Asked,
    now: i64,
    mut progress: F,
) -> Result<Vec<u8>, ExportError>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    for (column, cell) in header_of(asked).iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, cell.as_text(), &bold)?;
    }
    let mut row: u32 = 0;
    let mut failed: Option<rust_xlsxwriter::XlsxError> = None;
    let mut write = |cells: Vec<Cell>| -> Option<i64> {
        row += 1;
        for (column, cell) in cells.into_iter().enumerate() {
            let column = column as u16;
            let written = match cell {
                Cell::Text(text) => sheet.write_string(row, column, text).map(|_| ()),
                Cell::Number(n) => sheet.write_number(row, column, n as f64).map(|_| ()),
                Cell::Instant(at) => {
                    // Days since 1899-12-30 in Tashkent time, as spreadsheets count them.
                    let local = at + i64::from(domain::deadline::TASHKENT_UTC_OFFSET_SECONDS);
                    let serial = local as f64 / 86_400.0 + 25_569.0;
                    sheet
                        .write_number_with_format(row, column, serial, &date)
                        .map(|_| ())
                }
                Cell::Empty => Ok(()),
            };
            if let Err(error) = written {
                failed.get_or_insert(error);
            }
        }
        row.is_multiple_of(1_000).then_some(i64::from(row))
    };
    match asked.content {
        ExportContent::Appeals => {
            storage
                .each_exported_appeal(&asked.scope, &asked.filter, asked.personal, |appeal| {
                    sent(write(appeal.cells(now)).map(&mut progress))
                })
                .await?;
        }
        ExportContent::History => {
            storage
                .each_exported_event(&asked.scope, &asked.filter, |event| {
                    sent(write(event.cells()).map(&mut progress))
                })
                .await?;
        }
    }
    if let Some(error) = failed {
        return Err(error.into());
    }
    Ok(workbook.save_to_buffer()?)
}

/// Runs a long export, storing its file in chunks and its progress as it goes.
async fn run_in_background(storage: Storage, job: ExportJob, asked: Asked) {
    let now = job.created_at;
    let outcome = background(&storage, &job, &asked, now).await;
    let done = match outcome {
        Ok(()) => true,
        Err(error) => {
            tracing::error!(%error, job = %job.id, "a background export failed");
            false
        }
    };
    if let Err(error) = storage
        .finish_export_job(&job.id, done, chrono::Utc::now().timestamp())
        .await
    {
        tracing::error!(%error, job = %job.id, "a background export's end was not recorded");
    }
}

async fn background(
    storage: &Storage,
    job: &ExportJob,
    asked: &Asked,
    now: i64,
) -> Result<(), ExportError> {
    let mut seq = 0i64;
    match asked.format {
        ExportFormat::Csv => {
            write_csv(storage, asked, now, |bytes, rows| {
                let (storage, id, this) = (storage.clone(), job.id.clone(), seq);
                seq += 1;
                async move {
                    storage
                        .add_export_chunk(&id, this, &bytes, rows)
                        .await
                        .is_ok()
                }
            })
            .await?;
        }
        ExportFormat::Xlsx => {
            let id = job.id.clone();
            let bytes = xlsx(storage, asked, now, |rows| {
                let storage = storage.clone();
                let id = id.clone();
                async move { storage.set_export_progress(&id, rows).await.is_ok() }
            })
            .await?;
            for chunk in bytes.chunks(CHUNK_BYTES) {
                storage
                    .add_export_chunk(&job.id, seq, chunk, job.rows_total)
                    .await?;
                seq += 1;
            }
        }
    }
    Ok(())
}

/// `GET /api/monitoring/exports/{id}/file`: a finished background export, for its author.
pub async fn export_file(
    State(exports): State<Exports>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let storage = exports.storage.clone();
    let job = async {
        let viewer = viewer_in(&session, &storage, exports.session_lifetime).await?;
        let job = storage.export_job(&id).await?;
        if viewer.id() != Some(job.account_id) {
            return Err(AppError::NotFound);
        }
        if job.state != "done" {
            return Err(AppError::Conflict);
        }
        Ok(job)
    }
    .await;
    let job = match job {
        Ok(job) => job,
        Err(error) => return refusal(error),
    };
    let disposition = format!("attachment; filename=\"{}\"", job.file_name);
    let chunks = futures::stream::unfold(0i64, move |seq| {
        let (storage, id) = (storage.clone(), job.id.clone());
        async move {
            match storage.export_chunk(&id, seq).await {
                Ok(Some(bytes)) => Some((Ok::<_, std::io::Error>(bytes), seq + 1)),
                Ok(None) => None,
                Err(error) => Some((Err(std::io::Error::other(error.to_string())), i64::MAX)),
            }
        }
    });
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, job.content_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        // Fused: the compression layer may ask a finished stream once more.
        Body::from_stream(chunks.fuse()),
    )
        .into_response()
}
