//! What a transaction writing several changes gathers before it writes it all at once: the
//! history and audit rows of consecutive changes (one statement each), the follow-ups the
//! filings among them are noted as, and the registration numbers of consecutive filings (one
//! step of the counter).

use crate::audit::{insert_audits, AuditNote};
use crate::follow_ups::{self, FollowUp};
use crate::history::{self, NewEvent};
use crate::{StorageError, Tx};

/// History and audit rows (and follow-ups) of changes applied one after another in a
/// transaction, not yet written: [`Gathered::write`] writes them all in one statement each. Nothing may read an
/// appeal's history while some of it is still gathered.
#[derive(Default)]
pub(crate) struct Gathered<'a> {
    pub(crate) events: Vec<NewEvent>,
    pub(crate) audits: Vec<(i64, &'a AuditNote, Option<i64>)>,
    /// The filings among them, to be noted as follow-ups of earlier answered appeals.
    pub(crate) follow_ups: Vec<FollowUp>,
    /// Registration numbers taken for the filings still to come, in one step.
    reserved: Option<Reserved>,
}

/// Registration numbers of one year taken from the counter together: `next` to `last`.
struct Reserved {
    year: i64,
    next: i64,
    last: i64,
}

impl Gathered<'_> {
    /// Takes the next `count` registration numbers of `year` from the counter in one step,
    /// for the next `count` filings of that year (which then need no step of their own).
    pub(crate) async fn reserve_numbers(
        &mut self,
        tx: &mut Tx,
        year: i64,
        count: i64,
    ) -> Result<(), StorageError> {
        let last = advance_counter(tx, year, count).await?;
        self.reserved = Some(Reserved {
            year,
            next: last - count + 1,
            last,
        });
        Ok(())
    }

    /// Whether every number reserved went to a filing.
    pub(crate) fn reservation_used(&self) -> bool {
        self.reserved.as_ref().is_none_or(|r| r.next > r.last)
    }

    /// The next reserved number of `year`, if one is left.
    pub(crate) fn take_number(&mut self, year: i64) -> Option<i64> {
        let reserved = self
            .reserved
            .as_mut()
            .filter(|r| r.year == year && r.next <= r.last)?;
        reserved.next += 1;
        Some(reserved.next - 1)
    }

    /// Writes what was gathered (in the order it was), and starts afresh.
    pub(crate) async fn write(&mut self, tx: &mut Tx) -> Result<(), StorageError> {
        history::append(tx, &self.events).await?;
        insert_audits(tx, &self.audits).await?;
        follow_ups::note_filings(tx, &self.follow_ups).await?;
        self.events.clear();
        self.audits.clear();
        self.follow_ups.clear();
        Ok(())
    }
}

/// Advances the registration counter of `year` by `count`; answers the last number taken
/// (no gaps, no duplicates: the counter's row is locked until the filing commits).
pub(crate) async fn advance_counter(
    tx: &mut Tx,
    year: i64,
    count: i64,
) -> Result<i64, StorageError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO registration_counters (year, last_number) VALUES ($1, $2) \
         ON CONFLICT (year) DO UPDATE SET last_number = registration_counters.last_number + $2 \
         RETURNING last_number",
    )
    .bind(year)
    .bind(count)
    .fetch_one(&mut **tx)
    .await?)
}
