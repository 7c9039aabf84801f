//! The catalogue of public services, per district: read by everyone (the active ones) and by
//! administrators (their scope's, withdrawn ones too), kept by administrators with the audit
//! entry in the same transaction and a version that refuses an edit of an older one.

use chrono::Utc;
use domain::form::{FieldError, Problem};
use domain::services::{Service, ServiceField, ValidService};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, FromRow, Row};

use crate::audit::{insert_audit, AuditNote};
use crate::rows::{code, flag};
use crate::{Storage, StorageError, Tx};

#[derive(FromRow)]
struct ServiceRow {
    id: i64,
    district_id: i64,
    district: String,
    name: String,
    what: String,
    provider: String,
    bring: String,
    hours: String,
    address: String,
    phone: String,
    category: Option<String>,
    active: i64,
    version: i64,
}

impl ServiceRow {
    fn service(self) -> Result<Service, StorageError> {
        Ok(Service {
            id: self.id,
            district_id: self.district_id,
            district: self.district,
            name: self.name,
            what: self.what,
            provider: self.provider,
            bring: self.bring,
            hours: self.hours,
            address: self.address,
            phone: self.phone,
            category: self
                .category
                .as_deref()
                .map(|c| code(c, "category"))
                .transpose()?,
            active: flag(self.active),
            version: self.version,
        })
    }
}

/// Which services a reader gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServicesShown {
    /// The active services of every district: what citizens and visitors read.
    Active,
    /// The active services of every district and the withdrawn ones of `district` (`None`:
    /// of every district): what an administrator keeps.
    WithWithdrawnOf(Option<i64>),
}

impl Storage {
    /// The services shown to a reader, by district and name.
    pub async fn services(&self, shown: ServicesShown) -> Result<Vec<Service>, StorageError> {
        let (all_withdrawn, district) = match shown {
            ServicesShown::Active => (0_i64, -1_i64),
            ServicesShown::WithWithdrawnOf(None) => (1, -1),
            ServicesShown::WithWithdrawnOf(Some(district)) => (0, district),
        };
        let rows: Vec<ServiceRow> = sqlx::query_as(
            "SELECT s.id, s.district_id, d.name AS district, s.name, s.what, s.provider, \
                    s.bring, s.hours, s.address, s.phone, s.category, s.active, s.version \
             FROM services s JOIN districts d ON d.id = s.district_id \
             WHERE s.active = 1 OR $1 = 1 OR s.district_id = $2 \
             ORDER BY d.name, s.name",
        )
        .bind(all_withdrawn)
        .bind(district)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ServiceRow::service).collect()
    }

    /// The district of a service (`NotFound` for an unknown id).
    pub async fn service_district(&self, id: i64) -> Result<i64, StorageError> {
        sqlx::query_scalar("SELECT district_id FROM services WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)
    }

    /// Adds or updates a service with its audit entry (its detail is prefixed with
    /// `service <id>`). An update must name the version it was based on: another's save since
    /// is a `Conflict`; a name already used in the district is refused on the name field.
    /// Returns the service's id.
    pub async fn save_service(
        &self,
        service: &ValidService,
        audit: &AuditNote,
    ) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM services WHERE district_id = $1 AND name = $2 AND id <> $3",
        )
        .bind(service.district_id)
        .bind(&service.name)
        .bind(service.id.unwrap_or(0))
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Err(StorageError::Refused(FieldError::new(
                ServiceField::Name,
                Problem::NameTaken,
            )));
        }
        let now = Utc::now().timestamp();
        let id = match service.id {
            Some(id) => update_service(&mut tx, service, id, now).await?,
            None => insert_service(&mut tx, service, now).await?,
        };
        let note = AuditNote {
            detail: format!("service {id} {}", audit.detail)
                .trim_end()
                .to_owned(),
            ..audit.clone()
        };
        insert_audit(&mut tx, now, &note, None).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Updates the service `id` if it is still at the version the edit was based on.
async fn update_service(
    tx: &mut Tx,
    service: &ValidService,
    id: i64,
    now: i64,
) -> Result<i64, StorageError> {
    let updated = with_columns(
        "UPDATE services SET district_id = $1, name = $2, what = $3, provider = $4, \
             bring = $5, hours = $6, address = $7, phone = $8, category = $9, active = $10, \
             version = version + 1, updated_at = $11 \
         WHERE id = $12 AND version = $13",
        service,
        now,
    )
    .bind(id)
    .bind(service.version.unwrap_or(0))
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM services WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        return Err(match exists {
            Some(_) => StorageError::Conflict,
            None => StorageError::NotFound,
        });
    }
    Ok(id)
}

async fn insert_service(
    tx: &mut Tx,
    service: &ValidService,
    now: i64,
) -> Result<i64, StorageError> {
    let row = with_columns(
        "INSERT INTO services (district_id, name, what, provider, bring, hours, address, \
             phone, category, active, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        service,
        now,
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get("id")?)
}

/// `statement` with a service's columns bound as `$1`…`$11`: district, name, what, provider,
/// bring, hours, address, phone, category, active, and `now` as the time of the save.
fn with_columns<'q>(
    statement: &'q str,
    service: &'q ValidService,
    now: i64,
) -> Query<'q, Any, AnyArguments<'q>> {
    sqlx::query(statement)
        .bind(service.district_id)
        .bind(&service.name)
        .bind(&service.what)
        .bind(&service.provider)
        .bind(&service.bring)
        .bind(&service.hours)
        .bind(&service.address)
        .bind(&service.phone)
        .bind(service.category.map(|c| c.code()))
        .bind(i64::from(service.active))
        .bind(now)
}
