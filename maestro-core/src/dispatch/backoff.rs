//! One back-off for every crew of a run: when the model's API refuses a crew (a rate or usage
//! limit, an overloaded API), no crew starts or resumes before the limit passes, and then a
//! single crew goes first. Only once the API has served it do the others follow, so five crews
//! never hammer an API that refuses them.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::name::OrderId;

/// The longest pause when the API did not say when its limit resets.
pub const MAX_PAUSE: Duration = Duration::from_secs(15 * 60);

/// The shared back-off of a run.
#[derive(Debug, Default)]
pub struct Backoff {
    /// No crew starts before this.
    until: Option<Timestamp>,
    /// The crew that went first after a pause, until the API serves it.
    probe: Option<OrderId>,
    /// Refusals since the API last served a crew (each doubles a pause the API did not name).
    streak: u32,
}

impl Backoff {
    /// The API refused a crew: nothing starts before `until` when the API said it, else
    /// before `now` plus `base` doubled for every refusal since the API last served a crew
    /// (at most [`MAX_PAUSE`]). Returns the time the refused crew may go on.
    pub fn refused(
        &mut self,
        until: Option<Timestamp>,
        now: Timestamp,
        base: Duration,
    ) -> Timestamp {
        let until = until.unwrap_or_else(|| {
            let pause = base
                .saturating_mul(2u32.saturating_pow(self.streak))
                .min(MAX_PAUSE);
            now.saturating_add(SignedDuration::try_from(pause).unwrap_or(SignedDuration::MAX))
                .unwrap_or(now)
        });
        self.streak = self.streak.saturating_add(1);
        self.until = Some(self.until.map_or(until, |held| held.max(until)));
        self.probe = None;
        until
    }

    /// The API served a crew at `now`: once the pause has passed, the back-off is over. A
    /// crew served before that (its request was on its way before the refusal) does not end
    /// the pause the API asked for.
    pub fn served(&mut self, now: Timestamp) {
        if self.until.is_none_or(|until| now >= until) {
            *self = Backoff::default();
        }
    }

    /// A crew that ended without a word from the API (it failed before asking, or its work
    /// failed): if it was the one that went first, the next may go.
    pub fn ended(&mut self, order: &OrderId) {
        if self.probe.as_ref() == Some(order) {
            self.probe = None;
        }
    }

    /// Whether a crew may start at `now`; when it may and a pause just passed, `order` is the
    /// one that goes first and the others wait for it.
    pub fn admit(&mut self, order: &OrderId, now: Timestamp) -> bool {
        match self.until {
            None => true,
            Some(until) if now < until => false,
            Some(_) => {
                if self.probe.is_some() {
                    return false;
                }
                self.probe = Some(order.clone());
                true
            }
        }
    }

    /// When the pause ends, while one holds.
    #[must_use]
    pub fn until(&self) -> Option<Timestamp> {
        self.until
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> OrderId {
        s.parse().expect("id")
    }

    #[test]
    fn one_crew_goes_first_after_a_pause_and_the_rest_follow_once_it_is_served() {
        let now = Timestamp::from_second(1_000_000).expect("time");
        let mut backoff = Backoff::default();
        assert!(backoff.admit(&id("a"), now), "no pause: every crew starts");
        assert!(backoff.admit(&id("b"), now));
        let reset = now + SignedDuration::from_secs(30);
        assert_eq!(
            backoff.refused(Some(reset), now, Duration::from_secs(5)),
            reset
        );
        // A shorter pause asked by another crew does not shorten the shared one.
        let earlier = now + SignedDuration::from_secs(2);
        assert_eq!(
            backoff.refused(Some(earlier), now, Duration::from_secs(5)),
            earlier
        );
        assert_eq!(backoff.until(), Some(reset));
        backoff.served(now + SignedDuration::from_secs(1));
        assert!(
            !backoff.admit(&id("a"), now + SignedDuration::from_secs(29)),
            "a crew served during the pause does not end it"
        );
        let later = reset + SignedDuration::from_secs(1);
        assert!(backoff.admit(&id("a"), later), "the first goes");
        assert!(!backoff.admit(&id("b"), later), "the others wait for it");
        backoff.served(later);
        assert!(backoff.admit(&id("b"), later));
        assert!(backoff.admit(&id("c"), later));
    }

    #[test]
    fn an_unnamed_pause_doubles_up_to_a_cap_and_a_probe_that_ends_frees_the_next() {
        let now = Timestamp::from_second(1_000_000).expect("time");
        let base = Duration::from_secs(10);
        let mut backoff = Backoff::default();
        let secs = |t: Timestamp| t.duration_since(now).as_secs();
        assert_eq!(secs(backoff.refused(None, now, base)), 10);
        assert_eq!(secs(backoff.refused(None, now, base)), 20);
        assert_eq!(secs(backoff.refused(None, now, base)), 40);
        for _ in 0..20 {
            backoff.refused(None, now, base);
        }
        assert_eq!(
            secs(backoff.refused(None, now, base)),
            i64::try_from(MAX_PAUSE.as_secs()).expect("small")
        );
        let after = now + SignedDuration::from_secs(3600);
        assert!(backoff.admit(&id("a"), after));
        assert!(!backoff.admit(&id("b"), after));
        backoff.ended(&id("b"));
        assert!(
            !backoff.admit(&id("b"), after),
            "only the probe's end frees the next"
        );
        backoff.ended(&id("a"));
        assert!(backoff.admit(&id("b"), after));
    }
}
