//! Finding related appeals: one query gathers the candidates (the same citizen or phone, the
//! same address key in the mahalla, the mahalla's appeals of the last 180 days), and Rust
//! scores their words ([`crate::classify::similar`]) — the same on SQLite and PostgreSQL.

use std::collections::HashMap;

use sqlx::Row;

use super::{code_column, Storage, StorageError};
use crate::access::AppealScope;
use crate::appeal::actions::LinkKind;
use crate::appeal::related::{excerpt, RelatedAppeal, RelatedReason, SIMILAR_WITHIN_DAYS};
use crate::appeal::{Category, Stage};
use crate::classify::normalize::address_key;
use crate::classify::similar::{Likeness, SIMILAR_FROM};

/// Addresses keyed per round of the start-up backfill.
const BACKFILL_BATCH: i64 = 500;

impl Storage {
    /// The appeals related to `number`, strongest first, each with its scope (the caller
    /// leaves out those the viewer may not read). `now` bounds the window of similar words.
    pub async fn related_appeals(
        &self,
        number: &str,
        now: i64,
    ) -> Result<Vec<(RelatedAppeal, AppealScope)>, StorageError> {
        let open = sqlx::query(
            "SELECT id, mahalla_id, citizen_id, citizen_phone, address_key, body \
             FROM appeals WHERE number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let id: i64 = open.try_get("id")?;
        let mahalla: i64 = open.try_get("mahalla_id")?;
        let citizen: Option<i64> = open.try_get("citizen_id")?;
        let phone: String = open.try_get("citizen_phone")?;
        let address: String = open.try_get("address_key")?;
        let body: String = open.try_get("body")?;
        let since = now - SIMILAR_WITHIN_DAYS * 86_400;

        // `-1` never matches an id, '' never a phone or key: an anonymous or anonymised
        // appeal matches by its words only.
        let rows = sqlx::query(
            "SELECT a.id, a.number, a.stage, a.category, a.created_at, a.body, a.citizen_id, \
             a.mahalla_id, m.district_id, \
             CASE WHEN a.citizen_id = $2 OR (a.citizen_phone = $3 AND a.citizen_phone <> '') THEN 1 ELSE 0 END AS same_citizen, \
             CASE WHEN a.mahalla_id = $4 AND a.address_key = $5 AND a.address_key <> '' THEN 1 ELSE 0 END AS same_address \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.id <> $1 AND (a.citizen_id = $2 OR (a.citizen_phone = $3 AND a.citizen_phone <> '') \
                OR (a.mahalla_id = $4 AND a.address_key = $5 AND a.address_key <> '') \
                OR (a.mahalla_id = $4 AND a.created_at >= $6))",
        )
        .bind(id)
        .bind(citizen.unwrap_or(-1))
        .bind(&phone)
        .bind(mahalla)
        .bind(&address)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        let links = self.links_of(id).await?;

        let likeness = Likeness::shared();
        let open_words = likeness.vector(&body);
        let mut related = Vec::new();
        for row in &rows {
            let other_id: i64 = row.try_get("id")?;
            let text: String = row.try_get("body")?;
            let alike = Likeness::compare(&open_words, &likeness.vector(&text));
            let mut reasons = Vec::new();
            if row.try_get::<i64, _>("same_citizen")? == 1 {
                reasons.push(RelatedReason::SameCitizen);
            }
            if row.try_get::<i64, _>("same_address")? == 1 {
                reasons.push(RelatedReason::SameAddress);
            }
            let created_at: i64 = row.try_get("created_at")?;
            let other_mahalla: i64 = row.try_get("mahalla_id")?;
            if alike >= SIMILAR_FROM && other_mahalla == mahalla && created_at >= since {
                reasons.push(RelatedReason::SimilarText);
            }
            if reasons.is_empty() {
                continue;
            }
            let appeal = RelatedAppeal {
                number: row.try_get("number")?,
                stage: code_column::<Stage>(row, "stage")?,
                category: code_column::<Category>(row, "category")?,
                created_at,
                excerpt: excerpt(&text),
                reasons,
                likeness: (alike * 100.0).round() / 100.0,
                linked: links.get(&other_id).copied(),
            };
            let scope = AppealScope {
                citizen_id: row.try_get("citizen_id")?,
                mahalla_id: other_mahalla,
                district_id: row.try_get("district_id")?,
            };
            related.push((appeal, scope));
        }
        related.sort_by_key(|(appeal, _)| std::cmp::Reverse(appeal.rank()));
        Ok(related)
    }

    /// The appeals linked to appeal `id`, either way: other id → kind.
    async fn links_of(&self, id: i64) -> Result<HashMap<i64, LinkKind>, StorageError> {
        let rows = sqlx::query(
            "SELECT CASE WHEN appeal_id = $1 THEN other_id ELSE appeal_id END AS other, kind \
             FROM appeal_links WHERE appeal_id = $1 OR other_id = $1",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("other")?, code_column::<LinkKind>(row, "kind")?)))
            .collect()
    }

    /// Gives appeals stored before address keys existed their key; answers how many were
    /// keyed. Idempotent (runs at every start; a second run finds nothing to do).
    pub async fn fill_address_keys(&self) -> Result<u64, StorageError> {
        let mut keyed = 0u64;
        loop {
            let rows = sqlx::query(
                "SELECT id, street_address FROM appeals \
                 WHERE address_key = '' AND street_address <> '' ORDER BY id LIMIT $1",
            )
            .bind(BACKFILL_BATCH)
            .fetch_all(&self.pool)
            .await?;
            if rows.is_empty() {
                return Ok(keyed);
            }
            let mut tx = self.pool.begin().await?;
            for row in &rows {
                let id: i64 = row.try_get("id")?;
                let address: String = row.try_get("street_address")?;
                // An address without a name or number ("uy") matches no other: it is keyed
                // by its appeal, so that the next round does not meet it again.
                let key = Some(address_key(&address))
                    .filter(|key| !key.is_empty())
                    .unwrap_or_else(|| format!("#{id}"));
                sqlx::query("UPDATE appeals SET address_key = $1 WHERE id = $2")
                    .bind(key)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            keyed += rows.len() as u64;
        }
    }
}
