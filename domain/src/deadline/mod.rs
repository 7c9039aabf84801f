//! Legal deadlines (muddat) of the law on appeals, and Tashkent time: when an appeal counts
//! as registered, when its answer is due, and how dates are shown (dd.mm.yyyy, UTC+5).

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveTime, Utc, Weekday};

use crate::appeal::AppealKind;

/// Uzbekistan keeps UTC+5 all year (no daylight saving since 1992).
pub const TASHKENT_UTC_OFFSET_SECONDS: i32 = 5 * 3600;

// Showing dates needs no calendar library: the browser calls no chrono code, and the
// server and the browser render the very same text.

/// A Unix time in Tashkent as (year, month, day, hour, minute).
pub fn tashkent_parts(unix_seconds: i64) -> (i64, u32, u32, u32, u32) {
    let local = unix_seconds + i64::from(TASHKENT_UTC_OFFSET_SECONDS);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let seconds = local.rem_euclid(86_400);
    (
        year,
        month,
        day,
        (seconds / 3600) as u32,
        (seconds % 3600 / 60) as u32,
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// `dd.mm.yyyy` in Tashkent time.
pub fn format_date(unix_seconds: i64) -> String {
    let (year, month, day, _, _) = tashkent_parts(unix_seconds);
    format!("{day:02}.{month:02}.{year:04}")
}

/// `dd.mm.yyyy HH:MM` in Tashkent time.
pub fn format_date_time(unix_seconds: i64) -> String {
    let (year, month, day, hour, minute) = tashkent_parts(unix_seconds);
    format!("{day:02}.{month:02}.{year:04} {hour:02}:{minute:02}")
}

/// `yyyy-mm-dd` (as stored) shown as `dd.mm.yyyy`; anything else is shown as it is.
pub fn format_iso_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(year), Some(month), Some(day))
            if year.len() == 4 && month.len() == 2 && day.len() == 2 =>
        {
            format!("{day}.{month}.{year}")
        }
        _ => iso.to_owned(),
    }
}

/// A calendar day written `yyyy-mm-dd` (as forms send it and the database stores it),
/// checked to exist: no 30 February.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl IsoDate {
    /// How many days the month has.
    fn days_in_month(year: i32, month: u32) -> u32 {
        match month {
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => 31,
        }
    }

    /// Shown as `dd.mm.yyyy`.
    pub fn shown(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

impl std::str::FromStr for IsoDate {
    type Err = crate::code::UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || crate::code::UnknownCode(s.to_owned());
        let bytes = s.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(bad());
        }
        let year: i32 = s[..4].parse().map_err(|_| bad())?;
        let month: u32 = s[5..7].parse().map_err(|_| bad())?;
        let day: u32 = s[8..].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > Self::days_in_month(year, month) {
            return Err(bad());
        }
        Ok(IsoDate { year, month, day })
    }
}

impl serde::Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl IsoDate {
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }

    pub fn from_naive(date: NaiveDate) -> IsoDate {
        IsoDate {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }
}

/// The Tashkent calendar day of an instant (Unix seconds).
pub fn tashkent_date(unix_seconds: i64) -> IsoDate {
    let (year, month, day, _, _) = tashkent_parts(unix_seconds);
    IsoDate {
        year: year as i32,
        month,
        day,
    }
}

const TASHKENT: FixedOffset = match FixedOffset::east_opt(TASHKENT_UTC_OFFSET_SECONDS) {
    Some(offset) => offset,
    None => panic!("UTC+5 is a valid offset"),
};

/// Tashkent's time zone.
pub fn tashkent() -> FixedOffset {
    TASHKENT
}

/// The rules as configurable defaults (ZRU-445 of 11.09.2017).
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRules {
    /// ariza and shikoyat are answered within this many days of registration.
    pub short_term_days: u64,
    /// taklif is answered within this many months of registration.
    pub long_term_months: u32,
    /// The office opens at this Tashkent time on working days.
    pub office_opens: NaiveTime,
    /// An appeal that arrives at or after this time counts from the next working day.
    pub office_closes: NaiveTime,
    /// Days the office does not work.
    pub days_off: Vec<Weekday>,
    /// An appeal outside the body's competence is forwarded within this many days.
    pub forward_within_days: u64,
    /// The head of the body may extend the term once, by at most this many months.
    pub extension_max_months: u32,
    /// When a taklif needs additional study, the citizen is told within this many days of
    /// registration.
    pub study_notice_within_days: u64,
}

/// Why a deadline cannot be extended as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionRefused {
    /// The term was extended once already.
    AlreadyExtended,
    /// The new date is not after the current one.
    NotLater,
    /// The new date is more than the allowed months after the current one.
    TooLong { latest: NaiveDate },
}

impl Default for DeadlineRules {
    fn default() -> Self {
        DeadlineRules {
            short_term_days: 15,
            long_term_months: 1,
            office_opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            office_closes: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            days_off: vec![Weekday::Sat, Weekday::Sun],
            forward_within_days: 5,
            extension_max_months: 1,
            study_notice_within_days: 10,
        }
    }
}

impl DeadlineRules {
    pub(crate) fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.days_off.contains(&date.weekday())
    }

    /// The day an appeal is registered: the day it arrives, or the next working day if it
    /// arrives after hours or on a day off (registration itself is never refused).
    pub fn registration_date(&self, arrived: DateTime<Utc>) -> NaiveDate {
        let local = arrived.with_timezone(&tashkent());
        let mut date = local.date_naive();
        if self.is_working_day(date) && local.time() < self.office_closes {
            return date;
        }
        date = date + Days::new(1);
        while !self.is_working_day(date) {
            date = date + Days::new(1);
        }
        date
    }

    /// The last day on which the answer is due.
    pub fn due_date(&self, kind: AppealKind, registered_on: NaiveDate) -> NaiveDate {
        match kind {
            AppealKind::Ariza | AppealKind::Shikoyat => {
                registered_on + Days::new(self.short_term_days)
            }
            // Month arithmetic clamps to the month's end: 31.01 + 1 month = 28.02 (29.02).
            AppealKind::Taklif => registered_on
                .checked_add_months(Months::new(self.long_term_months))
                .unwrap_or(registered_on),
        }
    }
}

