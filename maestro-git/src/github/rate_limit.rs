//! Reading GitHub's rate-limit answers, and the injectable [`Sleeper`] that waits them out.
//!
//! GitHub signals a limit in three ways: a `Retry-After` header (seconds) on a 429 or 403, a
//! primary limit (`x-ratelimit-remaining: 0` with `x-ratelimit-reset`, epoch seconds), and a
//! secondary limit (a 403 whose message mentions "secondary rate limit", sometimes without any
//! header, in which case GitHub advises waiting at least a minute).

use std::time::{Duration, SystemTime};

use super::transport::{HttpResponse, header};

/// Waits out a rate limit. The default, [`ThreadSleeper`], blocks the thread; tests pass one
/// that records the requested waits instead.
pub trait Sleeper: Send + Sync {
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration);
}

/// Blocks the current thread with [`std::thread::sleep`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadSleeper;

impl Sleeper for ThreadSleeper {
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

impl<F: Fn(Duration) + Send + Sync> Sleeper for F {
    fn sleep(&self, duration: Duration) {
        self(duration);
    }
}

/// How long `response` asks the client to wait before retrying, or `None` when it is not a
/// rate-limit answer. `now` dates `x-ratelimit-reset`; `secondary_default` is the wait for a
/// limit that names no time.
pub(crate) fn requested_wait(
    response: &HttpResponse,
    now: SystemTime,
    secondary_default: Duration,
) -> Option<Duration> {
    if response.status() != 403 && response.status() != 429 {
        return None;
    }
    if let Some(seconds) =
        header(response.headers(), "retry-after").and_then(|value| value.trim().parse::<u64>().ok())
    {
        return Some(Duration::from_secs(seconds));
    }
    let exhausted = header(response.headers(), "x-ratelimit-remaining")
        .is_some_and(|value| value.trim() == "0");
    if exhausted
        && let Some(reset) = header(response.headers(), "x-ratelimit-reset")
            .and_then(|value| value.trim().parse::<u64>().ok())
    {
        let reset = SystemTime::UNIX_EPOCH + Duration::from_secs(reset);
        // The reset time is whole seconds: wait until it has passed, and at least a second.
        let wait = reset.duration_since(now).unwrap_or_default();
        return Some(Duration::from_secs(wait.as_secs() + 1));
    }
    let secondary = String::from_utf8_lossy(response.body())
        .to_ascii_lowercase()
        .contains("secondary rate limit");
    if secondary || response.status() == 429 {
        return Some(secondary_default);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::github::transport::canned_response as response;

    const NOW_SECS: u64 = 1_700_000_000;
    const DEFAULT: Duration = Duration::from_secs(60);

    fn wait(response: &HttpResponse) -> Option<Duration> {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(NOW_SECS);
        requested_wait(response, now, DEFAULT)
    }

    #[test]
    fn retry_after_is_honoured_on_429_and_403() {
        assert_eq!(
            wait(&response(429, &[("Retry-After", "7")], "")),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            wait(&response(403, &[("retry-after", " 2 ")], "{}")),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn primary_limit_waits_until_the_reset() {
        let reset = (NOW_SECS + 30).to_string();
        let limited = response(
            403,
            &[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", &reset),
            ],
            r#"{"message":"API rate limit exceeded"}"#,
        );
        assert_eq!(wait(&limited), Some(Duration::from_secs(31)));
        let past = (NOW_SECS - 5).to_string();
        let stale = response(
            403,
            &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", &past)],
            "",
        );
        assert_eq!(wait(&stale), Some(Duration::from_secs(1)));
    }

    #[test]
    fn secondary_limit_without_header_uses_the_default() {
        let body = r#"{"message":"You have exceeded a secondary rate limit. Please wait."}"#;
        assert_eq!(wait(&response(403, &[], body)), Some(DEFAULT));
        assert_eq!(wait(&response(429, &[], "")), Some(DEFAULT));
    }

    #[test]
    fn other_answers_are_not_rate_limits() {
        let forbidden = response(
            403,
            &[("x-ratelimit-remaining", "12")],
            r#"{"message":"Resource not accessible by integration"}"#,
        );
        assert_eq!(wait(&forbidden), None);
        assert_eq!(wait(&response(500, &[("Retry-After", "3")], "")), None);
        assert_eq!(
            wait(&response(200, &[("x-ratelimit-remaining", "0")], "")),
            None
        );
    }
}
