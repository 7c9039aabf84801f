//! Finding related appeals: one query gathers the candidates (the same citizen or phone, the
//! same address key in the mahalla, the mahalla's appeals of the last 180 days), and Rust
//! scores their words ([`classify::similar`]) — the same on SQLite and PostgreSQL.

use std::collections::HashMap;

use classify::normalize::address_key;
use classify::similar::{Likeness, SIMILAR_FROM};
use domain::access::AppealScope;
use domain::actions::LinkKind;
use domain::related::{excerpt, RelatedAppeal, RelatedReason, SIMILAR_WITHIN_DAYS};
use sqlx::FromRow;

use crate::rows::code;
use crate::{Storage, StorageError};

/// Addresses keyed per round of the start-up backfill.
const BACKFILL_BATCH: i64 = 500;

#[derive(FromRow)]
struct OpenRow {
    id: i64,
    mahalla_id: i64,
    citizen_id: Option<i64>,
    citizen_phone: String,
    address_key: String,
    body: String,
}

#[derive(FromRow)]
struct CandidateRow {
    id: i64,
    number: String,
    stage: String,
    category: String,
    created_at: i64,
    body: String,
    citizen_id: Option<i64>,
    mahalla_id: i64,
    district_id: i64,
    same_citizen: i64,
    same_address: i64,
}

impl Storage {
    /// The appeals related to `number`, strongest first, each with its scope (the caller
    /// leaves out those the viewer may not read). `now` bounds the window of similar words.
    pub async fn related_appeals(
        &self,
        number: &str,
        now: i64,
    ) -> Result<Vec<(RelatedAppeal, AppealScope)>, StorageError> {
        let open: OpenRow = sqlx::query_as(
            "SELECT id, mahalla_id, citizen_id, citizen_phone, address_key, body \
             FROM appeals WHERE number = $1",
        )
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        let since = now - SIMILAR_WITHIN_DAYS * 86_400;

        // `-1` never matches an id, '' never a phone or key: an anonymous or anonymised
        // appeal matches by its words only.
        let rows: Vec<CandidateRow> = sqlx::query_as(
            "SELECT a.id, a.number, a.stage, a.category, a.created_at, a.body, a.citizen_id, \
             a.mahalla_id, m.district_id, \
             CASE WHEN a.citizen_id = $2 OR (a.citizen_phone = $3 AND a.citizen_phone <> '') THEN 1 ELSE 0 END AS same_citizen, \
             CASE WHEN a.mahalla_id = $4 AND a.address_key = $5 AND a.address_key <> '' THEN 1 ELSE 0 END AS same_address \
             FROM appeals a JOIN mahallas m ON m.id = a.mahalla_id \
             WHERE a.id <> $1 AND (a.citizen_id = $2 OR (a.citizen_phone = $3 AND a.citizen_phone <> '') \
                OR (a.mahalla_id = $4 AND a.address_key = $5 AND a.address_key <> '') \
                OR (a.mahalla_id = $4 AND a.created_at >= $6))",
        )
        .bind(open.id)
        .bind(open.citizen_id.unwrap_or(-1))
        .bind(&open.citizen_phone)
        .bind(open.mahalla_id)
        .bind(&open.address_key)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        let links = self.links_of(open.id).await?;

        let likeness = Likeness::shared();
        let open_words = likeness.vector(&open.body);
        let mut related = Vec::new();
        for row in rows {
            let alike = Likeness::compare(&open_words, &likeness.vector(&row.body));
            let mut reasons = Vec::new();
            if row.same_citizen == 1 {
                reasons.push(RelatedReason::SameCitizen);
            }
            if row.same_address == 1 {
                reasons.push(RelatedReason::SameAddress);
            }
            if alike >= SIMILAR_FROM && row.mahalla_id == open.mahalla_id && row.created_at >= since
            {
                reasons.push(RelatedReason::SimilarText);
            }
            if reasons.is_empty() {
                continue;
            }
            let appeal = RelatedAppeal {
                number: row.number,
                stage: code(&row.stage, "stage")?,
                category: code(&row.category, "category")?,
                created_at: row.created_at,
                excerpt: excerpt(&row.body),
                reasons,
                likeness: (alike * 100.0).round() / 100.0,
                linked: links.get(&row.id).copied(),
            };
            let scope = AppealScope {
                citizen_id: row.citizen_id,
                mahalla_id: row.mahalla_id,
                district_id: row.district_id,
            };
            related.push((appeal, scope));
        }
        related.sort_by_key(|(appeal, _)| std::cmp::Reverse(appeal.rank()));
        Ok(related)
    }

    /// The appeals linked to appeal `id`, either way: other id → kind.
    async fn links_of(&self, id: i64) -> Result<HashMap<i64, LinkKind>, StorageError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT CASE WHEN appeal_id = $1 THEN other_id ELSE appeal_id END AS other, kind \
             FROM appeal_links WHERE appeal_id = $1 OR other_id = $1",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(other, kind)| Ok((other, code::<LinkKind>(&kind, "kind")?)))
            .collect()
    }

    /// Gives appeals stored before address keys existed their key; answers how many were
    /// keyed. Idempotent (runs at every start; a second run finds nothing to do).
    pub async fn fill_address_keys(&self) -> Result<u64, StorageError> {
        let mut keyed = 0u64;
        loop {
            let rows: Vec<(i64, String)> = sqlx::query_as(
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
            for (id, address) in &rows {
                // An address without a name or number ("uy") matches no other: it is keyed
                // by its appeal, so that the next round does not meet it again.
                let key = Some(address_key(address))
                    .filter(|key| !key.is_empty())
                    .unwrap_or_else(|| format!("#{id}"));
                sqlx::query("UPDATE appeals SET address_key = $1 WHERE id = $2")
                    .bind(key)
                    .bind(*id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            keyed += rows.len() as u64;
        }
    }
}