impl DeadlineRules {
    /// The last day to forward an appeal to the competent body, counted from the day the
    /// need was found.
    pub fn forward_due(&self, decided_on: NaiveDate) -> NaiveDate {
        decided_on + Days::new(self.forward_within_days)
    }

    /// The last day for the answer once the appeal needs additional study, checks or
    /// documents: an ariza or shikoyat gets the longer term (one month from registration,
    /// never earlier than `current`); a taklif keeps its term (the citizen is told instead).
    pub fn study_due(
        &self,
        kind: AppealKind,
        registered_on: NaiveDate,
        current: NaiveDate,
    ) -> NaiveDate {
        let longer = match kind {
            AppealKind::Ariza | AppealKind::Shikoyat => registered_on
                .checked_add_months(Months::new(self.long_term_months))
                .unwrap_or(registered_on),
            AppealKind::Taklif => current,
        };
        longer.max(current)
    }

    /// The last day to tell the citizen that a taklif needs additional study.
    pub fn study_notice_due(&self, registered_on: NaiveDate) -> NaiveDate {
        registered_on + Days::new(self.study_notice_within_days)
    }

    /// The new due date when the term is extended to `wanted`: once only, later than the
    /// current date, and at most `extension_max_months` after it (month ends clamp).
    pub fn extended_due(
        &self,
        current: NaiveDate,
        wanted: NaiveDate,
        already_extended: bool,
    ) -> Result<NaiveDate, ExtensionRefused> {
        if already_extended {
            return Err(ExtensionRefused::AlreadyExtended);
        }
        if wanted <= current {
            return Err(ExtensionRefused::NotLater);
        }
        let latest = current
            .checked_add_months(Months::new(self.extension_max_months))
            .unwrap_or(current);
        if wanted > latest {
            return Err(ExtensionRefused::TooLong { latest });
        }
        Ok(wanted)
    }
}

/// The last second of a Tashkent calendar day, as a UTC instant (Unix seconds).
pub fn end_of_day(date: NaiveDate) -> i64 {
    let next_midnight = (date + Days::new(1)).and_time(NaiveTime::MIN);
    next_midnight.and_utc().timestamp() - i64::from(TASHKENT_UTC_OFFSET_SECONDS) - 1
}

/// Whole days from `since` to `now` (both Unix seconds), never negative.
pub fn age_in_days(since: i64, now: i64) -> i64 {
    ((now - since) / 86_400).max(0)
}

/// The Tashkent calendar day of a UTC instant.
pub fn tashkent_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tashkent()).date_naive()
}

/// Why a term cannot be changed as asked, at the level of instants (what the server stores).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermRefused {
    /// A stored date is not a real day.
    Malformed,
    Extension(ExtensionRefused),
}

/// What additional study decides about the term (see [`DeadlineRules::study_terms`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StudyTerms {
    /// The new end of the term (Unix seconds): unchanged for a taklif.
    pub due_at: i64,
    /// A taklif's citizen is told later than the law allows.
    pub told_late: bool,
}

impl DeadlineRules {
    /// The end of the last day to hand a forwarded appeal to its body, forwarded at `now`.
    pub fn forward_due_at(&self, now: DateTime<Utc>) -> i64 {
        end_of_day(self.forward_due(tashkent_today(now)))
    }

    /// The new end of the term when the term now ending at `due_at` is extended to `wanted`.
    pub fn extended_due_at(&self, due_at: i64, wanted: IsoDate) -> Result<i64, TermRefused> {
        let current = tashkent_date(due_at)
            .to_naive()
            .ok_or(TermRefused::Malformed)?;
        let wanted = wanted.to_naive().ok_or(TermRefused::Malformed)?;
        self.extended_due(current, wanted, false)
            .map(end_of_day)
            .map_err(TermRefused::Extension)
    }

    /// What additional study means for an appeal of `kind` registered on `registered_on`
    /// (`yyyy-mm-dd`) and now due at `due_at`, decided at `now` (Unix seconds).
    pub fn study_terms(
        &self,
        kind: AppealKind,
        registered_on: &str,
        due_at: i64,
        now: i64,
    ) -> Result<StudyTerms, TermRefused> {
        let registered = registered_on
            .parse::<IsoDate>()
            .ok()
            .and_then(IsoDate::to_naive)
            .ok_or(TermRefused::Malformed)?;
        let current = tashkent_date(due_at)
            .to_naive()
            .ok_or(TermRefused::Malformed)?;
        let due = self.study_due(kind, registered, current);
        let new_due_at = if due == current {
            due_at
        } else {
            end_of_day(due)
        };
        let told_late =
            kind == AppealKind::Taklif && now > end_of_day(self.study_notice_due(registered));
        Ok(StudyTerms {
            due_at: new_due_at,
            told_late,
        })
    }

    /// The latest day the term now ending at `due_at` can be extended to.
    pub fn latest_extension(&self, due_at: i64) -> Option<IsoDate> {
        let current = tashkent_date(due_at).to_naive()?;
        let latest = current.checked_add_months(Months::new(self.extension_max_months))?;
        Some(IsoDate::from_naive(latest))
    }
}

#[cfg(test)]
mod tests;
