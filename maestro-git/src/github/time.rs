//! ISO 8601 timestamps as the GitHub API reads and writes them.

use std::time::SystemTime;

/// `seconds` since the epoch shown in the time zone `offset_seconds` east of UTC, e.g.
/// `2026-01-01T02:00:00+02:00`. GitHub keeps the offset, so a commit re-created from this
/// date gets the same `<seconds> <+hhmm>` in its author line as the original.
pub(crate) fn iso8601(seconds: i64, offset_seconds: i32) -> String {
    gix::date::Time::new(seconds, offset_seconds)
        .format_or_unix(gix::date::time::format::ISO8601_STRICT)
}

/// `time` in UTC, e.g. `2026-01-01T00:00:00Z`, for messages that say when to retry.
pub(crate) fn utc(time: SystemTime) -> String {
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX / 2),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX / 2),
    };
    let text = iso8601(seconds, 0);
    text.strip_suffix("+00:00")
        .map_or_else(|| text.clone(), |t| format!("{t}Z"))
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
