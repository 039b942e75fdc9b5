//! ISO 8601 timestamps as the GitHub API reads and writes them.

use std::time::SystemTime;

/// `seconds` since the epoch shown in the time zone `offset_seconds` east of UTC, e.g.
/// `2026-01-01T02:00:00+02:00`. GitHub keeps the offset, so a commit re-created from this
/// date gets the same `<seconds> <+hhmm>` in its author line as the original.
pub(crate) fn iso8601(seconds: i64, offset_seconds: i32) -> String {
    let local = seconds + i64::from(offset_seconds);
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let of_day = local.rem_euclid(86_400);
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let offset_minutes = offset_seconds.unsigned_abs() / 60;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        offset_minutes / 60,
        offset_minutes % 60,
    )
}

/// `time` in UTC, e.g. `2026-01-01T00:00:00Z`, for messages that say when to retry.
pub(crate) fn utc(time: SystemTime) -> String {
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX / 2),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX / 2),
    };
    let mut text = iso8601(seconds, 0);
    text.truncate(text.len() - "+00:00".len());
    text.push('Z');
    text
}

/// The proleptic Gregorian date of `days` since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * month_index + 2) / 5 + 1)
        .expect("a day of the month is 1..=31");
    let month = u32::try_from(if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    })
    .expect("a month is 1..=12");
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_with_the_offset_kept() {
        assert_eq!(iso8601(0, 0), "1970-01-01T00:00:00+00:00");
        // 2026-01-01T00:00:00Z
        assert_eq!(iso8601(1_767_225_600, 0), "2026-01-01T00:00:00+00:00");
        assert_eq!(iso8601(1_767_225_600, 7200), "2026-01-01T02:00:00+02:00");
        assert_eq!(
            iso8601(1_767_225_600, -(5 * 3600 + 1800)),
            "2025-12-31T18:30:00-05:30"
        );
        // A leap day, and a date before the epoch.
        assert_eq!(iso8601(951_782_400, 0), "2000-02-29T00:00:00+00:00");
        assert_eq!(iso8601(-1, 0), "1969-12-31T23:59:59+00:00");
    }

    #[test]
    fn utc_ends_in_z() {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_661);
        assert_eq!(utc(time), "2026-01-01T00:01:01Z");
    }
}
