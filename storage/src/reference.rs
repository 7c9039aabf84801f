//! Places: regions, districts and their mahallas, loaded at start-up as reference data
//! (idempotently, so a restart or a second server instance changes nothing) and read by
//! the forms.

use domain::bodies::DistrictOption;
use domain::mahalla::MahallaOption;
use sqlx::FromRow;

use crate::{Storage, StorageError};

/// A district (tuman) with its region and the names of its mahallas.
pub struct District {
    pub region_code: &'static str,
    pub region_name: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub mahallas: &'static [&'static str],
    /// The competent bodies appeals are forwarded to (kind code, name): loaded once, when
    /// the district has none; administrators edit them afterwards.
    pub bodies: &'static [(&'static str, &'static str)],
}

/// Yunusobod district of Tashkent city. Mahalla names follow the published list of the
/// district's citizens' assemblies (58 names, in standard Uzbek Latin spelling); mahallas
/// renamed since then are edited by administrators, not here.
pub static YUNUSOBOD: District = District {
    region_code: "toshkent-shahri",
    region_name: "Toshkent shahri",
    code: "yunusobod",
    name: "Yunusobod tumani",
    mahallas: &[
        "Adolat",
        "Ahmad Donish",
        "Akbarobod",
        "Astrobod",
        "Axilobod",
        "Beruniy",
        "Bobodehqon",
        "Bodomzor",
        "Bog'ishamol",
        "Chinor",
        "Chosh-tepa",
        "Do'stlik",
        "Firdavsiy",
        "G'ulommahmud Abdullayev",
        "G'ayratiy",
        "Guliston",
        "Hasanboy",
        "Husniobod",
        "Islomobod",
        "Ittifoq",
        "Jomiy",
        "Kulolqo'rg'on",
        "Ming O'rik",
        "Minor",
        "Mirzo Ulug'bek",
        "Matonat",
        "Navro'z",
        "Nodirabegim",
        "Obod",
        "Oqibat",
        "Oqqo'rg'on",
        "Oqtepa",
        "Otchopar-1",
        "Otchopar-2",
        "Oybek",
        "O'zbekiston Mustaqilligi",
        "Posira",
        "Qashqar",
        "Qo'shchinor",
        "Shahriston",
        "Sharq Haqiqati",
        "Shayx Shivli",
        "Shodlik",
        "Sobirobod",
        "Tinchlik",
        "Turk qo'rg'on",
        "Turkiston",
        "Turon",
        "Uch qahramon",
        "Umid",
        "Usta Shirin",
        "Uvaysiy",
        "Xiyobon tepa",
        "Yangi hayot",
        "Yangiariq",
        "Yangiobod",
        "Yunus ota",
        "Yunusobod",
    ],
    bodies: &[
        ("police", "Yunusobod tumani IIB"),
        ("social", "Yunusobod tumani ijtimoiy himoya bo'limi"),
        ("hokimiyat", "Yunusobod tumani hokimligi"),
        ("other", "Yunusobod tumani prokuraturasi"),
    ],
};

impl Storage {
    /// Inserts the district, its region and its mahallas unless they are there already.
    pub async fn ensure_district(&self, district: &District) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO regions (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
        )
        .bind(district.region_code)
        .bind(district.region_name)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO districts (region_id, code, name) \
             SELECT id, $2, $3 FROM regions WHERE code = $1 \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(district.region_code)
        .bind(district.code)
        .bind(district.name)
        .execute(&mut *tx)
        .await?;
        for name in district.mahallas {
            sqlx::query(
                "INSERT INTO mahallas (district_id, name) \
                 SELECT id, $2 FROM districts WHERE code = $1 \
                 ON CONFLICT (district_id, name) DO NOTHING",
            )
            .bind(district.code)
            .bind(*name)
            .execute(&mut *tx)
            .await?;
        }
        let has_bodies: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM bodies b JOIN districts d ON d.id = b.district_id WHERE d.code = $1",
        )
        .bind(district.code)
        .fetch_one(&mut *tx)
        .await?;
        if has_bodies == 0 {
            for (kind, name) in district.bodies {
                sqlx::query(
                    "INSERT INTO bodies (district_id, kind, name) SELECT id, $2, $3 FROM districts WHERE code = $1",
                )
                .bind(district.code)
                .bind(*kind)
                .bind(*name)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// All mahallas, by name, for the citizen's form.
    pub async fn mahallas(&self) -> Result<Vec<MahallaOption>, StorageError> {
        let rows: Vec<MahallaRow> =
            sqlx::query_as("SELECT id, name, district_id FROM mahallas ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(MahallaRow::into_option).collect())
    }

    /// All districts, by name, for the staff form and the directory of bodies.
    pub async fn districts(&self) -> Result<Vec<DistrictOption>, StorageError> {
        let rows: Vec<DistrictRow> = sqlx::query_as("SELECT id, name FROM districts ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| DistrictOption {
                id: row.id,
                name: row.name,
            })
            .collect())
    }

    /// Whether the mahalla `id` exists (filing checks it again where it stores the appeal).
    pub async fn mahalla_exists(&self, id: i64) -> Result<bool, StorageError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mahallas WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }
}

#[derive(FromRow)]
struct MahallaRow {
    id: i64,
    name: String,
    district_id: i64,
}

impl MahallaRow {
    fn into_option(self) -> MahallaOption {
        MahallaOption {
            id: self.id,
            name: self.name,
            district_id: self.district_id,
        }
    }
}

#[derive(FromRow)]
struct DistrictRow {
    id: i64,
    name: String,
}

#[cfg(test)]
mod tests {
    use super::YUNUSOBOD;

    #[test]
    fn mahalla_names_are_unique_and_trimmed() {
        let mut names: Vec<&str> = YUNUSOBOD.mahallas.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), YUNUSOBOD.mahallas.len());
        assert!(names.iter().all(|n| n.trim() == *n && !n.is_empty()));
    }
}
