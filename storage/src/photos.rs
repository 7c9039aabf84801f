//! An appeal's photos in the database: the row written with the `photo_added` event (in the
//! change's transaction, against the appeal's limit), the list its page shows, which appeal
//! a photo file is of (whoever may read that appeal may see it), the removal that withdrawal
//! of consent brings with anonymisation, and the erasure of removed photos' files. The files
//! themselves are kept by a [`crate::photo_files::PhotoFiles`].

use domain::form::{FieldError, Problem};
use domain::photos::{PhotoField, PhotoRef, MAX_PHOTOS_PER_APPEAL};
use sqlx::FromRow;

use crate::{Storage, StorageError, Tx};

/// A photo being added to an appeal (already checked and re-encoded, its files kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPhoto {
    pub key: String,
    /// SHA-256 of the file as uploaded: the same file is kept once per appeal.
    pub fingerprint: String,
    pub width: u32,
    pub height: u32,
    /// The kept photo's size in bytes.
    pub bytes: usize,
    pub added_by: Option<i64>,
}

#[derive(FromRow)]
struct PhotoRow {
    photo_key: String,
    added_at: i64,
    width: i64,
    height: i64,
}

/// Writes the photo's row, if the appeal has room for it (a conditional update of its
/// count, so two uploads at once cannot both take the last place).
pub(crate) async fn insert_photo(
    tx: &mut Tx,
    appeal_id: i64,
    at: i64,
    photo: &NewPhoto,
) -> Result<(), StorageError> {
    let room = sqlx::query(
        "UPDATE appeals SET photo_count = photo_count + 1 WHERE id = $1 AND photo_count < $2",
    )
    .bind(appeal_id)
    .bind(MAX_PHOTOS_PER_APPEAL as i64)
    .execute(&mut **tx)
    .await?;
    if room.rows_affected() != 1 {
        return Err(StorageError::Refused(FieldError::new(
            PhotoField::Photo,
            Problem::TooManyPhotos,
        )));
    }
    sqlx::query(
        "INSERT INTO appeal_photos \
         (appeal_id, photo_key, fingerprint, width, height, bytes, added_at, added_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(appeal_id)
    .bind(photo.key.as_str())
    .bind(photo.fingerprint.as_str())
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(photo.bytes as i64)
    .bind(at)
    .bind(photo.added_by)
    .execute(&mut **tx)
    .await
    .map_err(|error| crate::submissions::duplicate_or(error, true))?;
    Ok(())
}

/// Removes the photos of the appeal `appeal_id`, which was just anonymised: they are no
/// longer served, and their files are erased by [`Storage::photos_to_erase`]'s caller.
pub(crate) async fn remove_photos(
    tx: &mut Tx,
    appeal_id: i64,
    at: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE appeal_photos SET removed_at = $1 WHERE appeal_id = $2 AND removed_at IS NULL",
    )
    .bind(at)
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Storage {
    /// The photos of the appeal `number` that are kept, in the order they were added.
    pub async fn appeal_photos(&self, number: &str) -> Result<Vec<PhotoRef>, StorageError> {
        let rows: Vec<PhotoRow> = sqlx::query_as(
            "SELECT p.photo_key, p.added_at, p.width, p.height FROM appeal_photos p \
             JOIN appeals a ON a.id = p.appeal_id \
             WHERE a.number = $1 AND p.removed_at IS NULL ORDER BY p.id",
        )
        .bind(number)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(photo).collect()
    }

    /// The kept photos of every appeal of the citizen `citizen`, as (appeal id, photo), in
    /// the order they were added (for their data download).
    pub(crate) async fn citizen_photos(
        &self,
        citizen: i64,
    ) -> Result<Vec<(i64, PhotoRef)>, StorageError> {
        let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT p.appeal_id, p.photo_key, p.added_at, p.width, p.height FROM appeal_photos p \
             JOIN appeals a ON a.id = p.appeal_id \
             WHERE a.citizen_id = $1 AND p.removed_at IS NULL ORDER BY p.id",
        )
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(appeal, photo_key, added_at, width, height)| {
                Ok((
                    appeal,
                    photo(PhotoRow {
                        photo_key,
                        added_at,
                        width,
                        height,
                    })?,
                ))
            })
            .collect()
    }

    /// The key the appeal `number` keeps the file with this fingerprint under, if it has it.
    pub async fn photo_with_fingerprint(
        &self,
        number: &str,
        fingerprint: &str,
    ) -> Result<Option<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT p.photo_key FROM appeal_photos p JOIN appeals a ON a.id = p.appeal_id \
             WHERE a.number = $1 AND p.fingerprint = $2 AND p.removed_at IS NULL",
        )
        .bind(number)
        .bind(fingerprint)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The number of the appeal a kept photo is of (`NotFound`: no such photo, or removed).
    pub async fn photo_appeal(&self, key: &str) -> Result<String, StorageError> {
        sqlx::query_scalar(
            "SELECT a.number FROM appeal_photos p JOIN appeals a ON a.id = p.appeal_id \
             WHERE p.photo_key = $1 AND p.removed_at IS NULL",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)
    }

    /// Up to `limit` removed photos whose files are still to be erased.
    pub async fn photos_to_erase(&self, limit: i64) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT photo_key FROM appeal_photos WHERE removed_at IS NOT NULL ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Forgets a removed photo whose files were erased.
    pub async fn forget_photo(&self, key: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM appeal_photos WHERE photo_key = $1 AND removed_at IS NOT NULL")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn photo(row: PhotoRow) -> Result<PhotoRef, StorageError> {
    Ok(PhotoRef {
        key: row.photo_key,
        added_at: row.added_at,
        width: dimension(row.width)?,
        height: dimension(row.height)?,
    })
}

fn dimension(value: i64) -> Result<u32, StorageError> {
    u32::try_from(value).map_err(|_| StorageError::Corrupt(format!("photo side {value}")))
}
