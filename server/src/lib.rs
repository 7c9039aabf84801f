//! The Smart Mahalla server: configuration, the database, routes, demo data.

pub mod accounts;
pub mod classify;
pub mod config;
pub mod demo;
pub mod export;
pub mod installable;
pub mod integrity;
pub mod listener;
pub mod live;
pub mod photos;
pub mod posted;
pub mod routes;
pub mod same_origin;
pub mod security_headers;

use std::net::SocketAddr;

use storage::{Storage, YUNUSOBOD};
use tokio::net::TcpListener;

use crate::config::{redact, AdminArgs, AdminCommand, DatabaseArgs, ServeArgs};

/// Failures that stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("the data folder {path} is a file, not a folder (choose another with --data-dir)")]
    DataDirIsFile { path: String },
    #[error("cannot open the database {url}: {source} ({hint})")]
    Database {
        url: String,
        source: storage::StorageError,
        /// What to look at, for the backend.
        hint: &'static str,
    },
    #[error("cannot load reference data: {0}")]
    Reference(storage::StorageError),
    #[error("demo data: {0}")]
    Demo(storage::StorageError),
    #[error("refusing --demo: the database holds {accounts} account(s) and {appeals} appeal(s) that are not demo data (a demo runs on a database of its own; choose another with --data-dir or --database-url)")]
    NotDemoDatabase { accounts: i64, appeals: i64 },
    #[error("cannot listen on {addr}: {source}\n  (is another server running there? choose another with --addr)")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot check the stored appeals: {0}")]
    Check(storage::StorageError),
    #[error("{0}")]
    Admin(String),
}

/// Opens (and migrates) the database and loads reference data.
pub async fn open_storage(args: &DatabaseArgs) -> Result<Storage, StartError> {
    let storage = open_database(args).await?;
    storage
        .ensure_district(&YUNUSOBOD)
        .await
        .map_err(StartError::Reference)?;
    let keyed = storage
        .fill_address_keys()
        .await
        .map_err(StartError::Reference)?;
    if keyed > 0 {
        tracing::info!(appeals = keyed, "addresses keyed for related appeals");
    }
    Ok(storage)
}

/// Opens (and migrates) the database; on SQLite in the data folder, created when missing.
async fn open_database(args: &DatabaseArgs) -> Result<Storage, StartError> {
    let url = args.database_url();
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        let path = args.data_dir.display().to_string();
        if args.data_dir.exists() && !args.data_dir.is_dir() {
            return Err(StartError::DataDirIsFile { path });
        }
        std::fs::create_dir_all(&args.data_dir)
            .map_err(|source| StartError::DataDir { path, source })?;
    }
    Storage::open(&url, args.db_connections)
        .await
        .map_err(|source| StartError::Database {
            url: redact(&url),
            source,
            hint: if sqlite {
                "is the data folder writable, with free space?"
            } else {
                "is the database server running? check --database-url / DATABASE_URL"
            },
        })
}

/// Runs the server until SIGTERM or Ctrl-C, then finishes the requests in flight.
pub async fn serve(args: ServeArgs) -> Result<(), StartError> {
    let mut storage = open_storage(&args.database).await?;
    if args.demo {
        demo::check_database(&storage).await?;
        // Everything this server creates is demo data, for `admin demo-remove` to remove.
        storage = storage.in_demo_mode();
    }
    // Trained before the first appeal arrives, not while a citizen waits for it.
    let _ = tokio::task::spawn_blocking(::classify::Classifier::shared).await;
    if args.demo {
        demo::seed(&storage).await.map_err(StartError::Demo)?;

        println!("\n{}", demo::logins());
    }
    let addr = args.listen_addr();
    let site_root = args.site_root();
    let settings = args.settings();
    let photo_files = settings.photo_files.clone();
    let stopping = settings.stopping.clone();
    let router = routes::router(
        storage.clone(),
        settings,
        routes::leptos_options(addr, &site_root),
    );
    routes::spawn_housekeeping(storage.clone(), photo_files);
    storage.listen_for_changes();
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Listen { addr, source })?;
    tracing::info!(
        database = %redact(&args.database.database_url()),
        backend = storage.backend().name(),
        site_root = %site_root.display(),
        "Smart Mahalla listening on http://{addr}"
    );
    listener::serve(listener, router, stopping, listener::shutdown_signal()).await;
    // Every request has been answered; changes queued by clients that went away are
    // committed before the storage closes.
    storage.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Runs an `admin` command.
pub async fn admin(args: AdminArgs) -> Result<(), StartError> {
    match args.command {
        AdminCommand::Create { phone, name } => {
            let password = match std::env::var(ADMIN_PASSWORD_ENV) {
                Ok(password) => password,
                Err(_) => prompt_password()?,
            };
            let storage = open_storage(&args.database).await?;
            let phone = accounts::create_system_admin(&storage, &phone, &name, password).await?;
            println!(
                "created system administrator {}",
                domain::person::format_phone(&phone)
            );
            storage.close().await;
            Ok(())
        }
        AdminCommand::DemoRemove => {
            let storage = open_storage(&args.database).await?;
            let removed = demo::remove(&storage).await;
            storage.close().await;
            let removed = removed?;
            println!(
                "demo data removed: {} appeal(s) and {} account(s) deleted, {} account(s) retired \
                 (kept inactive, without password, where real records name them), {} session(s) ended; \
                 the demo password signs nobody in",
                removed.appeals, removed.accounts, removed.retired, removed.sessions
            );
            Ok(())
        }
        AdminCommand::CheckAppeals => {
            let storage = open_database(&args.database).await?;
            let found = storage.check_appeals().await;
            storage.close().await;
            integrity::report(&found.map_err(StartError::Check)?)
        }
        AdminCommand::ListNumbers => {
            let storage = open_database(&args.database).await?;
            let numbers = storage.registration_numbers().await;
            storage.close().await;
            integrity::list(&numbers.map_err(StartError::Check)?)
        }
    }
}

/// Where `admin create` takes the password from when it must not prompt (scripts, CI).
pub const ADMIN_PASSWORD_ENV: &str = "SMART_MAHALLA_ADMIN_PASSWORD";

fn prompt_password() -> Result<String, StartError> {
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|e| {
            StartError::Admin(format!(
                "cannot read the password: {e} (or set {ADMIN_PASSWORD_ENV})"
            ))
        })
    };
    let first = read("Password: ")?;
    if read("Password again: ")? != first {
        return Err(StartError::Admin(
            "the two passwords differ; nothing was created".into(),
        ));
    }
    Ok(first)
}
