//! What a caller records: an [`Event`] (who did what to which subject, with details).

use jiff::Timestamp;

use crate::details::Details;

/// One thing that happened, before it is sequenced and chained by [`Chain::append`](crate::Chain::append).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub(crate) actor: String,
    pub(crate) action: String,
    pub(crate) subject: String,
    pub(crate) details: Details,
    pub(crate) ts: Option<Timestamp>,
}

impl Event {
    /// An event with empty details, timestamped when it is appended. `actor` is who acted
    /// (`dispatcher`, `crew-2/builder`), `action` a dotted verb (`order.dispatch`), `subject` what it
    /// acted on (`v1/health`).
    #[must_use]
    pub fn new(
        actor: impl Into<String>,
        action: impl Into<String>,
        subject: impl Into<String>,
    ) -> Event {
        Event {
            actor: actor.into(),
            action: action.into(),
            subject: subject.into(),
            details: Details::new(),
            ts: None,
        }
    }

    /// Sets the details object.
    #[must_use]
    pub fn with_details(mut self, details: Details) -> Event {
        self.details = details;
        self
    }

    /// Records `ts` instead of the time of the append (for imports and reproducible examples).
    /// It is written truncated to whole seconds, like every `ts`.
    #[must_use]
    pub fn at(mut self, ts: Timestamp) -> Event {
        self.ts = Some(ts);
        self
    }

    /// Who acted.
    #[must_use]
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// What was done.
    #[must_use]
    pub fn action(&self) -> &str {
        &self.action
    }

    /// What it was done to.
    #[must_use]
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The details object.
    #[must_use]
    pub fn details(&self) -> &Details {
        &self.details
    }
}
