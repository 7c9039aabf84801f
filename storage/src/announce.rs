//! Telling open boards that an appeal changed. On PostgreSQL the change is a NOTIFY sent in
//! the writing transaction, and every server instance LISTENs, so boards served by another
//! instance hear it too; on SQLite (one server process) it is passed on within the process.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use sqlx::{Any, Transaction};
use tokio::sync::broadcast;

use domain::board::AppealChange;

use crate::{Backend, Storage, StorageError};

/// The PostgreSQL notification channel.
const CHANNEL: &str = "sm_appeal_changes";

/// How many changes a slow subscriber may fall behind before it is told to reload.
const BACKLOG: usize = 1_024;

/// The fan-out of changes to this process's subscribers (the live board streams).
#[derive(Clone)]
pub struct Changes {
    sender: broadcast::Sender<AppealChange>,
    /// Where to LISTEN (PostgreSQL only); never printed.
    url: Arc<str>,
}

impl fmt::Debug for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Changes")
            .field("subscribers", &self.sender.receiver_count())
            .finish()
    }
}

impl Changes {
    pub(crate) fn new(url: &str) -> Changes {
        Changes {
            sender: broadcast::channel(BACKLOG).0,
            url: url.into(),
        }
    }

    /// Passes a committed change on within this process.
    pub(crate) fn send(&self, change: AppealChange) {
        // No subscriber is fine: no board is open.
        let _ = self.sender.send(change);
    }
}

/// A change announced in a transaction, to be delivered once it commits.
#[must_use = "call deliver() after the transaction commits"]
pub struct Announced {
    local: Option<(broadcast::Sender<AppealChange>, AppealChange)>,
}

impl Announced {
    /// Passes the change on within this process (SQLite); PostgreSQL already delivers the
    /// NOTIFY at commit.
    pub fn deliver(self) {
        if let Some((sender, change)) = self.local {
            // No subscriber is fine: no board is open.
            let _ = sender.send(change);
        }
    }
}

impl Storage {
    /// Announces `change` as part of `tx`: nobody hears of it unless the transaction commits.
    pub(crate) async fn announce(
        &self,
        tx: &mut Transaction<'_, Any>,
        change: AppealChange,
    ) -> Result<Announced, StorageError> {
        match self.backend {
            Backend::Postgres => {
                let payload = serde_json::to_string(&change)?;
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(payload)
                    .execute(&mut **tx)
                    .await?;
                Ok(Announced { local: None })
            }
            Backend::Sqlite => Ok(Announced {
                local: Some((self.changes.sender.clone(), change)),
            }),
        }
    }

    /// Changes from now on, for one live board.
    pub fn subscribe(&self) -> broadcast::Receiver<AppealChange> {
        self.changes.sender.subscribe()
    }

    /// On PostgreSQL, starts listening for other instances' (and this one's) changes and
    /// passes them to this process's subscribers; reconnects after a lost connection and
    /// then tells subscribers to reload, since changes may have been missed meanwhile.
    /// Nothing to do on SQLite.
    pub fn listen_for_changes(&self) -> Option<tokio::task::JoinHandle<()>> {
        if self.backend != Backend::Postgres {
            return None;
        }
        let changes = self.changes.clone();
        Some(tokio::spawn(async move {
            loop {
                if let Err(error) = relay(&changes).await {
                    tracing::warn!(%error, "listening for appeal changes failed; retrying");
                }
                let _ = changes.sender.send(AppealChange::resync());
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }))
    }
}

/// LISTENs on the channel and relays notifications until the connection fails.
async fn relay(changes: &Changes) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(&changes.url).await?;
    listener.listen(CHANNEL).await?;
    tracing::info!("listening for appeal changes");
    loop {
        match listener.try_recv().await? {
            Some(notification) => {
                match serde_json::from_str::<AppealChange>(notification.payload()) {
                    Ok(change) => {
                        let _ = changes.sender.send(change);
                    }
                    Err(error) => tracing::warn!(%error, "unreadable appeal change"),
                }
            }
            // The connection was lost (and is re-established by the next call): changes
            // may have been missed.
            None => {
                let _ = changes.sender.send(AppealChange::resync());
            }
        }
    }
}
