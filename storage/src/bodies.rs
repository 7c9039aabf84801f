//! The directory of competent bodies, per district: read by scope, edited by administrators
//! (with the audit entry in the same transaction).

use chrono::Utc;
use domain::access::BoardScope;
use domain::actions::BodyKind;
use domain::bodies::{Body, ValidBody};
use sqlx::FromRow;

use crate::audit::{insert_audit, AuditNote};
use crate::board::scope_binds;
use crate::rows::{code, flag};
use crate::{Storage, StorageError, Tx};

#[derive(FromRow)]
struct BodyRow {
    id: i64,
    district_id: i64,
    district: String,
    kind: String,
    name: String,
    contact: String,
    active: i64,
}

impl Storage {
    /// The bodies of the districts a scope covers, by district and name.
    pub async fn bodies(&self, scope: BoardScope) -> Result<Vec<Body>, StorageError> {
        let (kind, id) = scope_binds(scope);
        let rows: Vec<BodyRow> = sqlx::query_as(
            "SELECT b.id, b.district_id, d.name AS district, b.kind, b.name, b.contact, b.active \
             FROM bodies b JOIN districts d ON d.id = b.district_id \
             WHERE $1 = 'all' OR ($1 = 'district' AND b.district_id = $2) \
               OR ($1 = 'staff' AND b.district_id IN (SELECT m.district_id FROM staff_mahallas s \
                     JOIN mahallas m ON m.id = s.mahalla_id WHERE s.user_id = $2)) \
             ORDER BY d.name, b.name",
        )
        .bind(kind)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Body {
                    id: row.id,
                    district_id: row.district_id,
                    district: row.district,
                    kind: code(&row.kind, "kind")?,
                    name: row.name,
                    contact: row.contact,
                    active: flag(row.active),
                })
            })
            .collect()
    }

    /// The district of a body (`NotFound` for an unknown id).
    pub async fn body_district(&self, id: i64) -> Result<i64, StorageError> {
        sqlx::query_scalar("SELECT district_id FROM bodies WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)
    }

    /// A body's name and kind (`NotFound` for an unknown id).
    pub async fn body_name(&self, id: i64) -> Result<(String, BodyKind), StorageError> {
        let (name, kind): (String, String) =
            sqlx::query_as("SELECT name, kind FROM bodies WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StorageError::NotFound)?;
        Ok((name, code(&kind, "kind")?))
    }

    /// Adds or updates a body with its audit entry (its detail is prefixed with `body <id>`);
    /// a name already used in the district is a `Conflict`. Returns the body's id.
    pub async fn save_body(
        &self,
        body: &ValidBody,
        audit: &AuditNote,
    ) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM bodies WHERE district_id = $1 AND name = $2 AND id <> $3",
        )
        .bind(body.district_id)
        .bind(&body.name)
        .bind(body.id.unwrap_or(0))
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Err(StorageError::Conflict);
        }
        let id = match body.id {
            Some(id) => update_body(&mut tx, body, id).await?,
            None => insert_body(&mut tx, body).await?,
        };
        let note = AuditNote {
            detail: format!("body {id} {}", audit.detail).trim_end().to_owned(),
            ..audit.clone()
        };
        insert_audit(&mut tx, Utc::now().timestamp(), &note, None).await?;
        tx.commit().await?;
        Ok(id)
    }
}

async fn update_body(tx: &mut Tx, body: &ValidBody, id: i64) -> Result<i64, StorageError> {
    let updated = sqlx::query(
        "UPDATE bodies SET district_id = $1, kind = $2, name = $3, contact = $4, active = $5 \
         WHERE id = $6",
    )
    .bind(body.district_id)
    .bind(body.kind.code())
    .bind(&body.name)
    .bind(&body.contact)
    .bind(i64::from(body.active))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(StorageError::NotFound);
    }
    Ok(id)
}

async fn insert_body(tx: &mut Tx, body: &ValidBody) -> Result<i64, StorageError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO bodies (district_id, kind, name, contact, active) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(body.district_id)
    .bind(body.kind.code())
    .bind(&body.name)
    .bind(&body.contact)
    .bind(i64::from(body.active))
    .fetch_one(&mut **tx)
    .await?)
}
