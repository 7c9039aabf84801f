//! An appeal's map point on its row (never in its history): written when the appeal is filed,
//! read for staff only together with the audit entry of that view (one transaction), read
//! by the citizen who gave it, and set to NULL when the appeal is anonymised.

use domain::location::MapPoint;
use sqlx::FromRow;

use crate::audit::{insert_audit, AuditNote};
use crate::{Storage, StorageError, Tx};

#[derive(FromRow)]
struct PointRow {
    id: i64,
    location_lat_e6: Option<i64>,
    location_lon_e6: Option<i64>,
}

/// Puts the map point of the appeal `appeal_id`, just filed, on its row (nothing for none).
pub(crate) async fn store(
    tx: &mut Tx,
    appeal_id: i64,
    point: Option<MapPoint>,
) -> Result<(), StorageError> {
    let Some(point) = point else {
        return Ok(());
    };
    sqlx::query("UPDATE appeals SET location_lat_e6 = $1, location_lon_e6 = $2 WHERE id = $3")
        .bind(point.lat_e6)
        .bind(point.lon_e6)
        .bind(appeal_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Removes the map point of the appeal `appeal_id`, which was just anonymised.
pub(crate) async fn blank(tx: &mut Tx, appeal_id: i64) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE appeals SET location_lat_e6 = NULL, location_lon_e6 = NULL \
         WHERE id = $1 AND location_lat_e6 IS NOT NULL",
    )
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Storage {
    /// The map point of the appeal `number` (`None`: it has none, or no longer). With
    /// `seen`, the view is a staff member's: its audit entry is written in the same
    /// transaction as the read, and only when there was a point to see. `NotFound` for an
    /// unknown number.
    pub async fn appeal_location(
        &self,
        number: &str,
        seen: Option<(i64, &AuditNote)>,
    ) -> Result<Option<MapPoint>, StorageError> {
        let mut tx = match seen {
            Some(_) => self.begin_write().await?,
            None => self.pool.begin().await?,
        };
        let row: PointRow = sqlx::query_as(
            "SELECT id, location_lat_e6, location_lon_e6 FROM appeals WHERE number = $1",
        )
        .bind(number)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let point = MapPoint::from_columns(row.location_lat_e6, row.location_lon_e6);
        if let (Some(_), Some((at, note))) = (point, seen) {
            insert_audit(&mut tx, at, note, Some(row.id)).await?;
        }
        tx.commit().await?;
        Ok(point)
    }
}
